"""The anchors a participant can choose: the place attention comes back to, and rests on
whenever a practice feels like too much.

The breath is not a safe or comfortable anchor for everyone (asthma, panic, past trauma), so
the participant chooses one of four, once, and every practice that anchors attention uses it:
a script writes its anchoring sentence once for each anchor, and the plan picks the chosen one.
"""

from __future__ import annotations

import enum


class Anchor(enum.StrEnum):
    """One of the four anchors, by the name a script file and the settings use."""

    BREATH = "breath"
    FEET = "feet"
    HANDS = "hands"
    SOUNDS = "sounds"

    @property
    def phrase(self) -> str:
        """The anchor as it reads in a sentence: "come back to {phrase}"."""
        return _PHRASES[self]

    @property
    def label(self) -> str:
        """The anchor's short name, for a choice in Settings."""
        return _LABELS[self]


#: In the order they are offered and written in a script file.
ANCHORS: tuple[Anchor, ...] = tuple(Anchor)
#: The anchor until the participant chooses (they are asked before their first practice).
DEFAULT_ANCHOR = Anchor.BREATH

_PHRASES = {
    Anchor.BREATH: "your breath",
    Anchor.FEET: "your feet on the floor",
    Anchor.HANDS: "your hands",
    Anchor.SOUNDS: "the sounds around you",
}
_LABELS = {
    Anchor.BREATH: "the breath",
    Anchor.FEET: "feet on the floor",
    Anchor.HANDS: "hands",
    Anchor.SOUNDS: "sounds",
}


def anchor_named(name: str) -> Anchor:
    """The anchor called ``name`` ("breath", "feet", "hands" or "sounds"); ValueError else."""
    try:
        return Anchor(name.strip().lower())
    except ValueError:
        names = ", ".join(anchor.value for anchor in ANCHORS)
        raise ValueError(f"there is no anchor called {name!r} (choose one of: {names})") from None
