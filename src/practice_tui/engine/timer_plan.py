"""The plain timer's plan: what the participant asked for, and the timeline it makes.

The plan carries the sound names and volumes, so each bell says everything the screen needs
to ring it: the screen neither looks up settings nor decides which bell is which.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from practice_tui.engine.timeline import (
    OFFSET_DIGITS,
    Bell,
    BellKind,
    Event,
    Repeat,
    Timeline,
)
from practice_tui.engine.timer_rules import (
    DEFAULT_BELL,
    DEFAULT_INTERVAL_BELL,
    MAX_STRIKES,
    check_length,
    checked_intervals,
)
from practice_tui.engine.timer_rules import is_number as _is_number

INTERVAL = BellKind.INTERVAL
PRESET_MINUTES = (1, 2, 3, 5, 10, 15, 20, 30, 45, 60)


def _check_volume(name: str, value: float | None) -> None:
    if value is not None and not (_is_number(value) and 0.0 <= value <= 1.0):
        raise ValueError(f"{name} should be between 0 and 1, or None for the player's volume")


@dataclass(frozen=True)
class TimerPlan:
    """What the participant asked for. ``minutes=None`` is open-ended: it counts up until stopped.

    Interval bells come either every ``interval_minutes`` or at the chosen ``interval_at``
    minutes after the start bell, never both. An interval at or after the end is dropped: the
    end bell marks that moment. ``volume`` is for the start and end bells; ``interval_volume``
    None means the same as ``volume``.
    """

    minutes: int | None
    preparation_seconds: float = 0
    interval_minutes: float | None = None
    interval_at: tuple[float, ...] = ()
    start_strikes: int = 1
    end_strikes: int = 1
    start_bell: str = DEFAULT_BELL
    interval_bell: str = DEFAULT_INTERVAL_BELL
    end_bell: str = DEFAULT_BELL
    volume: float | None = None
    interval_volume: float | None = None

    def __post_init__(self) -> None:
        check_length(self.minutes)
        if not (_is_number(self.preparation_seconds) and 0 <= self.preparation_seconds < math.inf):
            raise ValueError("the preparation should be zero or more seconds")
        intervals = checked_intervals(self.interval_minutes, self.interval_at)
        object.__setattr__(self, "interval_at", intervals)
        for name in ("start_strikes", "end_strikes"):
            strikes = getattr(self, name)
            if not (isinstance(strikes, int) and 1 <= strikes <= MAX_STRIKES):
                raise ValueError(f"a bell is struck 1 to {MAX_STRIKES} times")
        _check_volume("volume", self.volume)
        _check_volume("interval_volume", self.interval_volume)

    @property
    def length_seconds(self) -> float | None:
        return None if self.minutes is None else self.minutes * 60.0

    @property
    def is_open_ended(self) -> bool:
        return self.minutes is None

    def interval_offsets(self, first: int = 0) -> Iterator[float]:
        """The interval bells' offsets in order, from bell ``first`` (endless for open-ended,
        every-N plans): read from the timeline, so they are exactly where the bells fall."""
        events = self.timeline().events_after(0.0)
        offsets = (e.offset for e in events if e.bell is not None and e.bell.kind is INTERVAL)
        return itertools.islice(offsets, first, None)

    def bell(self, kind: BellKind) -> Bell:
        """The bell of ``kind``, with this plan's sound, strikes and volume."""
        if kind is BellKind.START:
            return Bell(kind, self.start_bell, self.start_strikes, self.volume)
        if kind is BellKind.END:
            return Bell(kind, self.end_bell, self.end_strikes, self.volume)
        volume = self.volume if self.interval_volume is None else self.interval_volume
        return Bell(kind, self.interval_bell, 1, volume)

    def timeline(self) -> Timeline:
        """The start bell, the interval bells (chosen or repeated) and the end bell, if any."""
        length = self.length_seconds
        chosen = (round(m * 60, OFFSET_DIGITS) for m in self.interval_at)
        interval = self.bell(INTERVAL)
        events = [Event(0.0, self.bell(BellKind.START))]
        events += [Event(o, interval) for o in chosen if o > 0 and (length is None or o < length)]
        repeat = None
        if self.interval_minutes is not None:
            repeat = Repeat(self.interval_minutes * 60, interval)
        return Timeline(
            tuple(events),
            length,
            self.bell(BellKind.END),
            float(self.preparation_seconds),
            repeat,
        )
