"""The words every practice begins and ends with, whoever wrote it: the way out, the
participant's anchor, what the sounds mean, and a quiet moment before the end bell.

The planner adds them to every practice, shipped or a participant's own, so that everyone
hears first that they may open their eyes, move or stop at any time, and where to come back
to (their own anchor); so that someone whose eyes are closed knows what each sound means; and
so that nobody is hurried back into the room. They are short, because they count within the
chosen length. A practice's own words do not say them again: this is the one place.
"""

from __future__ import annotations

from practice_tui.anchors import DEFAULT_ANCHOR, Anchor

_WITH_VOICE = "A chime marks each new part; the bell, the end."
_CUE_EVERY_STEP = "A chime means new words; the bell, the end."
_CUE_EACH_PART = "A chime means a new part; the bell, the end."

#: The closing step's words: no hurry to come back.
CLOSING_WORDS = "Take your time. When you're ready, come back to the room."
#: The closing step's share of the silence (a step's usual share): its quiet before the end
#: bell grows with the practice, as every silence does. The opening's pause, a quarter of
#: that, settles before the practice's own first words.
CLOSING_WEIGHT = 1.0
OPENING_WEIGHT = 0.25


def way_out(anchor: Anchor) -> str:
    """The way out, said first: the freedom to stop, and the anchor to come back to."""
    return (
        f"You can open your eyes, move or stop at any time, and come back to {anchor.phrase} "
        "whenever you like."
    )


def opening_words(
    *, voice: bool, cue_every_step: bool = True, anchor: Anchor = DEFAULT_ANCHOR
) -> str:
    """The way out, then what the sounds will mean in this sitting: with a voice the words are
    heard, so a chime marks only a new part; without one, a chime marks new words (or, if the
    participant chose fewer cues, each new part)."""
    sounds = _CUE_EVERY_STEP if cue_every_step else _CUE_EACH_PART
    return f"{way_out(anchor)} {_WITH_VOICE if voice else sounds}"
