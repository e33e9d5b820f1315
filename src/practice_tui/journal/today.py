"""What to practise today: a plain rule over the course and the practice history.

The programme is followed week by week, so today's week is the latest week the participant
has practised in (week 1 at first), and today's practice is the one of that week practised
least often lately. Kept out of the screens so the command line can say the same thing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from practice_tui.course import Course, Practice
from practice_tui.journal.days import DEFAULT_DAY_ENDS_AT, practice_day
from practice_tui.journal.programme import AFTER_THE_COURSE, BEFORE_THE_COURSE, programme_week
from practice_tui.records import Record

if TYPE_CHECKING:
    from practice_tui.journal.sessions import SessionTotal

#: How far back "practised least often" looks: the length of the course, so the choice
#: follows this run through the programme and stays quick with years of sessions.
RECENTLY = timedelta(weeks=6)


class SessionsSeen(Protocol):
    """What the suggestion reads of the practices done (``journal.sessions``)."""

    def totals(self, *, since: datetime | None = None) -> Sequence[SessionTotal]: ...

    def latest_week(self) -> int | None: ...


class PracticeHistory(Protocol):
    """What the suggestion needs from the journal (``Journal`` has it)."""

    @property
    def sessions(self) -> SessionsSeen: ...


class Suggestion(Record):
    week: int
    practice: Practice | None
    minutes: int | None


def suggest(
    course: Course,
    history: PracticeHistory | None,
    now: datetime,
    programme_start: date | None = None,
    day_ends_at: int = DEFAULT_DAY_ENDS_AT,
) -> Suggestion:
    """Today's week and practice; ``history`` is ``None`` before there is a journal.

    With the programme's start known, today's week is the programme week today falls in
    (the first week before the start, the latest practised after the course); the day is
    the practice day, which ends at ``day_ends_at`` in the morning, as Home counts it."""
    latest = history.sessions.latest_week() if history is not None else None
    week = latest if latest is not None else course.weeks[0].number
    if programme_start is not None:
        number = programme_week(programme_start, practice_day(now, day_ends_at))
        if number <= BEFORE_THE_COURSE:
            week = course.weeks[0].number
        elif number < AFTER_THE_COURSE and course.has_week(number):
            week = number
    practices = course.practices_of_week(week)
    recent = history.sessions.totals(since=now - RECENTLY) if history is not None else []
    counts = Counter(s.practice_id for s in recent)
    choice = min(practices, key=lambda p: counts[p.id], default=None)
    return Suggestion(week=week, practice=choice, minutes=choice.default_length if choice else None)
