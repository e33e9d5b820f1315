"""The words every practice begins and ends with, whoever wrote it: what the sounds mean, and
a quiet moment before the end bell.

The planner adds them to every practice, shipped or a participant's own, so that someone whose
eyes are closed knows what each sound means, and is never hurried back into the room. They are
short, because they count within the chosen length, and they give the way out (opening the
eyes, moving, stopping) before anything else, as every practice's safety line does.
"""

from __future__ import annotations

#: The way out, said first.
_WAY_OUT = "Open your eyes, move or stop whenever you like."

_WITH_VOICE = f"{_WAY_OUT} A chime marks each new part; the bell, the end."
_CUE_EVERY_STEP = f"{_WAY_OUT} A chime means new words; the bell, the end."
_CUE_EACH_PART = f"{_WAY_OUT} A chime means a new part; the bell, the end."

#: The closing step's words: no hurry to come back.
CLOSING_WORDS = "Take your time. When you're ready, come back to the room."
#: The closing step's share of the silence (a step's usual share): its quiet before the end
#: bell grows with the practice, as every silence does. The opening's pause, a quarter of
#: that, settles before the practice's own first words.
CLOSING_WEIGHT = 1.0
OPENING_WEIGHT = 0.25


def opening_words(*, voice: bool, cue_every_step: bool = True) -> str:
    """What the sounds will mean in this sitting: with a voice the words are heard, so a chime
    marks only a new part; without one, a chime marks new words (or, if the participant chose
    fewer cues, each new part)."""
    if voice:
        return _WITH_VOICE
    return _CUE_EVERY_STEP if cue_every_step else _CUE_EACH_PART
