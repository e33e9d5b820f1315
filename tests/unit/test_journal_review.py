"""Reviewing the journal: filters, pages, groups, search, edits, stars and the trash."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_tui.journal import Answer, Journal
from practice_tui.journal.errors import EntryNotFound, NothingToSave, NotInTrash
from practice_tui.journal.query import NO_WEEK, EntryQuery
from practice_tui.journal.search import match_spans, parse_search, snippet
from tests.support.hand_clock import MONDAY_9AM as START
from tests.support.hand_clock import HandClock as Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal(tmp_path: Path, clock: Clock) -> Journal:
    with Journal.open(tmp_path / "journal.sqlite3", now=clock) as opened:
        yield opened


def write(journal: Journal, text: str, *, days: int = 0, week: int | None = None, **kw) -> str:
    entry = journal.entries.add(
        answers=[Answer("What did you notice?", text)],
        week=week,
        created_at=START + timedelta(days=days),
        **kw,
    )
    return entry.id


def test_pages_follow_the_groups_newest_first(journal: Journal) -> None:
    ids = {
        "w1-old": write(journal, "one", days=0, week=1, practice_id="a", practice_name="A"),
        "w1-new": write(journal, "two", days=1, week=1, practice_id="a", practice_name="A"),
        "w2": write(journal, "three", days=8, week=2, practice_id="b", practice_name="B"),
        "none": write(journal, "four", days=30),
    }
    page = journal.entries.page(grouping="week")
    assert [e.id for e in page] == [ids["w2"], ids["w1-new"], ids["w1-old"], ids["none"]]
    assert journal.entries.group_counts(grouping="week") == [(2, 1), (1, 2), (None, 1)]
    assert [e.id for e in journal.entries.page(grouping="week", offset=1, limit=2)] == [
        ids["w1-new"],
        ids["w1-old"],
    ]
    by_date = journal.entries.page(grouping="calendar")
    assert [e.id for e in by_date] == [ids["none"], ids["w2"], ids["w1-new"], ids["w1-old"]]
    assert journal.entries.group_counts(grouping="calendar") == [
        ("2026-02-02", 1),
        ("2026-01-12", 1),
        ("2026-01-05", 2),
    ]
    assert journal.entries.group_counts(grouping="none") == [(None, 4)]


def test_filters_by_week_practice_and_days(journal: Journal) -> None:
    a1 = write(journal, "one", days=0, week=1, practice_id="a", practice_name="A")
    b2 = write(journal, "two", days=8, week=2, practice_id="b", practice_name="B")
    loose = write(journal, "three", days=9)

    def found(**kw: object) -> list[str]:
        return [e.id for e in journal.entries.page(EntryQuery(**kw), grouping="none")]

    assert found(week=1) == [a1]
    assert found(week=NO_WEEK) == [loose]
    assert found(practice_id="b") == [b2]
    assert found(since=date(2026, 1, 13)) == [loose, b2]
    assert found(until=date(2026, 1, 13)) == [b2, a1]  # the last day is included
    assert found(since=date(2026, 1, 13), until=date(2026, 1, 13)) == [b2]
    assert journal.entries.count(EntryQuery(week=2)) == 1
    assert journal.entries.practices() == [("a", "A", 1), ("b", "B", 1)]


def test_search_finds_words_prefixes_and_phrases(journal: Journal) -> None:
    kind = write(journal, "Kindness to a tired colleague on the ward")
    write(journal, "A quiet morning, nothing much")
    accented = write(journal, "Café conversation with Zoë")

    def found(text: str) -> set[str]:
        return {e.id for e in journal.entries.page(EntryQuery(search=text), grouping="none")}

    assert found("kind") == {kind}
    assert found("KINDNESS ward") == {kind}
    assert found('"tired colleague"') == {kind}
    assert found('"colleague tired"') == set()
    assert found("cafe zoe") == {accented}
    assert found("kindness morning") == set()  # every word must be there


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        '""',
        "'",
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "col:word",
        "*",
        "^x",
        "(",
        ")",
        "-",
        "a\x00b",
        "🙂",
        "   ",
        "[bold]",
        '"unfinished phrase',
        "a AND OR b",
        "\\",
        "%_",
    ],
)
def test_any_typed_text_is_a_search_not_an_error(journal: Journal, typed: str) -> None:
    write(journal, "and or not near col word bold unfinished phrase")
    journal.entries.page(EntryQuery(search=typed), grouping="week")
    journal.entries.count(EntryQuery(search=typed))
    journal.entries.group_counts(EntryQuery(search=typed), grouping="calendar")


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=40))
def test_generated_queries_never_fail(journal: Journal, typed: str) -> None:
    journal.entries.count(EntryQuery(search=typed))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(word=st.text(alphabet=st.characters(categories=["Ll", "Lu", "Nd"]), min_size=1, max_size=12))
def test_a_written_word_is_always_found(
    tmp_path_factory: pytest.TempPathFactory, word: str
) -> None:
    path = tmp_path_factory.mktemp("j") / "journal.sqlite3"
    with Journal.open(path) as journal:
        entry = journal.entries.add(answers=[Answer("q", f"before {word} after")])
        found = journal.entries.page(EntryQuery(search=word), grouping="none")
        assert entry.id in {e.id for e in found}
        spans = match_spans(entry.text, parse_search(word))
        assert any(entry.text[s:e].casefold().startswith(word.casefold()[:1]) for s, e in spans)


def test_highlights_and_snippets() -> None:
    terms = parse_search('kind "the ward"')
    text = "Kindness on the ward, kind words."
    assert [text[s:e] for s, e in match_spans(text, terms)] == ["Kindness", "the", "ward", "kind"]
    long = "word " * 40 + "kindness at last " + "more " * 40
    cut = snippet(long, parse_search("kind"), width=60)
    assert "kindness" in cut and cut.startswith("…") and cut.endswith("…")
    assert snippet("short one", parse_search("zzz")) == "short one"


def test_edit_keeps_the_time_of_change_and_search_follows(journal: Journal, clock: Clock) -> None:
    entry_id = write(journal, "first words")
    clock.moment = START + timedelta(days=2, hours=3)
    edited = journal.entries.update(entry_id, [Answer("What did you notice?", "second thoughts")])
    assert edited.edited_at == edited.updated_at == "2026-01-07T12:00:00+01:00"
    assert edited.created_at == "2026-01-05T09:00:00+01:00"
    assert edited.text == "second thoughts"
    assert journal.entries.count(EntryQuery(search="first")) == 0
    assert journal.entries.count(EntryQuery(search="second")) == 1
    with pytest.raises(NothingToSave):
        journal.entries.update(entry_id, [Answer("q", "  ")])
    with pytest.raises(EntryNotFound):
        journal.entries.update("no-such-id", [Answer("q", "x")])


def test_star_and_starred_filter(journal: Journal) -> None:
    entry_id = write(journal, "worth keeping")
    write(journal, "ordinary")
    assert journal.entries.set_starred(entry_id, True).starred
    assert [e.id for e in journal.entries.page(EntryQuery(starred=True))] == [entry_id]
    assert not journal.entries.set_starred(entry_id, False).starred
    assert journal.entries.count(EntryQuery(starred=True)) == 0


def test_trash_restore_and_delete_for_good(journal: Journal) -> None:
    keep = write(journal, "keep me")
    gone = journal.entries.add(
        answers=[Answer("q", "bin me")],
        kind="exercise",
        practice_id="x",
        practice_name="X",
        actions=["call Sam"],
    ).id
    trashed = journal.entries.trash(gone)
    assert trashed.in_trash
    assert [e.id for e in journal.entries.newest()] == [keep]
    assert journal.entries.count(EntryQuery(search="bin")) == 0
    assert [e.id for e in journal.entries.page(EntryQuery(trashed=True))] == [gone]
    assert not journal.entries.restore(gone).in_trash
    assert journal.entries.count() == 2
    with pytest.raises(NotInTrash):
        journal.entries.delete_forever(gone)  # not in the trash
    journal.entries.trash(gone)
    journal.entries.delete_forever(gone)
    assert journal.entries.get(gone) is None
    [action] = journal.tasks.actions()
    assert action.text == "call Sam" and action.entry_id is None  # kept, unlinked
    journal.entries.trash(keep)
    assert journal.entries.empty_trash() == 1
    assert journal.entries.count(EntryQuery(trashed=True)) == 0


def test_search_index_matches_entries_after_every_change(journal: Journal, tmp_path: Path) -> None:
    ids = [write(journal, f"entry number {n}") for n in range(5)]
    journal.entries.update(ids[0], [Answer("q", "changed")])
    journal.entries.trash(ids[1])
    journal.entries.delete_forever(ids[1])
    conn = sqlite3.connect(journal.path)
    try:
        rows = conn.execute(
            "SELECT count(*) FROM entries e JOIN entries_fts f ON f.rowid = e.rowid"
        ).fetchone()[0]
        assert rows == conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 4
        conn.execute("INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')")
    finally:
        conn.close()


def test_forgotten_words_never_find_a_later_entry(journal: Journal) -> None:
    """The index keeps no copy of the words, so forgetting must remove exactly them: a new
    entry that takes the old one's rowid must not be found by the old words."""
    old = write(journal, "aubergine lighthouse")
    journal.entries.trash(old)
    journal.entries.delete_forever(old)
    write(journal, "something else entirely")
    edited = write(journal, "quince orchard")
    journal.entries.update(edited, [Answer("q", "plain words")])
    for gone in ("aubergine", "lighthouse", "quince", "orchard"):
        assert journal.entries.count(EntryQuery(search=gone)) == 0
    assert journal.entries.count(EntryQuery(search="plain")) == 1


