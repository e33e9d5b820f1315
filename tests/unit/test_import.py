"""Importing: our own JSON round-trips any journal, merges by id with the newer change winning,
jrnl's real export comes in as notes, and a broken file changes nothing and says where."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal
from practice_tui.journal.export import write_export
from practice_tui.journal.importing import ImportProblem, import_file
from practice_tui.journal.query import EntryQuery
from tests.support.import_files import Clock, breathing_space, dump, export_json

HERE = Path(__file__).parent
BROKEN = HERE / "broken_imports"
JRNL_EXPORT = HERE / "fixtures" / "jrnl-export.json"
LONDON = ZoneInfo("Europe/London")
TABLES = ("entries", "practice_sessions", "actions", "home_task_ticks")


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the journal's own tables, in id order, without SQLite's rowids."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in TABLES
        }
    finally:
        conn.close()


def fill(journal: Journal) -> None:
    """A small journal with one of everything."""
    start = datetime(2026, 1, 5, 8, 50, tzinfo=UTC)
    session = breathing_space(journal, start)
    entry = journal.entries.add(
        answers=[Answer("What did you notice?", "Warmth.")],
        session_id=session.id,
        created_at=start + timedelta(minutes=8),
    )
    journal.entries.set_starred(entry.id, True)
    journal.entries.add(
        answers=[Answer("Next steps?", "")],
        kind="exercise",
        practice_id="next-steps",
        practice_name="Next steps",
        week=6,
        actions=["Ask for help", "Take the stairs"],
    )
    journal.tasks.set_home_task(week=1, task_id="w1-practise", day=start.date(), done=True)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 2, 20, 18, 0, tzinfo=UTC))


@pytest.fixture
def journal(tmp_path: Path, clock: Clock):
    with Journal.open(tmp_path / "journal.sqlite3", now=clock) as opened:
        yield opened


# -- round trip ------------------------------------------------------------------------

OFFSETS = [timedelta(hours=h, minutes=m) for h, m in [(0, 0), (1, 0), (-9, -30), (5, 45), (14, 0)]]
AWKWARD = [
    "[bold]not bold[/] [link=x]y[/link]",
    "<script>alert(1)</script> & <b>",
    "\x1b[31mred\x1b[0m\x07\x00nul",
    "🙏🏽 👩‍👩‍👧 🌿",
    "שלום עולם — السلام عليكم \u200f",
    "line one\r\nline two\rthree\n",
    "# heading?\n```\n---",
    "x" * 5000,
]
plain_text = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
)
#: Answers that an import takes: a lone surrogate (a broken paste), which the store keeps,
#: is refused by an import (see test_a_lone_surrogate_is_refused_naming_the_record).
answer_text = plain_text
names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(
    str.strip
)
moments = st.builds(
    lambda when, offset: when.replace(tzinfo=timezone(offset)),
    # Up to the clock of the journal written (an import refuses times in the future).
    st.datetimes(datetime(1990, 1, 1), datetime(2026, 2, 28)),
    st.sampled_from(OFFSETS),
)
weeks = st.one_of(st.none(), st.integers(1, 6))


@st.composite
def journal_plans(draw: st.DrawFn) -> list[dict[str, object]]:
    return draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "session": st.one_of(
                        st.none(),
                        st.tuples(
                            names, st.floats(0, 1e5, allow_nan=False), st.booleans(), moments
                        ),
                    ),
                    "kind": st.sampled_from(["reflection", "exercise"]),
                    "practice_name": st.one_of(st.none(), names),
                    "week": weeks,
                    "created": moments,
                    "answers": st.lists(
                        st.tuples(plain_text, answer_text), min_size=1, max_size=3
                    ).filter(lambda pairs: any(a.strip() for _, a in pairs)),
                    "actions": st.lists(plain_text.filter(str.strip), max_size=2),
                    "starred": st.booleans(),
                    "trashed": st.booleans(),
                    "edit": st.one_of(st.none(), answer_text.filter(str.strip)),
                    "done": st.booleans(),
                    "tick": st.one_of(st.none(), st.tuples(st.integers(1, 6), names, moments)),
                    "tags": st.one_of(st.none(), st.lists(plain_text, max_size=3)),
                }
            ),
            max_size=6,
        )
    )


def build(journal: Journal, plan: list[dict[str, object]]) -> None:
    """Make a journal through the store's own API (tags and sources as an import adds them)."""
    for step in plan:
        session_id = None
        if step["session"] is not None:
            name, seconds, completed, began = step["session"]  # type: ignore[misc]
            session_id = journal.sessions.record(
                practice_id=f"p-{name}",
                practice_name=name,
                week=step["week"],  # type: ignore[arg-type]
                started_at=began,
                ended_at=began + timedelta(seconds=seconds),
                planned_seconds=int(seconds),
                practised_seconds=seconds,
                completed=completed,
            ).id
        entry = journal.entries.add(
            answers=[Answer(q, a) for q, a in step["answers"]],  # type: ignore[attr-defined]
            session_id=session_id,
            kind=step["kind"],  # type: ignore[arg-type]
            practice_name=step["practice_name"],  # type: ignore[arg-type]
            week=step["week"],  # type: ignore[arg-type]
            created_at=step["created"],  # type: ignore[arg-type]
            actions=step["actions"],  # type: ignore[arg-type]
        )
        if step["edit"] is not None:
            journal.entries.update(entry.id, [Answer("Edited?", step["edit"])])  # type: ignore[arg-type]
        if step["starred"]:
            journal.entries.set_starred(entry.id, True)
        if step["trashed"]:
            journal.entries.trash(entry.id)
        if step["done"]:
            for action in journal.tasks.actions():
                if action.entry_id == entry.id:
                    journal.tasks.set_action_done(action.id, True)
        if step["tick"] is not None:
            week, task, moment = step["tick"]  # type: ignore[misc]
            journal.tasks.set_home_task(week=week, task_id=task, day=moment.date(), done=True)
        if step["tags"] is not None:
            with journal.bulk.write() as db:
                db.execute(
                    "UPDATE entries SET tags = ?, source = 'jrnl' WHERE id = ?",
                    [json.dumps(step["tags"], ensure_ascii=False), entry.id],
                )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plan=journal_plans())
