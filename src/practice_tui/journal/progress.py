"""Progress at a glance: minutes each week, practice days, home tasks and a gentle streak.

Plain functions over the journal's session totals and home-task ticks, with ``now`` passed
in, so the Home screen, the Progress screen and the command line all count the same way.

A practice day ends at a chosen hour of the morning (4 am unless the participant says
otherwise), so a practice at 01:30 belongs to the evening before. The hour is read on the
clock the person saw when they practised (the UTC offset stored with the session), so a
change of clocks or a journey never moves a practice to another day. The totals are named
tuples: quicker to create than dataclasses, for ``stats`` and ``today`` (start-up).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol

from practice_tui.journal.days import (
    DEFAULT_DAY_ENDS_AT,
    ONE_DAY,
    practice_day,
    week_of,
)
from practice_tui.journal.days import (
    day_of as _day_of,
)
from practice_tui.journal.programme import BEFORE_THE_COURSE, programme_week, week_start
from practice_tui.records import Record

if TYPE_CHECKING:
    from practice_tui.journal.sessions import SessionTotal

#: A day may end as late as noon: for people who practise after a night shift.
LATEST_DAY_END = 12
#: Weeks of bars on the Progress screen and in ``practice-tui stats``.
CHART_WEEKS = 12
#: Weeks (columns) of the calendar of practice days: about six months.
CALENDAR_WEEKS = 26


class SessionHistory(Protocol):
    """What progress reads of the practices done (``journal.sessions``)."""

    def totals(self, *, since: datetime | None = None) -> Sequence[SessionTotal]: ...

    def starts_newest_first(self) -> Iterable[str]: ...

    def first_start(self) -> str | None: ...

    def short_since(self, since: datetime) -> int: ...


class TickHistory(Protocol):
    """What progress reads of the home tasks ticked (``journal.tasks``)."""

    def home_task_days(
        self, *, since: date, until: date, week: int | None = None
    ) -> set[tuple[str, date]]: ...


class ProgressSource(Protocol):
    """What progress needs from the journal (``Journal`` has both parts)."""

    @property
    def sessions(self) -> SessionHistory: ...

    @property
    def tasks(self) -> TickHistory: ...


class WeekTotal(Record):
    """One week: minutes practised, sessions and home tasks ticked. A calendar week starts
    on ``monday``; a programme week (``number`` 1 to 6, 7 for all of after the course) starts
    on the day the participant's weeks turn over, which ``monday`` then holds."""

    monday: date
    minutes: float
    sessions: int
    home_tasks: int
    number: int | None = None


class Progress(Record):
    """Everything the progress views show, counted once."""

    today: date  #: today's practice day (before the day's end hour it is still yesterday)
    weeks: tuple[WeekTotal, ...]  #: oldest first; the last one is this week
    day_minutes: Mapping[date, float]  #: minutes on each practice day since ``calendar_from``
    calendar_from: date  #: the Monday the calendar of practice days starts on
    streak: int  #: practice days in a row, ending today or yesterday
    show_streak: bool
    day_ends_at: int
    #: Programme weeks from Week 1 to this one (then one row for after the course), when
    #: progress is counted by programme week; else empty.
    programme_weeks: tuple[WeekTotal, ...] = ()
    first_practice: date | None = None  #: the practice day of the first session that counts
    short_sessions: int = 0  #: sessions too short to count, over the calendar weeks shown

    @property
    def this_week(self) -> WeekTotal:
        return self.weeks[-1]

    @property
    def by_programme(self) -> bool:
        return bool(self.programme_weeks)

    @property
    def chart(self) -> tuple[WeekTotal, ...]:
        """The weeks a chart shows: programme weeks or calendar weeks, as chosen, leaving out
        the empty weeks before the first practice (this week is always shown)."""
        weeks = self.programme_weeks or self.weeks
        first = self.first_practice
        for index, week in enumerate(weeks):
            ends = weeks[index + 1].monday if index + 1 < len(weeks) else date.max
            if week.home_tasks or (first is not None and first < ends):
                return weeks[index:]
        return weeks[-1:]

    @property
    def visible_streak(self) -> int:
        """The streak, or 0 when the participant has chosen not to see it."""
        return self.streak if self.show_streak else 0