def test_short_words_find_only_themselves(journal: Journal) -> None:
    """A word of one or two letters would begin nearly every entry, so it is a whole word."""
    both = write(journal, "I met B at the desk")
    write(journal, "Breathing before the board meeting")
    assert [e.id for e in journal.entries.page(EntryQuery(search="b"))] == [both]
    assert journal.entries.count(EntryQuery(search="bre")) == 1
    terms = parse_search("b bre")
    text = "B said breathe, not be"
    assert [text[s:e] for s, e in match_spans(text, terms)] == ["B", "breathe"]


def test_kept_search_matches_follow_every_change(journal: Journal, tmp_path: Path) -> None:
    """Matches are kept between pages of one search, yet never outlive a change: one of
    this journal's own, or one another window made to the file."""
    query = EntryQuery(search="heron")
    write(journal, "a heron by the canal")
    assert journal.entries.count(query) == 1
    write(journal, "the heron again")  # this journal's own write
    assert journal.entries.count(query) == 2
    with Journal.open(journal.path) as other_window:
        other_window.entries.add(answers=[Answer("q", "a third heron")])
    assert journal.entries.count(query) == 3
    assert journal.entries.group_counts(query) == [(None, 3)]
    assert len(journal.entries.page(query)) == 3
    assert journal.entries.count(EntryQuery(search="canal")) == 1  # another search


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entries=st.lists(
        st.tuples(
            st.lists(st.sampled_from(["kind", "kindness", "ward", "calm"]), max_size=3),
            st.booleans(),
            st.booleans(),
        ),
        max_size=12,
    ),
    typed=st.sampled_from(["kind", "ward", "calm kind", '"kind ward"', "nothing"]),
)
def test_a_search_counts_what_its_pages_show(
    tmp_path_factory: pytest.TempPathFactory,
    entries: list[tuple[list[str], bool, bool]],
    typed: str,
) -> None:
    """However the matches fall between the journal and the trash (counted apart for a
    search alone), the count agrees with the entries listed, for every filter."""
    path = tmp_path_factory.mktemp("j") / "journal.sqlite3"
    with Journal.open(path) as journal:
        for words, trashed, starred in entries:
            entry_id = write(journal, " ".join(["plain", *words]))
            journal.entries.set_starred(entry_id, starred)
            if trashed:
                journal.entries.trash(entry_id)
        for query in (
            EntryQuery(search=typed),
            EntryQuery(search=typed, trashed=True),
            EntryQuery(search=typed, starred=True),
        ):
            listed = journal.entries.page(query, grouping="none", limit=100)
            assert journal.entries.count(query) == len(listed)