def test_any_journal_round_trips_through_json(plan: list[dict[str, object]]) -> None:
    words = ("bold", "script", "x", "שלום", "line")
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        with Journal.open(here / "a.sqlite3", now=Clock(datetime(2026, 3, 1, tzinfo=UTC))) as a:
            build(a, plan)
            exported = export_json(a, here / "out.json")
            found = [a.entries.count(EntryQuery(search=word)) for word in words]
        with Journal.open(here / "b.sqlite3") as b:
            result = import_file(b, exported)
            assert result.entries.added == len(plan)
            # The search index was kept by the triggers: every word finds the same entries.
            assert [b.entries.count(EntryQuery(search=word)) for word in words] == found
        assert rows(here / "b.sqlite3") == rows(here / "a.sqlite3")


def test_importing_the_same_file_twice_adds_nothing(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    exported = export_json(journal, tmp_path / "out.json")
    with Journal.open(tmp_path / "other.sqlite3") as other:
        first = import_file(other, exported)
        assert (first.entries.added, first.sessions.added) == (2, 1)
        assert (first.actions.added, first.ticks.added) == (2, 1)
        before = dump(tmp_path / "other.sqlite3")
        second = import_file(other, exported)
        assert not second.changed
        assert second.summary() == "Added nothing new; 6 rows already here."
    assert dump(tmp_path / "other.sqlite3") == before
    # Into the journal it came from: nothing changes either.
    assert not import_file(journal, exported).changed


def test_the_newer_change_wins_in_both_directions(
    journal: Journal, tmp_path: Path, clock: Clock
) -> None:
    fill(journal)
    original = export_json(journal, tmp_path / "original.json")
    other_path = tmp_path / "other.sqlite3"
    with Journal.open(other_path, now=clock) as other:
        import_file(other, original)
        entry = next(e for e in other.entries.newest() if e.kind == "reflection")
        other.entries.update(entry.id, [Answer("What did you notice?", "Warmth, then calm.")])
        other.entries.trash(next(e.id for e in other.entries.newest() if e.kind == "exercise"))
        action = other.tasks.actions()[0]
        other.tasks.set_action_done(action.id, True)
        newer = export_json(other, tmp_path / "newer.json")
        # The older file changes nothing where the newer changes are.
        before = dump(other_path)
        older = import_file(other, original)
        assert (older.entries.updated, older.actions.updated) == (0, 0)
        assert dump(other_path) == before

    result = import_file(journal, newer)
    assert (result.entries.updated, result.actions.updated, result.entries.added) == (2, 1, 0)
    assert rows(journal.path) == rows(other_path)
    assert journal.entries.get(entry.id).answers[0].answer == "Warmth, then calm."  # type: ignore[union-attr]
    assert journal.entries.count(EntryQuery(search="calm")) == 1
    assert [e.kind for e in journal.entries.newest()] == [
        "reflection"
    ]  # the exercise is in the trash


def test_a_tie_keeps_what_is_here(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    exported = export_json(journal, tmp_path / "out.json")
    data = json.loads(exported.read_text())
    data["entries"][0]["answers"][0]["answer"] = "Changed, but not later."
    exported.write_text(json.dumps(data))
    assert import_file(journal, exported).entries.updated == 0


def test_a_trial_run_keeps_nothing(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    exported = export_json(journal, tmp_path / "out.json")
    other_path = tmp_path / "other.sqlite3"
    with Journal.open(other_path) as other:
        before = dump(other_path)
        result = import_file(other, exported, dry_run=True)
        assert result.entries.added == 2
        assert result.summary(would=True).startswith("Would add 2 entries, 1 practice session")
    assert dump(other_path) == before


def test_a_filtered_export_brings_its_sessions_and_actions(
    journal: Journal, tmp_path: Path
) -> None:
    fill(journal)
    target = tmp_path / "week1.json"
    with target.open("w", encoding="utf-8") as stream:
        write_export(journal, "json", stream, EntryQuery(week=1))
    with Journal.open(tmp_path / "other.sqlite3") as other:
        result = import_file(other, target)
        assert (result.entries.added, result.sessions.added, result.ticks.added) == (1, 1, 1)
        assert result.actions.added == 0  # set in the week-6 exercise, which was not exported
        assert other.entries.newest()[0].practised_seconds == 360


# -- broken files ----------------------------------------------------------------------

BROKEN_FILES = {
    "not-json.txt": "line 1, column 6: this is not JSON",
    "empty.json": "empty.json: the file is empty",
    "truncated.json": "line 48, column 5: the file ends too soon",
    "missing-comma.json": "line 6, column 3: this is not valid JSON (expecting ',' delimiter)",
    "not-utf8.json": "line 17, column 28: this is not UTF-8 text",
    "nan.json": "line 15, column 15: this is not valid JSON (NaN is not a number JSON allows)",
    "wrong-shape.json": "the file holds a list, not a practice-tui or jrnl JSON export",
    "no-entries.json": "the file holds an object, not a practice-tui or jrnl JSON export",
    "entries-not-a-list.json": "entries: expected a list, found an object",
    "newer-version.json": "version: this file was written by a newer practice-tui (format 2)",
    "bad-time.json": "entries[2].created_at: '2026-02-30T09:00:00+00:00' is not a date and time",
    "time-without-offset.json": "entries[0].updated_at: '2026-01-05T09:00:00' has no UTC offset",
    "unknown-kind.json": "entries[1].kind: 'poem' is not one of reflection, exercise, note",
    "missing-answers.json": "entries[0]: 'answers' is missing",
    "wrong-type.json": "entries[0].starred: 'yes' is not true or false",
    "answer-not-text.json": "entries[0].answers[0].answer: 42 is not text",
    "bad-week.json": "entries[0].week: 0 is not a programme week",
    "duplicate-id.json": "entries[2].id: '00000000-0000-4000-8000-000000000001' is in the file "
    "twice (entries[0])",
    "broken-character.json": "entries[0].practice_name: holds a broken character",
    "unknown-session.json": "entries[1].session_id: no practice session with id "
    "'22222222-0000-4000-8000-000000000009' is in the file or the journal",
    "jrnl-bad-date.json": "entries[3].date: '2026-13-01' is not a date",
    "jrnl-bad-time.json": "entries[0].time: '25:61' is not a time of day",
    "jrnl-tags-not-a-list.json": "entries[0].tags: '@calm' is not a list of text",
}


def test_every_broken_file_has_a_case() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(BROKEN_FILES)


@pytest.mark.parametrize(("name", "expected"), sorted(BROKEN_FILES.items()))
def test_a_broken_file_changes_nothing_and_says_where(
    journal: Journal, name: str, expected: str
) -> None:
    fill(journal)
    before = dump(journal.path)
    with pytest.raises(ImportProblem) as caught:
        import_file(journal, BROKEN / name, zone=LONDON)
    message = str(caught.value)
    assert expected in message
    assert message.startswith(name) and message.endswith("; nothing was imported.")
    assert "\n" not in message
    assert dump(journal.path) == before


def test_the_unknown_session_file_had_written_its_sessions_before_failing(
    journal: Journal,
) -> None:
    """The link is checked inside the transaction, after the file's sessions went in."""
    with pytest.raises(ImportProblem):
        import_file(journal, BROKEN / "unknown-session.json")
    assert journal.sessions.newest() == []


def test_a_missing_file_and_a_folder_are_one_sentence(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match=r"^There is no file at .*nothing was imported\.$"):
        import_file(journal, tmp_path / "nowhere.json")
    with pytest.raises(ImportProblem, match=r"is a folder, not a file"):
        import_file(journal, tmp_path)


# -- jrnl --------------------------------------------------------------------------------


def test_a_real_jrnl_export_comes_in_as_notes(journal: Journal) -> None:
    result = import_file(journal, JRNL_EXPORT, zone=LONDON)
    assert result.entries.added == 9 and result.source == "jrnl"
    entries = {e.answers[0].answer.split("\n")[0]: e for e in journal.entries.newest()}
    assert len(entries) == 9
    first = entries["First day of the course."]
    assert first.kind == "note" and first.week is None and first.practice_id is None
    assert first.source == "jrnl" and first.session_id is None
    assert first.answers[0].question == ""
    assert first.answers[0].answer == "First day of the course.\nFelt @calm and a bit @nervous."
    assert first.tags == ("@calm", "@nervous") and not first.starred
    assert first.created_at == "2026-01-05T09:00:00+00:00"
    assert sorted(k for k, e in entries.items() if e.starred) == [
        "A starred evening.",
        "Early in California.",
    ]
    # Local times read in the zone, with the offset in force that day.
    assert entries["Far from home."].created_at == "2026-04-02T23:59:00+01:00"
    assert entries["Spring forward."].created_at == "2026-03-29T01:30:00+00:00"  # never was
    assert entries["Fall back."].created_at == "2026-10-25T01:30:00+01:00"  # the first one
    assert entries["Leap day, title only."].answers[0].answer == "Leap day, title only."
    markup = next(k for k in entries if k.startswith("Markup"))
    assert "<script>alert(1)</script>" in markup
    assert "👩‍👩‍👧" in entries[markup].answers[0].answer
    assert "السلام" in entries[markup].answers[0].answer
    # Tags and words are searchable; the notes list under "no week".
    assert journal.entries.count(EntryQuery(search="travel")) == 2
    assert journal.entries.count(EntryQuery(search="Tokyo")) == 1
    assert journal.entries.group_counts() == [(None, 9)]


def test_a_jrnl_export_imported_twice_adds_nothing(journal: Journal) -> None:
    import_file(journal, JRNL_EXPORT, zone=LONDON)
    before = dump(journal.path)
    assert not import_file(journal, JRNL_EXPORT, zone=LONDON).changed
    assert dump(journal.path) == before


def test_jrnl_times_without_a_zone_are_read_as_local(journal: Journal) -> None:
    import_file(journal, JRNL_EXPORT)
    first = next(e for e in journal.entries.newest() if e.tags == ("@calm", "@nervous"))
    moment = datetime.fromisoformat(first.created_at)
    assert moment.utcoffset() is not None and (moment.hour, moment.minute) == (9, 0)


def test_jrnl_notes_export_as_notes(journal: Journal, tmp_path: Path) -> None:
    import_file(journal, JRNL_EXPORT, zone=LONDON)
    target = tmp_path / "log.md"
    with target.open("w", encoding="utf-8") as stream:
        write_export(journal, "md", stream)
    text = target.read_text()
    assert "## Not tied to a week" in text
    assert "### Note — Monday 5 January 2026, 09:00" in text
    assert "*Tags: @calm, @nervous*" in text and "*★ Starred*" in text


# -- the command -------------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_import_command_says_what_it_added(private_folders: Path) -> None:
    code, out, err = invoke("import", str(JRNL_EXPORT))
    assert (code, err) == (0, "")
    assert out == "Added 9 entries.\n"
    code, out, _ = invoke("import", str(JRNL_EXPORT))
    assert out == "Added nothing new; 9 rows already here.\n"


def test_import_command_dry_run(private_folders: Path) -> None:
    code, out, _ = invoke("import", "--dry-run", str(JRNL_EXPORT))
    assert code == 0
    assert out == "Would add 9 entries. Nothing was changed.\n"
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        assert journal.entries.count() == 0


def test_a_dry_run_says_what_is_already_here_in_plain_words(private_folders: Path) -> None:
    assert invoke("import", str(JRNL_EXPORT))[0] == 0
    code, out, _ = invoke("import", "--dry-run", str(JRNL_EXPORT))
    assert (code, out) == (0, "Would add nothing new; 9 are already here. Nothing was changed.\n")


def test_import_command_explains_a_broken_file_in_one_line(private_folders: Path) -> None:
    code, out, err = invoke("import", str(BROKEN / "jrnl-bad-date.json"))
    assert code == 1 and out == ""
    assert err == (
        "practice-tui: jrnl-bad-date.json: entries[3].date: '2026-13-01' is not a date; "
        "nothing was imported.\n"
    )


def test_import_shows_progress_only_on_a_terminal(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import practice_tui.cli.transfer as transfer

    monkeypatch.setattr(transfer, "PROGRESS_FROM_BYTES", 1)
    code, _, err = invoke("import", str(JRNL_EXPORT))
    assert code == 0 and err == ""
    monkeypatch.setattr(transfer, "_stderr_is_terminal", lambda: True)
    code, _, err = invoke("import", str(JRNL_EXPORT))
    assert code == 0 and "Importing" in err


def test_a_trial_run_counts_exactly_what_the_import_then_does(
    journal: Journal, tmp_path: Path
) -> None:
    """A dry run puts its rows in as plain inserts (and rolls them back); the import keeps
    them through sqlite-utils: the two must count the same, row for row."""
    from practice_tui.journal.import_merge import TABLES

    fill(journal)
    exported = export_json(journal, tmp_path / "out.json")
    data = json.loads(exported.read_text())
    data["entries"][0]["answers"][0]["answer"] = "Changed in the other copy."
    data["entries"][0]["updated_at"] = "2026-03-01T09:00:00+00:00"
    exported.write_text(json.dumps(data))
    with Journal.open(tmp_path / "other.sqlite3") as other:
        fill(other)  # the same rows, made afresh: new ids, so both sides' rows are there
        trial = import_file(other, exported, dry_run=True)
        kept = import_file(other, exported)
    # The same numbers, in a trial's own words ("Would add …; 7 are already here.").
    would = trial.summary(would=True).replace("Would add", "Added")
    would = would.replace(" is already here", " row already here")
    assert would.replace(" are already here", " rows already here") == kept.summary()
    assert [repr(trial.tally(t)) for t in TABLES] == [repr(kept.tally(t)) for t in TABLES]
