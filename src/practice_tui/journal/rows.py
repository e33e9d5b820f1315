"""The journal's records as rows, and the checks on what callers pass in.

Shared by the parts of the journal (entries, sessions, tasks); plain functions over plain
values, so each part reads only its own SQL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from uuid import uuid4

from practice_tui.journal.errors import InvalidArgument
from practice_tui.journal.models import Action, Answer, Entry, PracticeSession

SESSION_KINDS = ("guided", "timer")
#: A reflection follows a practice (or stands alone); an exercise is written on its own, and
#: its ``practice_id``/``practice_name`` name the exercise; a note is brought in from another
#: journal (jrnl), about no practice.
ENTRY_KINDS = ("reflection", "exercise", "note")


def new_id() -> str:
    """A new row id: a UUID, so two journals can be merged."""
    return str(uuid4())


def entry_row(entry: Entry) -> dict[str, Any]:
    row = entry._asdict()
    del row["practised_seconds"]
    row["answers"] = encode_answers(entry.answers)
    row["starred"] = int(entry.starred)
    row["tags"] = json.dumps(list(entry.tags), ensure_ascii=False)
    return row


def encode_answers(answers: tuple[Answer, ...]) -> str:
    """Answers as a JSON list, readable as text in Datasette: see :func:`answers_text`."""
    return answers_text([{"question": a.question, "answer": a.answer} for a in answers])


def answers_text(items: list[dict[str, str]]) -> str:
    """The ``answers`` column for these questions and answers, as every writer stores it.

    Compact (no space after ``,`` and ``:``), so the JSON export copies the stored text as it
    is instead of having SQLite write every answer again (schema version 9 re-encoded the
    older ones). Text that cannot be written as UTF-8 (a lone surrogate from a broken paste)
    falls back to ASCII escapes, which still read back exactly.
    """
    encoded = json.dumps(items, ensure_ascii=False, separators=_COMPACT)
    try:
        encoded.encode("utf-8")
    except UnicodeEncodeError:
        encoded = json.dumps(items, separators=_COMPACT)
    return encoded


_COMPACT = (",", ":")


def decode_entry(row: Mapping[str, Any]) -> Entry:
    """An entry read back; raises ``ValueError``/``TypeError``/``KeyError`` if it is damaged."""
    answers = tuple(
        Answer(question=item["question"], answer=item["answer"])
        for item in json.loads(row["answers"])
    )
    if not all(isinstance(a.question, str) and isinstance(a.answer, str) for a in answers):
        raise TypeError("answers must be text")
    tags = tuple(json.loads(row["tags"] or "[]"))
    if not all(isinstance(tag, str) for tag in tags):
        raise TypeError("tags must be text")
    return Entry(
        id=row["id"],
        session_id=row["session_id"],
        kind=row["kind"],
        practice_id=row["practice_id"],
        practice_name=row["practice_name"],
        week=row["week"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        answers=answers,
        practised_seconds=row["practised_seconds"],
        starred=bool(row["starred"]),
        deleted_at=row["deleted_at"],
        edited_at=row["edited_at"],
        tags=tags,
        source=row["source"],
    )


def new_action_row(entry: Entry, text: str) -> dict[str, Any]:
    """An action set in ``entry``: it shares the entry's week and moment."""
    action = Action(
        id=new_id(),
        entry_id=entry.id,
        week=entry.week,
        text=text,
        created_at=entry.created_at,
        updated_at=entry.created_at,
        done_at=None,
    )
    return action._asdict()


def action_from_row(row: Mapping[str, Any]) -> Action:
    return Action(
        id=row["id"],
        entry_id=row["entry_id"],
        week=row["week"],
        text=row["text"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        done_at=row["done_at"],
    )


def session_from_row(row: Mapping[str, Any]) -> PracticeSession:
    return PracticeSession(
        id=row["id"],
        practice_id=row["practice_id"],
        practice_name=row["practice_name"],
        week=row["week"],
        kind=row["kind"],
        started_at=row["started_at"],
        ended_at=row["ended_at"],
        planned_seconds=row["planned_seconds"],
        practised_seconds=float(row["practised_seconds"]),
        completed=bool(row["completed"]),
    )


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """``INSERT INTO table (columns) VALUES (?, ...)``; names come from the code, never input."""
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


# -- checks on what callers pass (mistakes in the calling code, not the person's) ------------


def check_answers(answers: Sequence[Answer]) -> tuple[Answer, ...]:
    if isinstance(answers, str | bytes):
        raise TypeError("answers must be a sequence of Answer")
    checked = tuple(answers)
    for item in checked:
        if not isinstance(item, Answer):
            raise TypeError(f"answers must be Answer values, not {type(item).__name__}")
        if not isinstance(item.question, str) or not isinstance(item.answer, str):
            raise TypeError("an Answer's question and answer must be text")
    return checked


def check_action_texts(actions: Sequence[str]) -> tuple[str, ...]:
    """The actions worth keeping: each text stripped, blank ones dropped."""
    if isinstance(actions, str | bytes):
        raise TypeError("actions must be a sequence of text, not one text")
    texts = tuple(actions)
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"actions must be text, not {type(text).__name__}")
    return tuple(text.strip() for text in texts if text.strip())


def day_iso(day: date, name: str) -> str:
    """A local day as stored, ``YYYY-MM-DD``; a datetime is refused, its day is ambiguous."""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"{name} must be a date, not {type(day).__name__}")
    return day.isoformat()


def check_text(value: object, name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(f"{name} must be non-empty text")


def check_week(week: object) -> None:
    if week is None:
        return
    if isinstance(week, bool) or not isinstance(week, int):
        raise TypeError("week must be an int or None")
    if week < 1:
        raise InvalidArgument("week must be 1 or more")


def check_choice(value: str, choices: tuple[str, ...], name: str) -> None:
    if value not in choices:
        raise InvalidArgument(f"{name} must be one of {', '.join(choices)}; got {value!r}")


def check_bool(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool")


def sql_limit(limit: int | None) -> int:
    """SQLite reads a negative LIMIT as "no limit"."""
    if limit is None:
        return -1
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InvalidArgument("limit must be a whole number, 0 or more, or None")
    return limit
