"""Bringing a journal in: our own JSON export, merged by id, and jrnl's JSON export.

Everything is written in one transaction (``journal.bulk.write()``): a file is imported
whole or not at all. A long file is read a record at a time (:mod:`journal.json_stream`) and
merged a batch at a time, so memory stays small; a mistake anywhere, even in the last line,
rolls back all that came before it, and is told in one sentence that names the place
(``entries[3].date``, or a line and column for broken JSON) and what is wrong there.

Merging our own files: every row has a UUID. A row not in the journal is added; an entry or
action already there is replaced only when the file's ``updated_at`` is later (the newer
change wins, whichever side it is on; a tie keeps the journal's); practice sessions never
change once kept, and a home task ticked on a day stays ticked. So importing the same file
twice adds nothing.

jrnl's entries become notes (see :func:`import_records.jrnl_row`), with ids made from their
time and words, so importing the same jrnl export twice adds nothing either.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from practice_tui.journal.import_records import (
    ImportProblem,
    Record,
    action_row,
    entry_row,
    expected,
    jrnl_row,
    kind_of,
    session_row,
    shown,
    tick_row,
)
from practice_tui.journal.json_format import FORMAT, FORMAT_VERSION
from practice_tui.journal.json_stream import (
    LIST_START,
    JsonSyntaxError,
    ListStart,
    load_whole,
    read_object,
)
from practice_tui.journal.rows import insert_sql
from practice_tui.journal.store import Journal

if TYPE_CHECKING:
    from sqlite3 import Connection

__all__ = ["ImportProblem", "ImportResult", "Tally", "import_file"]

#: Told how far the import has read, in bytes of the file, as it goes (for a progress bar).
Progress = Callable[[int], None]
Source = Literal["practice-tui", "jrnl"]
Event = tuple[str, int | None, Any]

_BATCH = 500
#: The lists of our own export, in the order rows go in, with the table each fills.
_OWN_LISTS = {
    "sessions": ("practice_sessions", session_row),
    "entries": ("entries", entry_row),
    "actions": ("actions", action_row),
    "home_task_ticks": ("home_task_ticks", tick_row),
}
_NOT_JSON = "this is not JSON (an export begins with “{”; from jrnl, use --export json)"


# Tally and ImportResult are plain classes: counters that change as an import goes, and
# cheaper to create than dataclasses for ``import --dry-run`` (start-up).


class Tally:
    """What happened to the rows of one kind."""

    def __init__(self) -> None:
        self.added = self.updated = self.unchanged = 0

    def __repr__(self) -> str:
        return f"Tally(added={self.added}, updated={self.updated}, unchanged={self.unchanged})"


class ImportResult:
    """What an import did (or, for a trial run, would do)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.entries = Tally()
        self.sessions = Tally()
        self.actions = Tally()
        self.ticks = Tally()
        #: jrnl entries with no words at all, which the journal does not keep.
        self.skipped = 0

    @property
    def tallies(self) -> tuple[Tally, ...]:
        return (self.entries, self.sessions, self.actions, self.ticks)

    @property
    def changed(self) -> bool:
        return any(t.added or t.updated for t in self.tallies)

    def tally(self, table: str) -> Tally:
        return {
            "entries": self.entries,
            "practice_sessions": self.sessions,
            "actions": self.actions,
            "home_task_ticks": self.ticks,
        }[table]

    def summary(self, *, would: bool = False) -> str:
        """One sentence for the person: what was (or ``would`` be) added and updated."""
        added = [
            _count(self.entries.added, "entry", "entries"),
            _count(self.sessions.added, "practice session"),
            _count(self.actions.added, "action"),
            _count(self.ticks.added, "home-task tick"),
        ]
        added = [part for part in added if part]
        add, update = ("Would add", "would update") if would else ("Added", "updated")
        parts = [f"{add} {_and(added)}" if added else f"{add} nothing new"]
        if updated := self.entries.updated + self.actions.updated:
            parts.append(f"{update} {_count(updated, 'row')} with newer changes")
        if unchanged := sum(t.unchanged for t in self.tallies):
            if would:  # "Would add 3 entries; 7 are already here."
                parts.append(f"{unchanged} {'is' if unchanged == 1 else 'are'} already here")
            else:
                parts.append(f"{_count(unchanged, 'row')} already here")
        if self.skipped:
            parts.append(f"skipped {_count(self.skipped, 'empty entry', 'empty entries')}")
        return "; ".join(parts) + "."


class _DryRun(Exception):
    """Raised inside the transaction of a trial run, so that nothing is kept."""


