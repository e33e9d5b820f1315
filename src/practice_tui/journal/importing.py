"""Bringing a journal in: our own JSON export, merged by id, and jrnl's JSON export.

The whole file is read and checked before anything is written, and then written in one
transaction (:meth:`Journal.bulk_write`): a file is imported whole or not at all. A mistake
in it is told in one sentence that names the place (``entries[3].date``, or a line and
column for broken JSON) and what is wrong there.

Merging our own files: every row has a UUID. A row not in the journal is added; an entry or
action already there is replaced only when the file's ``updated_at`` is later (the newer
change wins, whichever side it is on); practice sessions never change once kept, and a
home task ticked on a day stays ticked. So importing the same file twice adds nothing.

jrnl's entries become notes: no practice and no programme week (they list under "Not tied
to a week"), the title and body as one answer to no question, with their tags, star and
time. jrnl writes local times without an offset; each is read in this machine's time zone
(or ``zone``), with the offset in force on that day. Their ids are made from their time and
words, so importing the same jrnl export twice adds nothing either.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from practice_tui.journal.export_json import FORMAT, FORMAT_VERSION
from practice_tui.journal.store import ENTRY_KINDS, SESSION_KINDS, Journal
from practice_tui.journal.times import to_iso

if TYPE_CHECKING:
    from sqlite_utils import Database

#: Told how many more rows were written, as they are written (for a progress bar).
Progress = Callable[[int], None]
Source = Literal["practice-tui", "jrnl"]

#: The namespace of the ids made for jrnl's entries, which have none of their own.
JRNL_NAMESPACE = uuid.UUID("5b0c3c1e-4d8a-4f57-9a53-8c2f1d6e7a90")
JRNL_SOURCE = "jrnl"

_BATCH = 500
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_CLOCK = re.compile(r"\d{2}:\d{2}(:\d{2})?")


class ImportProblem(Exception):
    """A file that cannot be imported, in one sentence that names what is wrong and where."""


@dataclass
class Tally:
    """What happened to the rows of one kind."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class ImportResult:
    """What an import did (or, for a trial run, would do)."""

    source: Source
    entries: Tally = field(default_factory=Tally)
    sessions: Tally = field(default_factory=Tally)
    actions: Tally = field(default_factory=Tally)
    ticks: Tally = field(default_factory=Tally)
    #: jrnl entries with no words at all, which the journal does not keep.
    skipped: int = 0

    @property
    def changed(self) -> bool:
        tallies = (self.entries, self.sessions, self.actions, self.ticks)
        return any(t.added or t.updated for t in tallies)

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
        updated = self.entries.updated + self.actions.updated
        if updated:
            parts.append(f"{update} {_count(updated, 'row')} with newer changes")
        unchanged = sum(
            t.unchanged for t in (self.entries, self.sessions, self.actions, self.ticks)
        )
        if unchanged:
            parts.append(f"{_count(unchanged, 'row')} already here")
        if self.skipped:
            parts.append(f"skipped {_count(self.skipped, 'empty entry', 'empty entries')}")
        return "; ".join(parts) + "."


