"""The journal as JSON: complete, versioned, and read back by :mod:`journal.importing`.

The file holds entries (with their stars, tags, edits and source), practice sessions,
actions, home-task ticks and the entries' earlier words (``revisions``), each row with its
UUID, so two journals can be merged. Drafts are not exported: they are writing in progress,
kept for the screen of the machine it is typed on, and deleted as soon as the entry is saved.

Entries in the trash are exported too, flagged by ``deleted_at``: JSON is the format for
moving a journal or keeping a copy, so a round trip keeps the trash as the person left it,
and an entry trashed here and merged into another copy stays in the trash there instead of
coming back.

A filtered export holds the entries found, the sessions they follow and the actions they
set; home-task ticks come along when the filters are weeks and days (which ticks have) and
not a practice or words. Each record is on a line of its own, so a message about a damaged
file can point at it, and a long journal is written a record at a time.
"""

from __future__ import annotations

import json
import os
import queue
import stat
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from practice_tui import __version__
from practice_tui.journal.export import ExportOptions, week_and_day_filters
from practice_tui.journal.json_format import FORMAT, FORMAT_VERSION
from practice_tui.journal.query import EntryQuery, where_clause
from practice_tui.journal.store import Journal
from practice_tui.journal.times import to_iso

if TYPE_CHECKING:
    from sqlite3 import Connection

SESSION_COLUMNS = (
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
)
ACTION_COLUMNS = ("id", "entry_id", "week", "text", "created_at", "updated_at", "done_at")
TICK_COLUMNS = ("id", "week", "task_id", "day", "created_at")
REVISION_COLUMNS = ("id", "entry_id", "written_at", "kept_at", "reason", "answers")
ENTRY_FIELDS = (
    "id",
    "kind",
    "created_at",
    "updated_at",
    "edited_at",
    "deleted_at",
    "week",
    "practice_id",
    "practice_name",
    "session_id",
    "starred",
    "tags",
    "source",
    "answers",
)

_BATCH = 500


def _json_object(
    columns: Iterable[str], *, flags: Iterable[str] = (), raw: Iterable[str] = ()
) -> str:
    """SQL for a row as a JSON object, made by SQLite: far quicker than row by row in Python.

    ``flags`` are 0/1 columns written as true/false; ``raw`` columns already hold JSON.
    Constants such as ``json('true')`` are worked out once, not for every row, and an empty
    list (most entries' tags) is not parsed again.
    """
    flag_set, raw_set = set(flags), set(raw)
    parts = []
    for column in columns:
        if column in flag_set:
            value = f"CASE WHEN {column} THEN json('true') ELSE json('false') END"
        elif column in raw_set:
            value = f"CASE WHEN {column} = '[]' THEN json('[]') ELSE json({column}) END"
        elif column.endswith("practised_seconds"):
            value = _EXACT_REAL.format(column=column)
        else:
            value = column
        parts.append(f"'{column.split('.')[-1]}', {value}")
    return f"json_object({', '.join(parts)})"


# SQLite writes a real to 15 digits, which may not read back as the same number; 17 always do.
# A whole number of seconds (most sessions) is written as 15 digits would write it, without
# the three printf calls: "300.0".
_EXACT_REAL = (
    "json(CASE WHEN {column} >= 1 AND {column} < 1e15 AND {column} = CAST({column} AS INTEGER) "
    "THEN CAST({column} AS INTEGER) || '.0' "
    "WHEN CAST(printf('%!.15g', {column}) AS REAL) = {column} "
    "THEN printf('%!.15g', {column}) ELSE printf('%!.17g', {column}) END)"
)
_ENTRY_JSON = _json_object(
    [f"e.{column}" for column in ENTRY_FIELDS], flags={"e.starred"}, raw={"e.tags", "e.answers"}
)
_SESSION_JSON = _json_object(SESSION_COLUMNS, flags={"completed"})
_ACTION_JSON = _json_object(ACTION_COLUMNS)
_TICK_JSON = _json_object(TICK_COLUMNS)
_REVISION_JSON = _json_object(REVISION_COLUMNS, raw={"answers"})


def size(journal: Journal, options: ExportOptions) -> int:
    """Entries found, in the journal and in the trash: what the progress bar counts."""
    query = options.query
    return journal.entries.count(query) + journal.entries.count(query._replace(trashed=True))


