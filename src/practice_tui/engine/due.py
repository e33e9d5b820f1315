"""What the engine hands the screen: the bells to ring now and what the voice must do.

Every action of the engine (start, poll, pause, resume, skip, stop) returns a :class:`Due`: the
bells to ring, as a list (so a caller that only rings bells reads it as it always did), and
for a spoken practice, what the voice must do now: stop, pause or resume the words it is
saying (:attr:`Due.speech`), then begin a step's words (:attr:`Due.say`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from practice_tui.engine.timeline import Bell, BellKind

#: An interval bell this many seconds late is skipped: ringing it would mark a moment long gone.
LATE_TOLERANCE = 2.0


@dataclass(frozen=True)
class Ring:
    """A bell to ring now (or to come): the planned bell and the monotonic time it is due."""

    bell: Bell
    deadline: float

    @property
    def kind(self) -> BellKind:
        return self.bell.kind

    @property
    def sound(self) -> str:
        return self.bell.sound

    @property
    def strikes(self) -> int:
        return self.bell.strikes

    @property
    def volume(self) -> float | None:
        return self.bell.volume

    def lateness(self, now: float) -> float:
        return max(0.0, now - self.deadline)

    def worth_ringing(self, now: float) -> bool:
        return self.kind is not BellKind.INTERVAL or now - self.deadline <= LATE_TOLERANCE


@dataclass(frozen=True)
class Say:
    """A step's words to begin speaking now: which step (counted from 0), the words, and the
    monotonic time they were due (a late wake-up may start them late, never in a later step)."""

    step_index: int
    text: str
    deadline: float

    def lateness(self, now: float) -> float:
        return max(0.0, now - self.deadline)


class SpeechAction(enum.StrEnum):
    """What to do with the words being spoken."""

    PAUSE = "pause"  # hold them mid-word
    RESUME = "resume"  # carry on from where they were held
    STOP = "stop"  # silence them at once (the step is over, skipped, or the sitting stopped)


class Due(list[Ring]):
    """The bells to ring now (at most one), and what the voice must do: first ``speech`` (to
    the words already being spoken), then ``say`` (new words to begin)."""

    def __init__(
        self,
        bells: Iterable[Ring] = (),
        *,
        say: Say | None = None,
        speech: SpeechAction | None = None,
    ) -> None:
        super().__init__(bells)
        self.say = say
        self.speech = speech

    def __repr__(self) -> str:
        return f"Due({list(self)!r}, say={self.say!r}, speech={self.speech!r})"
