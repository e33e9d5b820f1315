"""Reading ranges of days as people type them into the journal's date filter."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.journal.day_range import DayRange, parse_day_range

TODAY = date(2026, 1, 14)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("", None, None),
        ("  all ", None, None),
        ("2026-01-05", date(2026, 1, 5), date(2026, 1, 5)),
        ("today", TODAY, TODAY),
        ("Yesterday", date(2026, 1, 13), date(2026, 1, 13)),
        ("this week", date(2026, 1, 12), date(2026, 1, 18)),
        ("last week", date(2026, 1, 5), date(2026, 1, 11)),
        ("this month", date(2026, 1, 1), date(2026, 1, 31)),
        ("last month", date(2025, 12, 1), date(2025, 12, 31)),
        ("last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("last 7 days", date(2026, 1, 8), TODAY),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2026-01 to 2026-03", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-01-05..2026-01-09", date(2026, 1, 5), date(2026, 1, 9)),
        ("2026-01-09 - 2026-01-05", date(2026, 1, 5), date(2026, 1, 9)),
        ("last week to today", date(2026, 1, 5), TODAY),
        ("since 2025-12-24", date(2025, 12, 24), None),
        ("until last month", None, date(2025, 12, 31)),
        # A month by name is the latest one that has begun: in January, March is last March.
        ("March", date(2025, 3, 1), date(2025, 3, 31)),
        ("jan", date(2026, 1, 1), date(2026, 1, 31)),
        ("Sept", date(2025, 9, 1), date(2025, 9, 30)),
        ("december 2026", date(2026, 12, 1), date(2026, 12, 31)),
        ("Nov 2025", date(2025, 11, 1), date(2025, 11, 30)),
        # Days as they are written in Britain, and as the Journal screen shows them.
        ("11 Nov 2025", date(2025, 11, 11), date(2025, 11, 11)),
        ("5th January 2026", date(2026, 1, 5), date(2026, 1, 5)),
        ("Mon 5 Jan 2026", date(2026, 1, 5), date(2026, 1, 5)),
        ("5 Jan", date(2026, 1, 5), date(2026, 1, 5)),
        ("20 Jan", date(2025, 1, 20), date(2025, 1, 20)),
        ("5/1/2026", date(2026, 1, 5), date(2026, 1, 5)),
        ("05/01/2026", date(2026, 1, 5), date(2026, 1, 5)),
        ("since 1 Dec", date(2025, 12, 1), None),
        ("March to May", date(2025, 3, 1), date(2025, 5, 31)),
        # What the date filter's own line says reads back as the same range.
        ("5 Jan – 11 Jan 2026", date(2026, 1, 5), date(2026, 1, 11)),
        ("1 Mar – 5 Mar 2026", date(2026, 3, 1), date(2026, 3, 5)),
        ("29 Dec – 4 Jan 2026", date(2025, 12, 29), date(2026, 1, 4)),
    ],
)
def test_ranges_people_type(text: str, since: date | None, until: date | None) -> None:
    assert parse_day_range(text, TODAY) == DayRange(since, until)


@pytest.mark.parametrize(
    "text", ["soon", "2026-13", "2026-02-30", "to", "since", "9999-12 to 9999-12", "0000"]
)
def test_what_is_not_a_date_is_refused(text: str) -> None:
    assert parse_day_range(text, TODAY) is None


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_without_an_error(text: str) -> None:
    result = parse_day_range(text, TODAY)
    assert result is None or isinstance(result, DayRange)
    if result is not None and result.since and result.until:
        assert result.since <= result.until


def test_ranges_are_described_in_words() -> None:
    assert DayRange().describe() == "any date"
    assert DayRange(date(2026, 1, 5), date(2026, 1, 5)).describe() == "5 Jan 2026"
    assert DayRange(date(2026, 1, 5), date(2026, 1, 11)).describe() == "5 Jan – 11 Jan 2026"
    assert DayRange(date(2025, 12, 29), date(2026, 1, 4)).describe() == "29 Dec 2025 – 4 Jan 2026"
    assert DayRange(date(2026, 1, 5), None).describe() == "since 5 Jan 2026"
    assert DayRange(None, date(2026, 1, 5)).describe() == "until 5 Jan 2026"


@pytest.mark.parametrize("text", ["31 Feb 2026", "32/01/2026", "1/13/2026", "Marchy", "5 Smarch"])
def test_days_that_are_not_in_the_calendar_are_refused(text: str) -> None:
    assert parse_day_range(text, TODAY) is None


@given(st.dates(min_value=date(1900, 1, 1)), st.dates(min_value=date(1900, 1, 1)))
def test_a_range_described_reads_back_the_same(first: date, second: date) -> None:
    since, until = min(first, second), max(first, second)
    for day_range in (DayRange(since, until), DayRange(since, None), DayRange(None, until)):
        assert parse_day_range(day_range.describe(), TODAY) == day_range
