"""A copy of the journal once a day, the last seven kept, in ``<data folder>/backups``.

The app takes it in a background thread just after the journal opens, so a large journal
never holds up the screen. Each copy is a page copy (SQLite's backup API) checked with
``PRAGMA quick_check`` before it is kept: a journal that has quietly gone bad must never
push the good copies out, one a day, until none is left. Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import date
from pathlib import Path
from time import time as seconds_since_epoch

from practice_tui.journal.backup import copy_database, failure_reason, has_user_data
from practice_tui.journal.errors import JournalError, Reason
from practice_tui.journal.times import describe_day
from practice_tui.paths import ensure_private_dir
from practice_tui.records import Record

#: How many daily copies are kept; the oldest go first.
KEEP = 7
BACKUPS_FOLDER = "backups"
#: A half-made copy older than this was cut short; it is removed by the next backup.
STALE_PARTIAL_SECONDS = 3600

_FAILED: dict[Reason, str] = {
    "full": "The disk is full, so today's backup of your journal was not made; "
    "your journal itself is unchanged.",
    "read-only-folder": "The folder {folder} cannot be written, so today's backup of your "
    "journal was not made; your journal itself is unchanged.",
    "damaged": "Today's backup was not made because the journal looks damaged; "
    "the earlier backups are kept as they were.",
    "failed": "Today's backup of your journal could not be made; your journal itself is unchanged.",
}


class DailyBackup(Record):
    """One day's copy of the journal."""

    path: Path
    day: date
    size: int

    @property
    def day_label(self) -> str:
        """The day as a person reads it, e.g. ``Monday 5 January 2026``."""
        return day_label(self.day)


def day_label(day: date) -> str:
    """``Monday 5 January 2026``, in English whatever the process locale."""
    return describe_day(day, weekday=True)


def backups_folder(journal_path: Path) -> Path:
    """Where the daily copies live: a private folder beside the journal."""
    return journal_path.parent / BACKUPS_FOLDER


def daily_backup_path(journal_path: Path, day: date) -> Path:
    """The copy for ``day``, e.g. ``backups/journal-2026-01-05.sqlite3``."""
    return backups_folder(journal_path) / f"{journal_path.stem}-{day.isoformat()}.sqlite3"


def daily_backups(journal_path: Path) -> list[DailyBackup]:
    """The daily copies there are, newest first; other files in the folder are ignored."""
    folder = backups_folder(journal_path)
    found: list[DailyBackup] = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for path in folder.iterdir():
            day = _day_of(path, journal_path)
            if day is None:
                continue
            with contextlib.suppress(OSError):  # gone or unreadable: not a backup to offer
                found.append(DailyBackup(path, day, path.stat().st_size))
    return sorted(found, key=lambda backup: backup.day, reverse=True)


def take_daily_backup(journal_path: Path, today: date, keep: int = KEEP) -> Path | None:
    """Copy the journal for ``today`` unless that is done; keep only the newest ``keep``.

    Returns the new copy, or ``None`` when there was nothing to do: today's copy exists, or
    the journal holds nothing yet. Raises :class:`JournalError` (one calm sentence) when the
    copy cannot be made; the journal and the earlier copies are never changed by a failure.
    """
    if keep < 1:
        raise ValueError("keep must be 1 or more")
    target = daily_backup_path(journal_path, today)
    try:
        if target.exists() or not _worth_keeping(journal_path):
            return None
        ensure_private_dir(target.parent)
        copy_database(journal_path, target, check=True)
    except (OSError, sqlite3.Error) as exc:
        raise _failure(exc, target) from exc
    _prune(journal_path, keep, today)
    _remove_stale_partials(target.parent)
    return target


def _worth_keeping(journal_path: Path) -> bool:
    """Whether the journal holds anything: an empty one would only push a real copy out."""
    if not journal_path.is_file():
        return False
    reader = sqlite3.connect(f"{journal_path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        return has_user_data(reader)
    finally:
        reader.close()


def _prune(journal_path: Path, keep: int, today: date) -> None:
    """Remove the oldest copies beyond ``keep``; today's is kept even if the clock went back."""
    older = [backup for backup in daily_backups(journal_path) if backup.day != today]
    for backup in older[keep - 1 :]:
        with contextlib.suppress(OSError):  # one left over is harmless; the next run retries
            backup.path.unlink()


def _remove_stale_partials(folder: Path) -> None:
    """Remove what a copy cut short by a power cut or ``kill -9`` left behind.

    Only old ones: another window may be writing its own copy at this very moment.
    """
    stale_before = seconds_since_epoch() - STALE_PARTIAL_SECONDS
    for path in folder.glob("*.partial*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < stale_before:
                path.unlink()


def _day_of(path: Path, journal_path: Path) -> date | None:
    """The day in a daily copy's name, or ``None`` for any other file."""
    pattern = rf"{re.escape(journal_path.stem)}-(\d{{4}}-\d{{2}}-\d{{2}})\.sqlite3"
    match = re.fullmatch(pattern, path.name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _failure(exc: OSError | sqlite3.Error, target: Path) -> JournalError:
    reason = failure_reason(exc, target)
    template = _FAILED.get(reason, _FAILED["failed"])
    return JournalError(template.format(folder=target.parent), reason=reason, path=target)
