"""How the journal writes and shows times: ISO 8601 with the local UTC offset, to the second.

Naive datetimes are refused: a reflection stamped without its offset cannot be placed in time
once the person travels or the clocks change.
"""

from __future__ import annotations

from datetime import date, datetime

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def local_now() -> datetime:
    """The current local time, with its UTC offset."""
    return datetime.now().astimezone()


def to_iso(moment: datetime, *, name: str = "time") -> str:
    """``moment`` as stored, e.g. ``2026-01-05T09:00:00+01:00``; naive datetimes are refused."""
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(moment).__name__}")
    if moment.utcoffset() is None:
        raise ValueError(f"{name} must carry a UTC offset (an aware datetime), got {moment!r}")
    return moment.isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """Read back a stored time, offset included."""
    return datetime.fromisoformat(text)


def describe_day(day: date) -> str:
    """A local day as a person reads it, e.g. ``5 January 2026`` (locale-independent)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def describe(moment: datetime | str) -> str:
    """A time as a person reads it, e.g. ``Monday 5 January 2026, 09:00``.

    The time is shown in the offset it was written with: the clock the person saw then.
    English names are spelled out so the result does not depend on the process locale.
    """
    when = from_iso(moment) if isinstance(moment, str) else moment
    day = _DAYS[when.weekday()]
    month = _MONTHS[when.month - 1]
    return f"{day} {when.day} {month} {when.year}, {when:%H:%M}"
