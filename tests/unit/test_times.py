"""Dates are worded one way everywhere, in English, whatever the process locale."""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from practice_tui.journal.day_range import DayRange, parse_day_range
from practice_tui.journal.times import (
    DAY_NAMES,
    MONTH_NAMES,
    day_name,
    describe,
    describe_day,
    month_name,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "practice_tui"
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31))


def test_the_examples_read_as_people_say_them() -> None:
    moment = datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    assert describe(moment) == "Monday 5 January 2026, 09:00"
    assert describe(moment, short=True) == "Mon 5 Jan 2026, 09:00"
    assert describe("2026-01-05T09:00:00+01:00", short=True) == "Mon 5 Jan 2026, 09:00"
    assert describe_day(date(2026, 1, 5)) == "5 January 2026"
    assert describe_day(date(2026, 1, 5), short=True, weekday=True) == "Mon 5 Jan 2026"
    assert describe_day(date(2026, 9, 1), short=True, year=False) == "1 Sep"


@given(days)
def test_every_day_is_worded_with_the_module_names(day: date) -> None:
    assert day_name(day) == DAY_NAMES[day.weekday()]
    assert month_name(day) == MONTH_NAMES[day.month - 1]
    assert describe_day(day, weekday=True) == (
        f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    )


@given(days)
def test_a_short_day_reads_back_through_the_date_filter(day: date) -> None:
    """The filter's own line ('5 Jan 2026') can be typed back into the filter."""
    words = describe_day(day, short=True)
    assert parse_day_range(words, today=day) == DayRange(day, day)


@given(days, st.integers(min_value=0, max_value=400))
def test_a_range_line_reads_back_through_the_date_filter(since: date, span: int) -> None:
    until = since + timedelta(days=span)
    words = DayRange(since, until).describe()
    assert parse_day_range(words, today=until) == DayRange(since, until)


def test_no_module_words_a_date_through_the_locale() -> None:
    """%a, %A, %b, %B, %c, %x and %p follow the process locale: one way is this module's names."""
    locale_codes = re.compile(r"%[aAbBcxp]")
    offenders = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # f"{moment:%a}" holds its format spec as a string constant too.
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if locale_codes.search(node.value) and _looks_like_date_format(node.value):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value!r}")
    assert offenders == []


def _looks_like_date_format(text: str) -> bool:
    """A format spec or strftime pattern, not prose that happens to hold '%b' (e.g. '50%b')."""
    return bool(re.search(r"(^|[\s,:/-])%[aAbBcxp]", text)) or text.startswith("%")
