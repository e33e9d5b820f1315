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

import errno
import json
import os
import queue
import select
import stat
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from practice_tui import __version__
from practice_tui.journal.export import ExportOptions, week_and_day_filters
from practice_tui.journal.json_format import FORMAT, FORMAT_VERSION
from practice_tui.journal.query import EntryQuery, where_clause
from practice_tui.journal.schema import answers_kept_json
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
# A whole number of seconds (most sessions) is given to json_object as it is, which writes it
# to 15 digits ("300.0"), without the three printf calls and the json() the others need.
_EXACT_REAL = (
    "CASE WHEN {column} >= 1 AND {column} < 1e15 AND {column} = CAST({column} AS INTEGER) "
    "THEN {column} "
    "ELSE json(CASE WHEN CAST(printf('%!.15g', {column}) AS REAL) = {column} "
    "THEN printf('%!.15g', {column}) ELSE printf('%!.17g', {column}) END) END"
)
#: An entry's record up to its answers (the last field), the object left open for them: its
#: last value (``source``) is text or null, so the one ``}`` trimmed is the object's own.
_ENTRY_OPEN = (
    "rtrim("
    + _json_object(
        [f"e.{column}" for column in ENTRY_FIELDS[:-1]], flags={"e.starred"}, raw={"e.tags"}
    )
    + ", '}') || ',\"answers\":'"
)
#: The answers as stored: every writer stores them compact (see ``rows.answers_text``), so
#: they are copied as they are. SQLite's ``json()`` writing every one again took a tenth of a
#: long export. Where the journal's triggers keep them valid JSON (``schema.answers_kept_json``)
#: they are copied unchecked: checking each (``json_valid``) is as slow as ``json()``.
#: Elsewhere, answers another program spoilt meet ``json()``, which stops the export as the
#: journal's damage, as it always has.
_ENTRY_ANSWERS_KEPT = "e.answers"
_ENTRY_ANSWERS = "CASE WHEN json_valid(e.answers) THEN e.answers ELSE json(e.answers) END"
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
    encoding again the hundreds of megabytes of a long journal. With a file descriptor under
    the stream, the records and the separators between them go to it as they are, many to a
    system call (``writev``), never joined into one string first: joining copied every byte
    once more, a fifth of a long export's time. Into a pipe or a terminal, where a write
    waits for the reader, they are written by a thread of their own, in order, while SQLite
    makes the next records (it lets go of the interpreter while it works). A file or a
    device takes the bytes at once, so there the thread's hand-overs would only cost time,
    and the records are written as they come. Either way a failure to write is raised where
    the export is, as it was before.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._binary: BinaryIO | None = getattr(stream, "buffer", None)
        self._descriptor: int | None = None
        self._queue: queue.Queue[list[Any] | None] = queue.Queue(_AHEAD)
        self._error: BaseException | None = None
        self._writer: threading.Thread | None = None
        self.next: str | bytes = _NEXT
        if self._binary is not None:
            stream.flush()
            self.next = _NEXT_BYTES
            self._descriptor = _descriptor(self._binary)
            if writes_wait(self._binary):
                self._writer = threading.Thread(target=self._write_all, name="export-writer")
                self._writer.start()

    @property
    def text_factory(self) -> type:
        """How SQLite's text should be read for :meth:`records` and :meth:`pieces`."""
        return str if self._binary is None else bytes

    def encoded(self, text: str) -> str | bytes:
        """``text`` as this sink's pieces are: text, or UTF-8 bytes."""
        return text if self._binary is None else text.encode("utf-8")

    def write(self, text: str) -> None:
        self.pieces([self.encoded(text)])

    def records(self, lead: str, batch: list[Any], *, closed_by: str | None = None) -> None:
        """``lead`` then the records, one to a line.

        With ``closed_by``, each record comes in two parts, a row of its start and its last
        value, and ``closed_by`` ends it: the parts are written as they are, never joined.
        """
        if closed_by is None:
            pieces = [self.next] * (2 * len(batch))
            pieces[1::2] = batch
        else:
            pieces = [self.next, None, None, self.encoded(closed_by)] * len(batch)
            pieces[1::4] = [row[0] for row in batch]
            pieces[2::4] = [row[1] for row in batch]
        if pieces:
            pieces[0] = self.encoded(lead)
        self.pieces(pieces)

    def pieces(self, pieces: list[Any]) -> None:
        """Write ``pieces`` (all text, or all bytes: see :attr:`text_factory`) in order."""
        if self._writer is None:
            self._emit(pieces)
            return
        self._raise_error()
        self._queue.put(pieces)

    def close(self, *, raising: bool = True) -> None:
        """Wait until everything is written; raise what stopped the writing, if anything."""
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join()
            self._writer = None
        if raising:
            self._raise_error()

    def _emit(self, pieces: list[Any]) -> None:
        if self._binary is None:
            self._stream.write("".join(pieces))
        elif self._descriptor is not None:
            write_pieces(self._descriptor, pieces)
        else:
            self._binary.write(b"".join(pieces))

    def _raise_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _write_all(self) -> None:
        """In the writer thread: every piece in turn; after a failure, only empty the queue."""
        failed = False
        while (item := self._queue.get()) is not None:
            if failed:
                continue
            try:
                self._emit(item)
            except BaseException as error:  # raised again in the export's thread
                self._error, failed = error, True


