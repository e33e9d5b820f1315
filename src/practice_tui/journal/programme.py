"""The participant's own run through the six weeks: which programme week a day falls in.

A programme week is seven days from the day the participant began (or said they were in a
given week), so it need not start on a Monday. Before the start is "before the course";
after the sixth week is "after the course", one stretch however long.
"""

from __future__ import annotations

from datetime import date, timedelta

#: Weeks in the programme.
PROGRAMME_WEEKS = 6
#: The number given to every day before the programme began, and to every day after it.
BEFORE_THE_COURSE = 0
AFTER_THE_COURSE = PROGRAMME_WEEKS + 1

ONE_WEEK = timedelta(weeks=1)


def programme_week(start: date, day: date) -> int:
    """1 to 6 for a day in the programme, :data:`BEFORE_THE_COURSE` before it and
    :data:`AFTER_THE_COURSE` after its sixth week."""
    if day < start:
        return BEFORE_THE_COURSE
    return min(AFTER_THE_COURSE, (day - start).days // 7 + 1)


def week_start(start: date, number: int) -> date:
    """The first day of programme week ``number`` (1 to 7, 7 being after the course)."""
    return start + (number - 1) * ONE_WEEK


def start_for_week(today: date, number: int, start: date | None = None) -> date:
    """The programme's start that makes ``today`` fall in week ``number`` (1 to 7).

    With no start yet, ``today`` begins that week. With one, whole weeks are added or taken
    away, so the day the participant's weeks turn over stays the same.
    """
    if start is None:
        return today - (number - 1) * ONE_WEEK
    moved = start + (programme_week(start, today) - number) * ONE_WEEK
    while programme_week(moved, today) < number:  # today was before the old start
        moved -= ONE_WEEK
    while programme_week(moved, today) > number:  # or long after it (after the course)
        moved += ONE_WEEK
    return moved


def programme_week_name(number: int) -> str:
    """'Week 3', 'Before the course' or 'After the course'."""
    if number <= BEFORE_THE_COURSE:
        return "Before the course"
    if number >= AFTER_THE_COURSE:
        return "After the course"
    return f"Week {number}"
