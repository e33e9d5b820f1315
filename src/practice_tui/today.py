"""What to practise today: a plain rule over the course and the practice history.

The programme is followed week by week, so today's week is the latest week the participant
has practised in (week 1 at first), and today's practice is the one of that week practised
least often. Kept out of the screens so the command line can say the same thing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from practice_tui.course import Course, Practice

if TYPE_CHECKING:
    from practice_tui.journal import PracticeSession


@dataclass(frozen=True)
class Suggestion:
    week: int
    practice: Practice | None
    minutes: int | None
    sessions_this_week: int
    minutes_this_week: float


def _local_date(stamp: str) -> date:
    return datetime.fromisoformat(stamp).astimezone().date()


def suggest(course: Course, sessions: Iterable[PracticeSession], now: datetime) -> Suggestion:
    history = list(sessions)
    weeks_practised = [s.week for s in history if s.week is not None]
    week = max(weeks_practised) if weeks_practised else course.weeks[0].number
    practices = course.practices_of_week(week)
    counts = Counter(s.practice_id for s in history)
    choice = min(practices, key=lambda p: counts[p.id], default=None)
    monday = now.date() - timedelta(days=now.weekday())
    this_week = [s for s in history if _local_date(s.started_at) >= monday]
    return Suggestion(
        week=week,
        practice=choice,
        minutes=choice.default_length if choice else None,
        sessions_this_week=len(this_week),
        minutes_this_week=sum(s.practised_seconds for s in this_week) / 60,
    )
