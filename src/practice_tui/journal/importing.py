"""Bringing a journal in: our own JSON export, merged by id, and jrnl's JSON export.

Everything is written in one transaction (``journal.bulk.write()``): a file is imported
whole or not at all. A long file is read a record at a time (:mod:`journal.json_stream`) and
merged a batch at a time, so memory stays small; a mistake anywhere, even in the last line,
rolls back all that came before it, and is told in one sentence that names the place
(``entries[3].date``, or a line and column for broken JSON) and what is wrong there.

Merging our own files (:mod:`journal.import_merge`): every row has a UUID; the newer change
wins, and the words that lose are kept in the entry's history, so no words are ever dropped
and importing the same file twice adds nothing. A time more than a day in the future is
refused: it would win over every edit made until then. The file may be standard input or a
FIFO, and its keys may come in any order (:mod:`journal.import_source`).

jrnl's entries become notes (see :func:`import_records.jrnl_row`), with ids made from their
time and words, so importing the same jrnl export twice adds nothing either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import BinaryIO

from practice_tui.journal.import_merge import Merger
from practice_tui.journal.import_records import (
    FUTURE_ALLOWED,
    ImportProblem,
    Record,
    action_row,
    entry_row,
    expected,
    jrnl_row,
    revision_row,
    session_row,
    tick_row,
)
from practice_tui.journal.import_result import ImportResult, Tally
from practice_tui.journal.import_source import Event, events, not_utf8, opened
from practice_tui.journal.json_format import FORMAT, FORMAT_VERSION
from practice_tui.journal.json_stream import JsonSyntaxError, ListStart
from practice_tui.journal.store import Journal
from practice_tui.journal.times import to_iso

__all__ = ["STANDARD_INPUT", "ImportProblem", "ImportResult", "Tally", "import_file"]

#: Told how far the import has read, in bytes of the file, as it goes (for a progress bar).
Progress = Callable[[int], None]
#: How standard input is named in messages.
STANDARD_INPUT = "standard input"

#: The lists of our own export, with the table each fills and how a record becomes a row.
_OWN_LISTS = {
    "sessions": ("practice_sessions", session_row),
    "entries": ("entries", entry_row),
    "actions": ("actions", action_row),
    "home_task_ticks": ("home_task_ticks", tick_row),
    "revisions": ("entry_revisions", revision_row),
}


class _DryRun(Exception):
    """Raised inside the transaction of a trial run, so that nothing is kept."""


def import_file(
    journal: Journal,
    path: Path | str | BinaryIO,
    *,
    progress: Progress | None = None,
    zone: tzinfo | None = None,
    dry_run: bool = False,
    on_size: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import the file at ``path`` (or a binary stream, such as standard input) into
    ``journal``: all of it, or nothing.

    Raises :class:`ImportProblem` for a file that cannot be read or imported, and
    :class:`JournalError` when the journal cannot be written; in both cases nothing was
    changed. ``on_size`` is told the file's size in bytes before reading starts, and
    ``progress`` how many more bytes have been read as it goes. ``zone`` is where jrnl's
    times were written (by default, this machine's zone). ``dry_run`` checks and counts but
    keeps nothing.
    """
    source = Path(path) if isinstance(path, str) else path
    name = source.name if isinstance(source, Path) else STANDARD_INPUT
    with opened(source, journal.path.parent) as (raw, size):
        if size is None:
            size = raw.seek(0, 2)
            raw.seek(0)
        if size == 0:
            raise ImportProblem(f"{name} is empty; nothing was imported.")
        if on_size is not None:
            on_size(size)
        try:
            return _import(journal, raw, _BytesRead(raw, progress), zone, dry_run)
        except JsonSyntaxError as error:
            what = (
                "the file ends too soon: it looks cut short"
                if error.cut_short
                else (f"this is not valid JSON ({error.message})")
            )
            where = f"line {error.line}, column {error.column}"
            raise ImportProblem(f"{name}: {where}: {what}; nothing was imported.") from None
        except UnicodeDecodeError:
            raise ImportProblem(f"{name}: {not_utf8(raw)}; nothing was imported.") from None
        except ImportProblem as problem:
            raise ImportProblem(f"{name}: {problem}; nothing was imported.") from None


def _import(
    journal: Journal,
    raw: BinaryIO,
    read_so_far: _BytesRead,
    zone: tzinfo | None,
    dry_run: bool,
) -> ImportResult:
    found, source = events(raw)
    result = ImportResult(source)
    now = journal.now()
    try:
        with journal.bulk.write() as db:
            db.execute("PRAGMA defer_foreign_keys = ON")  # links are checked at the end
            merger = Merger(
                db,
                result,
                read_so_far,
                to_iso(now),
                same_words_unchanged=source == "jrnl",
                dry_run=dry_run,
            )
            if source == "jrnl":
                _merge_jrnl(found, merger, zone)
            else:
                _merge_own(found, merger, now + FUTURE_ALLOWED)
            merger.finish()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


class _BytesRead:
    """Tells ``progress`` how far into the file reading has gone."""

    def __init__(self, raw: BinaryIO, progress: Progress | None) -> None:
        self._raw, self._progress, self._told = raw, progress, 0

    def __call__(self) -> None:
        if self._progress is not None:
            now = self._raw.tell()
            if now > self._told:
                self._progress(now - self._told)
                self._told = now


# -- what the files hold -------------------------------------------------------------------


def _merge_own(found: Iterable[Event], merger: Merger, latest: datetime) -> None:
    seen: set[str] = set()
    for key, index, value in found:
        if index is not None:
            if key in _OWN_LISTS:
                table, read = _OWN_LISTS[key]
                where = f"{key}[{index}]"
                merger.add(table, where, read(Record(value, where, latest=latest)))
            continue
        seen.add(key)
        if key == "format" and value != FORMAT:
            raise expected("format", value, repr(FORMAT))
        if key == "version":
            _check_version(value)
        elif key in _OWN_LISTS:
            if "version" not in seen:
                raise ImportProblem("'version' is missing before the lists")
            if not isinstance(value, ListStart):
                raise expected(key, value, "a list")
    if "entries" not in seen:
        raise ImportProblem("'entries' is missing")


def _check_version(version: object) -> None:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise expected("version", version, "a format version (1 or more)")
    if version > FORMAT_VERSION:
        raise ImportProblem(
            f"version: this file was written by a newer practice-tui (format {version}); "
            "please update practice-tui to import it"
        )


def _merge_jrnl(found: Iterable[Event], merger: Merger, zone: tzinfo | None) -> None:
    seen = False
    for key, index, value in found:
        if key != "entries":
            continue
        if index is None:
            if not isinstance(value, ListStart):
                raise expected("entries", value, "a list")
            seen = True
            continue
        where = f"entries[{index}]"
        row = jrnl_row(Record(value, where), zone)
        if row is None:
            merger.result.skipped += 1
        else:
            merger.add("entries", where, row, same_is_one=True)
    if not seen:
        raise ImportProblem("'entries' is missing")
