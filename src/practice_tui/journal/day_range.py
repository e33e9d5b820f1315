"""Ranges of days as people type them: "2026-01-05", "last week", "March", "5 Jan 2026".

The Journal screen's date filter reads what was typed with :func:`parse_day_range`; the
result says which local days are included (both ends), and how to say so in a status line.
Plain Python, no Textual: the command line can read the same words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from practice_tui.journal.times import describe_day

#: What the date box understands, for its hint and its message when it cannot read a date.
EXAMPLES = "2026-01-05, 2026-01 to 2026-03, today, last week, this month, last 30 days"


@dataclass(frozen=True)
class DayRange:
    """Local days from ``since`` to ``until``, both included; ``None`` leaves that end open."""

    since: date | None = None
    until: date | None = None

    @property
    def is_open(self) -> bool:
        """Every day: nothing to filter."""
        return self.since is None and self.until is None

    def describe(self) -> str:
        """The range in words: '5 Jan 2026', '5 Jan – 11 Jan 2026', 'since 5 Jan 2026'."""
        since, until = self.since, self.until
        if since is None and until is None:
            return "any date"
        if since is None:
            assert until is not None
            return f"until {_day(until)}"
        if until is None:
            return f"since {_day(since)}"
        if since == until:
            return _day(since)
        if since.year == until.year:
            return f"{describe_day(since, short=True, year=False)} – {_day(until)}"
        return f"{_day(since)} – {_day(until)}"


def _day(day: date) -> str:
    return describe_day(day, short=True)


_SEPARATORS = re.compile(r"\s+(?:to|until|till|-|–)\s+|\s*\.\.\s*", re.IGNORECASE)
_LAST_DAYS = re.compile(r"(?:last|past)\s+(\d{1,5})\s+days?", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# "Mon 5 Jan 2026" (as the Journal screen writes a day), "5th January", "5 Jan".
_DAY_MONTH = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?"
    r"(?:,?\s+(\d{4}))?"
)
_MONTH_YEAR = re.compile(r"([a-z]+)\.?(?:\s+(\d{4}))?")
_SLASHED_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # day first, as in Britain


def parse_day_range(text: str, today: date) -> DayRange | None:
    """The range ``text`` names, counted from ``today``; ``None`` if it names none.

    Empty text is every day. A single day, month (``2026-01``, ``March 2026``) or year
    (``2026``) is that whole span; ``A to B`` runs from the start of A to the end of B;
    ``since A`` and ``until B`` leave one end open. A range typed backwards is turned round.
    A day or month named without a year is the latest one to have begun by ``today``, or,
    at the start of a range, the one before its end ("29 Dec – 4 Jan 2026").
    """
    words = " ".join(text.split()).lower()
    if not words or words in ("all", "any", "any date", "all dates"):
        return DayRange()
    for opener in ("since ", "from ", "after "):
        if words.startswith(opener):
            span = _span(words[len(opener) :], today)
            return DayRange(span[0], None) if span else None
    for closer in ("until ", "till ", "to ", "before "):
        if words.startswith(closer):
            span = _span(words[len(closer) :], today)
            return DayRange(None, span[1]) if span else None
    parts = _SEPARATORS.split(words, maxsplit=1)
    if len(parts) == 2:
        end = _span(parts[1], today)
        start = _span(parts[0], today, before=end[1] if end else None)
        if start is None or end is None:
            return None
        since, until = start[0], end[1]
        if since > until:
            since, until = end[0], start[1]
        return DayRange(since, until)
    span = _span(words, today)
    return DayRange(*span) if span else None


def _span(words: str, today: date, before: date | None = None) -> tuple[date, date] | None:
    """The first and last day of one named span: a day, a month, a year or a phrase.

    A day or month typed without a year is the latest to begin by ``before`` (or ``today``).
    """
    try:
        return _span_or_raise(words.strip(), today, before or today)
    except (ValueError, OverflowError):  # beyond the calendar: year 9999, 100,000 days ago
        return None


def _span_or_raise(words: str, today: date, before: date) -> tuple[date, date] | None:
    named = _named_span(words, today)
    if named is not None:
        return named
    worded = _worded_span(words, before)
    if worded is not None:
        return worded
    try:
        day = date.fromisoformat(words)
    except ValueError:
        pass
    else:
        return day, day
    if re.fullmatch(r"\d{4}-\d{1,2}", words):
        year, month = (int(part) for part in words.split("-"))
        if 1 <= month <= 12 and year >= 1:
            return _month(year, month)
        return None
    if re.fullmatch(r"\d{4}", words) and int(words) >= 1:
        year = int(words)
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _worded_span(words: str, before: date) -> tuple[date, date] | None:
    """A day or month in words or as 5/1/2026 (day first); ``None`` if it is neither."""
    slashed = _SLASHED_DAY.fullmatch(words)
    if slashed:
        day, month, year = (int(part) for part in slashed.groups())
        return _one_day(year, month, day)
    day_month = _DAY_MONTH.fullmatch(words)
    if day_month and day_month.group(2) in _MONTHS:
        day, month = int(day_month.group(1)), _MONTHS[day_month.group(2)]
        if day_month.group(3):
            return _one_day(int(day_month.group(3)), month, day)
        return _latest(lambda year: _one_day(year, month, day), before)
    month_year = _MONTH_YEAR.fullmatch(words)
    if month_year and month_year.group(1) in _MONTHS:
        month = _MONTHS[month_year.group(1)]
        if month_year.group(2):
            return _month(int(month_year.group(2)), month)
        return _latest(lambda year: _month(year, month), before)
    return None


def _one_day(year: int, month: int, day: int) -> tuple[date, date] | None:
    try:
        found = date(year, month, day)
    except ValueError:  # 31 February, month 13
        return None
    return found, found


def _latest(
    span_in: Callable[[int], tuple[date, date] | None], before: date
) -> tuple[date, date] | None:
    """The latest of a year-less span to begin by ``before`` (29 February: up to 8 years)."""
    for year in range(before.year, max(before.year - 8, 0), -1):
        span = span_in(year)
        if span is not None and span[0] <= before:
            return span
    return None


def _named_span(words: str, today: date) -> tuple[date, date] | None:
    monday = today - timedelta(days=today.weekday())
    if words == "today":
        return today, today
    if words == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if words == "this week":
        return monday, monday + timedelta(days=6)
    if words == "last week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if words == "this month":
        return _month(today.year, today.month)
    if words == "last month":
        first = today.replace(day=1) - timedelta(days=1)
        return _month(first.year, first.month)
    if words == "this year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if words == "last year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    match = _LAST_DAYS.fullmatch(words)
    if match:
        count = max(1, int(match.group(1)))
        return today - timedelta(days=count - 1), today
    return None


def _month(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)
