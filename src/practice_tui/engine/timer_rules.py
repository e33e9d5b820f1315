"""The timer's limits and the check of its length and interval bells, without the engine.

Apart from :mod:`practice_tui.engine.timer_plan` so that the settings can check a saved timer
(a preset) without loading the timeline: ``stats`` and ``today`` read the settings, and each
dataclass the engine defines costs the command line's start-up most of a millisecond.
"""

from __future__ import annotations

import math

# Offsets are rounded to a microsecond, so that "every 1/6 minute for 2 minutes" puts its last
# repeat exactly on the end (and drops it) instead of a hair before it.
OFFSET_DIGITS = 6
#: The house bell for starts and ends, unless the participant chose another.
DEFAULT_BELL = "singing-bowl"
#: The timer's length is a whole number of minutes, up to a day.
MAX_MINUTES = 24 * 60
#: Interval bells closer together than this would be noise, and an open-ended list must stay
#: short enough to show.
MIN_INTERVAL_SECONDS = 1.0
#: A start or end bell is struck 1 to 3 times; the player spaces the strikes.
MAX_STRIKES = 3
#: The interval bells' own sound, unless the participant chose another.
DEFAULT_INTERVAL_BELL = "small-bell"


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_length(minutes: int | None) -> None:
    """Raise ``ValueError`` unless ``minutes`` is open-ended (``None``) or 1 to a day."""
    if minutes is not None and not (
        isinstance(minutes, int) and not isinstance(minutes, bool) and 1 <= minutes <= MAX_MINUTES
    ):
        raise ValueError(f"the length should be a whole number of minutes from 1 to {MAX_MINUTES}")


def checked_intervals(
    interval_minutes: float | None, interval_at: tuple[float, ...]
) -> tuple[float, ...]:
    """The chosen interval bells sorted and without repeats (two marks on the same moment, to
    the engine's precision, are one bell), so equal plans compare equal and the engine walks
    in order; ``ValueError`` for intervals that could not ring."""
    if interval_minutes is not None and interval_at:
        raise ValueError(
            "choose interval bells either every few minutes or at chosen minutes, not both"
        )
    if interval_minutes is not None and not (
        is_number(interval_minutes) and MIN_INTERVAL_SECONDS <= interval_minutes * 60 < math.inf
    ):
        raise ValueError(
            f"interval bells need at least {MIN_INTERVAL_SECONDS:g} second between them"
        )
    at = tuple(interval_at)
    if not all(is_number(m) and 0 < m < math.inf for m in at):
        raise ValueError("interval bells come at a positive number of minutes after the start")
    by_offset: dict[float, float] = {}
    for minutes in sorted(at):
        by_offset.setdefault(round(minutes * 60, OFFSET_DIGITS), minutes)
    return tuple(by_offset.values())
