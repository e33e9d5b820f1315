"""Exports of the journal: one function, one writer per format.

A writer takes the journal, a text stream and the :class:`ExportOptions`, and returns how
many records it wrote. Writers read entries a batch at a time inside one read transaction
(``journal.bulk.read()``), so an export of any length costs little memory and sees the
journal as it was at one moment. Filters are an :class:`EntryQuery`, the same the Journal
screen uses, so an export holds exactly what the screen shows. The person's words are
written literally; only what would break the document's structure is escaped.

Markdown lives here with what the log-shaped formats share; JSON, CSV and HTML each have a
module of their own, loaded when asked for.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from practice_tui.journal.errors import InvalidArgument
from practice_tui.journal.models import Action, Entry
from practice_tui.journal.query import NO_WEEK, EntryQuery, after_day
from practice_tui.journal.store import Journal
from practice_tui.journal.times import describe, describe_day
from practice_tui.records import Record

if TYPE_CHECKING:
    from sqlite3 import Connection

#: Told how many more records were written, as they are written (for a progress bar).
Progress = Callable[[int], None]

NO_WEEK_TITLE = "Not tied to a week"
OTHER_ACTIONS_TITLE = "Actions not tied to an entry"
LOG_TITLE = "My reflection log"
_UNTITLED = {"reflection": "Reflection", "exercise": "Exercise", "note": "Note"}

#: Each format's name for people, and the file extension it is written with.
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "json": "JSON", "csv": "CSV"}
_EXTENSIONS = {"md": "md", "html": "html", "json": "json", "csv": "csv"}
_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
_SUFFIX_FORMATS |= {".json": "json", ".csv": "csv"}
_WRITER_MODULES = {
    "md": "practice_tui.journal.export",
    "html": "practice_tui.journal.export_html",
    "json": "practice_tui.journal.export_json",
    "csv": "practice_tui.journal.export_csv",
}

#: Formats :func:`write_export` understands, for the CLI's ``--format`` choices.
SUPPORTED_FORMATS: tuple[str, ...] = tuple(FORMAT_NAMES)


class ExportOptions(Record):
    """What to export: the entries ``query`` finds; for CSV, sessions instead with ``sessions``,
    and formulas left to run with ``raw_csv``."""

    query: EntryQuery
    sessions: bool = False
    progress: Progress | None = None
    #: CSV only: cells that a spreadsheet would run as formulas written as they are.
    raw_csv: bool = False

    def advance(self, count: int = 1) -> None:
        if self.progress is not None:
            self.progress(count)


Writer = Callable[[Journal, TextIO, ExportOptions], int]


def write_export(
    journal: Journal,
    fmt: str,
    stream: TextIO,
    query: EntryQuery | None = None,
    *,
    sessions: bool = False,
    progress: Progress | None = None,
    raw_csv: bool = False,
) -> int:
    """Write the entries ``query`` finds (by default all) to ``stream`` as ``fmt``.

    Returns how many entries (or, for CSV with ``sessions``, sessions) were written.
    ``progress`` is told of each record as it is written. A CSV cell a spreadsheet would
    run as a formula is written with a ``'`` before it, unless ``raw_csv``. Raises
    :class:`InvalidArgument` (a ``ValueError``) for an unknown format or options that do not
    fit it, :class:`JournalError` if the journal cannot be read.
    """
    options = ExportOptions(query or EntryQuery(), sessions, progress, raw_csv)
    writer = _writer(fmt)
    if sessions and fmt != "csv":
        raise InvalidArgument("sessions can only be exported as CSV")
    if raw_csv and fmt != "csv":
        raise InvalidArgument("only CSV has formulas to leave as they are")
    # JSON escapes what UTF-8 cannot hold itself; the other formats are written through TextOut.
    return writer(journal, stream if fmt == "json" else TextOut(stream), options)


def export_size(
    journal: Journal, fmt: str, query: EntryQuery | None = None, *, sessions: bool = False
) -> int:
    """How many records an export will write: the length of its progress bar."""
    _writer(fmt)
    module = importlib.import_module(_WRITER_MODULES[fmt])
    sizer: Callable[[Journal, ExportOptions], int] = getattr(module, "size", _entry_count)
    return sizer(journal, ExportOptions(query or EntryQuery(), sessions))


def _writer(fmt: str) -> Writer:
    if fmt not in _WRITER_MODULES:
        raise InvalidArgument(
            f"unknown export format {fmt!r}; supported formats: {', '.join(SUPPORTED_FORMATS)}"
        )
    writer: Writer = importlib.import_module(_WRITER_MODULES[fmt]).write
    return writer


def _entry_count(journal: Journal, options: ExportOptions) -> int:
    return journal.entries.count(options.query)


def format_for_path(path: Path | str) -> str | None:
    """The format a file name asks for by its extension (``log.html`` -> ``html``), if any."""
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower())


def default_filename(fmt: str, day: date, *, sessions: bool = False) -> str:
    """A name that says what the file is and when it was made: ``reflection-log-2026-02-20.md``."""
    what = "practice-sessions" if sessions else "reflection-log"
    return f"{what}-{day.isoformat()}.{_EXTENSIONS[fmt]}"


def describe_query(query: EntryQuery, *, practice_name: str | None = None) -> str:
    """The filters of an export in words, for the top of the document; ``""`` for none.

    ``practice_name`` is what the practice filter is called (its id when not given).
    """
    parts = []
    if query.week == NO_WEEK:
        parts.append("not tied to a week")
    elif query.week is not None:
        parts.append(f"from week {query.week}")
    if query.practice_id is not None:
        parts.append(f"about {practice_name or query.practice_id}")
    if query.since is not None and query.until is not None:
        parts.append(f"written {describe_day(query.since)} to {describe_day(query.until)}")
    elif query.since is not None:
        parts.append(f"written on or after {describe_day(query.since)}")
    elif query.until is not None:
        parts.append(f"written on or before {describe_day(query.until)}")
    if query.is_search:
        parts.append(f"containing “{_one_line(query.search)}”")
    if not parts and not query.starred:
        return ""
    noun = "starred entries" if query.starred else "entries"
    return " ".join(["Only", noun, ", ".join(parts)]).rstrip() + "."


def practice_name_for(journal: Journal, query: EntryQuery) -> str | None:
    """The name of the practice ``query`` is filtered on, as the entries call it."""
    if query.practice_id is None:
        return None
    return journal.entries.practice_name(query.practice_id)


def week_and_day_filters(query: EntryQuery, day_column: str) -> tuple[str, list[object]]:
    """``query``'s week and days as SQL, for rows with a ``week`` and a local day or time.

    Local times are stored as ISO text, so the day is the text before the ``T``, as in
    :func:`journal.query.where_clause`.
    """
    clauses, params = ["1"], list[object]()
    if query.week == NO_WEEK:
        clauses.append("week IS NULL")
    elif query.week is not None:
        clauses.append("week = ?")
        params.append(query.week)
    if query.since is not None:
        clauses.append(f"{day_column} >= ?")
        params.append(query.since.isoformat())
    if query.until is not None:
        clauses.append(f"{day_column} < ?")
        params.append(after_day(query.until))
    return " AND ".join(clauses), params


class TextOut:
    """A text stream that never fails on a broken character.

    A lone surrogate (from a broken paste) is kept in the journal exactly, but cannot be
    written as UTF-8; in a document it becomes U+FFFD, the replacement character. (JSON
    keeps it exactly, as an escape.)
    """

    _BROKEN = re.compile("[\ud800-\udfff]")

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(self._BROKEN.sub("\ufffd", text))


# -- what the log-shaped formats (Markdown, HTML) share ----------------------------------


class LogItem(Record):
    """One entry of a log, with what is printed beside it."""

    entry: Entry
    starts_week: bool
    stopped_early: bool
    actions: tuple[Action, ...]


class Log:
    """The entries of a reflection log in reading order: weeks 1 up, then no week, oldest first.

    Read inside ``journal.bulk.read()``, whose connection is ``db``. ``count`` says how many
    entries :meth:`items` gave; after them, :meth:`other_actions` gives the actions that no
    exported entry set (only when nothing is filtered: a filtered log keeps to what it was
    asked for).
    """

    def __init__(self, journal: Journal, db: Connection, options: ExportOptions) -> None:
        self._journal = journal
        self._options = options
        self.query = options.query
        self.count = 0
        rows = db.execute("SELECT id FROM practice_sessions WHERE completed = 0")
        self._incomplete = {row[0] for row in rows}
        self._actions: dict[str | None, list[Action]] = {}
        for action in journal.tasks.actions():  # still to do first, then done
            self._actions.setdefault(action.entry_id, []).append(action)

    def items(self) -> Iterator[LogItem]:
        week: int | str | None = "none yet"
        with closing(self._journal.entries.stream(self.query, log_order=True)) as entries:
            for entry in entries:
                starts = entry.week != week
                week = entry.week
                stopped = entry.session_id is not None and entry.session_id in self._incomplete
                actions = tuple(self._actions.pop(entry.id, ()))
                yield LogItem(entry, starts, stopped, actions)
                self.count += 1
                self._options.advance()

    def other_actions(self) -> list[Action]:
        if self.query.is_filtered:
            return []
        return [action for group in self._actions.values() for action in group]


def entry_title(entry: Entry) -> str:
    """The heading of an entry: its practice or exercise, else what kind of writing it is."""
    return _one_line(entry.practice_name or "") or _UNTITLED.get(entry.kind, "Reflection")


def entry_marks(entry: Entry) -> str:
    """Starred, tags and when it was edited, on one line; ``""`` when there are none."""
    marks = []
    if entry.starred:
        marks.append("★ Starred")
    if entry.tags:
        marks.append("Tags: " + ", ".join(_one_line(tag) for tag in entry.tags))
    if entry.edited_at:
        marks.append(f"Edited {describe(entry.edited_at)}")
    return " · ".join(marks)


def practised_words(item: LogItem) -> str:
    """``Practised 3 min 05 s (stopped early)``; ``""`` for an entry after no practice."""
    seconds = item.entry.practised_seconds
    if seconds is None:
        return ""
    note = " (stopped early)" if item.stopped_early else ""
    return f"Practised {duration_words(seconds)}{note}"


def week_title(week: int | None) -> str:
    return f"Week {week}" if week is not None else NO_WEEK_TITLE


def written_on(journal: Journal) -> str:
    return f"Written on {describe(journal.now())}."


def empty_words(query: EntryQuery) -> str:
    return "Nothing in the journal matches." if query.is_filtered else "No reflections yet."


def duration_words(seconds: float) -> str:
    """``185.2`` -> ``3 min 05 s``; under a minute, ``45 s``."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- Markdown ----------------------------------------------------------------------------

