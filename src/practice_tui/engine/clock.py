"""Clocks: the one source of time for the pacing engine and the timer.

Everything that schedules takes a :class:`Clock`, so tests can drive time by hand and never
sleep. Deadlines are always computed on the monotonic clock; the wall clock is only used to
stamp journal rows.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """A monotonic time source plus the local wall-clock time for stamping records."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards."""
        ...

    def wall(self) -> datetime:
        """The current local time, with its UTC offset."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now().astimezone()
