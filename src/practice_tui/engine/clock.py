"""Clocks: the one source of time for the pacing engine and the timer.

Everything that schedules takes a :class:`Clock`, so tests can drive time by hand and never
sleep. Deadlines are always computed on the monotonic clock; the wall clock is only used to
stamp journal rows.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
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


class FakeClock:
    """A clock that moves only when told to: for tests, benchmarks and replays."""

    def __init__(self, start: float = 1000.0, wall_start: datetime | None = None) -> None:
        self._now = start
        self._start = start
        self._wall_start = wall_start or datetime(2026, 1, 5, 9, 0).astimezone()

    def monotonic(self) -> float:
        return self._now

    def wall(self) -> datetime:
        return self._wall_start + timedelta(seconds=self._now - self._start)

    def advance(self, seconds: float) -> None:
        """Move time forward; time never goes backwards."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds

    def set(self, monotonic: float) -> None:
        """Jump to an absolute monotonic time (not earlier than now), exactly: a step of
        ``monotonic - now`` added back to ``now`` can miss it by a rounding."""
        if monotonic < self._now:
            raise ValueError("a clock cannot go backwards")
        self._now = monotonic
