"""Is the file at the journal's path our journal? Checked before SQLite opens it.

Opening a file with SQLite can write to it: switching to WAL rewrites its header, a ``-wal``
beside it is replayed into it, a hot ``-journal`` beside it is rolled back into it, and
migrating adds our tables to whatever is there. So before any of that, the file is only
read: its mark and schema through an ``immutable`` read-only connection (which ignores the
side files and creates no ``-shm``), and, when a ``-wal`` holds frames or a ``-journal`` is
hot, a private temporary copy of them all with SQLite replaying them there. A file that is
not ours, a side file that is not ours, or a journal emptied to 0 bytes while backups of it
exist (or while its ``-wal`` holds writes) is refused with a :class:`JournalError`; the files
are left byte for byte as they were. A side file is ours when, replayed, the journal still
holds its own latest write (schema version 6 logs every write transaction): a ``-wal`` from
another practice-tui journal, or from a copy of this one that went its own way on another
computer, does not.
A journal from before the mark (our tables and ``user_version``, no mark) is ours: the
opening's migration marks it.
"""

from __future__ import annotations

import sqlite3
import struct
import threading
from collections import Counter
from pathlib import Path

from practice_tui.journal import schema
from practice_tui.journal.errors import (
    EmptiedJournalWithWal,
    EmptyJournalWithBackups,
    ForeignWal,
    JournalError,
    NotOurJournal,
)
from practice_tui.records import Record

#: ``PRAGMA application_id`` of a practice-tui journal ("PTUI"), set by migration 5.
APPLICATION_ID = 0x50545549

_WAL_MAGICS = (0x377F0682, 0x377F0683)
_WAL_HEADER = 32
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")

#: The tables each schema version has (a later version keeps those of the earlier ones).
_TABLES_BY_VERSION = (
    {"practice_sessions", "entries"},
    {"home_task_ticks", "actions"},
    {"drafts"},
    {"entries_fts"},
    set(),  # 5: the mark
    {"journal_identity", "journal_write_log"},
    {"entry_revisions"},
)
#: The last version that wrote no mark: a file without one at a later version is not ours.
_LAST_UNMARKED_VERSION = 4


#: The journals this process holds open, by (device, inode), with how many connections. While
#: one is open here, the ``-wal`` beside it is this process's own (SQLite shares it between
#: its connections), so a further connection (the app's reader, an export, the daily backup)
#: does not copy a large journal to check it again.
_HELD: Counter[tuple[int, int]] = Counter()
_HELD_LOCK = threading.Lock()


def hold(path: Path) -> tuple[int, int] | None:
    """Note that a connection of this process has ``path`` open; the key for :func:`release`."""
    try:
        status = path.stat()
    except OSError:
        return None
    key = (status.st_dev, status.st_ino)
    with _HELD_LOCK:
        _HELD[key] += 1
    return key


def release(key: tuple[int, int] | None) -> None:
    """That connection has closed."""
    if key is None:
        return
    with _HELD_LOCK:
        _HELD[key] -= 1
        if _HELD[key] <= 0:
            del _HELD[key]


def _held_here(size_and_key: tuple[int, int]) -> bool:
    with _HELD_LOCK:
        return size_and_key in _HELD


class _Identity(Record):
    application_id: int
    version: int
    tables: frozenset[str]
    page_size: int
    #: This journal's own random id (from version 6), ``None`` before it had one.
    journal_id: str | None
    #: Its latest write's place in the write log and token, ``None`` before version 6.
    last_write: tuple[int, str] | None


def check_journal_file(path: Path) -> None:
    """Raise a :class:`JournalError` if the file at ``path`` must not be opened as ours.

    A missing file, or an empty one with no backups, is a new journal. A file SQLite cannot
    read is left to the opening, which calls it damaged. The journal itself is only read
    through SQLite: closing any other descriptor of it would drop the locks this process's
    open connections hold on it.
    """
    try:
        status = path.stat()
    except OSError:
        return  # not there (a new journal), or the opening explains why it cannot be reached
    size = status.st_size
    if _held_here((status.st_dev, status.st_ino)):
        return  # this process has it open already: checked then, and its side files are ours
    wal = path.with_name(path.name + "-wal")
    wal_page_size = _wal_page_size(wal)
    hot = path.with_name(path.name + "-journal")
    replays = [side for side, found in ((wal, wal_page_size), (hot, _is_hot(hot))) if found]
    suffixes = [side.name.removeprefix(path.name) for side in replays]
    if size == 0 and not replays:
        if _has_usable_backup(path):
            raise EmptyJournalWithBackups(path)
        return
    if size == 0 and wal in replays:  # SQLite would ignore the -wal and drop its writes
        # (not a hot -journal: a second window meets one while the first creates the file)
        raise EmptiedJournalWithWal(path)
    source = _connect(f"{path.as_uri()}?mode=ro&immutable=1")  # the file alone, no side files
    if source is None:
        return
    try:
        own = _identity(source)
        if own is not None and not _is_ours(own):
            raise NotOurJournal(path)
        if not replays:
            return
        if size > 0 and own is not None and wal_page_size not in (None, own.page_size):
            raise ForeignWal(path, "-wal")
        last_write = own.last_write if own is not None else None
        replayed, replayed_sound, continues = _replayed_identity(source, path, suffixes, last_write)
        # A -wal written on top of another file (another copy of this journal, synced from
        # another computer) does not carry this file's latest write, or breaks its b-trees.
        mismatched = not continues or (not replayed_sound and _is_sound(source))
    finally:
        source.close()
    suffix = "-wal" if wal in replays else "-journal"
    if (replayed is not None and not _is_ours(replayed)) or mismatched:
        raise ForeignWal(path, suffix)
    if (
        own is not None
        and own.journal_id is not None
        and replayed is not None
        and replayed.journal_id != own.journal_id  # another practice-tui journal's -wal
    ):
        raise ForeignWal(path, suffix)