def clamp_day_end(hour: int) -> int:
    return max(0, min(LATEST_DAY_END, hour))


def practice_day_of(started_at: str, day_ends_at: int = DEFAULT_DAY_ENDS_AT) -> date:
    """:func:`practice_day` of a time as the journal stores it (ISO 8601, wall clock first),
    read straight from the text: a long streak reads thousands of these."""
    return _day_of(date.fromisoformat(started_at[:10]), int(started_at[11:13]), day_ends_at)


def _days_of(starts: Iterable[str], day_ends_at: int) -> Iterator[date]:
    """The practice day of each stored start time, working each day out once, not per session."""
    before_end = f"{day_ends_at:02d}"
    seen: tuple[str, bool] | None = None
    day = date.min
    for started in starts:
        key = (started[:10], started[11:13] < before_end)
        if key != seen:
            seen, day = key, practice_day_of(started, day_ends_at)
        yield day


def monday_of(day: date) -> date:
    return week_of(day)[0]


def streak(days_newest_first: Iterable[date], today: date) -> int:
    """Practice days in a row ending today, or yesterday if today has not been practised yet.

    Not having practised yet today never breaks a streak: the day is not over. The days may
    repeat (one per session) and must come newest first; reading stops at the first gap.
    """
    sought, count = today, 0
    for day in days_newest_first:
        if day > sought:
            continue  # another session on a day already counted, or a clock set ahead
        if count == 0 and sought == today and day == today - ONE_DAY:
            sought = day  # nothing yet today: the streak may still run to yesterday
        if day != sought:
            break
        count += 1
        sought -= ONE_DAY
    return count


def minutes_by_day(
    totals: Iterable[SessionTotal], day_ends_at: int = DEFAULT_DAY_ENDS_AT
) -> tuple[dict[date, float], Counter[date]]:
    """Minutes practised and sessions begun on each practice day."""
    minutes: dict[date, float] = {}
    sessions: Counter[date] = Counter()
    for total in totals:
        day = practice_day_of(total.started_at, day_ends_at)
        minutes[day] = minutes.get(day, 0.0) + total.practised_seconds / 60
        sessions[day] += 1
    return minutes, sessions


def week_totals(
    mondays: Sequence[date],
    minutes: Mapping[date, float],
    sessions: Mapping[date, int],
    ticks: Iterable[tuple[str, date]],
) -> tuple[WeekTotal, ...]:
    """Sum days into the weeks starting on ``mondays``; days outside them are left out."""
    return _sum_weeks(mondays, minutes, sessions, ticks, monday_of)


def programme_totals(
    start: date,
    today: date,
    minutes: Mapping[date, float],
    sessions: Mapping[date, int],
    ticks: Iterable[tuple[str, date]],
) -> tuple[WeekTotal, ...]:
    """Sum days into programme weeks, from Week 1 to today's (all of after the course in one);
    days before the start are left out."""

    def first_day_of(day: date) -> date:
        return week_start(start, max(1, programme_week(start, day)))

    numbers = range(1, max(1, programme_week(start, today)) + 1)
    totals = _sum_weeks(
        [week_start(start, n) for n in numbers],
        minutes,
        sessions,
        ticks,
        first_day_of,
        keep=lambda day: day >= start,
    )
    return tuple(week._replace(number=n) for week, n in zip(totals, numbers, strict=True))


def _sum_weeks(
    starts: Sequence[date],
    minutes: Mapping[date, float],
    sessions: Mapping[date, int],
    ticks: Iterable[tuple[str, date]],
    week_of_day: Callable[[date], date],
    keep: Callable[[date], bool] = lambda _: True,
) -> tuple[WeekTotal, ...]:
    week_minutes = dict.fromkeys(starts, 0.0)
    week_sessions = dict.fromkeys(starts, 0)
    for day, value in minutes.items():
        first = week_of_day(day)
        if first in week_minutes and keep(day):
            week_minutes[first] += value
            week_sessions[first] += sessions.get(day, 0)
    tasks = Counter(week_of_day(day) for _, day in ticks if keep(day))
    return tuple(
        WeekTotal(first, week_minutes[first], week_sessions[first], tasks[first])
        for first in starts
    )


