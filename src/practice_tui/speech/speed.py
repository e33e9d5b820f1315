"""How fast the words are spoken. A module of its own: the settings name a speed, and reading
them should not create the engines' dataclasses (command-line start-up)."""

from __future__ import annotations

import enum

__all__ = ["Speed"]


class Speed(enum.StrEnum):
    """How fast the words are spoken: slow is the calmer pace, natural an everyday one."""

    SLOW = "slow"
    NATURAL = "natural"
