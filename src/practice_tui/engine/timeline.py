"""A timeline: what happens when, from the start bell on. The one input of the pacing engine.

A guided practice and the plain timer differ only in the timeline they build; the engine runs
any of them the same way. An :class:`Event` carries an optional bell and optional words; words
may also be spoken (:attr:`Step.speech`), beginning :attr:`Event.speak_after` seconds into the
step, once its bell has rung out, and always before the next step.
"""

from __future__ import annotations

import bisect
import enum
import heapq
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from practice_tui.engine.timer_rules import OFFSET_DIGITS


class BellKind(enum.StrEnum):
    START = "start"  # the practice begins: always rings, however late
    PHASE = "phase"  # a cue that new words are showing: rings however late, if the latest
    INTERVAL = "interval"  # marks time passing: stale after the engine's tolerance
    END = "end"  # rings exactly once, however late


@dataclass(frozen=True)
class Bell:
    """A bell as planned: which sound, struck how often, how loud (0..1; None: the player's)."""

    kind: BellKind
    sound: str
    strikes: int = 1
    volume: float | None = None


@dataclass(frozen=True)
class Step:
    """Words to show from an event on, until the next words: one step of a practice.

    ``speech``: the words to speak aloud (None: nothing to say, as without a voice)."""

    words: str
    phase_index: int
    phase_title: str
    speech: str | None = None


@dataclass(frozen=True)
class Event:
    """Something due ``offset`` seconds after the start bell: a bell, new words, or both.

    The step's speech, if any, begins ``speak_after`` seconds later (when the bell has rung
    out)."""

    offset: float
    bell: Bell | None = None
    step: Step | None = None
    speak_after: float = 0.0

    @property
    def speech_offset(self) -> float | None:
        """When the step's speech begins, from the start bell; None: nothing to say."""
        if self.step is None or self.step.speech is None:
            return None
        return self.offset + self.speak_after


@dataclass(frozen=True)
class Repeat:
    """A bell every ``every`` seconds after the start bell (the timer's interval bells)."""

    every: float
    bell: Bell

    def offset(self, count: int) -> float:
        return round(count * self.every, OFFSET_DIGITS)


@dataclass(frozen=True)
class Timeline:
    """The events of one sitting, in order of offset, and where it ends.

    ``preparation`` seconds of settling come before the start bell and are never counted as
    practice. ``length`` None is open-ended: it runs until stopped, and ``end_bell`` is unused.
    A ``repeat`` bell falling on the offset of a listed event, or at or after the end, is
    dropped: that moment already has its event.
    """

    events: tuple[Event, ...]
    length: float | None
    end_bell: Bell | None = None
    preparation: float = 0.0
    repeat: Repeat | None = None

    def __post_init__(self) -> None:
        offsets = [event.offset for event in self.events]
        if not (0 <= self.preparation < math.inf):
            raise ValueError("the preparation should be zero or more seconds")
        if self.length is not None and not (0 < self.length < math.inf):
            raise ValueError("a timeline needs a positive length, or none for open-ended")
        if any(b <= a for a, b in itertools.pairwise(offsets)) or (offsets and offsets[0] < 0):
            raise ValueError("events come in order of offset, one per moment, from the start")
        if self.length is not None and offsets and offsets[-1] >= self.length:
            raise ValueError("every event comes before the end")
        if self.repeat is not None and not (0 < self.repeat.every < math.inf):
            raise ValueError("a repeated bell needs a positive interval")
        ends = [*offsets[1:], self.length]
        for event, end in zip(self.events, ends, strict=True):
            speaks = event.speech_offset
            if not 0 <= event.speak_after < math.inf or (
                speaks is not None and end is not None and speaks >= end
            ):
                raise ValueError("a step's speech begins within the step, after its bell")

    @property
    def is_open_ended(self) -> bool:
        return self.length is None

    @property
    def phase_indices(self) -> tuple[int, ...]:
        """The phases of the words, in order, each once."""
        return tuple(sorted({e.step.phase_index for e in self.events if e.step is not None}))

    def events_after(self, offset: float | None) -> Iterator[Event]:
        """The events after ``offset`` (None: from the first), in order; endless for an
        open-ended timeline with a repeated bell."""
        start = 0 if offset is None else bisect.bisect_right(self.events, offset, key=_offset)
        listed = self.events[start:]
        if self.repeat is None:
            return iter(listed)
        taken = {event.offset for event in self.events}
        return heapq.merge(
            listed,
            (e for e in self._repeats_after(offset) if e.offset not in taken),
            key=_offset,
        )

    def _repeats_after(self, offset: float | None) -> Iterator[Event]:
        assert self.repeat is not None
        repeat = self.repeat
        count = 1 if offset is None else max(1, math.floor(offset / repeat.every))
        while True:
            at = repeat.offset(count)
            if self.length is not None and at >= self.length:
                return
            if offset is None or at > offset:
                yield Event(at, repeat.bell)
            count += 1


def _offset(event: Event) -> float:
    return event.offset
