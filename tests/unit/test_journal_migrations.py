"""Migrating real journals from every older version: data kept, backup taken, search built,
and a failure leaves the file as it was.

Each older file is made the way that version of practice-tui made it: the store opens a new
file knowing only the first ``v`` migrations, then rows are written with plain SQL that was
valid at version ``v``. Nothing here uses today's store to write an old file.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from practice_tui.journal import SCHEMA_VERSION, Answer, Journal, JournalError, backup, schema
from practice_tui.journal.export import write_export
from practice_tui.journal.importing import import_file
from practice_tui.journal.models import LooseDraft
from practice_tui.journal.query import EntryQuery
from practice_tui.journal.rows import answers_text

PLUS_ONE = timezone(timedelta(hours=1))
MONDAY_9AM = datetime(2026, 1, 5, 9, 0, tzinfo=PLUS_ONE)
#: The version that added the search index; files older than it get one built.
SEARCH_VERSION = 4
OLDER_VERSIONS = range(SCHEMA_VERSION)

#: Tables a migration fills itself (bookkeeping, not rows of the person's), with the version.
BOOKKEEPING = ((6, "journal_identity"), (6, "journal_write_log"))

SESSION_ID = "5b0e1bde-93a4-4c1e-9a43-6a3f0c2f9f11"
LINKED_ID = "0c7f0a47-6f5e-4a4b-8b0c-7d1c5cf0e6a2"
DROPPED_ID = "3d1f6c2e-0b8a-4f7e-9a55-2c6e1e7d0a01"
LOOSE_ID = "8a4e7d7e-2f55-4a52-bf0a-1f1b0f0c3b90"
ACTION_ID = "f4b5a0f2-8a1e-4c8e-b1f3-0b5b8e0a9c77"
DRAFT_ID = "a9e0c1d2-3b4f-4a5b-8c6d-7e8f9a0b1c2d"
REVISION_ID = "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"


@dataclass(frozen=True)
class Insert:
    """Rows written by the version that introduced ``table``, with that version's columns."""

    version: int
    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


# Version 1's columns, frozen here: the file must be written as that version wrote it.
# fmt: off
SESSION_COLUMNS = (
    "id", "practice_id", "practice_name", "week", "kind", "started_at", "ended_at",
    "planned_seconds", "practised_seconds", "completed", "created_at",
)
ENTRY_COLUMNS = (
    "id", "session_id", "kind", "practice_id", "practice_name", "week", "created_at",
    "updated_at", "answers",
)
# fmt: on

INSERTS = (
    Insert(
        1,
        "practice_sessions",
        SESSION_COLUMNS,
        (
            (
                SESSION_ID,
                "loving-kindness",
                "Loving-kindness",
                1,
                "guided",
                "2026-01-05T09:00:00+01:00",
                "2026-01-05T09:04:00+01:00",
                600,
                185.2,
                0,
                "2026-01-05T09:04:00+01:00",
            ),
        ),
    ),
    Insert(
        1,
        "entries",
        ENTRY_COLUMNS,
        (
            (
                LINKED_ID,
                SESSION_ID,
                "reflection",
                "loving-kindness",
                "Loving-kindness",
                1,
                "2026-01-05T09:10:00+01:00",
                "2026-01-05T09:10:00+01:00",
                '[{"question": "What did you notice?", "answer": "Warmth 🌱 in the café"}]',
            ),
            (  # deleted again below, so the rowids have a gap, as a real journal's do
                DROPPED_ID,
                None,
                "reflection",
                None,
                None,
                None,
                "2026-01-06T08:00:00+01:00",
                "2026-01-06T08:00:00+01:00",
                '[{"question": "Q?", "answer": "removed"}]',
            ),
            (
                LOOSE_ID,
                None,
                "reflection",
                None,
                None,
                None,
                "2026-01-06T21:00:00+01:00",
                "2026-01-06T21:00:00+01:00",
                '[{"question": "What is on your mind?", "answer": ""}, '
                '{"question": "Anything else?", "answer": "A free [bold]note[/]."}]',
            ),
        ),
    ),
    Insert(
        2,
        "home_task_ticks",
        ("id", "week", "task_id", "day", "created_at"),
        (("c1d2e3f4-0000-4000-8000-000000000001", 1, "kind-act", "2026-01-05", "2026-01-05"),),
    ),
    Insert(
        2,
        "actions",
        ("id", "entry_id", "week", "text", "created_at", "updated_at", "done_at"),
        (
            (
                ACTION_ID,
                LINKED_ID,
                1,
                "Thank a colleague",
                "2026-01-05T09:10:00+01:00",
                "2026-01-05T09:10:00+01:00",
                None,
            ),
        ),
    ),
    Insert(
        3,
        "drafts",
        ("id", "content", "created_at", "updated_at"),
        (
            (
                DRAFT_ID,
                '{"answers": ["half a thought"]}',
                "2026-01-06T22:00:00+01:00",
                "2026-01-06T22:00:01+01:00",
            ),
        ),
    ),
    Insert(
        7,
        "entry_revisions",
        ("id", "entry_id", "answers", "written_at", "kept_at", "reason"),
        (
            (
                REVISION_ID,
                LINKED_ID,
                '[{"question": "What did you notice?", "answer": "Warmth, at first"}]',
                "2026-01-05T09:08:00+01:00",
                "2026-01-05T09:10:00+01:00",
                "edit",
            ),
        ),
    ),
)


