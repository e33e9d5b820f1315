"""A guided practice's timeline, built from the course's planned steps.

Each step's words come at its offset from the start bell; the start bell comes with the first
words, a cue with each change of phase (or a step that asks for one) and the end bell when the
last step's silence is over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from practice_tui.engine.timeline import Bell, BellKind, Event, Step, Timeline
from practice_tui.engine.timer_rules import DEFAULT_BELL

if TYPE_CHECKING:  # for annotations only: the settings import this module, not the course
    from practice_tui.course.model import PlannedStep

DEFAULT_CUE = "cue"


@dataclass(frozen=True)
class PracticeBells:
    """The participant's bells for a practice; ``volume`` 0..1, or None for the player's."""

    start: str = DEFAULT_BELL
    phase: str = DEFAULT_CUE
    end: str = DEFAULT_BELL
    start_strikes: int = 1
    end_strikes: int = 1
    volume: float | None = None

    def bell(self, kind: BellKind) -> Bell:
        if kind is BellKind.START:
            return Bell(kind, self.start, self.start_strikes, self.volume)
        if kind is BellKind.END:
            return Bell(kind, self.end, self.end_strikes, self.volume)
        return Bell(kind, self.phase, 1, self.volume)


def practice_timeline(
    steps: Sequence[PlannedStep],
    bells: PracticeBells | None = None,
    preparation: float = 0.0,
) -> Timeline:
    """The steps one after another from the start bell, with a cue at each change of phase."""
    if not steps:
        raise ValueError("a practice needs at least one step")
    if any(not step.seconds > 0 for step in steps):
        raise ValueError("every step needs a positive duration")
    if preparation < 0:
        raise ValueError("preparation cannot be negative")
    bells = bells or PracticeBells()
    events: list[Event] = []
    offset = 0.0
    previous: PlannedStep | None = None
    for step in steps:
        if previous is None:
            bell: Bell | None = bells.bell(BellKind.START)
        elif step.bell or step.phase_index != previous.phase_index:
            bell = bells.bell(BellKind.PHASE)
        else:
            bell = None
        events.append(Event(offset, bell, Step(step.words, step.phase_index, step.phase_title)))
        offset += step.seconds
        previous = step
    return Timeline(tuple(events), offset, bells.bell(BellKind.END), preparation)