# A line that Markdown would read as structure rather than text: an ATX heading, a code
# fence (which can swallow the rest of the file), or a setext underline (which turns the line
# above into a heading). Up to three spaces of indent still count. HTML is made inert
# everywhere by :func:`md_inline`, not only at the start of a line.
_MD_STRUCTURE = re.compile(r"^( {0,3})(?=#|```|~~~|=+[ \t]*$|-+[ \t]*$)")
# What a Markdown viewer would read as HTML: any "<" (a tag, a comment, an autolink, even
# mid-line), and an "&" that starts an entity. Written as entities, every viewer shows them.
_MD_HTML = re.compile(r"<|&(?=#?\w+;)")


def md_inline(text: str) -> str:
    """The person's text inside a line of Markdown: HTML in it is shown, never rendered.

    Entities, not backslashes: not every Markdown viewer takes ``\\<`` as a plain ``<``.
    """
    return _MD_HTML.sub(lambda found: "&lt;" if found[0] == "<" else "&amp;", text)


def _md_line(line: str) -> str:
    """One line of the person's text, with a backslash before structure-making characters."""
    return _MD_STRUCTURE.sub(r"\1\\", md_inline(line), count=1)


def _md_words(text: str) -> str:
    """The person's words on one line of Markdown (a question, an action)."""
    return md_inline(_one_line(text))