def make_journal_at(path: Path, version: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal as version ``version`` of practice-tui left it, holding that version's rows."""
    with monkeypatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
        Journal.open(path).close()
    inserts = [insert for insert in INSERTS if insert.version <= version]
    if not inserts:
        return
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for insert in inserts:
            marks = ", ".join("?" * len(insert.columns))
            conn.executemany(
                f"INSERT INTO {insert.table} ({', '.join(insert.columns)}) VALUES ({marks})",
                insert.rows,
            )
        conn.execute("DELETE FROM entries WHERE id = ?", [DROPPED_ID])
        conn.execute("COMMIT")
    finally:
        conn.close()


def user_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'entries_fts%' ORDER BY name"
        )
    ]


def columns(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    return tuple(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))


def snapshot(path: Path) -> dict[str, object]:
    """A file's version, the SQL of its tables and indexes, and every row with its rowid."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        shape = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'entries_fts%' "
            "ORDER BY name"
        ).fetchall()
        rows = {
            table: conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
            for table in user_tables(conn)
        }
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    return {"version": version, "shape": shape, "rows": rows}


def old_columns_now(path: Path, before: dict[str, object]) -> dict[str, list[tuple[object, ...]]]:
    """The migrated file's rows, read with only the columns each table had before."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        result = {}
        for table, old_rows in before["rows"].items():  # type: ignore[attr-defined]
            width = len(old_rows[0]) - 1 if old_rows else 0
            names = columns(conn, table)[:width]
            listed = ", ".join(["rowid", *names])
            result[table] = conn.execute(f"SELECT {listed} FROM {table} ORDER BY rowid").fetchall()
    finally:
        conn.close()
    return result


def answers_compact(rows: object) -> dict[str, list[tuple[object, ...]]]:
    """``rows`` (from :func:`snapshot`) as version 9 leaves them: every ``answers`` written
    with no space between its tokens, each string exactly as it was."""
    result = {}
    for table, table_rows in rows.items():  # type: ignore[attr-defined]
        at = ANSWERS_AT.get(table)
        result[table] = [
            row if at is None else (*row[:at], _compact_json(row[at]), *row[at + 1 :])
            for row in table_rows
        ]
    return result


#: Where ``answers`` sits in a snapshot's rows (after the rowid), in the tables holding it.
ANSWERS_AT = {"entries": 1 + ENTRY_COLUMNS.index("answers"), "entry_revisions": 3}


def _compact_json(stored: str) -> str:
    return json.dumps(json.loads(stored), ensure_ascii=False, separators=(",", ":"))


