"""Practice sessions: the record that a practice was done, and the totals progress counts."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from practice_tui.journal.connection import Connection
from practice_tui.journal.errors import SAVE_SESSION, InvalidArgument
from practice_tui.journal.models import PracticeSession
from practice_tui.journal.rows import (
    SESSION_KINDS,
    check_bool,
    check_choice,
    check_text,
    check_week,
    insert_sql,
    new_id,
    session_from_row,
    sql_limit,
)
from practice_tui.journal.times import to_iso
from practice_tui.records import Record

#: No place on Earth is further behind UTC than this, so a session that began after a moment
#: has wall-clock text at least that moment minus this (which lets the index narrow a search).
_WIDEST_OFFSET = timedelta(hours=14)


#: A session shorter than this is kept in the journal but is not counted as a practice.
SHORTEST_PRACTICE_SECONDS = 60.0
#: The same rule in SQL (a practice shorter than two minutes needs half of its plan, so the
#: one-minute grounding counts from 30 seconds); a test checks the two agree.
COUNTED = (
    "practised_seconds >= (CASE WHEN planned_seconds > 0 AND planned_seconds < 120 "
    "THEN planned_seconds / 2.0 ELSE 60.0 END)"
)


def counts_as_practice(practised_seconds: float, planned_seconds: float) -> bool:
    """Whether a session counts towards practices, minutes and the streak: at least a
    minute, or half of a practice planned shorter than two minutes. A few seconds opened by
    mistake, or skipped through, are kept in the journal but are not a practice."""
    if 0 < planned_seconds < 2 * SHORTEST_PRACTICE_SECONDS:
        return practised_seconds >= planned_seconds / 2
    return practised_seconds >= SHORTEST_PRACTICE_SECONDS


class SessionTotal(Record):
    """What a chart or a suggestion counts of one session, without the rest of the record."""

    started_at: str
    practised_seconds: float
    kind: str
    week: int | None
    practice_id: str


class Sessions:
    """The practices done, guided or timed: ``journal.sessions``."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def record(self, **fields: Any) -> PracticeSession:
        """Keep a record that a practice was done, and return it; ``fields`` are those of
        :func:`new_session`, which checks them."""
        session = new_session(**fields)
        self.keep(session)
        return session

    def keep(self, session: PracticeSession) -> None:
        """Write a record made by :func:`new_session` (the app makes it on the event loop,
        so the reflection can name it at once, and writes it on the journal's thread)."""
        row = {
            **session._asdict(),
            "completed": int(session.completed),
            "created_at": self._db.stamp(),
        }
        with self._db.writing(SAVE_SESSION) as conn:
            conn.execute(insert_sql("practice_sessions", list(row)), list(row.values()))

    def get(self, session_id: str) -> PracticeSession | None:
        """The practice session with this id, or ``None``."""
        with self._db.reading():
            rows = self._db.rows("SELECT * FROM practice_sessions WHERE id = ?", [session_id])
        return session_from_row(rows[0]) if rows else None

    def newest(self, *, limit: int | None = None) -> list[PracticeSession]:
        """Practice sessions, newest first by the time they started."""
        sql = (
            "SELECT * FROM practice_sessions "
            "ORDER BY julianday(started_at) DESC, rowid DESC LIMIT ?"
        )
        with self._db.reading():
            rows = self._db.rows(sql, [sql_limit(limit)])
        return [session_from_row(row) for row in rows]

    def totals(self, *, since: datetime | None = None, counted: bool = True) -> list[SessionTotal]:
        """When each practice began, for how long, and which it was: oldest first; only
        those that count as a practice (:func:`counts_as_practice`) unless ``counted`` is false.

        Only the columns that progress charts and suggestions count, so thirty years of
        sessions are summed without building a record for each. ``since`` keeps sessions
        that began at or after that moment: the index on ``started_at`` narrows the search
        by wall-clock text (allowing for any UTC offset), then julianday() compares moments.
        """
        sql = "SELECT started_at, practised_seconds, kind, week, practice_id FROM practice_sessions"
        params: list[str] = []
        conditions = [COUNTED] if counted else []
        if since is not None:
            condition, params = _began_since(since)
            conditions.append(condition)
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += " ORDER BY julianday(started_at), rowid"
        with self._db.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [SessionTotal(start, float(seconds), *rest) for start, seconds, *rest in rows]

    def latest_week(self) -> int | None:
        """The highest course week of any session that counts; ``None`` before the first."""
        sql = f"SELECT max(week) FROM practice_sessions WHERE {COUNTED}"
        with self._db.reading() as conn:
            value = conn.execute(sql).fetchone()[0]
        return None if value is None else int(value)

    def first_start(self) -> str | None:
        """When the first session that counts began, as stored; ``None`` before it."""
        sql = (
            f"SELECT started_at FROM practice_sessions WHERE {COUNTED} ORDER BY started_at LIMIT 1"
        )
        with self._db.reading() as conn:
            row = conn.execute(sql).fetchone()
        return None if row is None else str(row[0])

    def short_since(self, since: datetime) -> int:
        """How many sessions begun at or after ``since`` were too short to count."""
        condition, params = _began_since(since)
        sql = f"SELECT count(*) FROM practice_sessions WHERE NOT ({COUNTED}) AND {condition}"
        with self._db.reading() as conn:
            return int(conn.execute(sql, params).fetchone()[0])

    def starts_newest_first(self, *, batch: int = 100) -> Iterator[str]:
        """Each counted session's ``started_at`` as stored, the latest wall-clock time first.

        The stored text begins with the wall-clock time the person saw, so the index orders
        it by that time. Read ``batch`` rows at first and more each time after, with no query
        left open in between: a caller counting back day by day (a streak) stops when it has
        seen enough, having paid for about the sessions it read.
        """
        after: tuple[str, int] | None = None
        while True:
            where = f"WHERE {COUNTED}"
            if after is not None:
                where += " AND (started_at, rowid) < (?, ?)"
            sql = (
                f"SELECT started_at, rowid FROM practice_sessions {where} "
                "ORDER BY started_at DESC, rowid DESC LIMIT ?"
            )
            with self._db.reading() as conn:
                rows = conn.execute(sql, [*(after or ()), batch]).fetchall()
            yield from (started_at for started_at, _ in rows)
            if len(rows) < batch:
                return
            after = rows[-1]
            batch = min(batch * 2, 5000)


