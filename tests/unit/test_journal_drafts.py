"""Drafts: writing in progress is kept until it is saved as an entry, in one transaction;
restoring one says what to show, and no words are ever lost to it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from itertools import count
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.journal import Answer, EditDraft, Journal, WritingDraft
from practice_tui.journal.drafts import (
    GONE_ENTRY_NOTICE,
    KeptAsNote,
    NothingToRestore,
    ResumeEdit,
    ResumeWriting,
    decode_content,
    encode_content,
)
from practice_tui.journal.models import LooseDraft


def words(*answers: str) -> EditDraft:
    return EditDraft("no-such-entry", "an entry", answers)


def reflection(*answers: str, session_id: str | None = None) -> WritingDraft:
    return WritingDraft(
        heading="Reflect",
        summary="Breathing Space.",
        questions=("What did you notice?",),
        ref_id="breathing-space",
        ref_name="Breathing Space",
        week=1,
        answers=answers,
        session_id=session_id,
    )


def test_a_draft_is_kept_updated_and_listed_newest_first(tmp_path: Path) -> None:
    minutes = count()
    start = datetime(2026, 3, 2, 9, 0).astimezone()

    def now() -> datetime:
        return start + timedelta(minutes=next(minutes))

    with Journal.open(tmp_path / "j.sqlite3", now=now) as journal:
        first = journal.drafts.save(words("a"))
        second = journal.drafts.save(words("b"))
        assert journal.drafts.save(words("a, more"), first) == first
        drafts = journal.drafts.all()
        assert [d.id for d in drafts] == [first, second]
        assert drafts[0].content == words("a, more")
    with Journal.open(tmp_path / "j.sqlite3") as again:
        assert {d.id for d in again.drafts.all()} == {first, second}


def test_saving_the_entry_removes_its_draft_in_the_same_transaction(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        draft = journal.drafts.save(reflection("kept"))
        journal.entries.add(answers=[Answer("Q?", "kept")], draft_id=draft)
        assert journal.drafts.all() == []
        assert len(journal.entries.newest()) == 1


def test_a_discarded_draft_is_gone_and_text_round_trips(tmp_path: Path) -> None:
    awkward = "[bold]x[/] \x1b[31m 🌿 " + "word " * 20_000
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        draft = journal.drafts.save(reflection(awkward))
        assert journal.drafts.all()[0].content.answers == (awkward,)
        journal.drafts.discard(draft)
        assert journal.drafts.all() == []


# -- the stored shape ---------------------------------------------------------------------

drafts = st.one_of(
    st.builds(
        WritingDraft,
        heading=st.text(),
        summary=st.text(),
        questions=st.lists(st.text(), max_size=3).map(tuple),
        ref_id=st.text(),
        ref_name=st.text(),
        week=st.one_of(st.none(), st.integers(1, 6)),
        answers=st.lists(st.text(), max_size=3).map(tuple),
        actions=st.text(),
        kind=st.sampled_from(["reflection", "exercise"]),
        collects=st.sampled_from(["answers", "actions", "sheet"]),
        session_id=st.one_of(st.none(), st.uuids().map(str)),
    ),
    st.builds(
        EditDraft,
        entry_id=st.uuids().map(str),
        ref_name=st.text(),
        answers=st.lists(st.text(), max_size=3).map(tuple),
    ),
    st.builds(LooseDraft, answers=st.lists(st.text(), min_size=1, max_size=3).map(tuple)),
)


@settings(max_examples=200)
@given(drafts)
def test_every_draft_reads_back_as_it_was_kept(draft: WritingDraft | EditDraft) -> None:
    stored = json.dumps(encode_content(draft), ensure_ascii=False)
    assert decode_content(stored) == draft


def test_a_draft_left_by_an_older_version_is_read_in_its_own_shape() -> None:
    older = {
        "writing": {
            "heading": "Reflect",
            "summary": "Breathing Space.",
            "questions": ["What did you notice?"],
            "ref_id": "breathing-space",
            "ref_name": "Breathing Space",
            "week": 1,
            "kind": "reflection",
            "collects": "answers",
            "session_id": None,
        },
        "answers": ["Calmer"],
        "actions": "",
    }
    assert decode_content(json.dumps(older)) == reflection("Calmer")
    edit = {"edit": {"entry_id": "e1", "ref_name": "Resourcing", "answers": ["New"]}}
    assert decode_content(json.dumps(edit)) == EditDraft("e1", "Resourcing", ("New",))


@given(st.text())
def test_words_in_a_damaged_draft_are_never_dropped(text: str) -> None:
    damaged = [
        json.dumps(text),
        json.dumps({"writing": {"heading": "no more"}, "answers": [text]}),
        json.dumps({"edit": {"answers": [text]}}),
    ]
    for stored in damaged:
        assert any(text in answer for answer in decode_content(stored).answers), stored
    # Stored as it is, not as JSON: the words come back as they were, or, when they happen to
    # read as a JSON string ('"a"'), as that string, which is how a draft's words are written.
    try:
        written = json.loads(text)
    except ValueError:
        written = None
    words = written if isinstance(written, str) else text
    assert any(words in answer for answer in decode_content(text).answers), text


# -- restoring ------------------------------------------------------------------------------


def test_restoring_new_writing_gives_the_screen_its_words_and_session(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        moment = journal.now()
        session = journal.sessions.record(
            practice_id="breathing-space",
            practice_name="Breathing Space",
            week=1,
            started_at=moment - timedelta(minutes=3),
            ended_at=moment,
            planned_seconds=180,
            practised_seconds=180,
            completed=True,
        )
        draft_id = journal.drafts.save(reflection("Calmer", session_id=session.id))
        [draft] = journal.drafts.all()
        restored = journal.drafts.restore(draft)
        assert restored == ResumeWriting(
            draft_id, reflection("Calmer", session_id=session.id), session
        )
        assert journal.drafts.all() == [draft]  # still kept until the screen saves


def test_restoring_a_change_opens_the_entry_with_the_changed_words(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        entry = journal.entries.add(answers=[Answer("q", "Old")])
        draft_id = journal.drafts.save(EditDraft(entry.id, "an entry", ("New",)))
        [draft] = journal.drafts.all()
        assert journal.drafts.restore(draft) == ResumeEdit(draft_id, entry, ("New",))


def test_a_change_to_an_entry_gone_for_good_is_kept_as_a_note(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        journal.drafts.save(EditDraft("gone", "Resourcing", ("New words", " ")))
        [draft] = journal.drafts.all()
        restored = journal.drafts.restore(draft)
        assert isinstance(restored, KeptAsNote) and restored.notice == GONE_ENTRY_NOTICE
        assert (restored.note.kind, restored.note.practice_name) == ("note", "Resourcing")
        assert journal.entries.newest() == [restored.note]
        assert restored.note.text == "New words"
        assert journal.drafts.all() == []  # went with the note, in one transaction


def test_a_change_with_no_words_left_is_let_go(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        journal.drafts.save(EditDraft("gone", "Resourcing", ("  ",)))
        [draft] = journal.drafts.all()
        assert journal.drafts.restore(draft) == NothingToRestore()
        assert journal.drafts.all() == [] and journal.entries.newest() == []


def test_a_damaged_draft_is_kept_as_a_note_when_restored(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        journal.drafts.save(reflection("placeholder"))
        journal._db.conn.execute("UPDATE drafts SET content = 'Words typed before a crash'")
        [draft] = journal.drafts.all()
        assert draft.content == LooseDraft(("Words typed before a crash",))
        restored = journal.drafts.restore(draft)
        assert isinstance(restored, KeptAsNote)
        assert journal.entries.newest()[0].text == "Words typed before a crash"
        assert journal.drafts.all() == []
