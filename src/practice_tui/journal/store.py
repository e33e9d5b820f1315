"""The journal store: one private SQLite file of practice sessions, reflections, exercises,
ticked home tasks and actions.

Plain Python on top of sqlite-utils, so the CLI can use it without Textual. Every public
method either works or raises :class:`JournalError` (one sentence for the person) or
``ValueError``/``TypeError`` (a mistake by the caller); raw sqlite3 errors never escape.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Self
from uuid import uuid4

from sqlite_utils import Database

from practice_tui.journal import schema
from practice_tui.journal.backup import back_up, has_user_data
from practice_tui.journal.errors import (
    OPEN,
    READ,
    SAVE_ACTION,
    SAVE_DRAFT,
    SAVE_EDIT,
    SAVE_ENTRY,
    SAVE_EXERCISE,
    SAVE_HOME_TASK,
    SAVE_IMPORT,
    SAVE_SESSION,
    SAVE_STAR,
    SAVE_TRASH,
    Activity,
    JournalError,
    make_error,
    sqlite_reason,
    translate,
)
from practice_tui.journal.models import Action, Answer, Draft, Entry, PracticeSession
from practice_tui.journal.query import CALENDAR_WEEK, EntryQuery, Grouping, order_by, where_clause
from practice_tui.journal.schema import MIGRATIONS, SCHEMA_VERSION
from practice_tui.journal.times import local_now, to_iso
from practice_tui.paths import PRIVATE_FILE_MODE, ensure_private_dir

__all__ = [
    "ENTRY_KINDS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SESSION_KINDS",
    "Action",
    "Answer",
    "Entry",
    "EntryQuery",
    "Journal",
    "JournalError",
    "PracticeSession",
]

#: How long a write waits for another practice-tui window to finish its own, in milliseconds.
BUSY_TIMEOUT_MS = 5000

SESSION_KINDS = ("guided", "timer")
#: A reflection follows a practice (or stands alone); an exercise is written on its own, and
#: its ``practice_id``/``practice_name`` name the exercise; a note is brought in from another
#: journal (jrnl), about no practice.
ENTRY_KINDS = ("reflection", "exercise", "note")

_SIDE_FILES = ("-wal", "-shm", "-journal")

_ENTRY_SELECT = """
    SELECT e.id, e.session_id, e.kind, e.practice_id, e.practice_name, e.week,
           e.created_at, e.updated_at, e.answers, s.practised_seconds AS practised_seconds,
           e.starred, e.deleted_at, e.edited_at, e.tags, e.source
    FROM entries AS e
    LEFT JOIN practice_sessions AS s ON s.id = e.session_id
