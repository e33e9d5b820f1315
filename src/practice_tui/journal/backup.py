"""A private copy of the journal, taken just before a migration changes the file.

Migrations run in one transaction each, so a failed one changes nothing; the copy is for
the other case, a migration that succeeds but is wrong, which no rollback can undo.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from uuid import uuid4

from practice_tui.settings import PRIVATE_FILE_MODE


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of ``path`` at schema ``version`` is kept: next to it, named for it."""
    return path.with_name(f"{path.name}.v{version:d}-backup")


def has_user_data(conn: sqlite3.Connection) -> bool:
    """Whether any table holds a row: a file with only an empty schema needs no copy."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {quoted})").fetchone()[0]:
            return True
    return False


def back_up(path: Path, version: int) -> Path:
    """Copy the journal at ``path`` to :func:`backup_path`, owner-only, and return it.

    The copy is read through a connection of its own, so it may be taken while another
    connection holds the write lock (as the migration does): in WAL mode that reader sees
    the last committed state, with nothing half-written. ``VACUUM INTO`` writes a complete,
    standalone file (no ``-wal`` beside it) with the same ``user_version``. It goes to a
    temporary name first, so an earlier copy is only replaced by a finished one.
    """
    target = backup_path(path, version)
    partial = target.with_name(f"{target.name}.{uuid4().hex}.partial")
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    os.close(os.open(partial, flags, PRIVATE_FILE_MODE))  # SQLite keeps this mode
    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            source.execute("VACUUM INTO ?", [str(partial)])
        finally:
            source.close()
        os.chmod(partial, PRIVATE_FILE_MODE)  # in case a umask or an old copy interfered
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    return target