def read_pragma(path: Path, pragma: str) -> object:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"PRAGMA {pragma}").fetchone()[0]
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "backup" in p.name)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture(params=OLDER_VERSIONS, ids=lambda v: f"v{v}")
def old(request: pytest.FixtureRequest, journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """A journal at one older version (each in turn) at ``journal_path``; returns the version."""
    make_journal_at(journal_path, request.param, monkeypatch)
    return int(request.param)


@pytest.fixture
def v1_path(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_journal_at(journal_path, 1, monkeypatch)
    return journal_path


# -- from every older version ----------------------------------------------------------


def test_the_old_file_is_real(journal_path: Path, old: int) -> None:
    version = old
    before = snapshot(journal_path)
    assert before["version"] == version
    expected = {insert.table for insert in INSERTS if insert.version <= version}
    expected |= {table for since, table in BOOKKEEPING if since <= version}
    assert set(before["rows"]) == expected  # type: ignore[arg-type]
    for insert in INSERTS:
        if insert.version <= version:
            kept = [r for r in insert.rows if r[0] != DROPPED_ID]
            # A later version's added columns (their defaults) follow the ones written here.
            width = 1 + len(insert.columns)
            table_rows = before["rows"][insert.table]  # type: ignore[index]
            assert [row[1:width] for row in table_rows] == kept
    assert mode(journal_path) == 0o600


def test_every_older_version_migrates_keeping_every_row(journal_path: Path, old: int) -> None:
    version = old
    before = snapshot(journal_path)
    Journal.open(journal_path, now=lambda: MONDAY_9AM).close()

    assert read_pragma(journal_path, "user_version") == SCHEMA_VERSION
    assert read_pragma(journal_path, "integrity_check") == "ok"
    # rowids included; answers as version 9 stores them: the same JSON, compact
    assert old_columns_now(journal_path, before) == answers_compact(before["rows"])
    # The copy taken first is the old file exactly, private, and stands on its own.
    copy = backup.backup_path(journal_path, version)
    if version == 0:  # nothing written yet: nothing to keep
        assert backups(journal_path.parent) == []
        return
    assert backups(journal_path.parent) == [copy.name]  # no half-written copies beside it
    assert snapshot(copy) == before
    assert mode(copy) == 0o600
    assert read_pragma(copy, "journal_mode") == "delete"
    assert read_pragma(copy, "integrity_check") == "ok"


@pytest.mark.parametrize("version", [v for v in OLDER_VERSIONS if v >= 1])
def test_old_entries_read_back_through_the_store(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, version: int
) -> None:
    make_journal_at(journal_path, version, monkeypatch)
    with Journal.open(journal_path, now=lambda: MONDAY_9AM) as journal:
        loose, linked = journal.entries.newest()
        [session] = journal.sessions.newest()
        actions = journal.tasks.actions()
        drafts = journal.drafts.all()
        ticks = journal.tasks.home_tasks_done()
    assert (session.id, session.practised_seconds, session.completed) == (SESSION_ID, 185.2, False)
    assert (linked.id, linked.session_id, linked.practised_seconds) == (
        LINKED_ID,
        SESSION_ID,
        185.2,
    )
    assert linked.answers == (Answer("What did you notice?", "Warmth 🌱 in the café"),)
    assert loose.answers[1] == Answer("Anything else?", "A free [bold]note[/].")
    assert (loose.session_id, loose.practice_name, loose.week) == (None, None, None)
    for entry in (loose, linked):  # what older files never had takes its plain default
        assert (entry.starred, entry.deleted_at, entry.edited_at) == (False, None, None)
        assert (entry.tags, entry.source) == ((), None)
    assert [a.id for a in actions] == ([ACTION_ID] if version >= 2 else [])
    assert ticks == (1 if version >= 2 else 0)
    assert [d.id for d in drafts] == ([DRAFT_ID] if version >= 3 else [])


@pytest.mark.parametrize("version", [v for v in OLDER_VERSIONS if 1 <= v < SEARCH_VERSION])
def test_search_finds_entries_written_before_there_was_an_index(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, version: int
) -> None:
    make_journal_at(journal_path, version, monkeypatch)
    with Journal.open(journal_path) as journal:
        assert [e.id for e in journal.entries.page(EntryQuery(search="warmth"))] == [LINKED_ID]
        assert [e.id for e in journal.entries.page(EntryQuery(search="cafe"))] == [LINKED_ID]
        assert [e.id for e in journal.entries.page(EntryQuery(search="note"))] == [LOOSE_ID]
        assert journal.entries.count(EntryQuery(search="removed")) == 0
        # The index is keyed by the entries' own rowids, gap included.
        conn = journal._db.conn
        indexed = [r[0] for r in conn.execute("SELECT rowid FROM entries_fts ORDER BY rowid")]
        kept = [r[0] for r in conn.execute("SELECT rowid FROM entries ORDER BY rowid")]
        assert indexed == kept == [1, 3]
        conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")


def test_everything_works_after_migrating(journal_path: Path, old: int) -> None:
    version = old
    with Journal.open(journal_path, now=lambda: MONDAY_9AM) as journal:
        journal.tasks.set_home_task(week=1, task_id="walk", day=date(2026, 1, 7), done=True)
        exercise = journal.entries.add(
            kind="exercise",
            practice_id="next-steps",
            practice_name="Next steps",
            week=1,
            answers=[Answer("What will you do?", "Listen well")],
            actions=["Ask how they are"],
        )
        draft = journal.drafts.save(LooseDraft(("more",)))
        new_action = next(a for a in journal.tasks.actions() if a.entry_id == exercise.id)
        journal.tasks.set_action_done(new_action.id, True)
        edited = journal.entries.update(
            exercise.id, [Answer("What will you do?", "Listen closely")]
        )
        journal.entries.set_starred(exercise.id, True)
    with Journal.open(journal_path) as journal:
        again = journal.entries.get(exercise.id)
        assert again is not None and again.starred and again.edited_at == edited.edited_at
        assert again.answers == (Answer("What will you do?", "Listen closely"),)
        assert journal.tasks.home_tasks_done() == (2 if version >= 2 else 1)
        assert draft in {d.id for d in journal.drafts.all()}
        assert len(journal.entries.newest()) == (3 if version >= 1 else 1)
        assert [e.id for e in journal.entries.page(EntryQuery(search="closely"))] == [exercise.id]


# -- the copy kept before migrating ----------------------------------------------------


def test_no_backup_without_user_data(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Journal.open(journal_path).close()  # a brand new file
    assert backups(journal_path.parent) == []
    other = journal_path.with_name("empty.sqlite3")
    with monkeypatch.context() as patched:  # version 1, never written to
        patched.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        Journal.open(other).close()
    Journal.open(other).close()
    assert snapshot(other)["version"] == SCHEMA_VERSION
    assert backups(journal_path.parent) == []


def test_no_backup_once_migrated(v1_path: Path) -> None:
    Journal.open(v1_path).close()
    copy = v1_path.with_name("journal.sqlite3.v1-backup")
    stamp = copy.stat().st_mtime_ns
    with Journal.open(v1_path) as journal:
        journal.entries.add(answers=[Answer("Q?", "later")])
    Journal.open(v1_path).close()
    assert backups(v1_path.parent) == [copy.name]
    assert copy.stat().st_mtime_ns == stamp


def test_backup_is_private_under_a_loose_umask(v1_path: Path) -> None:
    old_mask = os.umask(0)
    try:
        Journal.open(v1_path).close()
    finally:
        os.umask(old_mask)
    assert mode(backup.backup_path(v1_path, 1)) == 0o600


# -- failures --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "raised"),
    [(sqlite3.OperationalError, JournalError), (RuntimeError, RuntimeError)],
    ids=["sqlite-error", "bug"],
)
def test_failed_migration_leaves_the_old_version(
    v1_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: type[Exception],
    raised: type[Exception],
) -> None:
    before = snapshot(v1_path)
    real = schema.MIGRATIONS[1]

    def fails_part_way(db: sqlite_utils.Database) -> None:
        real(db)  # every table of version 2 is made...
        db.execute("INSERT INTO home_task_ticks VALUES ('x', 1, 't', '2026-01-05', 'now')")
        raise failure("disk trouble")  # ...and then it fails

    with monkeypatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], fails_part_way])
        with pytest.raises(raised):
            Journal.open(v1_path)
    assert snapshot(v1_path) == before
    # A later, working version migrates the same file as if nothing had happened.
    with Journal.open(v1_path) as journal:
        assert len(journal.entries.newest()) == 2
        assert journal.tasks.home_tasks_done() == 0
    assert snapshot(v1_path)["version"] == SCHEMA_VERSION


