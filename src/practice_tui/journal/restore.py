"""Putting a daily backup in place of a damaged journal, keeping the damaged file too.

Nothing is ever deleted: the journal as it was (with its ``-wal`` and ``-shm``, which hold
its latest writes) moves aside under a new name, ``journal.sqlite3.damaged-<time>``, and a
checked copy of the backup takes its place in one rename. Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from practice_tui.journal.backup import copy_database, failure_reason, is_sound, sync_folder
from practice_tui.journal.daily_backup import DailyBackup, daily_backups
from practice_tui.journal.errors import JournalError, Reason
from practice_tui.journal.schema import SCHEMA_VERSION
from practice_tui.paths import PRIVATE_FILE_MODE

#: The files SQLite keeps beside a database; they belong with it wherever it goes.
SIDE_FILES = ("-wal", "-shm", "-journal")


@contextmanager
def _looking_at(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to ``path``, or ``None`` if SQLite cannot open it at all.

    Read-only, so a damaged file is never changed by looking at it.
    """
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        yield None
        return
    try:
        yield conn
    finally:
        conn.close()


def is_usable(path: Path) -> bool:
    """Whether the file at ``path`` is a whole SQLite database this version can open."""
    if not path.is_file():
        return False
    with _looking_at(path) as conn:
        if conn is None:
            return False
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error:
            return False
        return 0 < version <= SCHEMA_VERSION and is_sound(conn)


def backup_contents(backup: DailyBackup) -> tuple[datetime, int | None]:
    """When a backup was taken (its file's time, local) and how many entries it holds.

    A backup is a day old at most; saying exactly when, and how much it holds, lets the
    person judge what restoring it means before choosing.
    """
    taken = datetime.fromtimestamp(backup.path.stat().st_mtime).astimezone()
    with _looking_at(backup.path) as conn:
        if conn is None:
            return taken, None
        try:
            row = conn.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL")
            return taken, int(row.fetchone()[0])
        except sqlite3.Error:
            try:  # a backup from before the trash existed
                return taken, int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
            except sqlite3.Error:
                return taken, None


def is_damaged(path: Path) -> bool:
    """Whether the file at ``path`` exists but is not a whole SQLite database.

    A journal from a newer practice-tui is not damaged: it is whole, only not ours to open.
    """
    if not path.exists():
        return False
    with _looking_at(path) as conn:
        return conn is None or not is_sound(conn)


def newest_usable_backup(journal_path: Path) -> DailyBackup | None:
    """The newest daily backup that passes :func:`is_usable`, or ``None``."""
    return next((b for b in daily_backups(journal_path) if is_usable(b.path)), None)


def backup_for(journal_path: Path, day: date) -> DailyBackup | None:
    """The daily backup taken on ``day``, if there is one."""
    return next((b for b in daily_backups(journal_path) if b.day == day), None)


def kept_name(journal_path: Path, now: datetime, label: str = "damaged") -> Path:
    """A new name beside the journal for the file being replaced, e.g.
    ``journal.sqlite3.damaged-20260105-091500``; never one that is taken."""
    stem = f"{journal_path.name}.{label}-{now:%Y%m%d-%H%M%S}"
    candidate, n = journal_path.with_name(stem), 1
    while any(Path(f"{candidate}{s}").exists() for s in ("", *SIDE_FILES)):
        n += 1
        candidate = journal_path.with_name(f"{stem}-{n}")
    return candidate


def restore_backup(
    journal_path: Path, backup: DailyBackup, now: datetime, *, label: str = "damaged"
) -> Path | None:
    """Put ``backup`` in place of the journal; returns where the old journal was kept.

    The backup is copied beside the journal and checked first, so a failure at that stage
    changes nothing. Then the old journal and its side files are renamed (``label`` names
    them) and the copy is renamed into place; if a rename fails, those already made are
    undone. Returns ``None`` when there was no journal file to keep. Raises
    :class:`JournalError` with one sentence for the person.
    """
    if not is_usable(backup.path):
        raise JournalError(
            f"The backup from {backup.day_label} looks damaged too, so it was not used; "
            "your journal has been left as it is.",
            reason="damaged",
            path=backup.path,
        )
    staged = journal_path.with_name(f"{journal_path.name}.restoring")
    try:
        copy_database(backup.path, staged, check=True)
    except (OSError, sqlite3.Error) as exc:
        raise _failure(exc, journal_path, backup) from exc
    kept = kept_name(journal_path, now, label)
    moves = [
        (Path(f"{journal_path}{suffix}"), Path(f"{kept}{suffix}"))
        for suffix in (*SIDE_FILES, "")  # side files first: the main file never runs ahead
    ]
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            if source.exists():
                os.rename(source, target)
                done.append((source, target))
                with contextlib.suppress(OSError):  # kept as private as the journal was
                    os.chmod(target, PRIVATE_FILE_MODE)
        os.replace(staged, journal_path)
    except OSError as exc:
        for source, target in reversed(done):
            with contextlib.suppress(OSError):
                os.rename(target, source)
        staged.unlink(missing_ok=True)
        raise _failure(exc, journal_path, backup) from exc
    sync_folder(journal_path.parent)
    return kept if any(source == journal_path for source, _ in done) else None


_WHY: dict[Reason, str] = {
    "full": "the disk is full",
    "read-only-folder": "the journal's folder cannot be written",
    "damaged": "the copy of it came out damaged",
}


def _failure(exc: OSError | sqlite3.Error, journal_path: Path, backup: DailyBackup) -> JournalError:
    reason = failure_reason(exc, journal_path.parent)
    why = _WHY.get(reason, "something unexpected went wrong")
    return JournalError(
        f"The backup from {backup.day_label} could not be put in place because {why}; "
        "your journal has been left as it is.",
        reason=reason,
        path=journal_path,
    )
