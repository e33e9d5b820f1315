"""Reading ranges of days as people type them into the journal's date filter."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.day_range import DayRange, parse_day_range

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
