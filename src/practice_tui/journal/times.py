"""How the journal writes and shows times: ISO 8601 with the local UTC offset, to the second.

Naive datetimes are refused: a reflection stamped without its offset cannot be placed in time
once the person travels or the clocks change.
"""

from __future__ import annotations

from datetime import date, datetime

#: English names, spelled here once: every date the app, the command line and the exports show
#: is worded by this module, so none depends on the process locale (``%a``/``%b`` would).
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
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


def day_name(day: date, *, short: bool = False) -> str:
    """``Monday``, or ``Mon`` when ``short``."""
    name = DAY_NAMES[day.weekday()]
    return name[:3] if short else name


def month_name(day: date, *, short: bool = False) -> str:
    """``January``, or ``Jan`` when ``short``."""
    name = MONTH_NAMES[day.month - 1]
    return name[:3] if short else name


def describe_day(
    day: date, *, short: bool = False, weekday: bool = False, year: bool = True
) -> str:
    """A local day as a person reads it: ``5 January 2026``; ``5 Jan 2026`` when ``short``;
    ``Monday 5 January 2026`` with ``weekday``; ``5 Jan`` without ``year``."""
    words = f"{day.day} {month_name(day, short=short)}"
    if year:
        words += f" {day.year}"
    return f"{day_name(day, short=short)} {words}" if weekday else words


def describe(moment: datetime | str, *, short: bool = False) -> str:
    """A time as a person reads it: ``Monday 5 January 2026, 09:00``, or
    ``Mon 5 Jan 2026, 09:00`` when ``short`` (lists and status lines).

    The time is shown in the offset it was written with: the clock the person saw then.
    """
    when = from_iso(moment) if isinstance(moment, str) else moment
    return f"{describe_day(when.date(), short=short, weekday=True)}, {when:%H:%M}"