def day_start(day: date, like: datetime, day_ends_at: int) -> datetime:
    """A moment safely before practice day ``day`` began, in the offset of ``like``.

    A day early, so sessions kept with another UTC offset (a journey, a change of clocks)
    are still found; callers keep only the practice days they asked for.
    """
    return datetime.combine(day, time(day_ends_at), tzinfo=like.tzinfo) - ONE_DAY


def gather(
    source: ProgressSource,
    now: datetime,
    *,
    day_ends_at: int = DEFAULT_DAY_ENDS_AT,
    show_streak: bool = True,
    weeks: int = CHART_WEEKS,
    calendar_weeks: int = CALENDAR_WEEKS,
    programme_start: date | None = None,
) -> Progress:
    """Count progress from the journal: only the sessions of the weeks shown are read, and
    for the streak only the start times of the sessions in it (newest first, to the first gap).
    With ``programme_start``, the weeks of the programme are counted too (from its start).
    """
    day_ends_at = clamp_day_end(day_ends_at)
    today = practice_day(now, day_ends_at)
    this_monday = monday_of(today)
    span = max(weeks, calendar_weeks, 1)
    first_day = this_monday - timedelta(weeks=span - 1)
    mondays = [this_monday - timedelta(weeks=n) for n in range(max(weeks, 1) - 1, -1, -1)]
    read_from = min(first_day, programme_start or first_day)
    totals = source.sessions.totals(since=day_start(read_from, now, day_ends_at))
    minutes, sessions = minutes_by_day(totals, day_ends_at)
    minutes = {day: value for day, value in minutes.items() if day >= read_from}
    ticks = source.tasks.home_task_days(
        since=min(mondays[0], read_from), until=this_monday + 6 * ONE_DAY
    )
    calendar_from = this_monday - timedelta(weeks=max(calendar_weeks, 1) - 1)
    first = source.sessions.first_start()
    programme: tuple[WeekTotal, ...] = ()
    if programme_start is not None and programme_week(programme_start, today) > BEFORE_THE_COURSE:
        programme = programme_totals(programme_start, today, minutes, sessions, ticks)
    return Progress(
        today=today,
        weeks=week_totals(mondays, minutes, sessions, ticks),
        day_minutes={day: value for day, value in minutes.items() if day >= calendar_from},
        calendar_from=calendar_from,
        streak=streak(_days_of(source.sessions.starts_newest_first(), day_ends_at), today),
        show_streak=show_streak,
        day_ends_at=day_ends_at,
        programme_weeks=programme,
        first_practice=None if first is None else practice_day_of(first, day_ends_at),
        short_sessions=source.sessions.short_since(day_start(mondays[0], now, day_ends_at)),
    )


# -------------------------------------------------------------------------------- words

_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float]) -> str:
    """One cell a value, taller for more; a week with nothing is a space."""
    most = max(values, default=0)
    if most <= 0:
        return " " * len(values)
    top = len(_SPARKS) - 1
    return "".join(_SPARKS[round(v / most * top)] if v > 0 else " " for v in values)


def recent_days(progress: Progress) -> str:
    """The calendar's weeks in one line, Monday first: ``●`` practised, ``·`` not, and the
    days still to come left blank: ``●●·●●··  ●●●·``."""
    weeks = []
    monday = progress.calendar_from
    while monday <= progress.today:
        days = (monday + timedelta(days=n) for n in range(7))
        weeks.append(
            "".join(
                " " if day > progress.today else "●" if progress.day_minutes.get(day) else "·"
                for day in days
            ).rstrip()
        )
        monday += timedelta(weeks=1)
    return "  ".join(weeks)


def hour_label(hour: int) -> str:
    """An hour of the morning as people say it: 'midnight', '4 am', 'noon'."""
    if hour == 0:
        return "midnight"
    if hour == 12:
        return "noon"
    return f"{hour} am"


def streak_words(days: int) -> str:
    """'4-day streak'; empty for no streak, so callers can leave it out."""
    return f"{days}-day streak" if days > 0 else ""
