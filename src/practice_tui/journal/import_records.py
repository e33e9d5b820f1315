"""Reading the records of an import file: each value checked, each mistake named by place.

A :class:`Record` is one JSON object of the file with the place it was found
(``entries[3]``); its methods read a field as the journal stores it, or raise
:class:`ImportProblem` saying where and what (``entries[3].date: '2026-13-01' is not a
date``). The row readers turn a record into a row of a journal table.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from practice_tui.journal.json_stream import BigNumber
from practice_tui.journal.revisions import REASONS
from practice_tui.journal.rows import ENTRY_KINDS, SESSION_KINDS, answers_text
from practice_tui.journal.times import to_iso

#: The namespace of the ids made for jrnl's entries, which have none of their own.
JRNL_NAMESPACE = uuid.UUID("5b0c3c1e-4d8a-4f57-9a53-8c2f1d6e7a90")
JRNL_SOURCE = "jrnl"

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_CLOCK = re.compile(r"\d{2}:\d{2}(:\d{2})?")
_BROKEN = re.compile("[\ud800-\udfff]")
#: The programme's weeks: a week outside them is a mistake in the file.
PROGRAMME_WEEKS = 6
#: No practice lasts longer than a week: a longer one is a mistake in the file.
LONGEST_PRACTICE_SECONDS = 7 * 24 * 60 * 60
#: How far in the future a time may be (a clock a little ahead); a later one would win
#: over every edit made until then, so it is refused.
FUTURE_ALLOWED = timedelta(days=1)


class ImportProblem(Exception):
    """A file that cannot be imported, in one sentence that names what is wrong and where."""


def kind_of(value: object) -> str:
    """What a JSON value is, in words: "a list", "text", ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | BigNumber):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def shown(value: object) -> str:
    """A value for a message: quoted like Python, control characters escaped, kept short."""
    if isinstance(value, BigNumber):
        return f"a number of {len(value.digits)} digits"
    text = repr(value) if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "…"


def expected(where: str, value: object, what: str) -> ImportProblem:
    if isinstance(value, str | int | float | BigNumber) and not isinstance(value, bool):
        return ImportProblem(f"{where}: {shown(value)} is not {what}")
    return ImportProblem(f"{where}: expected {what}, found {kind_of(value)}")


