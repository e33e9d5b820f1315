"""A practice's timed plan, step by step: when each step begins, its phase and its words.

The steps come from ``Mode.plan``, the plan the engine plays, so what is printed is what is
shown; the opening and closing words every practice has are in it too.
"""

from __future__ import annotations

import textwrap
from typing import Any

from practice_tui.anchors import ANCHORS, DEFAULT_ANCHOR, Anchor
from practice_tui.course import Mode, Practice
from practice_tui.journal.literal_text import literal
from practice_tui.records import Record

#: The anchors a participant can choose (the breath is not right for everyone), by name.
ANCHOR_NAMES = tuple(anchor.value for anchor in ANCHORS)


class TimedStep(Record):
    """One step as planned: it begins ``start`` seconds in and lasts ``seconds``."""

    start: float
    seconds: float
    phase: str
    words: str


def timed_steps(mode: Mode, minutes: float, anchor: Anchor | None = None) -> list[TimedStep]:
    """Every step of ``mode`` at ``minutes``, with its start; LengthError if they cannot fit.

    ``anchor`` is the participant's, whose words the steps say (the default until chosen).
    """
    steps: list[TimedStep] = []
    start = 0.0
    for planned in mode.plan(minutes, anchor=anchor or DEFAULT_ANCHOR):
        steps.append(TimedStep(start, planned.seconds, planned.phase_title, planned.words))
        start += planned.seconds
    return steps


def clock(seconds: float) -> str:
    """A step's start as a clock reads it, 1:05 (whole seconds, rounded down)."""
    minutes, secs = divmod(int(seconds + 1e-6), 60)
    return f"{minutes}:{secs:02d}"


def plan_json(
    practice: Practice, mode: Mode, minutes: float, anchor: Anchor | None = None
) -> dict[str, Any]:
    """The plan for scripts: every step's start and length in seconds, adding up to the
    length."""
    steps = timed_steps(mode, minutes, anchor)
    return {
        "id": practice.id,
        "name": practice.name,
        "mode": mode.id,
        "minutes": minutes,
        "anchor": (anchor or DEFAULT_ANCHOR).value,
        "seconds": minutes * 60,
        "steps": [
            {"start": s.start, "seconds": s.seconds, "phase": s.phase, "words": s.words}
            for s in steps
        ],
    }


def plan_text(
    practice: Practice, mode: Mode, minutes: float, anchor: Anchor | None = None, width: int = 80
) -> str:
    """The plan to read: a line for the practice, then each step's start, phase and words."""
    steps = timed_steps(mode, minutes, anchor)
    way = f" · {mode.name}" if practice.has_modes else ""
    unit = "minute" if minutes == 1 else "minutes"
    lines = [literal(f"{practice.name}{way} · {minutes:g} {unit}")]
    lines.append(f"Anchor: {(anchor or DEFAULT_ANCHOR).label}")
    lines.append("")
    phase = None
    for step in steps:
        if step.phase != phase:
            phase = step.phase
            lines.append(literal(f"       {phase}"))
        words = textwrap.wrap(
            literal(step.words),
            width=max(width, 40),
            initial_indent=f"{clock(step.start):>5}  ",
            subsequent_indent=" " * 7,
        )
        lines.extend(words)
    lines.append(f"{clock(minutes * 60):>5}  The end bell.")
    return "\n".join(lines)