class _Sink:
    """Where the file goes: straight to the bytes under a text stream, when it has them.

    Records come out of SQLite as UTF-8 already; writing them as bytes saves decoding and
    encoding again the hundreds of megabytes of a long journal. Into a pipe or a terminal,
    where a write waits for the reader, the bytes are joined and written by a thread of
    their own, in order, while SQLite makes the next records (it lets go of the interpreter
    while it works): on two cores a long export into a pipe takes about a sixth less time.
    A file or a device takes the bytes at once, so there the thread's hand-overs would only
    cost time, and the records are written as they come. Either way a failure to write is
    raised where the export is, as it was before.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._binary: BinaryIO | None = getattr(stream, "buffer", None)
        self._queue: queue.Queue[tuple[bytes, list[bytes]] | None] = queue.Queue(_AHEAD)
        self._error: BaseException | None = None
        self._writer: threading.Thread | None = None
        if self._binary is not None:
            stream.flush()
            if writes_wait(self._binary):
                self._writer = threading.Thread(target=self._write_all, name="export-writer")
                self._writer.start()

    @property
    def text_factory(self) -> type:
        """How SQLite's text should be read for :meth:`records`."""
        return str if self._binary is None else bytes

    def write(self, text: str) -> None:
        if self._binary is None:
            self._stream.write(text)
        else:
            self._put((text.encode("utf-8"), []))

    def records(self, lead: str, batch: list[Any]) -> None:
        """``lead`` then the records, one to a line."""
        if self._binary is None:
            self._stream.write(lead + _NEXT.join(batch))
        else:
            self._put((lead.encode(), batch))

    def close(self, *, raising: bool = True) -> None:
        """Wait until everything is written; raise what stopped the writing, if anything."""
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join()
            self._writer = None
        if raising:
            self._raise_error()

    def _put(self, item: tuple[bytes, list[bytes]]) -> None:
        if self._writer is None:
            assert self._binary is not None
            lead, batch = item
            self._binary.write(lead + _NEXT_BYTES.join(batch) if batch else lead)
            return
        self._raise_error()
        self._queue.put(item)

    def _raise_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _write_all(self) -> None:
        """In the writer thread: every piece in turn; after a failure, only empty the queue."""
        binary = self._binary
        assert binary is not None
        failed = False
        while (item := self._queue.get()) is not None:
            if failed:
                continue
            lead, batch = item
            try:
                binary.write(lead + _NEXT_BYTES.join(batch) if batch else lead)
            except BaseException as error:  # raised again in the export's thread
                self._error, failed = error, True


def writes_wait(binary: BinaryIO) -> bool:
    """Whether a write to ``binary`` may wait for a reader: a pipe, a socket, a terminal."""
    try:
        mode = os.fstat(binary.fileno()).st_mode
        return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or binary.isatty()
    except (OSError, ValueError):  # no descriptor under it (io.BytesIO), or closed
        return False


_NEXT = ",\n    "
_NEXT_BYTES = _NEXT.encode()
#: Pieces waiting to be written, at most: a few batches of records, a few megabytes.
_AHEAD = 8


def write(journal: Journal, stream: TextIO, options: ExportOptions) -> int:
    """Write the export; returns how many entries (trash included) it holds."""
    query = options.query
    filtered = query.is_filtered
    head = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": to_iso(journal.now()),
        "app_version": __version__,
        "filters": _filters(query) if filtered else None,
    }
    sink = _Sink(stream)
    try:
        count = _write_records(journal, sink, options, head)
    except BaseException:
        sink.close(raising=False)  # what went wrong here is the error to tell
        raise
    sink.close()
    return count


def _write_records(
    journal: Journal, sink: _Sink, options: ExportOptions, head: dict[str, Any]
) -> int:
    query = options.query
    filtered = query.is_filtered
    sink.write("{\n")
    for key, value in head.items():
        sink.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")  # ASCII: never broken
    entry_ids: set[str] = set()
    session_ids: set[str] = set()
    count = 0
    with journal.bulk.read() as db:

        def entries() -> Iterator[list[Any]]:
            nonlocal count
            for trashed in (False, True):
                where, params = where_clause(query._replace(trashed=trashed))
                # The ids are read only when the sessions and actions follow the entries.
                ids = ", e.id, e.session_id" if filtered else ""
                sql = (
                    f"SELECT {_ENTRY_JSON}{ids} FROM entries AS e "
                    f"WHERE {where} ORDER BY julianday(e.created_at), e.rowid"
                )
                for batch in _batches(db, sql, params):
                    if filtered:
                        entry_ids.update(_str(row[1]) for row in batch)
                        session_ids.update(_str(row[2]) for row in batch if row[2] is not None)
                    count += len(batch)
                    options.advance(len(batch))
                    yield [row[0] for row in batch]

        conn = db
        conn.text_factory, text_factory = sink.text_factory, conn.text_factory
        try:
            _write_list(sink, "entries", entries())
            sink.write(",\n")
            _write_list(sink, "sessions", _sessions(db, session_ids if filtered else None))
            sink.write(",\n")
            _write_list(sink, "actions", _actions(db, entry_ids if filtered else None))
            sink.write(",\n")
            _write_list(sink, "home_task_ticks", _ticks(db, query))
            sink.write(",\n")
            _write_list(sink, "revisions", _revisions(db, entry_ids if filtered else None))
        finally:
            conn.text_factory = text_factory
    sink.write("\n}\n")
    return count