def markdown_text(text: str) -> str:
    """The person's text for a Markdown document: literal, but unable to add structure."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(_md_line(line) for line in lines)


def _md_actions(actions: Iterable[Action]) -> str:
    """Actions as a task list, ticked when done: GitHub and most editors show checkboxes."""
    return "\n".join(f"- [{'x' if a.done else ' '}] {_md_words(a.text)}" for a in actions)


def _md_entry(item: LogItem) -> Iterator[str]:
    """One entry: its heading, the practice time if any, its marks, answers, actions."""
    entry = item.entry
    yield f"### {_md_line(entry_title(entry))} — {describe(entry.created_at)}"
    if practised := practised_words(item):
        yield f"*{practised}*"
    if marks := entry_marks(entry):
        yield f"*{md_inline(marks)}*"
    for answer in entry.answers:
        if answer.is_blank:
            continue
        if question := _md_words(answer.question):
            yield f"**{question}**"
        yield markdown_text(answer.answer.strip("\n"))
    if item.actions:
        yield "**Actions**"
        yield _md_actions(item.actions)


def _md_blocks(log: Log, journal: Journal) -> Iterator[str]:
    yield f"# {LOG_TITLE}"
    yield f"*{written_on(journal)}*"
    if about := describe_query(log.query, practice_name=practice_name_for(journal, log.query)):
        yield f"*{md_inline(about)}*"
    for item in log.items():
        if item.starts_week:
            yield f"## {week_title(item.entry.week)}"
        yield from _md_entry(item)
    if not log.count:
        yield empty_words(log.query)
    if others := log.other_actions():  # none today: every action is set in an entry
        yield f"## {OTHER_ACTIONS_TITLE}"
        yield _md_actions(others)


def write(journal: Journal, stream: TextIO, options: ExportOptions) -> int:
    """The journal as a Markdown log: week by week, each entry with its answers."""
    with journal.bulk.read() as db:
        log = Log(journal, db, options)
        for index, block in enumerate(_md_blocks(log, journal)):
            stream.write(f"\n\n{block}" if index else block)
    stream.write("\n")
    return log.count
