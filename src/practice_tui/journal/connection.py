"""The journal's one SQLite connection: a private file, WAL, pragmas, migrating on open.

Every part of the journal (entries, sessions, drafts, tasks, bulk) shares one
:class:`Connection`, which holds the stdlib ``sqlite3`` connection, the clock that stamps
rows, and the transactions that turn sqlite3 errors into :class:`JournalError`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from practice_tui.journal import identity, schema
from practice_tui.journal.errors import (
    OPEN,
    READ,
    Activity,
    JournalError,
    make_error,
    sqlite_reason,
    translate,
)
from practice_tui.journal.identity import check_journal_file
from practice_tui.journal.times import local_now, to_iso
from practice_tui.paths import PRIVATE_FILE_MODE, ensure_private_dir

#: How long a write waits for another practice-tui window to finish its own, in milliseconds.
BUSY_TIMEOUT_MS = 5000

_SIDE_FILES = ("-wal", "-shm", "-journal")


class Connection:
    """The open journal file, shared by the parts of the journal. Use :meth:`open`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, now: Callable[[], datetime]) -> None:
        self.path = path
        self.conn = conn
        self._now = now
        self.closed = False
        #: Counts this connection's write transactions, so kept searches know to read again.
        self.writes = 0
        #: This process holds the journal's file open (identity.hold), until closed.
        self._held: tuple[int, int] | None = None

    @classmethod
    def open(cls, path: Path, now: Callable[[], datetime] | None = None) -> Connection:
        """Open (creating it owner-only) and migrate the journal at ``path``.

        A journal that cannot be written (its file or folder read-only) opens read-only, so it
        can still be read and exported: only a write says it is read-only. One that cannot be
        read says so (``unreadable``). A file that is not our journal (another program's
        database, a ``-wal`` of another database, a journal emptied while backups exist) is
        refused before anything writes.
        """
        check_journal_file(path)
        try:
            writable = _prepare_private_file(path)
        except OSError as exc:
            raise translate(exc, path, OPEN) from exc
        if writable:
            conn = _connect(path, str(path))
        else:  # read and exported as it is; a write says it is read-only
            conn = _connect(path, _read_only_uri(path), writable=False)
        opened = cls(path, conn, now or local_now)
        opened._held = identity.hold(path)
        return opened

    @classmethod
    def in_memory(cls, path: Path, now: Callable[[], datetime] | None = None) -> Connection:
        """An empty journal of the newest schema, in memory: nothing is written at ``path``."""
        return cls(path, _connect(path, ":memory:"), now or local_now)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.conn.close()
            identity.release(self._held)
            self._held = None

    def now(self) -> datetime:
        """The current local time from this journal's clock (aware, checked)."""
        moment = self._now()
        to_iso(moment, name="now()")
        return moment

    def stamp(self) -> str:
        """Now, as the journal stores times."""
        return to_iso(self.now())

    @contextmanager
    def writing(self, action: Activity) -> Iterator[sqlite3.Connection]:
        """One write transaction; sqlite errors become :class:`JournalError`.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a second window waits for it
        (up to ``BUSY_TIMEOUT_MS``) instead of failing half way.
        """
        self._check_open(action)
        conn = self.conn
        self.writes += 1  # whatever happens, searches kept from before are read again
        try:
            conn.execute("BEGIN IMMEDIATE")
            with conn:  # commits, or rolls back on any error
                changes = conn.total_changes
                yield conn
                if conn.total_changes != changes:  # marks this write's -wal frames as ours
                    for statement in schema.LOG_WRITE:
                        conn.execute(statement)
        except sqlite3.Error as exc:
            raise translate(exc, self.path, action) from exc

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Reads; sqlite errors become :class:`JournalError`."""
        self._check_open(READ)
        try:
            yield self.conn
        except sqlite3.Error as exc:
            raise translate(exc, self.path, READ) from exc

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        """The rows of a query as dicts (call inside :meth:`reading` or :meth:`writing`)."""
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def damaged(self) -> JournalError:
        """The error for a row that cannot be read back: the file was damaged."""
        return make_error("damaged", self.path, READ)

    def _check_open(self, action: Activity) -> None:
        if self.closed:
            raise make_error("closed", self.path, action)


def _connect(path: Path, target: str, *, writable: bool = True) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(target, isolation_level=None, uri=not writable)
    except sqlite3.Error as exc:
        raise translate(exc, path, OPEN) from exc
    try:
        _configure(conn, path) if writable else _check_read_only(conn, path)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error | OSError):  # OSError: the backup before migrating
            raise translate(exc, path, OPEN) from exc
        raise
    return conn


def _prepare_private_file(path: Path) -> bool:
    """Create the folder (owner-only) and the file with mode 0600 before SQLite sees it;
    whether the journal can be written (an unreadable one raises ``unreadable``).

    SQLite creates its ``-wal`` and ``-shm`` files with the main file's mode, so they are
    private too; ones left behind by an older, looser setup are tightened here: only the
    others' permissions are taken away, so a journal made read-only stays read-only.
    """
    if path.parent.is_dir() and not os.access(path.parent, os.X_OK):
        raise make_error("unreadable", path, OPEN)  # its folder cannot even be looked into
    if path.is_file():
        if not os.access(path, os.R_OK):
            raise make_error("unreadable", path, OPEN)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
            return False
    ensure_private_dir(path.parent)
    # Only a file not there yet is opened (to make it): closing any descriptor of a file
    # drops every POSIX lock this process holds on it, SQLite's too, so opening the journal
    # a second time (the app's reader beside its writer, an export) would leave the first
    # connection unlocked, and another program could delete the WAL from under it.
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        os.close(os.open(path, flags, PRIVATE_FILE_MODE))
    except FileExistsError:  # the usual case: it is there (a folder in its place is not)
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path)) from None
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
            # SQLite's own side files are made writable again (a read-only opening may have
            # made them read-only, like the file was then); the journal keeps its owner's.
            wanted = mode & 0o700 if candidate == path else PRIVATE_FILE_MODE
            if mode != wanted:
                os.chmod(candidate, wanted)
        except FileNotFoundError:
            continue
    return True


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    """Set the connection up and migrate; a file from a newer version is left untouched.

    The version is read before anything can write: switching to WAL rewrites the header.
    """
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    version = schema.read_version(conn)
    if version > len(schema.MIGRATIONS):
        raise make_error("newer", path, OPEN)
    _use_wal(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    schema.migrate(conn, before=lambda old: _back_up_before_migrating(conn, path, old))


def _read_only_uri(path: Path) -> str:
    """How SQLite opens a journal it must not write. In a folder that cannot be written, with
    no ``-wal`` there, no one can be writing it (a writer needs one): it is read as unchanging,
    since SQLite could not make the ``-shm`` it would otherwise need to read it."""
    uri = f"{path.as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK | os.X_OK) and not wal.exists():
        uri += "&immutable=1"
    return uri


def _check_read_only(conn: sqlite3.Connection, path: Path) -> None:
    """A journal opened read-only is read as it is: one that would need migrating cannot be
    (that is a write), so it says it is read-only; one from a newer version says so."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    version = schema.read_version(conn)
    if version > len(schema.MIGRATIONS):
        raise make_error("newer", path, OPEN)
    if version < len(schema.MIGRATIONS):
        raise make_error("read-only", path, OPEN)


def _back_up_before_migrating(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Copy a journal that holds the person's words before its schema changes.

    Called inside the first migration's write transaction, so the copy is exactly the
    file being migrated. A new file (version 0) or an empty one has nothing to lose.
    """
    # Here, not at the top: only a journal that needs migrating is backed up (start-up time).
    from practice_tui.journal.backup import back_up, has_user_data

    if version > 0 and has_user_data(conn):
        back_up(path, version)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL, so a reader never blocks the writer.

    SQLite does not wait on its busy handler for this switch, so when two windows open a new
    journal at the same moment one of them retries here, for up to ``BUSY_TIMEOUT_MS``.
    An in-memory journal has no file to switch, and says so by staying in ``memory`` mode.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0].lower()
            if mode not in ("wal", "memory"):
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if sqlite_reason(exc) != "busy" or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)