"""
# julianday() reads the UTC offset, so entries written before and after a change of clocks
# still sort by the moment they were written, not by their wall-clock text.
_NEWEST_FIRST = "ORDER BY julianday(e.created_at) DESC, e.rowid DESC"
# Actions still to do come first. Actions set in one exercise share a moment; among those
# the order they were written in is kept, so a list reads as the person wrote it.
_ACTIONS_ORDER = "ORDER BY done_at IS NOT NULL, julianday(created_at) DESC, rowid ASC"
#: No place on Earth is further behind UTC than this, so a session that began after a moment
#: has wall-clock text at least that moment minus this (which lets the index narrow a search).
_WIDEST_OFFSET = timedelta(hours=14)


class SessionTotal(NamedTuple):
    """What a chart or a suggestion counts of one session, without the rest of the record."""

    started_at: str
    practised_seconds: float
    kind: str
    week: int | None
    practice_id: str


class Journal:
    """A private reflection journal kept in one SQLite file. Use :meth:`Journal.open`."""

    def __init__(self, path: Path, db: Database, now: Callable[[], datetime]) -> None:
        self._path = path
        self._db = db
        self._now = now
        self._closed = False
        self._writes = 0
        self._matches_key: tuple[str, int, int] | None = None

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, now: Callable[[], datetime] | None = None) -> Journal:
        """Open the journal at ``path``, creating it (owner-only) and migrating it as needed.

        ``now`` gives the wall-clock time used to stamp rows; tests pass a fixed clock.
        """
        path = Path(path).expanduser().absolute()
        try:
            _prepare_private_file(path)
        except OSError as exc:
            raise translate(exc, path, OPEN) from exc
        try:
            conn = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise translate(exc, path, OPEN) from exc
        try:
            db = _configure(conn, path)
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error | OSError):  # OSError: the backup before migrating
                raise translate(exc, path, OPEN) from exc
            raise
        return cls(path, db, now or local_now)

    def close(self) -> None:
        """Close the file; closing twice is harmless."""
        if not self._closed:
            self._closed = True
            self._db.conn.close()

    def wait_for_lock(self, seconds: float) -> None:
        """How long a write waits for another program's lock before giving up (the app's
        writer thread is patient; the command line keeps ``BUSY_TIMEOUT_MS``)."""
        self._db.conn.execute(f"PRAGMA busy_timeout = {round(seconds * 1000):d}")

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self._path

    def now(self) -> datetime:
        """The current local time from this journal's clock (aware, checked)."""
        moment = self._now()
        to_iso(moment, name="now()")
        return moment

    # -- writing -------------------------------------------------------------------------

    def record_session(
        self,
        *,
        practice_id: str,
        practice_name: str,
        week: int | None,
        started_at: datetime,
        ended_at: datetime,
        planned_seconds: int,
        practised_seconds: float,
        completed: bool,
        kind: str = "guided",
    ) -> PracticeSession:
        """Keep a record that a practice was done, and return it."""
        _check_text(practice_id, "practice_id")
        _check_text(practice_name, "practice_name")
        _check_week(week)
        _check_choice(kind, SESSION_KINDS, "kind")
        started, ended = to_iso(started_at, name="started_at"), to_iso(ended_at, name="ended_at")
        if ended_at < started_at:
            raise ValueError("ended_at must not be before started_at")
        if isinstance(planned_seconds, bool) or not isinstance(planned_seconds, int):
            raise TypeError("planned_seconds must be an int")
        if planned_seconds < 0:
            raise ValueError("planned_seconds must not be negative")
        if isinstance(practised_seconds, bool) or not isinstance(practised_seconds, int | float):
            raise TypeError("practised_seconds must be a number")
        if not math.isfinite(practised_seconds) or practised_seconds < 0:
            raise ValueError("practised_seconds must be a finite number, not negative")
        if not isinstance(completed, bool):
            raise TypeError("completed must be a bool")
        session = PracticeSession(
            id=str(uuid4()),
            practice_id=practice_id,
            practice_name=practice_name,
            week=week,
            kind=kind,
            started_at=started,
            ended_at=ended,
            planned_seconds=planned_seconds,
            practised_seconds=float(practised_seconds),
            completed=completed,
        )
        row = {**asdict(session), "completed": int(completed), "created_at": to_iso(self.now())}
        with self._writing(SAVE_SESSION):
            self._db.table("practice_sessions").insert(row)
        return session

    def add_entry(
        self,
        *,
        answers: Sequence[Answer],
        session_id: str | None = None,
        practice_id: str | None = None,
        practice_name: str | None = None,
        week: int | None = None,
        created_at: datetime | None = None,
        kind: str = "reflection",
        actions: Sequence[str] = (),
        draft_id: str | None = None,
    ) -> Entry:
        """Save a reflection or an exercise, with the actions it sets, and return the entry.

        For an exercise, ``practice_id`` and ``practice_name`` are the exercise's id and name.
        An entry tied to a session takes the session's practice and week unless they are
        given. Each non-blank text in ``actions`` becomes an :class:`Action` (stripped), saved
        in the same transaction as the entry, so neither is ever kept without the other.
        Raises ``ValueError`` when every answer is blank and no action is given: there is
        nothing to save. ``draft_id`` names the draft this entry came from: it is deleted in
        the same transaction, so the words are always in exactly one of the two places.
        """
        answers = _check_answers(answers)
        action_texts = _check_action_texts(actions)
        if not action_texts and all(item.is_blank for item in answers):
            raise ValueError("nothing to save: every answer is blank and there are no actions")
        for value, name in ((practice_id, "practice_id"), (practice_name, "practice_name")):
            if value is not None:
                _check_text(value, name)
        _check_week(week)
        _check_choice(kind, ENTRY_KINDS, "kind")
        stamp = to_iso(created_at if created_at is not None else self.now(), name="created_at")
        practised_seconds: float | None = None
        with self._writing(SAVE_EXERCISE if kind == "exercise" else SAVE_ENTRY):
            if session_id is not None:
                session = self._session_row(session_id)
                if session is None:
                    raise ValueError(f"there is no practice session with id {session_id!r}")
                practice_id = practice_id if practice_id is not None else session["practice_id"]
                if practice_name is None:
                    practice_name = session["practice_name"]
                week = week if week is not None else session["week"]
                practised_seconds = session["practised_seconds"]
            entry = Entry(
                id=str(uuid4()),
                session_id=session_id,
                kind=kind,
                practice_id=practice_id,
                practice_name=practice_name,
                week=week,
                created_at=stamp,
                updated_at=stamp,
                answers=answers,
                practised_seconds=practised_seconds,
            )
            self._db.table("entries").insert(_entry_row(entry))
            if action_texts:
                rows = [_new_action_row(entry, text) for text in action_texts]
                self._db.table("actions").insert_all(rows)
            if draft_id is not None:
                self._db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        return entry

    def save_draft(self, content: Mapping[str, Any], draft_id: str | None = None) -> str:
        """Keep writing in progress (new, or replacing draft ``draft_id``); returns its id."""
        text = json.dumps(content, ensure_ascii=False)
        stamp = to_iso(self.now())
        new_id = draft_id or str(uuid4())
        with self._writing(SAVE_DRAFT):
            self._db.execute(
                "INSERT INTO drafts (id, content, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET content = excluded.content, "
                "updated_at = excluded.updated_at",
                [new_id, text, stamp, stamp],
            )
        return new_id

    def drafts(self) -> list[Draft]:
        """Writing that was never saved nor discarded, newest first."""
        with self._reading():
            rows = list(self._db.query("SELECT * FROM drafts ORDER BY updated_at DESC, rowid DESC"))
        return [
            Draft(r["id"], json.loads(r["content"]), r["created_at"], r["updated_at"]) for r in rows
        ]

    def discard_draft(self, draft_id: str) -> None:
        with self._writing(SAVE_DRAFT):
            self._db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])

    def update_entry(
        self, entry_id: str, answers: Sequence[Answer], *, draft_id: str | None = None
    ) -> Entry:
        """Change the words of an entry; ``edited_at`` and ``updated_at`` become now.

        Raises ``ValueError`` for an unknown id, or when every answer would be blank (an
        entry with no words is put in the trash instead, so it can still be restored).
        ``draft_id`` names the draft of this change: it goes in the same transaction.
        """
        checked = _check_answers(answers)
        if all(item.is_blank for item in checked):
            raise ValueError("nothing to save: every answer is blank")
        stamp = to_iso(self.now())
        with self._writing(SAVE_EDIT):
            self._require_entry(entry_id)
            self._db.execute(
                "UPDATE entries SET answers = ?, edited_at = ?, updated_at = ? WHERE id = ?",
                [_encode_answers(checked), stamp, stamp, entry_id],
            )
            if draft_id is not None:
                self._db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        return self._reread(entry_id)

    def set_starred(self, entry_id: str, starred: bool) -> Entry:
        """Star an entry, or take its star away; returns the entry as it now is."""
        if not isinstance(starred, bool):
            raise TypeError("starred must be a bool")
        with self._writing(SAVE_STAR):
            self._require_entry(entry_id)
            self._db.execute(
                "UPDATE entries SET starred = ?, updated_at = ? WHERE id = ? AND starred != ?",
                [int(starred), to_iso(self.now()), entry_id, int(starred)],
            )
        return self._reread(entry_id)

    def trash_entry(self, entry_id: str) -> Entry:
        """Put an entry in the trash, from which :meth:`restore_entry` brings it back."""
        stamp = to_iso(self.now())
        with self._writing(SAVE_TRASH):
            self._require_entry(entry_id)
            self._db.execute(
                "UPDATE entries SET deleted_at = ?, updated_at = ? "
                "WHERE id = ? AND deleted_at IS NULL",
                [stamp, stamp, entry_id],
            )
        return self._reread(entry_id)

    def restore_entry(self, entry_id: str) -> Entry:
        """Take an entry out of the trash, back to where it was in the journal."""
        with self._writing(SAVE_TRASH):
            self._require_entry(entry_id)
            self._db.execute(
                "UPDATE entries SET deleted_at = NULL, updated_at = ? "
                "WHERE id = ? AND deleted_at IS NOT NULL",
                [to_iso(self.now()), entry_id],
            )
        return self._reread(entry_id)

    def delete_forever(self, entry_id: str) -> None:
        """Delete an entry that is in the trash, for good. Its actions are kept, unlinked.

        Raises ``ValueError`` for an entry that is not in the trash: nothing is deleted
        for good without passing through the trash first.
        """
        with self._writing(SAVE_TRASH):
            row = self._require_entry(entry_id)
            if row["deleted_at"] is None:
                raise ValueError("only an entry in the trash can be deleted for good")
            self._db.execute("UPDATE actions SET entry_id = NULL WHERE entry_id = ?", [entry_id])
            self._db.execute("DELETE FROM entries WHERE id = ?", [entry_id])

    def empty_trash(self) -> int:
        """Delete every entry in the trash for good; returns how many there were."""
        with self._writing(SAVE_TRASH):
            self._db.execute(
                "UPDATE actions SET entry_id = NULL WHERE entry_id IN "
                "(SELECT id FROM entries WHERE deleted_at IS NOT NULL)"
            )
            cursor = self._db.execute("DELETE FROM entries WHERE deleted_at IS NOT NULL")
            return int(cursor.rowcount)

    @contextmanager
    def bulk_write(self, activity: Activity = SAVE_IMPORT) -> Iterator[Database]:
        """One write transaction for many rows (an import): all of it is kept, or none.

        For the journal's own modules (import) only; raises :class:`JournalError`.
        """
        with self._writing(activity):
            yield self._db

    @contextmanager
    def bulk_read(self) -> Iterator[Database]:
        """One read transaction for many queries (an export): every row as of one moment.

        For the journal's own modules (export) only; raises :class:`JournalError`.
        """
        with self._reading():
            conn = self._db.conn
            conn.execute("BEGIN")
            with conn:  # ends the read transaction, whatever happens
                yield self._db

    def set_home_task(self, *, week: int, task_id: str, day: date, done: bool) -> None:
        """Tick a home task for a local day, or untick it.

        Idempotent, so a screen can simply send the checkbox's state: a task is ticked at
        most once a day, and unticking a task that is not ticked changes nothing.
        """
        if week is None:
            raise TypeError("week must be an int")
        _check_week(week)
        _check_text(task_id, "task_id")
        day_text = _day_iso(day, "day")
        if not isinstance(done, bool):
            raise TypeError("done must be a bool")
        with self._writing(SAVE_HOME_TASK):
            if done:
                self._db.execute(
                    "INSERT INTO home_task_ticks (id, week, task_id, day, created_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (task_id, day) DO NOTHING",
                    [str(uuid4()), week, task_id, day_text, to_iso(self.now())],
                )
            else:
                self._db.execute(
                    "DELETE FROM home_task_ticks WHERE task_id = ? AND day = ?",
                    [task_id, day_text],
                )

    def set_action_done(self, action_id: str, done: bool) -> Action:
        """Tick an action off (``done_at`` is now) or put it back on the list, and return it.

        Setting the state it already has changes nothing, so the moment it was first ticked
        off is kept. Raises ``ValueError`` for an unknown id.
        """
        if not isinstance(done, bool):
            raise TypeError("done must be a bool")
        with self._writing(SAVE_ACTION):
            rows = list(self._db.query("SELECT * FROM actions WHERE id = ?", [action_id]))
            if not rows:
                raise ValueError(f"there is no action with id {action_id!r}")
            row = rows[0]
            if (row["done_at"] is not None) != done:
                stamp = to_iso(self.now())
                row = {**row, "done_at": stamp if done else None, "updated_at": stamp}
                self._db.execute(
                    "UPDATE actions SET done_at = ?, updated_at = ? WHERE id = ?",
                    [row["done_at"], row["updated_at"], action_id],
                )
        return _action(row)

    # -- reading -------------------------------------------------------------------------

    def entries(self, *, limit: int | None = None) -> list[Entry]:
        """Entries not in the trash, newest first (ties: the later saved first)."""
        sql = f"{_ENTRY_SELECT} WHERE e.deleted_at IS NULL {_NEWEST_FIRST} LIMIT ?"
        with self._reading():
            rows = list(self._db.query(sql, [_limit(limit)]))
        return [self._entry(row) for row in rows]

    def count_entries(self, query: EntryQuery | None = None) -> int:
        """How many entries ``query`` finds (by default, every entry not in the trash)."""
        with self._reading():
            where, params = self._where(query or EntryQuery())
            row = self._db.execute(f"SELECT count(*) FROM entries AS e WHERE {where}", params)
            return int(row.fetchone()[0])

    def entry_page(
        self,
        query: EntryQuery | None = None,
        *,
        grouping: Grouping = "week",
        offset: int = 0,
        limit: int = 50,
    ) -> list[Entry]:
        """One page of the entries ``query`` finds, in the order of ``grouping``.

        The Journal screen asks for pages as they scroll into view, so a list of any length
        costs one page of memory. ``offset`` counts entries, not group headings.
        """
        query = query or EntryQuery()
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise ValueError("offset must be a whole number, 0 or more")
        order = order_by(query, grouping)
        # The page's rows are found in the index first, so skipping far down a long list
        # never reads the entries skipped; then only the page itself is read whole.
        with self._reading():
            where, params = self._where(query)
            sql = (
                f"{_ENTRY_SELECT} WHERE e.rowid IN (SELECT e.rowid FROM entries AS e "
                f"WHERE {where} {order} LIMIT ? OFFSET ?) {order}"
            )
            rows = list(self._db.query(sql, [*params, _limit(limit), offset]))
        return [self._entry(row) for row in rows]

    def stream_entries(
        self, query: EntryQuery | None = None, *, log_order: bool = False, batch: int = 500
    ) -> Iterator[Entry]:
        """Every entry ``query`` finds, read ``batch`` at a time: an export costs one batch.

        Oldest first; with ``log_order``, as a log reads: programme weeks 1 up, then the
        entries tied to no week, oldest first in each. Inside :meth:`bulk_read` the entries
        agree with whatever else is read there.
        """
        query = query or EntryQuery()
        where, params = where_clause(query)
        oldest = "julianday(e.created_at), e.rowid"
        if log_order:
            parts = [
                (f"{where} AND coalesce(e.week, 0) > 0", f"coalesce(e.week, 0), {oldest}"),
                (f"{where} AND coalesce(e.week, 0) = 0", oldest),
            ]
        else:
            parts = [(where, oldest)]
        with self._reading():
            for part_where, order in parts:
                cursor = self._db.conn.execute(
                    f"{_ENTRY_SELECT} WHERE {part_where} ORDER BY {order}", params
                )
                names = [column[0] for column in cursor.description]
                while rows := cursor.fetchmany(batch):
                    for row in rows:
                        yield self._entry(dict(zip(names, row, strict=True)))

    def group_counts(
        self, query: EntryQuery | None = None, *, grouping: Grouping = "week"
    ) -> list[tuple[int | str | None, int]]:
        """The groups of the entries ``query`` finds, in list order, with their sizes.

        By ``"week"``: programme weeks, newest first, then ``None`` for entries tied to no
        week. By ``"calendar"``: the Monday (``YYYY-MM-DD``) of each calendar week of
        writing, newest first. By ``"none"``: one group, ``None``, holding them all.
        """
        query = query or EntryQuery()
        if grouping == "none":
            total = self.count_entries(query)
            return [(None, total)] if total else []
        with self._reading():
            where, params = self._where(query)
        if grouping == "week":
            sql = (
                f"SELECT coalesce(e.week, 0) AS g, count(*) FROM entries AS e WHERE {where} "
                "GROUP BY g ORDER BY g DESC"
            )
        elif grouping == "calendar":
            sql = (
                f"SELECT {CALENDAR_WEEK.format(created_at='e.created_at')} AS g, "
                f"count(*) FROM entries AS e WHERE {where} GROUP BY g ORDER BY g DESC"
            )
        else:
            raise ValueError(f"unknown grouping {grouping!r}")
        with self._reading():
            rows = self._db.execute(sql, params).fetchall()
        if grouping == "week":
            return [(int(key) or None, int(count)) for key, count in rows]
        return [(key, int(count)) for key, count in rows]

    def practice_name(self, practice_id: str) -> str | None:
        """The name entries give a practice or exercise id, or ``None`` if none do."""
        with self._reading():
            row = self._db.execute(
                "SELECT max(practice_name) FROM entries WHERE practice_id = ?", [practice_id]
            ).fetchone()
        return None if row is None else row[0]

    def practices_in_journal(self) -> list[tuple[str, str, int]]:
        """``(practice_id, name, entries)`` for each practice or exercise written about."""
        sql = (
            "SELECT practice_id, max(practice_name), count(*) FROM entries "
            "WHERE deleted_at IS NULL AND practice_id IS NOT NULL "
            "GROUP BY practice_id ORDER BY max(practice_name) COLLATE NOCASE"
        )
        with self._reading():
            rows = self._db.execute(sql).fetchall()
        return [(pid, name or pid, int(count)) for pid, name, count in rows]

    def changes_elsewhere(self) -> int:
        """A number that changes whenever another connection (another window, an import
        from the shell) commits to the file; a screen compares it to know when to re-read."""
        with self._reading():
            return int(self._db.conn.execute("PRAGMA data_version").fetchone()[0])

    def get_session(self, session_id: str) -> PracticeSession | None:
        """The practice session with this id, or ``None``."""
        with self._reading():
            row = self._session_row(session_id)
        return None if row is None else _session(row)

    def get_entry(self, entry_id: str) -> Entry | None:
        """The entry with this id (in the trash or not), or ``None``."""
        with self._reading():
            rows = list(self._db.query(f"{_ENTRY_SELECT} WHERE e.id = ?", [entry_id]))
        return self._entry(rows[0]) if rows else None

    def entry_ids_starting(self, prefix: str, *, limit: int = 2) -> list[str]:
        """Ids of entries (in the trash or not) that begin with ``prefix``, in order.

        For an id typed by hand, shortened: two results mean the prefix is not unique.
        Ids are compared as written (lower-case UUIDs), through the primary key's index.
        """
        if not isinstance(prefix, str) or not prefix:
            raise ValueError("prefix must be non-empty text")
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        sql = "SELECT id FROM entries WHERE id >= ? AND id < ? ORDER BY id LIMIT ?"
        with self._reading():
            rows = self._db.execute(sql, [prefix, after, _limit(limit)]).fetchall()
        return [row[0] for row in rows]

    def sessions(self, *, limit: int | None = None) -> list[PracticeSession]:
        """Practice sessions, newest first by the time they started."""
        sql = (
            "SELECT * FROM practice_sessions "
            "ORDER BY julianday(started_at) DESC, rowid DESC LIMIT ?"
        )
        with self._reading():
            rows = list(self._db.query(sql, [_limit(limit)]))
        return [_session(row) for row in rows]

    def session_totals(self, *, since: datetime | None = None) -> list[SessionTotal]:
        """When each practice began, for how long, and which it was: oldest first.

        Only the columns that progress charts and suggestions count, so thirty years of
        sessions are summed without building a record for each. ``since`` keeps sessions
        that began at or after that moment: the index on ``started_at`` narrows the search
        by wall-clock text (allowing for any UTC offset), then julianday() compares moments.
        """
        sql = "SELECT started_at, practised_seconds, kind, week, practice_id FROM practice_sessions"
        params: list[str] = []
        if since is not None:
            stamp = to_iso(since, name="since")
            earliest = (since.astimezone(UTC) - _WIDEST_OFFSET).strftime("%Y-%m-%dT%H:%M:%S")
            sql += " WHERE started_at >= ? AND julianday(started_at) >= julianday(?)"
            params += [earliest, stamp]
        sql += " ORDER BY julianday(started_at), rowid"
        with self._reading():
            rows = self._db.execute(sql, params).fetchall()
        return [SessionTotal(start, float(seconds), *rest) for start, seconds, *rest in rows]

    def latest_week(self) -> int | None:
        """The highest course week of any practice session; ``None`` before the first."""
        with self._reading():
            value = self._db.execute("SELECT max(week) FROM practice_sessions").fetchone()[0]
        return None if value is None else int(value)

    def starts_newest_first(self, *, batch: int = 100) -> Iterator[str]:
        """Each session's ``started_at`` as stored, the latest wall-clock time first.

        The stored text begins with the wall-clock time the person saw, so the index orders
        it by that time. Read ``batch`` rows at first and more each time after, with no query
        left open in between: a caller counting back day by day (a streak) stops when it has
        seen enough, having paid for about the sessions it read.
        """
        after: tuple[str, int] | None = None
        while True:
            where = "" if after is None else "WHERE (started_at, rowid) < (?, ?)"
            sql = (
                f"SELECT started_at, rowid FROM practice_sessions {where} "
                "ORDER BY started_at DESC, rowid DESC LIMIT ?"
            )
            with self._reading():
                rows = self._db.execute(sql, [*(after or ()), batch]).fetchall()
            yield from (started_at for started_at, _ in rows)
            if len(rows) < batch:
                return
            after = rows[-1]
            batch = min(batch * 2, 5000)

    def home_task_days(
        self, *, since: date, until: date, week: int | None = None
    ) -> set[tuple[str, date]]:
        """The ``(task_id, day)`` pairs ticked from ``since`` to ``until``, both included.

        ``week`` keeps only that course week's tasks. An empty range (``since`` after
        ``until``) has no ticks.
        """
        _check_week(week)
        sql = "SELECT task_id, day FROM home_task_ticks WHERE day BETWEEN ? AND ?"
        params: list[object] = [_day_iso(since, "since"), _day_iso(until, "until")]
        if week is not None:
            sql += " AND week = ?"
            params.append(week)
        with self._reading():
            rows = self._db.execute(sql, params).fetchall()
        return {(task_id, self._day(day)) for task_id, day in rows}

    def home_tasks_done(self, *, since: date | None = None, until: date | None = None) -> int:
        """How many home-task ticks fall in the range (both ends included; ``None`` is open)."""
        sql = "SELECT count(*) FROM home_task_ticks WHERE 1"
        params: list[str] = []
        if since is not None:
            sql += " AND day >= ?"
            params.append(_day_iso(since, "since"))
        if until is not None:
            sql += " AND day <= ?"
            params.append(_day_iso(until, "until"))
        with self._reading():
            return int(self._db.execute(sql, params).fetchone()[0])

    def actions(self, *, include_done: bool = True, entry_id: str | None = None) -> list[Action]:
        """Actions still to do first, then those done; newest first within each.

        ``entry_id`` keeps only the actions set in that entry.
        """
        clauses, params = ["1"], []
        if not include_done:
            clauses.append("done_at IS NULL")
        if entry_id is not None:
            clauses.append("entry_id = ?")
            params.append(entry_id)
        sql = f"SELECT * FROM actions WHERE {' AND '.join(clauses)} {_ACTIONS_ORDER}"
        with self._reading():
            rows = list(self._db.query(sql, params))
        return [_action(row) for row in rows]

    # -- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _writing(self, action: Activity) -> Iterator[None]:
        """One write transaction; sqlite errors become :class:`JournalError`.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a second window waits for it
        (up to ``BUSY_TIMEOUT_MS``) instead of failing half way.
        """
        self._check_open(action)
        conn = self._db.conn
        self._writes += 1  # whatever happens, searches kept from before are read again
        try:
            conn.execute("BEGIN IMMEDIATE")
            with conn:  # commits, or rolls back on any error
                yield
        except sqlite3.Error as exc:
            raise translate(exc, self._path, action) from exc

    def _where(self, query: EntryQuery) -> tuple[str, list[object]]:
        """The ``WHERE`` clause for ``query``, with a search's matches read once and kept.

        A list of search results asks for its groups, then page after page; matching every
        time would cost a common word tens of milliseconds each. The matching rowids are
        kept in a temporary table (this connection's alone, in memory) until the search,
        this journal, or the file (``PRAGMA data_version``: another window wrote) changes.
        """
        terms = query.terms
        if not query.is_search or terms.is_empty:
            return where_clause(query)
        fts = terms.fts_query()
        conn = self._db.conn
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        key = (fts, version, self._writes)
        if key != self._matches_key:
            self._matches_key = None
            conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS search_matches (rowid INTEGER PRIMARY KEY)"
            )
            conn.execute("DELETE FROM temp.search_matches")
            conn.execute(
                "INSERT INTO temp.search_matches "
                "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?",
                [fts],
            )
            self._matches_key = key
        return where_clause(query, matches_table="temp.search_matches")

    @contextmanager
    def _reading(self) -> Iterator[None]:
        self._check_open(READ)
        try:
            yield
        except sqlite3.Error as exc:
            raise translate(exc, self._path, READ) from exc

    def _check_open(self, action: Activity) -> None:
        if self._closed:
            raise make_error("closed", self._path, action)

    def _require_entry(self, entry_id: str) -> dict[str, Any]:
        rows = list(self._db.query("SELECT * FROM entries WHERE id = ?", [entry_id]))
        if not rows:
            raise ValueError(f"there is no entry with id {entry_id!r}")
        return rows[0]

    def _reread(self, entry_id: str) -> Entry:
        entry = self.get_entry(entry_id)
        if entry is None:  # another window deleted it for good a moment ago
            raise ValueError(f"there is no entry with id {entry_id!r}")
        return entry

    def _session_row(self, session_id: str) -> dict[str, Any] | None:
        rows = list(self._db.query("SELECT * FROM practice_sessions WHERE id = ?", [session_id]))
        return rows[0] if rows else None

    def _day(self, text: str) -> date:
        """A stored local day, read back; anything else means the file was damaged."""
        try:
            return date.fromisoformat(text)
        except (TypeError, ValueError) as exc:
            raise make_error("damaged", self._path, READ) from exc

    def _entry(self, row: Mapping[str, Any]) -> Entry:
        try:
            answers = tuple(
                Answer(question=item["question"], answer=item["answer"])
                for item in json.loads(row["answers"])
            )
            if not all(isinstance(a.question, str) and isinstance(a.answer, str) for a in answers):
                raise TypeError("answers must be text")
            tags = tuple(json.loads(row["tags"] or "[]"))
            if not all(isinstance(tag, str) for tag in tags):
                raise TypeError("tags must be text")
        except (ValueError, TypeError, KeyError) as exc:
            raise make_error("damaged", self._path, READ) from exc
        return Entry(
            id=row["id"],
            session_id=row["session_id"],
            kind=row["kind"],
            practice_id=row["practice_id"],
            practice_name=row["practice_name"],
            week=row["week"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            answers=answers,
            practised_seconds=row["practised_seconds"],
            starred=bool(row["starred"]),
            deleted_at=row["deleted_at"],
            edited_at=row["edited_at"],
            tags=tags,
            source=row["source"],
        )


def _prepare_private_file(path: Path) -> None:
    """Create the folder (owner-only) and the file with mode 0600 before SQLite sees it.

    SQLite creates its ``-wal`` and ``-shm`` files with the main file's mode, so they are
    private too; ones left behind by an older, looser setup are tightened here.
    """
    ensure_private_dir(path.parent)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    os.close(os.open(path, flags, PRIVATE_FILE_MODE))
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        try:
            if stat.S_IMODE(candidate.stat().st_mode) != PRIVATE_FILE_MODE:
                os.chmod(candidate, PRIVATE_FILE_MODE)
        except FileNotFoundError:
            continue


def _configure(conn: sqlite3.Connection, path: Path) -> Database:
    """Set the connection up and migrate; a file from a newer version is left untouched.

    The version is read before anything can write: switching to WAL rewrites the header.
    """
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    # No sqlite-utils plugins: other packages' code never runs on the journal's connection,
    # and finding them (reading every installed package's entry points) cost ~11 ms an open.
    db = Database(conn, execute_plugins=False)
    version = schema.read_version(db)
    if version > len(schema.MIGRATIONS):
        raise make_error("newer", path, OPEN)
    _use_wal(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    schema.migrate(db, before=lambda old: _back_up_before_migrating(conn, path, old))
    return db


def _back_up_before_migrating(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Copy a journal that holds the person's words before its schema changes.

    Called inside the first migration's write transaction, so the copy is exactly the
    file being migrated. A new file (version 0) or an empty one has nothing to lose.
    """
    if version > 0 and has_user_data(conn):
        back_up(path, version)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL, so a reader never blocks the writer.

    SQLite does not wait on its busy handler for this switch, so when two windows open a new
    journal at the same moment one of them retries here, for up to ``BUSY_TIMEOUT_MS``.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if sqlite_reason(exc) != "busy" or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _entry_row(entry: Entry) -> dict[str, Any]:
    row = asdict(entry)
    del row["practised_seconds"]
    row["answers"] = _encode_answers(entry.answers)
    row["starred"] = int(entry.starred)
    row["tags"] = json.dumps(list(entry.tags), ensure_ascii=False)
    return row


def _encode_answers(answers: tuple[Answer, ...]) -> str:
    """Answers as a JSON list, readable as text in Datasette.

    Text that cannot be written as UTF-8 (a lone surrogate from a broken paste) falls back
    to ASCII escapes, which still read back exactly.
    """
    items = [{"question": a.question, "answer": a.answer} for a in answers]
    encoded = json.dumps(items, ensure_ascii=False)
    try:
        encoded.encode("utf-8")
    except UnicodeEncodeError:
        encoded = json.dumps(items)
    return encoded


def _new_action_row(entry: Entry, text: str) -> dict[str, Any]:
    """An action set in ``entry``: it shares the entry's week and moment."""
    action = Action(
        id=str(uuid4()),
        entry_id=entry.id,
        week=entry.week,
        text=text,
        created_at=entry.created_at,
        updated_at=entry.created_at,
        done_at=None,
    )
    return asdict(action)


def _action(row: Mapping[str, Any]) -> Action:
    return Action(
        id=row["id"],
        entry_id=row["entry_id"],
        week=row["week"],
        text=row["text"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        done_at=row["done_at"],
    )


def _session(row: Mapping[str, Any]) -> PracticeSession:
    return PracticeSession(
        id=row["id"],
        practice_id=row["practice_id"],
        practice_name=row["practice_name"],
        week=row["week"],
        kind=row["kind"],
        started_at=row["started_at"],
        ended_at=row["ended_at"],
        planned_seconds=row["planned_seconds"],
        practised_seconds=float(row["practised_seconds"]),
        completed=bool(row["completed"]),
    )


def _check_answers(answers: Sequence[Answer]) -> tuple[Answer, ...]:
    if isinstance(answers, str | bytes):
        raise TypeError("answers must be a sequence of Answer")
    checked = tuple(answers)
    for item in checked:
        if not isinstance(item, Answer):
            raise TypeError(f"answers must be Answer values, not {type(item).__name__}")
        if not isinstance(item.question, str) or not isinstance(item.answer, str):
            raise TypeError("an Answer's question and answer must be text")
    return checked


def _check_action_texts(actions: Sequence[str]) -> tuple[str, ...]:
    """The actions worth keeping: each text stripped, blank ones dropped."""
    if isinstance(actions, str | bytes):
        raise TypeError("actions must be a sequence of text, not one text")
    texts = tuple(actions)
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"actions must be text, not {type(text).__name__}")
    return tuple(text.strip() for text in texts if text.strip())


def _day_iso(day: date, name: str) -> str:
    """A local day as stored, ``YYYY-MM-DD``; a datetime is refused, its day is ambiguous."""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"{name} must be a date, not {type(day).__name__}")
    return day.isoformat()


def _check_text(value: object, name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be non-empty text")


def _check_week(week: object) -> None:
    if week is None:
        return
    if isinstance(week, bool) or not isinstance(week, int):
        raise TypeError("week must be an int or None")
    if week < 1:
        raise ValueError("week must be 1 or more")


def _check_choice(value: str, choices: tuple[str, ...], name: str) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


def _limit(limit: int | None) -> int:
    """SQLite reads a negative LIMIT as "no limit"."""
    if limit is None:
        return -1
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ValueError("limit must be a whole number, 0 or more, or None")
    return limit
