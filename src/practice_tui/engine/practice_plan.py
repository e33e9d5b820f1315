"""A guided practice's timeline, built from the course's planned steps.

Each step's words come at its offset from the start bell; the start bell comes with the first
words, a cue with each change of phase (or a step that asks for one; without a voice, with
every new words) and the end bell when the last step's silence is over. With a voice, a step's
words are spoken from the moment its bell has rung out.
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
    *,
    cue_every_step: bool = True,
    speaking: bool = False,
) -> Timeline:
    """The steps one after another from the start bell, each with its cue.

    A cue rings at each change of phase and at a step that asks for one; without a voice
    (``speaking`` False) also at every step that brings new words, unless ``cue_every_step``
    is off, so that someone whose eyes are closed hears when there is something new to read.
    With a voice, each step's words are spoken once its bell has rung out (the plan made room:
    the steps must come from ``Mode.plan(..., spoken=...)``).
    """
    if not steps:
        raise ValueError("a practice needs at least one step")
    if any(not step.seconds > 0 for step in steps):
        raise ValueError("every step needs a positive duration")
    if preparation < 0:
        raise ValueError("preparation cannot be negative")
    if speaking and any(step.spoken is None for step in steps):
        raise ValueError("a spoken practice needs a plan that made room for the voice")
    bells = bells or PracticeBells()
    events: list[Event] = []
    offset = 0.0
    previous: PlannedStep | None = None
    for step in steps:
        if previous is None:
            bell: Bell | None = bells.bell(BellKind.START)
        elif _cued(step, previous, every_step=cue_every_step and not speaking):
            bell = bells.bell(BellKind.PHASE)
        else:
            bell = None
        speech = step.words if speaking else None
        shown = Step(step.words, step.phase_index, step.phase_title, speech)
        lead_in = step.lead_in if speaking and bell is not None else 0.0
        events.append(Event(offset, bell, shown, lead_in))
        offset += step.seconds
        previous = step
    return Timeline(tuple(events), offset, bells.bell(BellKind.END), preparation)


def _cued(step: PlannedStep, previous: PlannedStep, *, every_step: bool) -> bool:
    """Whether a step after the first rings the cue: at a change of phase, when it asks for
    one, and (``every_step``) whenever it brings new words."""
    new_phase = step.phase_index != previous.phase_index
    return step.bell or new_phase or (every_step and step.words != previous.words)