def _began_since(since: datetime) -> tuple[str, list[str]]:
    """SQL keeping sessions begun at or after ``since``: the index on ``started_at`` narrows
    the search by wall-clock text (allowing for any UTC offset), then julianday() compares
    moments."""
    stamp = to_iso(since, name="since")
    earliest = (since.astimezone(UTC) - _WIDEST_OFFSET).strftime("%Y-%m-%dT%H:%M:%S")
    return "started_at >= ? AND julianday(started_at) >= julianday(?)", [earliest, stamp]


def new_session(
    *,
    practice_id: str,
    practice_name: str,
    week: int | None,
    started_at: datetime,
    ended_at: datetime,
    planned_seconds: int,
    practised_seconds: float,
    completed: bool,
    kind: str = "guided",
) -> PracticeSession:
    """A record of a practice, checked, with a new id, not yet written (see
    :meth:`Sessions.keep`)."""
    check_text(practice_id, "practice_id")
    check_text(practice_name, "practice_name")
    check_week(week)
    check_choice(kind, SESSION_KINDS, "kind")
    started, ended = to_iso(started_at, name="started_at"), to_iso(ended_at, name="ended_at")
    if ended_at < started_at:
        raise InvalidArgument("ended_at must not be before started_at")
    if isinstance(planned_seconds, bool) or not isinstance(planned_seconds, int):
        raise TypeError("planned_seconds must be an int")
    if planned_seconds < 0:
        raise InvalidArgument("planned_seconds must not be negative")
    if isinstance(practised_seconds, bool) or not isinstance(practised_seconds, int | float):
        raise TypeError("practised_seconds must be a number")
    if not math.isfinite(practised_seconds) or practised_seconds < 0:
        raise InvalidArgument("practised_seconds must be a finite number, not negative")
    check_bool(completed, "completed")
    return PracticeSession(
        id=new_id(),
        practice_id=practice_id,
        practice_name=practice_name,
        week=week,
        kind=kind,
        started_at=started,
        ended_at=ended,
        planned_seconds=planned_seconds,
        practised_seconds=float(practised_seconds),
        completed=completed,
    )
