"""The journal store: files, schema, records, ordering, errors and concurrent writers."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from practice_tui.journal import (
    SCHEMA_VERSION,
    Answer,
    Entry,
    Journal,
    JournalError,
    PracticeSession,
    connection,
    schema,
)
from practice_tui.journal.errors import (
    EntryNotFound,
    InvalidArgument,
    NothingToSave,
    NotInTrash,
    SessionNotFound,
)
from tests.support.hand_clock import grouped_by_week

PLUS_ONE = timezone(timedelta(hours=1))
MONDAY_9AM = datetime(2026, 1, 5, 9, 0, tzinfo=PLUS_ONE)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(journal_path: Path):
    with Journal.open(journal_path, now=lambda: MONDAY_9AM) as opened:
        yield opened


def answers(*texts: str) -> list[Answer]:
    return [Answer(f"Question {i}?", text) for i, text in enumerate(texts, start=1)]


def record(journal: Journal, **overrides: object) -> PracticeSession:
    fields: dict[str, object] = {
        "practice_id": "loving-kindness",
        "practice_name": "Loving-kindness",
        "week": 1,
        "started_at": MONDAY_9AM,
        "ended_at": MONDAY_9AM + timedelta(minutes=4),
        "planned_seconds": 600,
        "practised_seconds": 185.2,
        "completed": False,
    }
    fields.update(overrides)
    return journal.sessions.record(**fields)  # type: ignore[arg-type]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_one_sentence(error: JournalError) -> None:
    """One calm sentence: capitalised, one full stop at the end, no line breaks."""
    message = str(error)
    assert message[:1].isupper() and message.endswith("."), message
    assert "\n" not in message
    without_paths = message.replace(str(error.path), "PATH").replace(
        str(error.path.parent if error.path else ""), "FOLDER"
    )
    assert not re.search(r"[.!?]\s", without_paths), message
    assert "sqlite" not in without_paths.lower(), message


# -- the file --------------------------------------------------------------------------


def test_open_creates_private_folder_and_file(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        journal.entries.add(answers=answers("hello"))
        assert mode(journal_path.parent) == 0o700
        assert mode(journal_path) == 0o600
        wal = journal_path.with_name(journal_path.name + "-wal")
        assert wal.exists() and mode(wal) == 0o600
    assert journal.path == journal_path


def test_file_is_private_before_sqlite_opens_it(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real_connect = sqlite3.connect

    def spying_connect(path: Path, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        seen.append(mode(Path(path)))
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(connection.sqlite3, "connect", spying_connect)
    Journal.open(journal_path).close()
    assert seen == [0o600]


def test_existing_loose_file_and_folder_are_tightened(journal_path: Path) -> None:
    journal_path.parent.mkdir(mode=0o755)
    os.chmod(journal_path.parent, 0o755)
    journal_path.touch()
    os.chmod(journal_path, 0o644)
    Journal.open(journal_path).close()
    assert mode(journal_path.parent) == 0o700
    assert mode(journal_path) == 0o600


def test_wal_mode_and_schema_version(journal: Journal, journal_path: Path) -> None:
    raw = sqlite3.connect(journal_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        raw.close()
    assert SCHEMA_VERSION == len(schema.MIGRATIONS) >= 1


def test_connection_settings(journal: Journal) -> None:
    # White-box: these pragmas are per connection, so only the journal's own one can tell.
    conn = journal._db.conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_schema_reads_well_in_datasette(journal: Journal, journal_path: Path) -> None:
    db = sqlite_utils.Database(journal_path)
    try:
        assert set(db.table_names()) == {
            "practice_sessions",
            "entries",
            "home_task_ticks",
            "actions",
            "drafts",
            "entry_revisions",
            "entries_fts",
            *(f"entries_fts_{part}" for part in ("config", "data", "docsize", "idx")),
            "journal_identity",  # the journal's own id and its recent writes (version 6)
            "journal_write_log",
        }
        assert [c.name for c in db.table("drafts").columns] == [
            "id",
            "content",
            "created_at",
            "updated_at",
        ]
        assert [c.name for c in db.table("practice_sessions").columns] == [
            "id",
            "practice_id",
            "practice_name",
            "week",
            "kind",
            "started_at",
            "ended_at",
            "planned_seconds",
            "practised_seconds",
            "completed",
            "created_at",
        ]
        assert [c.name for c in db.table("entries").columns] == [
            "id",
            "session_id",
            "kind",
            "practice_id",
            "practice_name",
            "week",
            "created_at",
            "updated_at",
            "answers",
            "starred",
            "deleted_at",
            "edited_at",
            "tags",
            "source",
        ]
        [fk] = db.table("entries").foreign_keys
        assert (fk.column, fk.other_table, fk.other_column) == (
            "session_id",
            "practice_sessions",
            "id",
        )
        indexed = {tuple(i.columns) for i in db.table("entries").indexes}
        assert {("created_at",), ("week",)} <= indexed
        assert ("started_at",) in {tuple(i.columns) for i in db.table("practice_sessions").indexes}
        assert [c.name for c in db.table("home_task_ticks").columns] == [
            "id",
            "week",
            "task_id",
            "day",
            "created_at",
        ]
        ticks_indexes = {tuple(i.columns): i.unique for i in db.table("home_task_ticks").indexes}
        assert ticks_indexes[("task_id", "day")] and ("day",) in ticks_indexes
        assert [c.name for c in db.table("actions").columns] == [
            "id",
            "entry_id",
            "week",
            "text",
            "created_at",
            "updated_at",
            "done_at",
        ]
        [fk] = db.table("actions").foreign_keys
        assert (fk.column, fk.other_table, fk.other_column) == ("entry_id", "entries", "id")
        assert ("done_at",) in {tuple(i.columns) for i in db.table("actions").indexes}
    finally:
        db.close()


def test_answers_are_readable_json_in_the_file(journal: Journal, journal_path: Path) -> None:
    journal.entries.add(answers=[Answer("How was it?", "Calm 🌱")])
    raw = sqlite3.connect(journal_path)
    try:
        [(stored,)] = raw.execute("SELECT answers FROM entries").fetchall()
    finally:
        raw.close()
    assert "Calm 🌱" in stored
    assert json.loads(stored) == [{"question": "How was it?", "answer": "Calm 🌱"}]


# -- migrations ------------------------------------------------------------------------


def _file_at_version(path: Path, version: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        db = sqlite_utils.Database(conn)
        for number, migration in enumerate(schema.MIGRATIONS[:version], start=1):
            conn.execute("BEGIN")
            migration(db)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrates_from_every_older_version(journal_path: Path, version: int) -> None:
    _file_at_version(journal_path, version)
    with Journal.open(journal_path) as journal:
        session = record(journal)
        journal.entries.add(answers=answers("still here"), session_id=session.id)
        assert len(journal.entries.newest()) == 1
    raw = sqlite3.connect(journal_path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        raw.close()


def test_failed_migration_changes_nothing(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Journal.open(journal_path).close()

    def broken(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE half_done (x TEXT)")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(JournalError) as caught:
        Journal.open(journal_path)
    assert_one_sentence(caught.value)
    raw = sqlite3.connect(journal_path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "half_done" not in tables
    finally:
        raw.close()


def test_newer_file_is_refused_and_left_untouched(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        journal.entries.add(answers=answers("from the future"))
    raw = sqlite3.connect(journal_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    before = journal_path.read_bytes()
    with pytest.raises(JournalError, match="newer practice-tui") as caught:
        Journal.open(journal_path)
    assert caught.value.reason == "newer"
    assert_one_sentence(caught.value)
    assert journal_path.read_bytes() == before


# -- damaged, unwritable and busy files ------------------------------------------------


def test_garbage_file_is_reported_and_left_untouched(journal_path: Path) -> None:
    journal_path.parent.mkdir()
    garbage = bytes(range(256)) * 32
    journal_path.write_bytes(garbage)
    with pytest.raises(JournalError) as caught:
        Journal.open(journal_path)
    error = caught.value
    assert error.reason == "damaged"
    assert str(error) == (
        f"The journal at {journal_path} could not be opened because it looks damaged; "
        "it has not been changed."
    )
    assert_one_sentence(error)
    assert error.__cause__ is not None  # the sqlite3 error is kept for logs, not shown
    assert journal_path.read_bytes() == garbage
    assert sorted(p.name for p in journal_path.parent.iterdir()) == [journal_path.name]


def test_damaged_pages_are_reported_when_read(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        for _ in range(40):
            journal.entries.add(answers=answers("x" * 500))
    data = journal_path.read_bytes()
    page_size = 4096
    wrecked = data[:page_size] + b"\xff" * (len(data) - page_size)  # keep the header page
    journal_path.write_bytes(wrecked)
    # Found on opening (the schema spans several pages) or on the first read: either way,
    # one sentence.
    with pytest.raises(JournalError) as caught, Journal.open(journal_path) as journal:
        journal.entries.newest()
    assert caught.value.reason == "damaged"
    assert_one_sentence(caught.value)
    assert journal_path.read_bytes() == wrecked


def test_parent_that_is_a_file_is_reported(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("hello")
    with pytest.raises(JournalError) as caught:
        Journal.open(not_a_folder / "journal.sqlite3")
    assert caught.value.reason == "not-a-folder"
    assert_one_sentence(caught.value)
    assert not_a_folder.read_text() == "hello"


def test_path_that_is_a_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(JournalError) as caught:
        Journal.open(tmp_path)
    assert caught.value.reason == "not-a-file"
    assert_one_sentence(caught.value)


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_read_only_folder_is_reported(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    # These tests run as root, for whom chmod cannot make a folder read-only, so the
    # operating system's refusal is simulated at the one call that creates the file.
    real_open = os.open

    def refusing_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path) == journal_path:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(connection.os, "open", refusing_open)
    with pytest.raises(JournalError) as caught:
        Journal.open(journal_path)
    assert caught.value.reason == "read-only-folder"
    assert str(caught.value) == (
        f"The folder {journal_path.parent} is read-only, so the journal cannot be written there."
    )


def test_read_only_database_is_reported_on_save(journal: Journal) -> None:
    # A real SQLITE_READONLY, raised by SQLite itself on this connection.
    journal._db.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(JournalError) as caught:
        journal.entries.add(answers=answers("kept on screen"))
    assert caught.value.reason == "read-only"
    assert_one_sentence(caught.value)
    assert "your reflection could not be saved" in str(caught.value)


def test_full_disk_is_reported_and_nothing_is_half_saved(journal: Journal) -> None:
    journal.entries.add(answers=answers("first"))
    conn = journal._db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # a real SQLITE_FULL from SQLite
    with pytest.raises(JournalError) as caught:
        journal.entries.add(answers=answers("y" * 100_000))
    error = caught.value
    assert error.reason == "full"
    assert str(error) == (
        "The disk is full, so your reflection could not be saved; "
        "nothing in the journal was changed."
    )
    assert [e.text for e in journal.entries.newest()] == ["first"]


def test_busy_journal_is_reported(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 0)
    with Journal.open(journal_path) as journal:
        other = sqlite3.connect(journal_path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(JournalError) as caught:
                journal.entries.add(answers=answers("wait"))
            assert caught.value.reason == "busy"
            assert_one_sentence(caught.value)
            other.execute("ROLLBACK")
        finally:
            other.close()
        journal.entries.add(answers=answers("now it fits"))
        assert [e.text for e in journal.entries.newest()] == ["now it fits"]


def test_closed_journal_refuses_calmly(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.close()
    journal.close()
    with pytest.raises(JournalError) as caught:
        journal.entries.newest()
    assert caught.value.reason == "closed"
    assert_one_sentence(caught.value)


# -- records ---------------------------------------------------------------------------


def test_ids_are_uuid4(journal: Journal) -> None:
    session = record(journal)
    entry = journal.entries.add(answers=answers("hi"), session_id=session.id)
    for value in (session.id, entry.id):
        assert uuid.UUID(value).version == 4
        assert str(uuid.UUID(value)) == value
    assert session.id != entry.id


def test_times_keep_their_offset_to_the_second(journal_path: Path) -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    moment = datetime(2026, 2, 3, 7, 15, 42, 987654, tzinfo=india)
    with Journal.open(journal_path, now=lambda: moment) as journal:
        session = record(journal, started_at=moment, ended_at=moment + timedelta(seconds=90))
        entry = journal.entries.add(answers=answers("hi"), created_at=moment)
    assert entry.created_at == entry.updated_at == "2026-02-03T07:15:42+05:30"
    assert session.started_at == "2026-02-03T07:15:42+05:30"
    assert session.ended_at == "2026-02-03T07:17:12+05:30"
    with Journal.open(journal_path) as journal:
        [stored] = journal.entries.newest()
        [stored_session] = journal.sessions.newest()
    assert stored == entry
    assert stored_session == session
    assert datetime.fromisoformat(stored.created_at) == moment.replace(microsecond=0)


def test_default_time_is_local_with_offset(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        entry = journal.entries.add(answers=answers("hi"))
    assert datetime.fromisoformat(entry.created_at).utcoffset() is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", entry.created_at)


def test_naive_datetimes_are_refused(journal: Journal, journal_path: Path) -> None:
    naive = datetime(2026, 1, 5, 9, 0)
    with pytest.raises(ValueError, match="UTC offset"):
        journal.entries.add(answers=answers("hi"), created_at=naive)
    with pytest.raises(ValueError, match="UTC offset"):
        record(journal, started_at=naive)
    with pytest.raises(ValueError, match="UTC offset"):
        record(journal, ended_at=naive)
    with (
        Journal.open(journal_path, now=lambda: naive) as naive_clock,
        pytest.raises(ValueError, match="UTC offset"),
    ):
        naive_clock.entries.add(answers=answers("hi"))
    assert journal.entries.newest() == [] and journal.sessions.newest() == []


def test_record_session_returns_what_it_stored(journal: Journal) -> None:
    session = record(journal, completed=True, kind="timer", week=None)
    assert isinstance(session, PracticeSession)
    assert (session.kind, session.week, session.completed) == ("timer", None, True)
    assert journal.sessions.newest() == [session]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"ended_at": MONDAY_9AM - timedelta(seconds=1)}, ValueError),
        ({"planned_seconds": -1}, ValueError),
        ({"practised_seconds": float("nan")}, ValueError),
        ({"completed": 1}, TypeError),
        ({"kind": "nap"}, ValueError),
        ({"week": 0}, ValueError),
        ({"practice_id": " "}, ValueError),
    ],
)
def test_record_session_refuses_nonsense(
    journal: Journal, overrides: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        record(journal, **overrides)
    assert journal.sessions.newest() == []


def test_entries_are_newest_first(journal: Journal) -> None:
    first = journal.entries.add(answers=answers("first"), created_at=MONDAY_9AM)
    # Later in real time although its wall-clock text sorts earlier (08:30Z is after 08:00Z).
    second = journal.entries.add(
        answers=answers("second"), created_at=datetime(2026, 1, 5, 8, 30, tzinfo=UTC)
    )
    third = journal.entries.add(answers=answers("third"), created_at=MONDAY_9AM + timedelta(days=1))
    same_moment = journal.entries.add(
        answers=answers("same moment, saved later"), created_at=MONDAY_9AM + timedelta(days=1)
    )
    assert [e.id for e in journal.entries.newest()] == [
        same_moment.id,
        third.id,
        second.id,
        first.id,
    ]
    assert [e.id for e in journal.entries.newest(limit=2)] == [same_moment.id, third.id]
    assert journal.entries.newest(limit=0) == []
    with pytest.raises(InvalidArgument):
        journal.entries.newest(limit=-1)


def test_sessions_are_newest_first(journal: Journal) -> None:
    early = record(journal, started_at=MONDAY_9AM - timedelta(days=1))
    late = record(journal)
    assert [s.id for s in journal.sessions.newest()] == [late.id, early.id]
    assert [s.id for s in journal.sessions.newest(limit=1)] == [late.id]


def test_entries_by_week(journal: Journal) -> None:
    def at(day: int, week: int | None, text: str) -> Entry:
        when = MONDAY_9AM + timedelta(days=day)
        return journal.entries.add(answers=answers(text), week=week, created_at=when)

    w1_old, loose_old, w6, w1_new, w3, loose_new = (
        at(0, 1, "w1 old"),
        at(1, None, "loose old"),
        at(2, 6, "w6"),
        at(3, 1, "w1 new"),
        at(4, 3, "w3"),
        at(5, None, "loose new"),
    )
    assert grouped_by_week(journal) == [
        (6, [w6.id]),
        (3, [w3.id]),
        (1, [w1_new.id, w1_old.id]),
        (None, [loose_new.id, loose_old.id]),
    ]


def test_entry_carries_practised_seconds_from_its_session(journal: Journal) -> None:
    session = record(journal, practised_seconds=185.2, week=2)
    linked = journal.entries.add(answers=answers("after practice"), session_id=session.id)
    loose = journal.entries.add(answers=answers("on its own"))
    assert linked.practised_seconds == 185.2
    assert (linked.practice_id, linked.practice_name, linked.week) == (
        "loving-kindness",
        "Loving-kindness",
        2,
    )
    assert loose.practised_seconds is None
    assert journal.entries.get(linked.id) == linked
    assert journal.entries.get(loose.id) == loose
    assert journal.entries.get("no-such-id") is None


def test_entry_for_unknown_session_is_refused(journal: Journal) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(SessionNotFound, match="no longer in your journal") as caught:
        journal.entries.add(answers=answers("hi"), session_id=missing)
    assert caught.value.session_id == missing
    assert_one_sentence(caught.value)
    assert journal.entries.newest() == []


@pytest.mark.parametrize(
    "blank",
    [[], [Answer("Q?", "")], [Answer("Q?", "  \n\t "), Answer("R?", "\u3000")]],
    ids=["none", "empty", "whitespace"],
)
def test_blank_answers_are_refused(journal: Journal, blank: list[Answer]) -> None:
    with pytest.raises(NothingToSave, match="nothing to save"):
        journal.entries.add(answers=blank)
    assert journal.entries.newest() == []


def test_some_blank_answers_are_kept_as_written(journal: Journal) -> None:
    entry = journal.entries.add(answers=[Answer("Q1?", ""), Answer("Q2?", "only this")])
    assert entry.answers == (Answer("Q1?", ""), Answer("Q2?", "only this"))
    assert journal.entries.newest()[0].answers == entry.answers


HUNDRED_KB = ("Breathing in, I know I am breathing in. 🌊\n" * 2500)[:100_000]


@pytest.mark.parametrize(
    "text",
    [
        "[bold]not markup[/] and [/] alone",
        "\x1b[31mred\x1b[0m and a bell\a",
        "emoji 🙏🏽🌱 and zero-width joiners 👩‍👩‍👧",
        "tabs\tand\r\nwindows lines\rand a NUL \x00 inside",
        "lone surrogate \ud800 from a broken paste",
        HUNDRED_KB,
    ],
    ids=["markup", "escapes", "emoji", "controls", "surrogate", "100kb"],
)
def test_user_text_round_trips_exactly(journal_path: Path, text: str) -> None:
    question = "What did you notice? [i]"
    with Journal.open(journal_path) as journal:
        saved = journal.entries.add(answers=[Answer(question, text)])
    with Journal.open(journal_path) as journal:
        [entry] = journal.entries.newest()
        assert journal.entries.get(saved.id) == entry
    assert entry.answers == (Answer(question, text),)
    assert entry == saved


def test_text_and_opening_words() -> None:
    entry = Entry(
        id="x",
        session_id=None,
        kind="reflection",
        practice_id=None,
        practice_name=None,
        week=None,
        created_at="2026-01-05T09:00:00+01:00",
        updated_at="2026-01-05T09:00:00+01:00",
        answers=(
            Answer("Q1?", "   "),
            Answer("Q2?", "  A warm\n\n feeling   in my chest, then some restlessness  "),
            Answer("Q3?", "Kinder."),
        ),
        practised_seconds=None,
    )
    assert entry.text == "  A warm\n\n feeling   in my chest, then some restlessness  \n\nKinder."
    assert entry.opening_words() == "A warm feeling in my chest, then some restlessness"
    assert entry.opening_words(20) == "A warm feeling in…"
    assert len(entry.opening_words(20)) <= 20
    assert entry.opening_words(5) == "A wa…"  # no word break late enough
    assert entry.opening_words(1) == "…"


# -- several writers -------------------------------------------------------------------


def test_two_journals_interleaving_writes_lose_nothing(journal_path: Path) -> None:
    with Journal.open(journal_path) as first, Journal.open(journal_path) as second:
        written: list[str] = []
        for i in range(10):
            writer = first if i % 2 == 0 else second
            session = record(writer)
            written.append(writer.entries.add(answers=answers(f"{i}"), session_id=session.id).id)
            # each sees the other's latest write at once
            reader = second if writer is first else first
            assert reader.entries.newest(limit=1)[0].id == written[-1]
        assert {e.id for e in first.entries.newest()} == set(written)
        assert len(second.sessions.newest()) == 10


@pytest.mark.parametrize("fresh", [True, False], ids=["new-file", "existing-file"])
def test_concurrent_writers_lose_nothing(journal_path: Path, fresh: bool) -> None:
    if not fresh:
        Journal.open(journal_path).close()
    writers, each = 4, 25
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(n: int, open_journal: Callable[[Path], Journal] = Journal.open) -> None:
        try:
            start.wait()
            with open_journal(journal_path) as journal:
                for i in range(each):
                    journal.entries.add(answers=answers(f"{n}:{i}"))
        except BaseException as exc:  # reported below, on the main thread
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with Journal.open(journal_path) as journal:
        texts = sorted(e.text for e in journal.entries.newest())
    assert texts == sorted(f"{n}:{i}" for n in range(writers) for i in range(each))


# -- errors that say what happened ---------------------------------------------------------


ENTRY_CHANGES = {
    "update": lambda j, eid: j.entries.update(eid, [Answer("q", "words")]),
    "set_starred": lambda j, eid: j.entries.set_starred(eid, True),
    "trash": lambda j, eid: j.entries.trash(eid),
    "restore": lambda j, eid: j.entries.restore(eid),
    "delete_forever": lambda j, eid: j.entries.delete_forever(eid),
}


@pytest.mark.parametrize("change", list(ENTRY_CHANGES))
def test_every_change_to_a_missing_entry_says_it_has_gone(journal: Journal, change: str) -> None:
    kept = journal.entries.add(answers=answers("kept"))
    missing = str(uuid.uuid4())
    with pytest.raises(EntryNotFound) as caught:
        ENTRY_CHANGES[change](journal, missing)
    error = caught.value
    assert isinstance(error, JournalError) and not isinstance(error, ValueError)
    assert (error.entry_id, error.reason, error.path) == (missing, "not-found", journal.path)
    assert_one_sentence(error)
    assert journal.entries.newest() == [kept]  # nothing else changed


def test_user_facing_errors_are_journal_errors_and_argument_mistakes_are_not(
    journal: Journal,
) -> None:
    entry = journal.entries.add(answers=answers("in the journal, not the trash"))
    with pytest.raises(NotInTrash) as not_in_trash:
        journal.entries.delete_forever(entry.id)
    assert not_in_trash.value.entry_id == entry.id
    with pytest.raises(NothingToSave) as nothing:
        journal.entries.update(entry.id, [Answer("q", " ")])
    for error in (not_in_trash.value, nothing.value):
        assert isinstance(error, JournalError)
        assert_one_sentence(error)
    with pytest.raises(InvalidArgument) as mistake:
        journal.entries.page(offset=-1)
    assert isinstance(mistake.value, ValueError) and not isinstance(mistake.value, JournalError)


def test_opening_reading_and_exporting_never_import_sqlite_utils(journal_path: Path) -> None:
    """sqlite-utils costs ~110 ms to import: the command line's reads must not pay it."""
    with Journal.open(journal_path) as journal:
        record(journal)
        journal.entries.add(answers=answers("kindness at the handover"), actions=["Call Sam"])
    code = (
        "import io, sys\n"
        "from practice_tui.journal import Journal, write_export\n"
        "from practice_tui.journal.query import EntryQuery\n"
        f"j = Journal.open({str(journal_path)!r})\n"
        "found = EntryQuery(search='kind')\n"
        "assert j.entries.count(found) == 1 and len(j.entries.page(found)) == 1\n"
        "j.entries.group_counts(grouping='calendar'); j.entries.newest(); j.entries.practices()\n"
        "assert len(j.sessions.totals()) == len(j.sessions.newest()) == 1\n"
        "j.sessions.latest_week(); list(j.sessions.starts_newest_first()); j.tasks.actions()\n"
        "j.drafts.all(); j.changes_elsewhere()\n"
        "for fmt in ('md', 'html', 'json', 'csv'):\n"
        "    write_export(j, fmt, io.StringIO())\n"
        "j.close()\n"
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_journal_not_yet_made_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "not-yet" / "journal.sqlite3"
    with Journal.open_or_empty(path) as empty:
        assert empty.path == path
        assert empty.sessions.totals() == [] and empty.sessions.latest_week() is None
        assert list(empty.sessions.starts_newest_first()) == []
        assert empty.tasks.home_task_days(since=date(2026, 1, 5), until=date(2026, 1, 11)) == set()
        assert empty.entries.count() == 0
    assert not path.parent.exists()
    with Journal.open(path) as journal:
        record(journal)
    with Journal.open_or_empty(path) as existing:
        assert len(existing.sessions.totals()) == 1
