"""An entry's earlier words: every edit keeps them, a restore brings one back (keeping the
words it replaces), and deleting an entry for good takes its history with it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_tui.journal import Answer, Journal
from practice_tui.journal.errors import RevisionNotFound
from tests.support.hand_clock import MONDAY_9AM as START
from tests.support.hand_clock import HandClock as Clock

QUESTION = "What did you notice?"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal(tmp_path: Path, clock: Clock) -> Journal:
    with Journal.open(tmp_path / "journal.sqlite3", now=clock) as opened:
        yield opened


def words(*texts: str) -> list[Answer]:
    return [Answer(QUESTION, text) for text in texts]


def test_an_edit_keeps_the_words_it_replaces_with_when_and_why(
    journal: Journal, clock: Clock
) -> None:
    entry = journal.entries.add(answers=words("First."), created_at=START)
    clock.moment = START + timedelta(hours=1)
    journal.entries.update(entry.id, words("Second."))
    clock.moment = START + timedelta(hours=2)
    journal.entries.update(entry.id, words("Third."))
    history = journal.revisions.of(entry.id)
    assert [r.text for r in history] == ["Second.", "First."]
    assert [r.reason for r in history] == ["edit", "edit"]
    assert history[1].written_at == "2026-01-05T09:00:00+01:00"  # written, then kept an hour on
    assert history[1].kept_at == "2026-01-05T10:00:00+01:00"
    assert history[0].written_at == "2026-01-05T10:00:00+01:00"  # the first edit's words


def test_an_edit_that_changes_no_words_keeps_no_revision(journal: Journal) -> None:
    entry = journal.entries.add(answers=words("Same."), created_at=START)
    journal.entries.update(entry.id, words("Same."))
    assert journal.revisions.of(entry.id) == []


def test_bringing_back_a_version_keeps_the_current_words(journal: Journal, clock: Clock) -> None:
    entry = journal.entries.add(answers=words("First."), created_at=START)
    clock.moment = START + timedelta(hours=1)
    journal.entries.update(entry.id, words("Second."))
    first = journal.revisions.of(entry.id)[0]
    clock.moment = START + timedelta(hours=2)
    restored = journal.revisions.bring_back(entry.id, first.id)
    assert restored.answers == tuple(words("First."))
    assert restored.edited_at == "2026-01-05T11:00:00+01:00"
    history = journal.revisions.of(entry.id)
    assert [(r.text, r.reason) for r in history] == [("Second.", "restore"), ("First.", "edit")]
    # Back again: "Second." is kept already, so the history does not grow twice.
    journal.revisions.bring_back(entry.id, history[0].id)
    assert [r.text for r in journal.revisions.of(entry.id)] == ["Second.", "First."]
    assert journal.entries.get(entry.id).answers == tuple(words("Second."))  # type: ignore[union-attr]


def test_a_version_of_another_entry_is_not_brought_back(journal: Journal) -> None:
    one = journal.entries.add(answers=words("One."), created_at=START)
    two = journal.entries.add(answers=words("Two."), created_at=START)
    journal.entries.update(one.id, words("One, changed."))
    kept = journal.revisions.of(one.id)[0]
    with pytest.raises(RevisionNotFound):
        journal.revisions.bring_back(two.id, kept.id)


def test_deleting_for_good_takes_the_history_too(journal: Journal) -> None:
    entry = journal.entries.add(answers=words("One."), created_at=START)
    journal.entries.update(entry.id, words("Two."))
    journal.entries.trash(entry.id)
    journal.entries.delete_forever(entry.id)
    other = journal.entries.add(answers=words("Three."), created_at=START)
    journal.entries.update(other.id, words("Four."))
    journal.entries.trash(other.id)
    journal.entries.empty_trash()
    assert journal.revisions.of(entry.id) == journal.revisions.of(other.id) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.text(max_size=20).filter(str.strip), min_size=1, max_size=6))
def test_no_edit_ever_loses_a_word(tmp_path_factory: pytest.TempPathFactory, texts: list[str]):
    """Whatever the edits, every text the entry ever held is its current words or kept."""
    path = tmp_path_factory.mktemp("j") / "journal.sqlite3"
    with Journal.open(path, now=Clock()) as journal:
        entry = journal.entries.add(answers=words("Start."), created_at=START)
        for text in texts:
            journal.entries.update(entry.id, words(text))
        now = journal.entries.get(entry.id)
        assert now is not None
        held = {now.answers[0].answer} | {
            r.answers[0].answer for r in journal.revisions.of(entry.id)
        }
        assert held == {"Start.", *texts}