@dataclass
class _Plan:
    """The rows of a checked file, ready to merge, as the tables hold them."""

    source: Source
    entries: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    ticks: list[dict[str, Any]] = field(default_factory=list)
    #: Where each entry, session and action was in the file, for messages.
    places: dict[tuple[str, str], str] = field(default_factory=dict)
    duplicates: int = 0
    skipped: int = 0

    @property
    def size(self) -> int:
        return len(self.entries) + len(self.sessions) + len(self.actions) + len(self.ticks)


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
    changed. ``on_size`` is told how many rows will be written, before the first is;
    ``progress`` as they are. ``dry_run`` checks and counts but keeps nothing.
    """
    path = Path(path)
    data = _load(path)  # its records are let go as they are read into rows
    try:
        plan = plan_import(data, zone=zone)
    except ImportProblem as problem:
        raise ImportProblem(f"{path.name}: {problem}; nothing was imported.") from None
    if on_size is not None:
        on_size(plan.size)
    try:
        return _merge(journal, plan, progress or (lambda _count: None), dry_run=dry_run)
    except ImportProblem as problem:
        raise ImportProblem(f"{path.name}: {problem}; nothing was imported.") from None


def plan_import(data: Any, *, zone: tzinfo | None = None) -> _Plan:
    """Check parsed JSON and turn it into rows; raises :class:`ImportProblem` naming the place."""
    if isinstance(data, dict) and "format" in data:
        return _plan_own(data)
    if isinstance(data, dict) and "entries" in data:
        return _plan_jrnl(data, zone)
    found = _kind_of(data)
    raise ImportProblem(
        f'the file holds {found}, not a practice-tui or jrnl JSON export (an object with "entries")'
    )


# -- reading the file ----------------------------------------------------------------------


def _load(path: Path) -> Any:
    """The file's JSON, or an :class:`ImportProblem` saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportProblem(f"There is no file at {path}; nothing was imported.") from None
    except IsADirectoryError:
        raise ImportProblem(f"{path} is a folder, not a file; nothing was imported.") from None
    except OSError as error:
        reason = error.strerror or "it could not be read"
        raise ImportProblem(f"{path} could not be read ({reason}); nothing was imported.") from None
    name = path.name
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_column_bytes(raw, error.start)
        raise ImportProblem(
            f"{name}: line {line}, column {column}: this is not UTF-8 text, so it is not a "
            "JSON export; nothing was imported."
        ) from None
    if not text.strip():
        raise ImportProblem(f"{name} is empty; nothing was imported.")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        if error.lineno == 1 and not text.lstrip().startswith("{"):
            what = "this is not JSON (an export begins with “{”; from jrnl, use --export json)"
        elif error.pos >= len(text.rstrip()):
            what = "the file ends too soon: it looks cut short"
        else:
            what = f"this is not valid JSON ({error.msg[:1].lower()}{error.msg[1:]})"
        raise ImportProblem(
            f"{name}: line {error.lineno}, column {error.colno}: {what}; nothing was imported."
        ) from None
    except _BadConstant as error:
        where = ""
        if found := re.search(r"[:\[,]\s*(" + re.escape(error.args[0]) + ")", text):
            line = text.count("\n", 0, found.start(1)) + 1
            column = found.start(1) - (text.rfind("\n", 0, found.start(1)) + 1) + 1
            where = f"line {line}, column {column}: "
        raise ImportProblem(
            f"{name}: {where}{error.args[0]} is not a number JSON allows; nothing was imported."
        ) from None
    except RecursionError:
        raise ImportProblem(
            f"{name} is nested too deeply to be an export; nothing was imported."
        ) from None


