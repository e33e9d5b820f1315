"""The journal as CSV, for a spreadsheet: one row an entry, or one row a practice session.

Entries come oldest first, each question and its answer in a pair of columns (as many pairs
as the longest entry found needs). Sessions (``sessions=True``) take the week, practice and
day filters; words cannot be searched in them. Text is written as it is, with one exception
that keeps a spreadsheet safe: a cell that starts as a formula would (``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets a ``'`` before it, as OWASP advises against "CSV
injection". An imported journal can hold anyone's words, and a spreadsheet that runs
``=HYPERLINK(...)`` or ``=cmd|...`` on opening can send them away. ``raw_csv`` writes such
cells as they are, for a program that reads the file rather than a spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from practice_tui.journal.errors import InvalidArgument
from practice_tui.journal.export import ExportOptions, entry_title, week_and_day_filters
from practice_tui.journal.models import Entry
from practice_tui.journal.query import EntryQuery, where_clause
from practice_tui.journal.store import Journal

if TYPE_CHECKING:
    from sqlite3 import Connection

ENTRY_COLUMNS = (
    "id",
    "created_at",
    "week",
    "kind",
    "title",
    "practice_id",
    "practised_minutes",
    "starred",
    "tags",
    "source",
    "edited_at",
)
SESSION_COLUMNS = (
    "id",
    "started_at",
    "ended_at",
    "week",
    "kind",
    "practice_id",
    "practice_name",
    "planned_minutes",
    "practised_minutes",
    "completed",
)
_BATCH = 500
#: How a cell that a spreadsheet would read as a formula begins (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(cell: object) -> object:
    """A cell a spreadsheet shows rather than runs: text starting as a formula gets a ``'``."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


def size(journal: Journal, options: ExportOptions) -> int:
    if not options.sessions:
        return journal.entries.count(options.query)
    where, params = _session_where(options.query)
    with journal.bulk.read() as db:
        row = db.execute(f"SELECT count(*) FROM practice_sessions WHERE {where}", params)
        return int(row.fetchone()[0])


def write(journal: Journal, stream: TextIO, options: ExportOptions) -> int:
    """Write the CSV; returns how many rows (entries or sessions) it holds."""
    out = csv.writer(stream)  # RFC 4180: commas, quotes doubled, CRLF at line ends
    query = options.query
    with journal.bulk.read() as db:
        if options.sessions:
            rows = _session_rows(db, *_session_where(query))
            out.writerow(SESSION_COLUMNS)
        else:
            header = [*ENTRY_COLUMNS]
            for number in range(1, _most_answers(db, query) + 1):
                header += [f"question_{number}", f"answer_{number}"]
            out.writerow(header)
            rows = (_entry_row(entry, len(header)) for entry in journal.entries.stream(query))
        count = 0
        for row in rows:
            out.writerow(row if options.raw_csv else map(inert_cell, row))
            count += 1
            options.advance()
    return count


def _entry_row(entry: Entry, width: int) -> list[Any]:
    """An entry's row, as wide as the header: a spreadsheet sees a tidy table."""
    seconds = entry.practised_seconds
    row: list[Any] = [
        entry.id,
        entry.created_at,
        entry.week if entry.week is not None else "",
        entry.kind,
        entry_title(entry),
        entry.practice_id or "",
        _minutes(seconds) if seconds is not None else "",
        _yes_no(entry.starred),
        ", ".join(entry.tags),
        entry.source or "",
        entry.edited_at or "",
    ]
    for answer in entry.answers:
        row += [answer.question, answer.answer]
    return row + [""] * (width - len(row))


def _most_answers(db: Connection, query: EntryQuery) -> int:
    where, params = where_clause(query)
    sql = f"SELECT coalesce(max(json_array_length(e.answers)), 0) FROM entries AS e WHERE {where}"
    return int(db.execute(sql, params).fetchone()[0])


def _session_where(query: EntryQuery) -> tuple[str, list[object]]:
    """The filters that sessions have: programme week, practice, and the day they began."""
    if query.is_search or query.starred:
        raise InvalidArgument(
            "sessions have no words or stars: search and star filters find entries"
        )
    where, params = week_and_day_filters(query, "started_at")
    if query.practice_id is not None:
        where += " AND practice_id = ?"
        params.append(query.practice_id)
    return where, params


def _session_rows(db: Connection, where: str, params: list[object]) -> Iterator[list[Any]]:
    cursor = db.execute(
        "SELECT id, started_at, ended_at, week, kind, practice_id, practice_name, "
        "planned_seconds, practised_seconds, completed FROM practice_sessions "
        f"WHERE {where} ORDER BY julianday(started_at), rowid",
        params,
    )
    while rows := cursor.fetchmany(_BATCH):
        for sid, start, end, week, kind, pid, name, planned, practised, completed in rows:
            yield [
                sid,
                start,
                end,
                week if week is not None else "",
                kind,
                pid,
                name,
                _minutes(planned),
                _minutes(practised),
                _yes_no(bool(completed)),
            ]


def _minutes(seconds: float) -> str:
    """Seconds as minutes to two places, without trailing zeros: ``90`` -> ``1.5``."""
    return f"{seconds / 60:.2f}".rstrip("0").rstrip(".")


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"
