"""Import never overwrites newer words: an entry's history travels in the JSON and merges by
its words, a change on both sides keeps both, a time in the future is refused, and a file
imported again under another time zone changes nothing."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal
from practice_tui.journal.export import write_export
from practice_tui.journal.importing import ImportProblem, import_file
from practice_tui.journal.query import EntryQuery
from tests.support.import_files import Clock, breathing_space, dump, export_json

QUESTION = "What did you notice?"


def words(text: str) -> list[Answer]:
    return [Answer(QUESTION, text)]


def texts(journal: Journal, entry_id: str) -> tuple[str, list[str]]:
    """The entry's words now, and the words of its history, most recently kept first."""
    entry = journal.entries.get(entry_id)
    assert entry is not None
    return entry.answers[0].answer, [r.answers[0].answer for r in journal.revisions.of(entry_id)]


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Journal, Journal, Clock]]:
    """Two journals on one clock (so which change is newer is plain)."""
    clock = Clock(datetime(2026, 2, 20, 18, 0, tzinfo=UTC))
    with (
        Journal.open(tmp_path / "a.sqlite3", now=clock) as a,
        Journal.open(tmp_path / "b.sqlite3", now=clock) as b,
    ):
        yield a, b, clock


def test_history_travels_in_the_json_and_importing_it_twice_changes_nothing(
    two: tuple[Journal, Journal, Clock], tmp_path: Path
) -> None:
    a, b, _ = two
    entry = a.entries.add(answers=words("First."))
    a.entries.update(entry.id, words("Second."))
    a.entries.update(entry.id, words("Third."))
    exported = export_json(a, tmp_path / "a.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert [r["answers"][0]["answer"] for r in data["revisions"]] == ["First.", "Second."]
    assert {r["reason"] for r in data["revisions"]} == {"edit"}
    result = import_file(b, exported)
    assert result.revisions.added == 2
    assert texts(b, entry.id) == ("Third.", ["Second.", "First."])
    before = dump(b.path)
    again = import_file(b, exported)
    assert not again.changed and again.conflicts == 0
    assert dump(b.path) == before
    # And back into the journal it came from: the same words are kept once.
    assert not import_file(a, exported).changed


def test_a_later_edit_in_the_file_is_no_conflict(
    two: tuple[Journal, Journal, Clock], tmp_path: Path
) -> None:
    a, b, _ = two
    entry = a.entries.add(answers=words("First."))
    import_file(b, export_json(a, tmp_path / "first.json"))
    a.entries.update(entry.id, words("Second."))
    result = import_file(b, export_json(a, tmp_path / "second.json"))
    assert (result.entries.updated, result.conflicts) == (1, 0)
    assert "changed on both sides" not in result.summary()
    assert texts(b, entry.id) == ("Second.", ["First."])
    assert [r.reason for r in b.revisions.of(entry.id)] == ["import"]
    # The older file again: its words are in the history already, so nothing changes.
    before = dump(b.path)
    assert not import_file(b, tmp_path / "first.json").changed
    assert dump(b.path) == before


def test_when_both_sides_changed_the_newer_is_current_and_the_other_kept(
    two: tuple[Journal, Journal, Clock], tmp_path: Path
) -> None:
    a, b, _ = two
    one = a.entries.add(answers=words("One."))
    two_ = a.entries.add(answers=words("Two."))
    import_file(b, export_json(a, tmp_path / "start.json"))
    b.entries.update(one.id, words("One, changed in b."))
    b.entries.update(two_.id, words("Two, changed in b."))
    a.entries.update(one.id, words("One, changed in a later."))
    a.entries.update(two_.id, words("Two, changed in a later."))
    newer = export_json(a, tmp_path / "newer.json")
    older = export_json(b, tmp_path / "older.json")

    trial = import_file(b, newer, dry_run=True)
    assert trial.summary(would=True).endswith(
        "; 2 entries had changed on both sides; the other versions would be kept in their history."
    )
    result = import_file(b, newer)
    assert result.conflicts == 2
    assert result.summary().endswith(
        "; 2 entries had changed on both sides; the other versions are kept in their history."
    )
    assert texts(b, one.id) == ("One, changed in a later.", ["One, changed in b.", "One."])
    assert [r.reason for r in b.revisions.of(one.id)] == ["conflict", "edit"]

    # The other way: the journal's words are newer, and stay; the file's are kept.
    result = import_file(a, older)
    assert (result.conflicts, result.entries.updated) == (2, 0)
    assert texts(a, two_.id) == ("Two, changed in a later.", ["Two, changed in b.", "Two."])


def test_a_tie_with_other_words_keeps_the_file_words_in_history(
    two: tuple[Journal, Journal, Clock], tmp_path: Path
) -> None:
    a, _, _ = two
    entry = a.entries.add(answers=words("Here."))
    exported = export_json(a, tmp_path / "out.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["entries"][0]["answers"][0]["answer"] = "Changed, but not later."
    exported.write_text(json.dumps(data), encoding="utf-8")
    result = import_file(a, exported)
    assert (result.entries.updated, result.conflicts) == (0, 1)
    assert texts(a, entry.id) == ("Here.", ["Changed, but not later."])


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ("entries", "updated_at"),
        ("entries", "created_at"),
        ("entries", "edited_at"),
        ("sessions", "ended_at"),
        ("actions", "done_at"),
        ("revisions", "kept_at"),
    ],
)
def test_a_time_more_than_a_day_ahead_is_refused_naming_the_record(
    two: tuple[Journal, Journal, Clock], tmp_path: Path, table: str, field: str
) -> None:
    a, b, _ = two
    start = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)
    session = breathing_space(a, start)
    entry = a.entries.add(
        answers=words("First."), session_id=session.id, kind="exercise", actions=["Walk"]
    )
    a.entries.update(entry.id, words("Second."))
    a.tasks.set_action_done(a.tasks.actions()[0].id, True)
    exported = export_json(a, tmp_path / "out.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    data[table][0][field] = "2030-01-01T09:00:00+00:00"
    exported.write_text(json.dumps(data), encoding="utf-8")
    before = dump(b.path)
    with pytest.raises(ImportProblem) as caught:
        import_file(b, exported)
    assert str(caught.value) == (
        f"out.json: {table}[0].{field}: 2030-01-01T09:00:00+00:00 is in the future "
        "(more than a day from now); nothing was imported."
    )
    assert dump(b.path) == before


def test_a_future_file_no_longer_restores_old_words_over_an_edit(
    two: tuple[Journal, Journal, Clock], tmp_path: Path
) -> None:
    """The reported case: an ``updated_at`` of 2030 brought back old words over today's."""
    a, _, _ = two
    entry = a.entries.add(answers=words("Old words."))
    exported = export_json(a, tmp_path / "out.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["entries"][0]["updated_at"] = "2030-01-01T00:00:00+00:00"
    exported.write_text(json.dumps(data), encoding="utf-8")
    a.entries.update(entry.id, words("Today's edit."))
    with pytest.raises(ImportProblem, match=r"entries\[0\]\.updated_at"):
        import_file(a, exported)
    assert texts(a, entry.id) == ("Today's edit.", ["Old words."])


def test_a_day_ahead_is_allowed(two: tuple[Journal, Journal, Clock], tmp_path: Path) -> None:
    """A clock a little ahead (another machine's) is not a mistake."""
    a, b, clock = two
    a.entries.add(answers=words("Written on a fast clock."))
    exported = export_json(a, tmp_path / "out.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    ahead = (clock.moment + timedelta(hours=23)).isoformat(timespec="seconds")
    data["entries"][0]["updated_at"] = ahead
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert import_file(b, exported).entries.added == 1


@pytest.fixture
def zone() -> Iterator[None]:
    """The process's time zone, put back afterwards."""
    was = os.environ.get("TZ")
    yield
    if was is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = was
    time.tzset()


def _in_zone(name: str) -> None:
    os.environ["TZ"] = name
    time.tzset()


def test_importing_again_in_another_time_zone_changes_nothing(tmp_path: Path, zone: None) -> None:
    _in_zone("Europe/London")
    with Journal.open(tmp_path / "a.sqlite3") as a:
        entry = a.entries.add(answers=words("First."))
        a.entries.update(entry.id, words("Second."))
        a.entries.set_starred(entry.id, True)
        a.entries.add(answers=words("Another."), week=2)
        exported = export_json(a, tmp_path / "out.json")
    jrnl = Path(__file__).parent / "fixtures" / "jrnl-export.json"
    with Journal.open(tmp_path / "b.sqlite3") as b:
        import_file(b, exported)
        import_file(b, jrnl)
    before = dump(tmp_path / "b.sqlite3")
    _in_zone("America/New_York")
    with Journal.open(tmp_path / "b.sqlite3") as b:
        assert not import_file(b, exported).changed
        assert not import_file(b, jrnl).changed
    assert dump(tmp_path / "b.sqlite3") == before


def test_the_command_tells_of_changes_on_both_sides(private_folders: Path, tmp_path: Path) -> None:
    journal_path = private_folders / "journal.sqlite3"
    with Journal.open(journal_path) as mine:
        entry = mine.entries.add(answers=words("Mine."))
        exported = export_json(mine, tmp_path / "out.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["entries"][0]["answers"][0]["answer"] = "Theirs, written later."
    later = datetime.fromisoformat(data["entries"][0]["updated_at"]) + timedelta(minutes=5)
    data["entries"][0]["updated_at"] = later.isoformat()
    exported.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(exported)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == (
        "Added nothing new; updated 1 row with newer changes; 1 entry had changed on both "
        "sides; the other version is kept in its history.\n"
    )
    with Journal.open(journal_path) as mine:
        assert texts(mine, entry.id) == ("Theirs, written later.", ["Mine."])


def test_a_filtered_export_holds_the_history_of_the_entries_found(
    two: tuple[Journal, Journal, Clock], tmp_path: Path
) -> None:
    a, b, _ = two
    found = a.entries.add(answers=words("Week two, first."), week=2)
    other = a.entries.add(answers=words("Week three, first."), week=3)
    a.entries.update(found.id, words("Week two, second."))
    a.entries.update(other.id, words("Week three, second."))
    target = tmp_path / "week2.json"
    with target.open("w", encoding="utf-8") as stream:
        write_export(a, "json", stream, EntryQuery(week=2))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [r["entry_id"] for r in data["revisions"]] == [found.id]
    assert import_file(b, target).revisions.added == 1
    assert texts(b, found.id) == ("Week two, second.", ["Week two, first."])


def test_history_before_the_entries_in_the_file_merges_the_same(
    two: tuple[Journal, Journal, Clock], tmp_path: Path
) -> None:
    """Whatever the order of the file's lists, a later edit is no conflict, and a change on
    both sides is one."""
    a, b, _ = two
    quiet = a.entries.add(answers=words("Quiet."))
    both = a.entries.add(answers=words("Both."))
    import_file(b, export_json(a, tmp_path / "start.json"))
    a.entries.update(quiet.id, words("Quiet, edited in a."))
    b.entries.update(both.id, words("Both, edited in b."))
    a.entries.update(both.id, words("Both, edited in a later."))
    data = json.loads(export_json(a, tmp_path / "a.json").read_text(encoding="utf-8"))
    history_first = {"revisions": data.pop("revisions"), **data}
    target = tmp_path / "history-first.json"
    target.write_text(json.dumps(history_first), encoding="utf-8")
    result = import_file(b, target)
    assert (result.entries.updated, result.conflicts) == (2, 1)
    assert texts(b, quiet.id) == ("Quiet, edited in a.", ["Quiet."])
    assert texts(b, both.id)[0] == "Both, edited in a later."
    assert sorted(texts(b, both.id)[1]) == sorted(["Both.", "Both, edited in b."])
    before = dump(b.path)
    assert not import_file(b, target).changed
    assert dump(b.path) == before
