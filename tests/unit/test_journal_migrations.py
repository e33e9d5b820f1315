"""Migrating a real version-1 journal: data kept, backup taken, failures leave it as it was."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from practice_tui.journal import SCHEMA_VERSION, Answer, Journal, JournalError, backup, schema

PLUS_ONE = timezone(timedelta(hours=1))
MONDAY_9AM = datetime(2026, 1, 5, 9, 0, tzinfo=PLUS_ONE)
V1_TABLES = ("practice_sessions", "entries")

SESSION_ID = "5b0e1bde-93a4-4c1e-9a43-6a3f0c2f9f11"
V1_SESSIONS = [
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
]
V1_ENTRIES = [
    (
        "0c7f0a47-6f5e-4a4b-8b0c-7d1c5cf0e6a2",
        SESSION_ID,
        "reflection",
        "loving-kindness",
        "Loving-kindness",
        1,
        "2026-01-05T09:10:00+01:00",
        "2026-01-05T09:10:00+01:00",
        '[{"question": "What did you notice?", "answer": "Warmth 🌱"}]',
    ),
    (
        "8a4e7d7e-2f55-4a52-bf0a-1f1b0f0c3b90",
        None,
        "reflection",
        None,
        None,
        None,
        "2026-01-06T21:00:00+01:00",
        "2026-01-06T21:00:00+01:00",
        '[{"question": "What is on your mind?", "answer": ""}, '
        '{"question": "Anything else?", "answer": "A free note."}]',
    ),
]


def make_v1_journal(path: Path, monkeypatch: pytest.MonkeyPatch, *, rows: bool = True) -> None:
    """A journal as version 1 of practice-tui left it: opened by the store with only
    migration 1 known, then written to with version 1's columns."""
    with monkeypatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        Journal.open(path).close()
    if not rows:
        return
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            f"INSERT INTO practice_sessions VALUES ({', '.join('?' * 11)})", V1_SESSIONS
        )
        conn.executemany(f"INSERT INTO entries VALUES ({', '.join('?' * 9)})", V1_ENTRIES)
        conn.execute("COMMIT")
    finally:
        conn.close()


def snapshot(path: Path) -> dict[str, object]:
    """Everything version 1 had: its version, its tables' SQL and every row, in order."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        shape = conn.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE tbl_name IN ('practice_sessions', 'entries') ORDER BY name"
        ).fetchall()
        rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in V1_TABLES}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    return {"version": version, "shape": shape, "rows": rows, "tables": tables}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "backup" in p.name)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def v1_path(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_v1_journal(journal_path, monkeypatch)
    return journal_path


def test_the_v1_file_is_real(v1_path: Path) -> None:
    before = snapshot(v1_path)
    assert before["version"] == 1 and SCHEMA_VERSION >= 2
    assert before["tables"] == set(V1_TABLES)
    assert before["rows"] == {"practice_sessions": V1_SESSIONS, "entries": V1_ENTRIES}
    assert mode(v1_path) == 0o600


def test_v1_journal_migrates_with_its_data_untouched(v1_path: Path) -> None:
    before = snapshot(v1_path)
    with Journal.open(v1_path, now=lambda: MONDAY_9AM) as journal:
        linked, loose = sorted(journal.entries(), key=lambda e: e.created_at)
        [session] = journal.sessions()
    after = snapshot(v1_path)
    assert after["version"] == SCHEMA_VERSION
    assert after["tables"] == {*V1_TABLES, "home_task_ticks", "actions", "drafts"}
    assert (after["shape"], after["rows"]) == (before["shape"], before["rows"])

    assert (session.id, session.practised_seconds, session.completed) == (SESSION_ID, 185.2, False)
    assert (linked.session_id, linked.practised_seconds, linked.week) == (SESSION_ID, 185.2, 1)
    assert linked.kind == "reflection"
    assert linked.answers == (Answer("What did you notice?", "Warmth 🌱"),)
    assert loose.answers[1] == Answer("Anything else?", "A free note.")
    assert (loose.session_id, loose.practice_name, loose.week) == (None, None, None)


def test_new_tables_work_after_migrating(v1_path: Path) -> None:
    with Journal.open(v1_path, now=lambda: MONDAY_9AM) as journal:
        journal.set_home_task(week=1, task_id="kind-act", day=date(2026, 1, 5), done=True)
        exercise = journal.add_entry(
            kind="exercise",
            practice_id="next-steps",
            practice_name="Next steps",
            week=1,
            answers=[Answer("What will you do?", "")],
            actions=["Thank a colleague"],
        )
        [action] = journal.actions()
        journal.set_action_done(action.id, True)
    with Journal.open(v1_path) as journal:
        assert journal.home_tasks_done() == 1
        assert journal.get_entry(exercise.id) == exercise
        assert [(a.entry_id, a.done) for a in journal.actions()] == [(exercise.id, True)]
        assert len(journal.entries()) == 3


def test_a_private_backup_is_kept_before_migrating(v1_path: Path) -> None:
    before = snapshot(v1_path)
    Journal.open(v1_path).close()
    copy = v1_path.with_name("journal.sqlite3.v1-backup")
    assert backups(v1_path.parent) == [copy.name]  # no half-written copies left behind
    assert mode(copy) == 0o600
    assert snapshot(copy) == before  # version 1, its tables, every row
    raw = sqlite3.connect(copy)
    try:  # a standalone file: nothing of it waits in a -wal beside it
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()
    assert backup.backup_path(v1_path, 1) == copy


def test_no_backup_without_user_data(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Journal.open(journal_path).close()  # a brand new file
    assert backups(journal_path.parent) == []
    other = journal_path.with_name("empty.sqlite3")
    make_v1_journal(other, monkeypatch, rows=False)  # version 1, never written to
    Journal.open(other).close()
    assert snapshot(other)["version"] == SCHEMA_VERSION
    assert backups(journal_path.parent) == []


def test_no_backup_once_migrated(v1_path: Path) -> None:
    Journal.open(v1_path).close()
    copy = v1_path.with_name("journal.sqlite3.v1-backup")
    stamp = copy.stat().st_mtime_ns
    with Journal.open(v1_path) as journal:
        journal.add_entry(answers=[Answer("Q?", "later")])
    Journal.open(v1_path).close()
    assert backups(v1_path.parent) == [copy.name]
    assert copy.stat().st_mtime_ns == stamp


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
        assert len(journal.entries()) == 2
        assert journal.home_tasks_done() == 0
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


def test_windows_opening_a_v1_journal_together_migrate_it_once(v1_path: Path) -> None:
    before = snapshot(v1_path)
    windows = 4
    start = threading.Barrier(windows)
    failures: list[BaseException] = []

    def open_it() -> None:
        try:
            start.wait()
            with Journal.open(v1_path) as journal:
                assert len(journal.entries()) == 2
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