class Record:
    """One object of the file, read field by field; every mistake names its place."""

    def __init__(self, value: object, where: str, *, latest: datetime | None = None) -> None:
        """``latest``: the latest time a field may hold (a time after it is refused)."""
        if not isinstance(value, dict):
            raise expected(where, value, "an object")
        self.data: dict[str, Any] = value
        self.where = where
        self.latest = latest

    def get(self, key: str, *, required: bool = False) -> Any:
        """The raw value; ``None`` when missing (a mistake when ``required``)."""
        if key not in self.data:
            if required:
                raise ImportProblem(f"{self.where}: {key!r} is missing")
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = False, blank: bool = True) -> str | None:
        value = self.get(key, required=required)
        if value is None and not required:
            return None
        where = f"{self.where}.{key}"
        if not isinstance(value, str):
            raise expected(where, value, "text")
        if not blank and not value.strip():
            raise ImportProblem(f"{where}: is empty")
        return whole_text(where, value)

    def required_text(self, key: str) -> str:
        value = self.text(key, required=True, blank=False)
        assert value is not None
        return value

    def moment(self, key: str, *, required: bool = False) -> str | None:
        """A time with its UTC offset, as the journal writes times."""
        value = self.get(key, required=required)
        if value is None and not required:
            return None
        where = f"{self.where}.{key}"
        what = "a date and time (like 2026-01-05T09:00:00+00:00)"
        if not isinstance(value, str):
            raise expected(where, value, what)
        try:
            if not _MOMENT.match(value):
                raise ValueError(value)
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise expected(where, value, what) from None
        if moment.utcoffset() is None:
            raise ImportProblem(f"{where}: {shown(value)} has no UTC offset")
        self.not_future(where, moment)
        return to_iso(moment)

    def not_future(self, where: str, moment: datetime) -> None:
        """Refuse a time more than a day ahead: it would win over every edit until then."""
        if self.latest is not None and moment > self.latest:
            raise ImportProblem(
                f"{where}: {to_iso(moment)} is in the future (more than a day from now)"
            )

    def day(self, key: str) -> str:
        value = self.get(key, required=True)
        where = f"{self.where}.{key}"
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            raise expected(where, value, "a date")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise expected(where, value, "a date") from None
        return value

    def week(self, key: str = "week", *, required: bool = False) -> int | None:
        value = self.get(key, required=required)
        if value is None and not required:
            return None
        is_whole = isinstance(value, int) and not isinstance(value, bool)
        if not is_whole or not 1 <= value <= PROGRAMME_WEEKS:
            what = f"a programme week (1 to {PROGRAMME_WEEKS})"
            raise expected(f"{self.where}.{key}", value, what)
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise expected(f"{self.where}.{key}", value, "true or false")
        return value

    def choice(self, key: str, choices: Sequence[str]) -> str:
        value = self.get(key, required=True)
        if value not in choices:
            raise expected(f"{self.where}.{key}", value, f"one of {', '.join(choices)}")
        return str(value)

    def seconds(self, key: str, *, whole: bool = False) -> float:
        """A length of a practice in seconds: 0 to a week (``whole``: a whole number)."""
        value = self.get(key, required=True)
        where, most = f"{self.where}.{key}", LONGEST_PRACTICE_SECONDS
        kinds = int if whole else int | float
        if isinstance(value, bool) or not isinstance(value, kinds):
            what = "a whole number of seconds" if whole else "a number of seconds"
            raise expected(where, value, what)
        if not math.isfinite(value) or not 0 <= value <= most:
            raise expected(where, value, f"a number of seconds from 0 to {most} (a week)")
        return value if whole else float(value)

    def texts(self, key: str) -> list[str]:
        value = self.get(key)
        if value is None:
            return []
        where = f"{self.where}.{key}"
        if not isinstance(value, list):
            raise expected(where, value, "a list of text")
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise expected(f"{where}[{index}]", item, "text")
            whole_text(f"{where}[{index}]", item)
        return value

    def answers(self, key: str = "answers") -> list[dict[str, str]]:
        value = self.get(key, required=True)
        where = f"{self.where}.{key}"
        if not isinstance(value, list):
            raise expected(where, value, "a list of questions and answers")
        answers = []
        for index, item in enumerate(value):
            record = Record(item, f"{where}[{index}]")
            for part in ("question", "answer"):
                if not isinstance(record.get(part, required=True), str):
                    raise expected(f"{record.where}.{part}", record.data[part], "text")
                whole_text(f"{record.where}.{part}", record.data[part])
            answers.append({"question": item["question"], "answer": item["answer"]})
        return answers


def whole_text(where: str, value: str) -> str:
    """``value``, if it can be written as UTF-8: a lone surrogate (half of a character,
    from a broken copy or a hand-made file) would break every list that shows it."""
    if _BROKEN.search(value):
        raise ImportProblem(f"{where}: holds a broken character (a lone surrogate)")
    return value


def json_text(value: object) -> str:
    """JSON for a column, as the store writes it."""
    return json.dumps(value, ensure_ascii=False)


def session_row(record: Record) -> dict[str, Any]:
    row = {
        "id": record.required_text("id"),
        "practice_id": record.required_text("practice_id"),
        "practice_name": record.required_text("practice_name"),
        "week": record.week(),
        "kind": record.choice("kind", SESSION_KINDS),
        "started_at": record.moment("started_at", required=True),
        "ended_at": record.moment("ended_at", required=True),
        "planned_seconds": record.seconds("planned_seconds", whole=True),
        "practised_seconds": record.seconds("practised_seconds"),
        "completed": int(record.flag("completed")),
        "created_at": record.moment("created_at") or record.moment("ended_at"),
    }
    if datetime.fromisoformat(row["ended_at"]) < datetime.fromisoformat(row["started_at"]):
        raise ImportProblem(f"{record.where}.ended_at: {row['ended_at']} is before it started")
    return row