def _replayed_identity(
    source: sqlite3.Connection,
    path: Path,
    suffixes: list[str],
    last_write: tuple[int, str] | None,
) -> tuple[_Identity | None, bool, bool]:
    """The identity the journal would have once SQLite replays its ``-wal`` (or rolls back
    its hot ``-journal``), found on a private temporary copy of them all, the journal's pages
    copied through SQLite; whether that copy passes SQLite's quick check; and whether it
    still holds the file's own ``last_write``, as a -wal written on top of this very file
    does. ``None``, sound and continuing when that cannot be told (no room for the copy)."""
    # Here, not at the top: only a journal left with a -wal needs them, and with `random`
    # and `bz2` they cost every command that opens a journal ~7 ms of its start.
    import shutil
    import tempfile

    try:
        with tempfile.TemporaryDirectory(prefix="practice-tui-check-") as folder:
            copy = Path(folder) / "journal.sqlite3"
            target = _connect(str(copy))
            if target is None:
                return None, True, True
            try:
                source.backup(target)
            except sqlite3.Error:
                return None, True, True
            finally:
                target.close()
            for suffix in suffixes:
                shutil.copyfile(f"{path}{suffix}", f"{copy}{suffix}")
            replayed = _connect(str(copy))
            if replayed is None:
                return None, True, True
            try:
                # The write log tells for certain; the slower quick check (~0.2 s for 40 MB)
                # only where there is none (a journal from before version 6).
                sound = last_write is not None or _is_sound(replayed)
                return _identity(replayed), sound, _holds(replayed, last_write)
            finally:
                replayed.close()
    except OSError:
        return None, True, True


def _holds(conn: sqlite3.Connection, write: tuple[int, str] | None) -> bool:
    """Whether the write log holds ``write`` (or no longer reaches back to it: a -wal of
    more than 2,000 writes, which cannot be told apart, is let through)."""
    if write is None:
        return True
    n, token = write
    try:
        found = conn.execute("SELECT token FROM journal_write_log WHERE n = ?", (n,)).fetchone()
        if found is not None:
            return str(found[0]) == token
        oldest = conn.execute("SELECT min(n) FROM journal_write_log").fetchone()[0]
    except sqlite3.Error:
        return False  # the log is gone: the -wal dropped the journal's own tables
    return oldest is not None and int(oldest) > n


def _is_sound(conn: sqlite3.Connection) -> bool:
    """SQLite's quick check of the b-trees' structure (not the indexes' contents)."""
    try:
        return conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    except sqlite3.Error:
        return False


def _connect(target: str) -> sqlite3.Connection | None:
    try:
        return sqlite3.connect(target, uri=target.startswith("file:"), isolation_level=None)
    except sqlite3.Error:
        return None


def _identity(conn: sqlite3.Connection) -> _Identity | None:
    """The mark, version, tables and page size of a database, or ``None`` if unreadable."""
    try:
        application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        tables = frozenset(str(name) for (name,) in rows)
        journal_id = last_write = None
        if {schema.IDENTITY_TABLE, schema.WRITE_LOG_TABLE} <= tables:
            found = conn.execute("SELECT journal_id FROM journal_identity").fetchone()
            journal_id = str(found[0]) if found else None
            found = conn.execute(
                "SELECT n, token FROM journal_write_log ORDER BY n DESC LIMIT 1"
            ).fetchone()
            last_write = (int(found[0]), str(found[1])) if found else None
    except sqlite3.Error:
        return None
    return _Identity(application_id, version, tables, page_size, journal_id, last_write)


def _is_ours(found: _Identity) -> bool:
    """Ours: marked, or an older journal (our tables and version, no mark yet), or empty."""
    if found.application_id == APPLICATION_ID:
        return found.version > len(schema.MIGRATIONS) or _has_tables_of(found, found.version)
    if found.application_id != 0:
        return False
    if found.version == 0:
        return not found.tables  # a new file: nothing in it yet
    return found.version <= _LAST_UNMARKED_VERSION and _has_tables_of(found, found.version)


def _has_tables_of(found: _Identity, version: int) -> bool:
    needed = set().union(*_TABLES_BY_VERSION[: min(version, len(_TABLES_BY_VERSION))])
    return needed <= found.tables


def _wal_page_size(wal: Path) -> int | None:
    """The page size of a WAL file holding at least one frame SQLite might replay, or
    ``None`` when there is none (SQLite ignores a missing, short or headerless ``-wal``)."""
    try:
        with wal.open("rb") as file:
            header = file.read(_WAL_HEADER)
            has_frames = len(file.read(1)) == 1
    except OSError:
        return None
    if len(header) < _WAL_HEADER or not has_frames:
        return None
    magic, _, page_size = struct.unpack(">III", header[:12])
    return page_size if magic in _WAL_MAGICS else None


def _is_hot(journal: Path) -> bool:
    """Whether ``journal`` is a rollback journal SQLite would play back into the database."""
    try:
        with journal.open("rb") as file:
            return file.read(8) == _JOURNAL_MAGIC
    except OSError:
        return False


def _has_usable_backup(path: Path) -> bool:
    # Here, not at the top: only an empty journal file needs the backups looked at.
    from practice_tui.journal.restore import newest_usable_backup

    return newest_usable_backup(path) is not None


__all__ = ["APPLICATION_ID", "JournalError", "check_journal_file"]
