"""How long words take to speak, before anything is rendered: the plan's allowance for a voice.

A practice is planned so that every step's words can be spoken in full after its bell has rung
out, and before the next step. When the words have been rendered, the real length of each
recording is the better measure (``Mode.plan(spoken=...)``); before that, and for
``practice-tui validate``, this estimate stands in. It errs on the long side: at the slowest
speed we offer, a calm voice says fewer than two words a second, and pauses at every full stop
and comma. A rendered voice that speaks faster than the estimate only leaves more silence.
"""

from __future__ import annotations

import re
from functools import cache

#: The speeds a voice can speak at (the speech engines' ``Speed`` values), slowest first.
SLOW = "slow"
NATURAL = "natural"
SLOWEST = SLOW

#: Seconds a word takes at each speed: slower than the engines' own rates (slow is 140 words a
#: minute for espeak-ng, 150 for macOS, Piper's own pace stretched by a fifth), before pauses.
_SECONDS_PER_WORD = {SLOW: 60 / 120, NATURAL: 60 / 150}
#: Extra seconds at the end of a sentence (or a colon or semicolon), and at a comma or dash.
_SENTENCE_PAUSE = 0.35
_CLAUSE_PAUSE = 0.15
#: A voice takes a moment to begin and to end.
_EDGES = 0.3

#: A short breath after the words, before the next step may begin.
BREATH_SECONDS = 1.0
#: How long the bells ring out before a voice may begin, when the bells' own lengths are not
#: given: the default start bell (the singing bowl) and the soft cue, one strike each.
START_RING_SECONDS = 7.0
CUE_RING_SECONDS = 2.5


@cache
def _pauses() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The ends of sentences and of clauses (compiled when first needed: the course model
    imports this module at every start-up)."""
    return re.compile(r"[.!?:;…]+(?=\s|$)"), re.compile(r"[,—–]|\s-\s")


def estimated_spoken_seconds(words: str, speed: str = SLOWEST) -> float:
    """Seconds ``words`` take to speak at ``speed`` ("slow" or "natural"), erring long."""
    try:
        per_word = _SECONDS_PER_WORD[str(speed)]
    except KeyError:
        raise ValueError(f"unknown speed {speed!r} (expected slow or natural)") from None
    count = len(words.split())
    if count == 0:
        return 0.0
    sentence_end, clause_end = _pauses()
    sentences = len(sentence_end.findall(words))
    clauses = len(clause_end.findall(words))
    return _EDGES + count * per_word + sentences * _SENTENCE_PAUSE + clauses * _CLAUSE_PAUSE


def voice_seconds(spoken: float, ring_out: float) -> float:
    """The least a step can last with a voice: its bell rings out, the words, a breath."""
    return ring_out + spoken + BREATH_SECONDS
