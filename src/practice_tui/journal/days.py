"""Calendar days as the participant lives them: the week of a day, Monday first."""

from __future__ import annotations

from datetime import date, timedelta


def week_of(day: date) -> list[date]:
    """Monday to Sunday of the week that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=offset) for offset in range(7)]