def entry_row(record: Record) -> dict[str, Any]:
    return {
        "id": record.required_text("id"),
        "session_id": record.text("session_id"),
        "kind": record.choice("kind", ENTRY_KINDS),
        "practice_id": record.text("practice_id"),
        "practice_name": record.text("practice_name"),
        "week": record.week(),
        "created_at": record.moment("created_at", required=True),
        "updated_at": record.moment("updated_at", required=True),
        "answers": answers_text(record.answers()),
        "starred": int(record.flag("starred")),
        "deleted_at": record.moment("deleted_at"),
        "edited_at": record.moment("edited_at"),
        "tags": json_text(record.texts("tags")),
        "source": record.text("source"),
    }


def action_row(record: Record) -> dict[str, Any]:
    return {
        "id": record.required_text("id"),
        "entry_id": record.text("entry_id"),
        "week": record.week(),
        "text": record.required_text("text"),
        "created_at": record.moment("created_at", required=True),
        "updated_at": record.moment("updated_at", required=True),
        "done_at": record.moment("done_at"),
    }


def revision_row(record: Record) -> dict[str, Any]:
    return {
        "id": record.required_text("id"),
        "entry_id": record.required_text("entry_id"),
        "answers": answers_text(record.answers()),
        "written_at": record.moment("written_at", required=True),
        "kept_at": record.moment("kept_at", required=True),
        "reason": record.choice("reason", REASONS),
    }


def tick_row(record: Record) -> dict[str, Any]:
    return {
        "id": record.required_text("id"),
        "week": record.week(required=True),
        "task_id": record.required_text("task_id"),
        "day": record.day("day"),
        "created_at": record.moment("created_at", required=True),
    }


# -- jrnl's export -------------------------------------------------------------------------


def jrnl_row(record: Record, zone: tzinfo | None) -> dict[str, Any] | None:
    """A jrnl entry as a note, or ``None`` when it has no words at all.

    jrnl's times have no offset: each is read in ``zone`` (by default this machine's), with
    the offset in force on that day. They may be in the future (jrnl dates entries as it is
    told): they are when the entry is about, not when it was changed. Its id is jrnl's own,
    else made from its time and words.
    """
    title = record.text("title", required=True) or ""
    body = record.text("body") or ""
    day = record.day("date")
    clock = record.get("time") or "00:00"
    if not isinstance(clock, str) or not _CLOCK.fullmatch(clock):
        raise expected(f"{record.where}.time", clock, "a time of day (like 09:30)")
    try:
        naive = datetime.fromisoformat(f"{day}T{clock}")
    except ValueError:
        raise expected(f"{record.where}.time", clock, "a time of day (like 09:30)") from None
    moment = naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()
    tags = record.texts("tags")
    starred = record.flag("starred")
    words = f"{title}\n{body}" if body.strip() else title
    if not words.strip():
        return None
    stamp = to_iso(moment)
    return {
        "id": _jrnl_id(record.data.get("uuid"), f"{day}T{clock}\n{title}\n{body}"),
        "session_id": None,
        "kind": "note",
        "practice_id": None,
        "practice_name": None,
        "week": None,
        "created_at": stamp,
        "updated_at": stamp,
        "answers": answers_text([{"question": "", "answer": words}]),
        "starred": int(starred),
        "deleted_at": None,
        "edited_at": None,
        "tags": json_text(tags),
        "source": JRNL_SOURCE,
    }


def _jrnl_id(given: object, words: str) -> str:
    """jrnl's own uuid (Day One journals have one), else one made from the time and words."""
    if isinstance(given, str):
        try:
            return str(uuid.UUID(given))
        except ValueError:
            pass
    return str(uuid.uuid5(JRNL_NAMESPACE, words))
