"""Private copies of the journal: one taken just before a migration changes the file, and the
daily ones (see :mod:`practice_tui.journal.daily_backup`).

Migrations run in one transaction each, so a failed one changes nothing; the copy is for
the other case, a migration that succeeds but is wrong, which no rollback can undo.

Every copy is made with SQLite's backup API, page by page. ``VACUUM INTO`` would rebuild the
tables instead, and may renumber the rowids of a table without an ``INTEGER PRIMARY KEY``;
the search index is keyed by ``entries.rowid``, so only a page copy keeps it right.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from uuid import uuid4

from practice_tui.journal.errors import Reason, os_reason, sqlite_reason
from practice_tui.paths import PRIVATE_FILE_MODE

_SIDE_FILES = ("-journal", "-wal", "-shm")


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of ``path`` at schema ``version`` is kept: next to it, named for it."""
    return path.with_name(f"{path.name}.v{version:d}-backup")


def has_user_data(conn: sqlite3.Connection) -> bool:
    """Whether any table holds a row: a file with only an empty schema needs no copy.

    A full-text index and its shadow tables hold rows of their own from the start, and
    only ever mirror the tables they index, so they are not counted.
    """
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT IN ('journal_identity', 'journal_write_log')"  # bookkeeping, not words
    ).fetchall()
    virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
    for name, _ in tables:
        if any(name == v or name.startswith(f"{v}_") for v in virtual):
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {quoted})").fetchone()[0]:
            return True
    return False


def back_up(path: Path, version: int) -> Path:
    """Copy the journal at ``path`` to :func:`backup_path`, owner-only, and return it."""
    return copy_database(path, backup_path(path, version))


def copy_database(source: Path, target: Path, *, check: bool = False) -> Path:
    """Copy the SQLite file ``source`` to ``target``: owner-only, whole or not at all.

    The source is read through a connection of its own, so the copy may be taken while
    another connection holds the write lock (as a migration does): in WAL mode that reader
    sees the last committed state, with nothing half-written. The copy is a standalone file
    (rollback journal, no ``-wal`` beside it) with the same pages and ``user_version``. It is
    written under a temporary name first, so an earlier copy is only replaced by a finished
    one, and a failure leaves nothing behind. With ``check``, a copy that fails SQLite's
    ``quick_check`` is not kept: ``sqlite3.DatabaseError`` (read as "damaged") is raised.
    """
    partial = target.with_name(f"{target.name}.{uuid4().hex}.partial")
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    os.close(os.open(partial, flags, PRIVATE_FILE_MODE))  # SQLite keeps this mode
    try:
        reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            copy = sqlite3.connect(partial, isolation_level=None)
            try:
                reader.backup(copy)
                # The pages say WAL, as the journal's do; a backup should stand on its own.
                copy.execute("PRAGMA journal_mode = DELETE")
                if check and not is_sound(copy):
                    raise sqlite3.DatabaseError("the copy is malformed")
            finally:
                copy.close()
        finally:
            reader.close()
        os.chmod(partial, PRIVATE_FILE_MODE)  # in case a umask or an old copy interfered
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in _SIDE_FILES)):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    sync_folder(target.parent)
    return target


def failure_reason(exc: OSError | sqlite3.Error, path: Path) -> Reason:
    """Why a copy could not be made, as the stable word the journal's errors use."""
    if isinstance(exc, sqlite3.Error):
        return sqlite_reason(exc)
    reason = os_reason(exc, path)
    return "read-only-folder" if reason == "read-only" else reason


def is_sound(conn: sqlite3.Connection) -> bool:
    """Whether SQLite's ``quick_check`` finds the file whole (a damaged one may raise)."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut, where the system allows it."""
    with contextlib.suppress(OSError):  # Windows cannot open a folder; nothing to do there
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
