"""A clock that moves only when told to: for tests and replays, never for the app."""

from __future__ import annotations

import time
from datetime import datetime, timedelta


class FakeClock:
    """Satisfies :class:`practice_tui.engine.clock.Clock`; time moves by ``advance``/``set``."""

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


class FollowingClock(FakeClock):
    """A fake clock that also moves with real time: jumps by hand, the rest as it happens."""

    def __init__(self) -> None:
        super().__init__()
        self._real_start = time.perf_counter()

    def monotonic(self) -> float:
        return super().monotonic() + time.perf_counter() - self._real_start

    def set(self, monotonic: float) -> None:
        self.advance(monotonic - self.monotonic())