def test_a_backup_that_cannot_be_written_stops_the_migration(
    v1_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(v1_path)

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patched:
        patched.setattr(backup.os, "replace", no_space)
        with pytest.raises(JournalError) as caught:
            Journal.open(v1_path)
    assert caught.value.reason == "full"
    assert str(caught.value) == (
        f"The disk is full, so the journal at {v1_path} could not be opened."
    )
    assert snapshot(v1_path) == before
    assert backups(v1_path.parent) == []
    assert sorted(p.name for p in v1_path.parent.iterdir() if "partial" in p.name) == []


def test_windows_opening_an_old_journal_together_migrate_it_once(v1_path: Path) -> None:
    before = snapshot(v1_path)
    windows = 4
    start = threading.Barrier(windows)
    failures: list[BaseException] = []

    def open_it() -> None:
        try:
            start.wait()
            with Journal.open(v1_path) as journal:
                assert len(journal.entries.newest()) == 2
        except BaseException as exc:  # reported below, on the main thread
            failures.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(windows)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert snapshot(v1_path)["version"] == SCHEMA_VERSION
    copy = v1_path.with_name("journal.sqlite3.v1-backup")
    assert backups(v1_path.parent) == [copy.name]
    assert snapshot(copy) == before


# -- frozen migrations ----------------------------------------------------------------------


def test_migrations_import_nothing_of_the_app_that_could_change_them() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(schema))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported == {"__future__", "sqlite3", "collections.abc"}