def import_file(
    journal: Journal,
    path: Path | str,
    *,
    progress: Progress | None = None,
    zone: tzinfo | None = None,
    dry_run: bool = False,
    on_size: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import the file at ``path`` into ``journal``: all of it, or nothing.

    Raises :class:`ImportProblem` for a file that cannot be read or imported, and
    :class:`JournalError` when the journal cannot be written; in both cases nothing was
    changed. ``on_size`` is told the file's size in bytes before reading starts, and
    ``progress`` how many more bytes have been read as it goes. ``zone`` is where jrnl's
    times were written (by default, this machine's zone). ``dry_run`` checks and counts but
    keeps nothing.
    """
    path = Path(path)
    size = _size(path)
    if on_size is not None:
        on_size(size)
    name = path.name
    try:
        with _reading(path) as (raw, events, source):
            result = ImportResult(source)
            try:
                with journal.bulk.write() as db:
                    db.execute("PRAGMA defer_foreign_keys = ON")  # links are checked at the end
                    merger = _Merger(db, result, _BytesRead(raw, progress))
                    if source == "jrnl":
                        _merge_jrnl(events, merger, zone)
                    else:
                        _merge_own(events, merger)
                    merger.finish()
                    if dry_run:
                        raise _DryRun
            except _DryRun:
                pass
    except JsonSyntaxError as error:
        what = (
            "the file ends too soon: it looks cut short"
            if error.cut_short
            else (f"this is not valid JSON ({error.message})")
        )
        where = f"line {error.line}, column {error.column}"
        raise ImportProblem(f"{name}: {where}: {what}; nothing was imported.") from None
    except UnicodeDecodeError:
        raise ImportProblem(f"{name}: {_not_utf8(path)}; nothing was imported.") from None
    except ImportProblem as problem:
        raise ImportProblem(f"{name}: {problem}; nothing was imported.") from None
    return result


# -- reading the file ----------------------------------------------------------------------


def _size(path: Path) -> int:
    """The file's size; an :class:`ImportProblem` when there is no file to read."""
    try:
        if path.is_dir():
            raise ImportProblem(f"{path} is a folder, not a file; nothing was imported.")
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportProblem(f"There is no file at {path}; nothing was imported.") from None
    except OSError as error:
        reason = error.strerror or "it could not be read"
        raise ImportProblem(f"{path} could not be read ({reason}); nothing was imported.") from None
    if size == 0:
        raise ImportProblem(f"{path.name} is empty; nothing was imported.")
    return size


@contextmanager
def _reading(path: Path) -> Iterator[tuple[BinaryIO, Iterator[Event], Source]]:
    """The file's members as events, and what wrote it.

    Our own exports begin with ``"format"`` and jrnl's with ``"tags"``: those are read a
    record at a time. Anything else is read whole, to say what it is.
    """
    try:
        raw = path.open("rb")
    except OSError as error:
        reason = error.strerror or "it could not be read"
        raise ImportProblem(f"{path} could not be read ({reason}); nothing was imported.") from None
    with raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        events = read_object(text, _OWN_LISTS)
        try:
            first = next(events, None)
        except ValueError as error:
            if isinstance(error, JsonSyntaxError):
                raise
            first = None  # not an object: read whole below, to say what it is
        if first is not None and first[0] in ("format", "tags"):
            source: Source = "practice-tui" if first[0] == "format" else "jrnl"
            yield raw, _chain(first, events), source
            return
        raw.seek(0)
        yield raw, *_whole(raw.read())


def _chain(first: Event, rest: Iterator[Event]) -> Iterator[Event]:
    yield first
    yield from rest


def _whole(data: bytes) -> tuple[Iterator[Event], Source]:
    """A file read whole: its events in the order rows go in, and what wrote it."""
    text = data.decode("utf-8-sig")
    if not text.strip():
        raise ImportProblem("the file is empty")
    try:
        value = load_whole(text)
    except JsonSyntaxError as error:
        if error.line == 1 and not text.lstrip().startswith("{"):
            raise ImportProblem(f"line {error.line}, column {error.column}: {_NOT_JSON}") from None
        raise
    if isinstance(value, dict) and "format" in value:
        return _events(value, ["format", "version", *_OWN_LISTS]), "practice-tui"
    if isinstance(value, dict) and "entries" in value:
        return _events(value, ["entries"]), "jrnl"
    raise ImportProblem(
        f"the file holds {kind_of(value)}, not a practice-tui or jrnl JSON export "
        '(an object with "entries")'
    )


def _events(data: dict[str, Any], keys: Sequence[str]) -> Iterator[Event]:
    """A parsed object as the events :func:`read_object` would give, in ``keys``' order."""
    for key in keys:
        if key not in data:
            continue
        value = data[key]
        if key in _OWN_LISTS and isinstance(value, list):
            yield key, None, LIST_START
            for index, item in enumerate(value):
                yield key, index, item
                value[index] = None  # kept in a row now: a long file is not held twice
        else:
            yield key, None, value


def _not_utf8(path: Path) -> str:
    raw = path.read_bytes()
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        return f"line {line}, column {error.start - line_start + 1}: this is not UTF-8 text"
    return "this is not UTF-8 text"


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


def _merge_own(events: Iterable[Event], merger: _Merger) -> None:
    seen: set[str] = set()
    for key, index, value in events:
        if index is not None:
            table, read = _OWN_LISTS[key]
            merger.add(table, f"{key}[{index}]", read(Record(value, f"{key}[{index}]")))
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


def _merge_jrnl(events: Iterable[Event], merger: _Merger, zone: tzinfo | None) -> None:
    seen = False
    for key, index, value in events:
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


# -- merging -------------------------------------------------------------------------------


class _Merger:
    """Rows gathered into batches and merged into the journal inside one transaction."""

    def __init__(self, db: Connection, result: ImportResult, read_so_far: _BytesRead) -> None:
        self._db = db
        self.result = result
        self._read_so_far = read_so_far
        self._pending: dict[str, list[dict[str, Any]]] = {
            table: [] for table, _ in _OWN_LISTS.values()
        }
        #: Where each row was in the file, by table and id: for twins and broken links.
        self._places: dict[str, dict[str, str]] = {table: {} for table in self._pending}

    def add(
        self, table: str, where: str, row: dict[str, Any], *, same_is_one: bool = False
    ) -> None:
        """Take a row; ``same_is_one``: a row twice in the file is kept once (jrnl's twins)."""
        places = self._places[table]
        earlier = places.get(row["id"])
        if earlier is not None:
            if same_is_one:
                self.result.tally(table).unchanged += 1
                return
            raise ImportProblem(f"{where}.id: {shown(row['id'])} is in the file twice ({earlier})")
        places[row["id"]] = where
        pending = self._pending[table]
        pending.append(row)
        if len(pending) >= _BATCH:
            self._flush(table)

    def finish(self) -> None:
        for table in self._pending:
            self._flush(table)
        self._check_link("entries", "session_id", "practice_sessions", "practice session")
        self._check_link("actions", "entry_id", "entries", "entry")

    def _flush(self, table: str) -> None:
        rows, self._pending[table] = self._pending[table], []
        if not rows:
            return
        tally = self.result.tally(table)
        if table == "home_task_ticks":
            _insert_ticks(self._db, rows, tally)
        else:
            _upsert(self._db, table, rows, tally, replace=table != "practice_sessions")
        self._read_so_far()

    def _check_link(self, table: str, column: str, target: str, noun: str) -> None:
        """Every row that names another names one in the file or the journal."""
        sql = (
            f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL "
            f"AND {column} NOT IN (SELECT id FROM {target}) LIMIT 1"
        )
        broken = self._db.execute(sql).fetchone()
        if broken is not None:
            where = self._places[table].get(broken[0], table)
            raise ImportProblem(
                f"{where}.{column}: no {noun} with id {shown(broken[1])} is in the file "
                "or the journal"
            )


def _existing(db: Connection, table: str, ids: list[str]) -> dict[str, Any]:
    """``{id: updated_at}`` (``{id: None}`` for sessions) for the ids already in ``table``."""
    stamp = "updated_at" if table in ("entries", "actions") else "NULL"
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT id, {stamp} FROM {table} WHERE id IN ({marks})"
    return dict(db.execute(sql, ids).fetchall())


def _upsert(
    db: Connection, table: str, rows: list[dict[str, Any]], tally: Tally, *, replace: bool
) -> None:
    """Add rows not here; with ``replace``, replace those here when the file's is newer."""
    here = _existing(db, table, [row["id"] for row in rows])
    new = [row for row in rows if row["id"] not in here]
    newer = [row for row in rows if replace and row["id"] in here and _later(row, here[row["id"]])]
    if new:
        # Imported here only: sqlite-utils costs ~110 ms to import, which no other command pays.
        from sqlite_utils import Database

        # Its table API writes the rows in chunks that fit SQLite's limit on parameters; in
        # 4.x it nests in the import's transaction (a savepoint), so all is kept or none.
        rows_api = Database(db, recursive_triggers=False, execute_plugins=False)
        rows_api.table(table).insert_all(new)
    if newer:
        columns = [column for column in newer[0] if column != "id"]
        sets = ", ".join(f"{column} = ?" for column in columns)
        db.executemany(
            f"UPDATE {table} SET {sets} WHERE id = ?",
            [[row[column] for column in columns] + [row["id"]] for row in newer],
        )
    tally.added += len(new)
    tally.updated += len(newer)
    tally.unchanged += len(rows) - len(new) - len(newer)


def _later(row: dict[str, Any], here: str | None) -> bool:
    """Whether the file's change is newer than the journal's (a tie keeps the journal's)."""
    if here is None:
        return True
    try:
        return datetime.fromisoformat(row["updated_at"]) > datetime.fromisoformat(here)
    except (TypeError, ValueError):  # a damaged time in the journal: the file's is sound
        return True


def _insert_ticks(db: Connection, rows: list[dict[str, Any]], tally: Tally) -> None:
    """A task ticked on a day stays ticked: the same tick (or one on that day) is kept once."""
    columns = list(rows[0])
    sql = insert_sql("home_task_ticks", columns) + " ON CONFLICT DO NOTHING"
    before = db.total_changes
    db.executemany(sql, [list(row.values()) for row in rows])
    added = db.total_changes - before
    tally.added += added
    tally.unchanged += len(rows) - added


def _count(number: int, noun: str, plural: str | None = None) -> str:
    if not number:
        return ""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
