"""The quiet loop shared by the practice and timer screens: wake for the next event, and once
a second to redraw, never otherwise. The engines decide when; this only sets the alarms."""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

from practice_tui.engine.clock import Clock


class QuietLoop:
    def __init__(self, owner: Widget, wake: Callable[[], None], clock: Clock) -> None:
        self._owner = owner
        self._wake = wake
        self._clock = clock
        self._alarm: Timer | None = None
        self._redraw: Timer | None = None

    def start(self) -> None:
        """Begin the once-a-second redraw (which also catches up with the engine)."""
        if self._redraw is None:
            self._redraw = self._owner.set_interval(1.0, self._wake)

    def arm(self, deadline: float | None) -> None:
        """Wake exactly at ``deadline`` (a monotonic time); None: no event to wait for."""
        if self._alarm is not None:
            self._alarm.stop()
            self._alarm = None
        if deadline is not None:
            delay = max(0.0, deadline - self._clock.monotonic())
            self._alarm = self._owner.set_timer(delay, self._wake)

    def stop(self) -> None:
        for timer in (self._alarm, self._redraw):
            if timer is not None:
                timer.stop()
        self._alarm = self._redraw = None