class _BadConstant(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _BadConstant(name)


def _line_column_bytes(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


# -- checking values -----------------------------------------------------------------------


def _kind_of(value: object) -> str:
    """What a JSON value is, in words: "a list", "text", ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _shown(value: object) -> str:
    """A value for a message: quoted like Python, control characters escaped, kept short."""
    text = repr(value) if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _expected(where: str, value: object, what: str) -> ImportProblem:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return ImportProblem(f"{where}: {_shown(value)} is not {what}")
    return ImportProblem(f"{where}: expected {what}, found {_kind_of(value)}")


class _Record:
    """One object of the file, read field by field; every mistake names its place."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise _expected(where, value, "an object")
        self.data: dict[str, Any] = value
        self.where = where

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise ImportProblem(f"{self.where}: {key!r} is missing")
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = False, blank: bool = True) -> str | None:
        value = self._get(key, required)
        if value is None and not required:
            return None
        where = f"{self.where}.{key}"
        if not isinstance(value, str):
            raise _expected(where, value, "text")
        if not blank and not value.strip():
            raise ImportProblem(f"{where}: is empty")
        if _BROKEN.search(value):
            raise ImportProblem(f"{where}: holds a broken character (a lone surrogate)")
        return value

    def required_text(self, key: str) -> str:
        value = self.text(key, required=True, blank=False)
        assert value is not None
        return value

    def moment(self, key: str, *, required: bool = False) -> str | None:
        """A time with its UTC offset, as the journal writes times."""
        value = self._get(key, required)
        if value is None and not required:
            return None
        where = f"{self.where}.{key}"
        what = "a date and time (like 2026-01-05T09:00:00+00:00)"
        if not isinstance(value, str):
            raise _expected(where, value, what)
        try:
            if not _MOMENT.match(value):
                raise ValueError(value)
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _expected(where, value, what) from None
        if moment.utcoffset() is None:
            raise ImportProblem(f"{where}: {_shown(value)} has no UTC offset")
        return to_iso(moment)

    def day(self, key: str) -> str:
        value = self._get(key, True)
        where = f"{self.where}.{key}"
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            raise _expected(where, value, "a date")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise _expected(where, value, "a date") from None
        return value

    def week(self, key: str = "week", *, required: bool = False) -> int | None:
        value = self._get(key, required)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise _expected(f"{self.where}.{key}", value, "a programme week (1 or more)")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise _expected(f"{self.where}.{key}", value, "true or false")
        return value

    def choice(self, key: str, choices: Sequence[str]) -> str:
        value = self._get(key, True)
        if value not in choices:
            raise _expected(f"{self.where}.{key}", value, f"one of {', '.join(choices)}")
        return str(value)

    def whole(self, key: str) -> int:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _expected(f"{self.where}.{key}", value, "a whole number, 0 or more")
        return value

    def seconds(self, key: str) -> float:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _expected(f"{self.where}.{key}", value, "a number of seconds")
        if not math.isfinite(value) or value < 0:
            raise _expected(f"{self.where}.{key}", value, "a number of seconds, 0 or more")
        return float(value)

    def texts(self, key: str) -> list[str]:
        value = self._get(key, False)
        if value is None:
            return []
        where = f"{self.where}.{key}"
        if not isinstance(value, list):
            raise _expected(where, value, "a list of text")
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise _expected(f"{where}[{index}]", item, "text")
        return value

    def answers(self, key: str = "answers") -> list[dict[str, str]]:
        value = self._get(key, True)
        where = f"{self.where}.{key}"
        if not isinstance(value, list):
            raise _expected(where, value, "a list of questions and answers")
        answers = []
        for index, item in enumerate(value):
            record = _Record(item, f"{where}[{index}]")
            for part in ("question", "answer"):
                if not isinstance(record._get(part, True), str):
                    raise _expected(f"{record.where}.{part}", record.data[part], "text")
            answers.append({"question": item["question"], "answer": item["answer"]})
        return answers


_BROKEN = re.compile("[\ud800-\udfff]")


def _json_text(value: object) -> str:
    """JSON for a column, as the store writes it (ASCII escapes only for broken text)."""
    encoded = json.dumps(value, ensure_ascii=False)
    return json.dumps(value) if _BROKEN.search(encoded) else encoded


def _records(data: Mapping[str, Any], key: str, *, required: bool = True) -> list[Any]:
    if key not in data:
        if required:
            raise ImportProblem(f"{key!r} is missing")
        return []
    value = data[key]
    if not isinstance(value, list):
        raise _expected(key, value, "a list")
    return value


# -- our own export ------------------------------------------------------------------------


def _plan_own(data: dict[str, Any]) -> _Plan:
    if data["format"] != FORMAT:
        raise _expected("format", data["format"], f"{FORMAT!r}")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _expected("version", version, "a format version (1 or more)")
    if version > FORMAT_VERSION:
        raise ImportProblem(
            f"version: this file was written by a newer practice-tui (format {version}); "
            "please update practice-tui to import it"
        )
    plan = _Plan("practice-tui")
    readers = (
        ("sessions", False, _session_row, plan.sessions),
        ("entries", True, _entry_row, plan.entries),
        ("actions", False, _action_row, plan.actions),
        ("home_task_ticks", False, _tick_row, plan.ticks),
    )
    for key, required, read, rows in readers:
        records = _records(data, key, required=required)
        for index, item in enumerate(records):
            record = _Record(item, f"{key}[{index}]")
            row = read(record)
            records[index] = None  # the row holds it now: a long file is not kept twice
            earlier = plan.places.get((key, row["id"]))
            if earlier is not None:
                raise ImportProblem(
                    f"{record.where}.id: {_shown(row['id'])} is in the file twice ({earlier})"
                )
            plan.places[(key, row["id"])] = record.where
            rows.append(row)
    return plan


def _session_row(record: _Record) -> dict[str, Any]:
    return {
        "id": record.required_text("id"),
        "practice_id": record.required_text("practice_id"),
        "practice_name": record.required_text("practice_name"),
        "week": record.week(),
        "kind": record.choice("kind", SESSION_KINDS),
        "started_at": record.moment("started_at", required=True),
        "ended_at": record.moment("ended_at", required=True),
        "planned_seconds": record.whole("planned_seconds"),
        "practised_seconds": record.seconds("practised_seconds"),
        "completed": int(record.flag("completed")),
        "created_at": record.moment("created_at") or record.moment("ended_at"),
    }


def _entry_row(record: _Record) -> dict[str, Any]:
    return {
        "id": record.required_text("id"),
        "session_id": record.text("session_id"),
        "kind": record.choice("kind", ENTRY_KINDS),
        "practice_id": record.text("practice_id"),
        "practice_name": record.text("practice_name"),
        "week": record.week(),
        "created_at": record.moment("created_at", required=True),
        "updated_at": record.moment("updated_at", required=True),
        "answers": _json_text(record.answers()),
        "starred": int(record.flag("starred")),
        "deleted_at": record.moment("deleted_at"),
        "edited_at": record.moment("edited_at"),
        "tags": _json_text(record.texts("tags")),
        "source": record.text("source"),
    }


def _action_row(record: _Record) -> dict[str, Any]:
    return {
        "id": record.required_text("id"),
        "entry_id": record.text("entry_id"),
        "week": record.week(),
        "text": record.required_text("text"),
        "created_at": record.moment("created_at", required=True),
        "updated_at": record.moment("updated_at", required=True),
        "done_at": record.moment("done_at"),
    }


def _tick_row(record: _Record) -> dict[str, Any]:
    return {
        "id": record.required_text("id"),
        "week": record.week(required=True),
        "task_id": record.required_text("task_id"),
        "day": record.day("day"),
        "created_at": record.moment("created_at", required=True),
    }


# -- jrnl's export -------------------------------------------------------------------------


def _plan_jrnl(data: dict[str, Any], zone: tzinfo | None) -> _Plan:
    plan = _Plan("jrnl")
    ids: set[str] = set()
    records = _records(data, "entries")
    for index, item in enumerate(records):
        record = _Record(item, f"entries[{index}]")
        records[index] = None  # read into the row below: a long file is not kept twice
        title = record.text("title", required=True) or ""
        body = record.text("body") or ""
        day = record.day("date")
        clock = record._get("time", False) or "00:00"
        if not isinstance(clock, str) or not _CLOCK.fullmatch(clock):
            raise _expected(f"{record.where}.time", clock, "a time of day (like 09:30)")
        try:
            naive = datetime.fromisoformat(f"{day}T{clock}")
        except ValueError:
            raise _expected(f"{record.where}.time", clock, "a time of day (like 09:30)") from None
        moment = naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()
        tags = record.texts("tags")
        starred = record.flag("starred")
        words = f"{title}\n{body}" if body.strip() else title
        if not words.strip():
            plan.skipped += 1
            continue
        row_id = _jrnl_id(record.data.get("uuid"), f"{day}T{clock}\n{title}\n{body}")
        if row_id in ids:  # the same words at the same minute: one entry
            plan.duplicates += 1
            continue
        ids.add(row_id)
        stamp = to_iso(moment)
        plan.entries.append(
            {
                "id": row_id,
                "session_id": None,
                "kind": "note",
                "practice_id": None,
                "practice_name": None,
                "week": None,
                "created_at": stamp,
                "updated_at": stamp,
                "answers": _json_text([{"question": "", "answer": words}]),
                "starred": int(starred),
                "deleted_at": None,
                "edited_at": None,
                "tags": _json_text(tags),
                "source": JRNL_SOURCE,
            }
        )
        plan.places[("entries", row_id)] = record.where
    return plan


def _jrnl_id(given: object, words: str) -> str:
    """jrnl's own uuid (Day One journals have one), else one made from the time and words."""
    if isinstance(given, str):
        try:
            return str(uuid.UUID(given))
        except ValueError:
            pass
    return str(uuid.uuid5(JRNL_NAMESPACE, words))


# -- merging -------------------------------------------------------------------------------


def _merge(journal: Journal, plan: _Plan, progress: Progress, *, dry_run: bool) -> ImportResult:
    result = ImportResult(plan.source, skipped=plan.skipped)
    result.entries.unchanged += plan.duplicates
    try:
        with journal.bulk_write() as db:
            _insert_new(db, "practice_sessions", plan.sessions, result.sessions, progress)
            _check_links(db, plan, "entries", "session_id", "practice_sessions", plan.sessions)
            _upsert(db, "entries", plan.entries, result.entries, progress)
            _check_links(db, plan, "actions", "entry_id", "entries", plan.entries)
            _upsert(db, "actions", plan.actions, result.actions, progress)
            _insert_ticks(db, plan.ticks, result.ticks, progress)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _chunks(rows: Sequence[Any], size: int = _BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _existing(db: Database, table: str, ids: Iterable[str], column: str = "id") -> dict[str, Any]:
    """``{id: updated_at}`` (or ``{id: None}``) for the ids already in ``table``."""
    wanted = list(ids)
    found: dict[str, Any] = {}
    stamp = "updated_at" if table in ("entries", "actions") else "NULL"
    for chunk in _chunks(wanted):
        marks = ", ".join("?" for _ in chunk)
        sql = f"SELECT {column}, {stamp} FROM {table} WHERE {column} IN ({marks})"
        found.update(db.execute(sql, list(chunk)).fetchall())
    return found


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def _insert_new(
    db: Database, table: str, rows: list[dict[str, Any]], tally: Tally, progress: Progress
) -> None:
    """Rows that never change once kept (sessions): add those not here yet."""
    for chunk in _chunks(rows):
        here = _existing(db, table, (row["id"] for row in chunk))
        new = [row for row in chunk if row["id"] not in here]
        if new:
            columns = list(new[0])
            db.conn.executemany(_insert_sql(table, columns), [list(r.values()) for r in new])
        tally.added += len(new)
        tally.unchanged += len(chunk) - len(new)
        progress(len(chunk))


def _upsert(
    db: Database, table: str, rows: list[dict[str, Any]], tally: Tally, progress: Progress
) -> None:
    """Add rows not here; replace those here when the file's change is the newer one."""
    for chunk in _chunks(rows):
        here = _existing(db, table, (row["id"] for row in chunk))
        new, newer = [], []
        for row in chunk:
            if row["id"] not in here:
                new.append(row)
            elif _is_later(row["updated_at"], here[row["id"]]):
                newer.append(row)
        if new:
            columns = list(new[0])
            db.conn.executemany(_insert_sql(table, columns), [list(r.values()) for r in new])
        if newer:
            columns = [column for column in newer[0] if column != "id"]
            sets = ", ".join(f"{column} = ?" for column in columns)
            db.conn.executemany(
                f"UPDATE {table} SET {sets} WHERE id = ?",
                [[row[column] for column in columns] + [row["id"]] for row in newer],
            )
        tally.added += len(new)
        tally.updated += len(newer)
        tally.unchanged += len(chunk) - len(new) - len(newer)
        progress(len(chunk))


def _is_later(incoming: str, here: str | None) -> bool:
    """Whether the file's change is newer than the journal's (a tie keeps the journal's)."""
    if here is None:
        return True
    try:
        return datetime.fromisoformat(incoming) > datetime.fromisoformat(here)
    except (TypeError, ValueError):  # a damaged time in the journal: the file's is sound
        return True


def _insert_ticks(
    db: Database, rows: list[dict[str, Any]], tally: Tally, progress: Progress
) -> None:
    """A task ticked on a day stays ticked: the same tick (or one on that day) is kept once."""
    if rows:
        columns = list(rows[0])
        sql = _insert_sql("home_task_ticks", columns) + " ON CONFLICT DO NOTHING"
        for chunk in _chunks(rows):
            before = db.conn.total_changes
            db.conn.executemany(sql, [list(row.values()) for row in chunk])
            added = db.conn.total_changes - before
            tally.added += added
            tally.unchanged += len(chunk) - added
            progress(len(chunk))


def _check_links(
    db: Database,
    plan: _Plan,
    table: str,
    column: str,
    target: str,
    target_rows: list[dict[str, Any]],
) -> None:
    """Every row of ``table`` that names a ``target`` row names one in the file or journal."""
    rows = plan.entries if table == "entries" else plan.actions
    in_file = {row["id"] for row in target_rows}
    missing = {row[column] for row in rows if row[column] is not None} - in_file
    if not missing:
        return
    here = _existing(db, target, missing)
    for row in rows:
        if row[column] is not None and row[column] not in in_file and row[column] not in here:
            where = plan.places.get((table, row["id"]), table)
            noun = "practice session" if target == "practice_sessions" else "entry"
            raise ImportProblem(
                f"{where}.{column}: no {noun} with id {_shown(row[column])} is in the file "
                "or the journal"
            )


def _count(number: int, noun: str, plural: str | None = None) -> str:
    if not number:
        return ""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