def writes_wait(binary: BinaryIO) -> bool:
    """Whether a write to ``binary`` may wait for a reader: a pipe, a socket, a terminal."""
    try:
        mode = os.fstat(binary.fileno()).st_mode
        return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or binary.isatty()
    except (OSError, ValueError):  # no descriptor under it (io.BytesIO), or closed
        return False


def _descriptor(binary: BinaryIO) -> int | None:
    """The file descriptor under ``binary``, when pieces can be written to it (``writev``)."""
    if not hasattr(os, "writev"):  # Windows
        return None
    try:
        return binary.fileno()
    except (OSError, ValueError):  # no descriptor under it (io.BytesIO), or closed
        return None


def write_pieces(descriptor: int, pieces: list[Any]) -> None:
    """Every byte of ``pieces``, in order, up to ``_IOV_MAX`` pieces to a system call.

    A write may take only part of what it is given (a signal, a nearly full disk): the rest
    is written by the next. A descriptor left non-blocking by whoever started us is waited
    on rather than failed. ``pieces`` is changed (the pieces written are dropped).
    """
    start, end = 0, len(pieces)
    while start < end:
        stop = min(end, start + _IOV_MAX)
        chunk = pieces[start:stop]
        try:
            written = os.writev(descriptor, chunk)
        except BlockingIOError:
            select.select([], [descriptor], [])
            continue
        if written == sum(map(len, chunk)):  # all of it, as a file or a device takes it
            start = stop
            continue
        taken = written
        while start < stop and written >= len(pieces[start]):
            written -= len(pieces[start])
            start += 1
        if start < stop:
            if taken == 0:  # never for a file, a pipe or a device: stop rather than spin
                raise OSError(errno.EIO, "the output took none of the bytes written to it")
            pieces[start] = memoryview(pieces[start])[written:]


_NEXT = ",\n    "
_NEXT_BYTES = _NEXT.encode()
#: Pieces waiting to be written, at most: a few batches of records, a few megabytes.
_AHEAD = 8
#: Pieces to one ``writev``: the least any Unix allows (POSIX's IOV_MAX on Linux and macOS).
_IOV_MAX = 1024


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
        answers = _ENTRY_ANSWERS_KEPT if answers_kept_json(db) else _ENTRY_ANSWERS

        def entries() -> Iterator[list[Any]]:
            nonlocal count
            for trashed in (False, True):
                where, params = where_clause(query._replace(trashed=trashed))
                # The ids are read only when the sessions and actions follow the entries.
                ids = ", e.id, e.session_id" if filtered else ""
                sql = (
                    f"SELECT {_ENTRY_OPEN}, {answers}{ids} FROM entries AS e "
                    f"WHERE {where} ORDER BY julianday(e.created_at), e.rowid"
                )
                for batch in _batches(db, sql, params):
                    if filtered:
                        entry_ids.update(_str(row[2]) for row in batch)
                        session_ids.update(_str(row[3]) for row in batch if row[3] is not None)
                    count += len(batch)
                    options.advance(len(batch))
                    yield batch

        conn = db
        conn.text_factory, text_factory = sink.text_factory, conn.text_factory
        try:
            _write_list(sink, "entries", entries(), closed_by="}")
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


def _write_list(
    sink: _Sink, key: str, batches: Iterable[list[Any]], *, closed_by: str | None = None
) -> None:
    """A list of records, one to a line, written a batch at a time (``closed_by``: see
    :meth:`_Sink.records`)."""
    sink.write(f"  {json.dumps(key)}: [")
    first = True
    for batch in batches:
        if batch:
            sink.records("\n    " if first else _NEXT, batch, closed_by=closed_by)
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
    if ids is None:
        return _records(db, ALL_SESSIONS)
    order = "julianday(started_at), rowid"
    return _table(db, _SESSION_JSON, "practice_sessions", order, "id", ids)


#: Every session's record, in order from ``idx_practice_sessions_time`` (schema version 9),
#: with no sort.
ALL_SESSIONS = (
    f"SELECT {_SESSION_JSON} FROM practice_sessions ORDER BY julianday(started_at), rowid"
)


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
