"""The course on paper: a practice's timed plan, and a week's one-page card.

Plain Python above the core (no Textual): the command line prints these and the Week screen
saves a card. The plans are the very ones the engine plays (``Mode.plan``).
"""

from practice_tui.paper.card import WeekCard, agenda_label, week_card
from practice_tui.paper.plan import ANCHOR_NAMES, TimedStep, plan_json, plan_text, timed_steps
from practice_tui.paper.render import card_format, render_card

__all__ = [
    "ANCHOR_NAMES",
    "TimedStep",
    "WeekCard",
    "agenda_label",
    "card_format",
    "plan_json",
    "plan_text",
    "render_card",
    "timed_steps",
    "week_card",
]
