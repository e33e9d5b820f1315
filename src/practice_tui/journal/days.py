"""Calendar days as the participant lives them: the week of a day, Monday first, and the
practice day a moment counts for (late practice belongs to the evening before)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

#: A practice day ends at 4 am unless the participant says otherwise (see journal.progress).
DEFAULT_DAY_ENDS_AT = 4
ONE_DAY = timedelta(days=1)


def week_of(day: date) -> list[date]:
    """Monday to Sunday of the week that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=offset) for offset in range(7)]


def practice_day(moment: datetime, day_ends_at: int = DEFAULT_DAY_ENDS_AT) -> date:
    """The day a moment counts for: its wall-clock date, or the day before in the small hours."""
    return day_of(moment.date(), moment.hour, day_ends_at)


def day_of(wall_date: date, wall_hour: int, day_ends_at: int) -> date:
    """The practice day of a wall-clock date and hour."""
    return wall_date - ONE_DAY if wall_hour < day_ends_at else wall_date
