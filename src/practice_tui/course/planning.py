"""Sharing a practice's length among its steps: silence shared by weight, never cutting words.

Each step has the least it can last (its floor: long enough to read its words slowly, and with
a voice, for its bell to ring out, its words to be spoken and a breath) and its reading time.
Without a voice the floor is the reading time, and the silence left over is shared out by
weight, as it always was. With a voice, a step whose words take longer to speak than its share
keeps its floor, and the silence it needs comes out of every other step's share alike: the
silences shorten, the words never do.
"""

from __future__ import annotations

from collections.abc import Sequence


class Share:
    """One step's part in the sharing (a plain class: the plan is made at every start)."""

    __slots__ = ("floor", "reading", "weight")

    def __init__(self, floor: float, reading: float, weight: float) -> None:
        self.floor = max(floor, reading)
        self.reading = reading
        self.weight = weight

    @property
    def pinned_below(self) -> float:
        """The silence rate below which this step keeps its floor (infinite for no weight)."""
        if self.weight <= 0:
            return float("inf")
        return (self.floor - self.reading) / self.weight


def needed(shares: Sequence[Share]) -> float:
    """The least the steps can last together."""
    return sum(share.floor for share in shares)


def share_out(length: float, shares: Sequence[Share]) -> list[float] | None:
    """Each step's seconds, adding up to ``length``; None if the floors do not fit in it.

    Every step lasts ``max(floor, reading + rate * weight)`` for the one ``rate`` that fills
    the length: the steps at their floor are those whose floor is above their share.
    """
    if needed(shares) > length + 1e-9 or not shares:
        return None
    order = sorted(range(len(shares)), key=lambda i: shares[i].pinned_below, reverse=True)
    pinned = 0.0  # seconds of the steps kept at their floor
    rate = 0.0
    for count in range(len(order) + 1):
        free = [shares[i] for i in order[count:]]
        weight = sum(share.weight for share in free)
        if weight > 0:
            rate = (length - pinned - sum(share.reading for share in free)) / weight
            if all(share.pinned_below <= rate for share in free):
                break
        if count < len(order):
            pinned += shares[order[count]].floor
    seconds = [max(s.floor, s.reading + rate * s.weight) for s in shares]
    # The sums agree to rounding; the last weighted step takes the difference, so the plan
    # fills the length exactly.
    last = max((i for i, s in enumerate(shares) if s.weight > 0), default=len(shares) - 1)
    seconds[last] += length - sum(seconds)
    return seconds