def _str(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _filters(query: EntryQuery) -> dict[str, Any]:
    return {
        "week": query.week,
        "practice_id": query.practice_id,
        "since": query.since.isoformat() if query.since else None,
        "until": query.until.isoformat() if query.until else None,
        "search": query.search or None,
        "starred": query.starred,
    }


def _write_list(sink: _Sink, key: str, batches: Iterable[list[Any]]) -> None:
    """A list of records, one to a line, written a batch at a time."""
    sink.write(f"  {json.dumps(key)}: [")
    first = True
    for batch in batches:
        if batch:
            sink.records("\n    " if first else _NEXT, batch)
            first = False
    sink.write("]" if first else "\n  ]")


def _batches(db: Connection, sql: str, params: Iterable[object] = ()) -> Iterator[list[Any]]:
    cursor = db.execute(sql, list(params))
    while rows := cursor.fetchmany(_BATCH):
        yield rows


def _records(db: Connection, sql: str, params: Iterable[object] = ()) -> Iterator[list[str]]:
    for batch in _batches(db, sql, params):
        yield [row[0] for row in batch]


def _by_ids(
    db: Connection, select: str, id_column: str, ids: set[str], order: str
) -> Iterator[list[str]]:
    """Records whose ``id_column`` is one of ``ids``, a batch of ids at a time."""
    wanted = sorted(ids)
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        marks = ", ".join("?" for _ in chunk)
        yield from _records(db, f"{select} WHERE {id_column} IN ({marks}) ORDER BY {order}", chunk)


def _table(
    db: Connection, record_sql: str, table: str, order: str, id_column: str, ids: set[str] | None
) -> Iterator[list[str]]:
    """Every row of ``table`` as records, or only those whose ``id_column`` is in ``ids``."""
    select = f"SELECT {record_sql} FROM {table}"
    if ids is None:
        return _in_order(db, record_sql, table, order)
    return _by_ids(db, select, id_column, ids, order)


def _in_order(db: Connection, record_sql: str, table: str, order: str) -> Iterator[list[str]]:
    """Every row of ``table`` as records, in ``order``.

    The rowids are put in order first (in a temporary table of this connection) and the
    records made after, so SQLite's sort never carries the records themselves: for 90,000
    sessions that sort took longer than making the records.
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS export_order (source INTEGER NOT NULL)")
    db.execute("DELETE FROM temp.export_order")
    db.execute(f"INSERT INTO temp.export_order (source) SELECT rowid FROM {table} ORDER BY {order}")
    yield from _records(
        db,
        f"SELECT {record_sql} FROM temp.export_order AS o CROSS JOIN {table} "
        f"ON {table}.rowid = o.source ORDER BY o.rowid",
    )
    db.execute("DELETE FROM temp.export_order")


def _sessions(db: Connection, ids: set[str] | None) -> Iterator[list[str]]:
    order = "julianday(started_at), rowid"
    return _table(db, _SESSION_JSON, "practice_sessions", order, "id", ids)


def _actions(db: Connection, entry_ids: set[str] | None) -> Iterator[list[str]]:
    order = "julianday(created_at), rowid"
    return _table(db, _ACTION_JSON, "actions", order, "entry_id", entry_ids)


def _revisions(db: Connection, entry_ids: set[str] | None) -> Iterator[list[str]]:
    """The earlier words of the entries exported."""
    order = "julianday(kept_at), rowid"
    return _table(db, _REVISION_JSON, "entry_revisions", order, "entry_id", entry_ids)


def _ticks(db: Connection, query: EntryQuery) -> Iterator[list[str]]:
    """Ticks on the weeks and days asked for; none when a practice, words or stars are."""
    if query.practice_id is not None or query.is_search or query.starred:
        return iter(())  # ticks have no practice, words or star
    where, params = week_and_day_filters(query, "day")
    sql = f"SELECT {_TICK_JSON} FROM home_task_ticks WHERE {where} ORDER BY day, rowid"
    return _records(db, sql, params)