def test_the_lists_still_spell_calendar_weeks_as_the_frozen_index_does(
    tmp_path: Path,
) -> None:
    from practice_tui.journal.query import CALENDAR_WEEK

    Journal.open(tmp_path / "j.sqlite3").close()
    raw = sqlite3.connect(tmp_path / "j.sqlite3")
    try:
        [(sql,)] = raw.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'idx_entries_live_calendar'"
        ).fetchall()
        plan = raw.execute(
            "EXPLAIN QUERY PLAN SELECT "
            f"{CALENDAR_WEEK.format(created_at='e.created_at')} AS g, count(*) "
            "FROM entries AS e WHERE e.deleted_at IS NULL GROUP BY g ORDER BY g DESC"
        ).fetchall()
    finally:
        raw.close()
    assert CALENDAR_WEEK.format(created_at="created_at") in sql
    assert any("idx_entries_live_calendar" in str(step) for step in plan), plan


# -- version 9: answers stored compact -------------------------------------------------


def test_answers_another_program_spoilt_are_left_as_they_are_and_the_index_kept(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only valid answers are re-encoded; the index's update trigger is back as version 4
    made it, and keeps the index on the next edit."""
    make_journal_at(journal_path, 8, monkeypatch)
    spoilt = '[{"question": "Q?", "answer": "cut off'
    conn = sqlite3.connect(journal_path, isolation_level=None)
    try:
        trigger_sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'entries_fts_after_update'"
        ).fetchone()[0]
        conn.execute("DROP TRIGGER entries_fts_after_update")  # as only another program would
        conn.execute("UPDATE entries SET answers = ? WHERE id = ?", [spoilt, LOOSE_ID])
    finally:
        conn.close()
    Journal.open(journal_path, now=lambda: MONDAY_9AM).close()
    conn = sqlite3.connect(journal_path)
    try:
        stored = dict(conn.execute("SELECT id, answers FROM entries"))
        assert stored[LOOSE_ID] == spoilt
        assert stored[LINKED_ID] == (
            '[{"question":"What did you notice?","answer":"Warmth 🌱 in the café"}]'
        )
        assert conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'entries_fts_after_update'"
        ).fetchone() == (trigger_sql,)
    finally:
        conn.close()
    with Journal.open(journal_path, now=lambda: MONDAY_9AM) as journal:
        journal.entries.update(LINKED_ID, [Answer("What did you notice?", "Stillness")])
        assert journal.entries.count(EntryQuery(search="stillness")) == 1
        assert journal.entries.count(EntryQuery(search="warmth")) == 0
        journal._db.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")


def test_every_writer_stores_answers_compact(journal_path: Path) -> None:
    """What the export copies as it is: the store's entries and edits, and imports."""
    exported = journal_path.parent / "exported.json"
    with Journal.open(journal_path, now=lambda: MONDAY_9AM) as journal:
        entry = journal.entries.add(answers=[Answer('Say "hi", then: wait', "é 🌱\n")])
        journal.entries.update(entry.id, [Answer("Q?", "again, and: again")])
        journal.entries.add(answers=[Answer("Q, again?", "é 🌱\t")])
        stored = _stored_answers(journal)
        with exported.open("w", encoding="utf-8") as stream:
            write_export(journal, "json", stream)
    assert sorted(stored) == [
        '[{"question":"Q, again?","answer":"é 🌱\\t"}]',
        '[{"question":"Q?","answer":"again, and: again"}]',
        '[{"question":"Say \\"hi\\", then: wait","answer":"é 🌱\\n"}]',
    ]
    with Journal.open(journal_path.parent / "other.sqlite3") as other:
        import_file(other, exported)
        assert sorted(_stored_answers(other)) == sorted(stored)
    # Half a character (a broken paste) cannot be UTF-8: escaped, and compact all the same.
    assert answers_text([{"question": "Q?", "answer": "é\ud800"}]) == (
        '[{"question":"Q?","answer":"\\u00e9\\ud800"}]'
    )


def _stored_answers(journal: Journal) -> list[str]:
    """The answers of the entries and of their revisions, as stored."""
    conn = journal._db.conn
    entries = conn.execute("SELECT answers FROM entries")
    kept = conn.execute("SELECT answers FROM entry_revisions")
    return [row[0] for row in entries] + [row[0] for row in kept]
