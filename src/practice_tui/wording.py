"""Small wording helpers shared by screens and widgets, so times and counts read the same
everywhere. Plain Python: no Textual here."""

from __future__ import annotations

import textwrap
from typing import Protocol

# Screens take it from here with the other wording helpers; it lives in the core, so the
# command line and the HTML export use the same one.
from practice_tui.journal.literal_text import literal as literal
from practice_tui.journal.times import describe


class TimerShape(Protocol):
    """What a timer's description needs: a plan, or a saved preset before it is planned.

    The Home screen describes presets without building their plans, so the pacing engine
    loads when a timer starts, not before the first frame.
    """

    @property
    def minutes(self) -> int | None: ...
    @property
    def interval_minutes(self) -> float | None: ...
    @property
    def interval_at(self) -> tuple[float, ...]: ...


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def kept_sentence(seconds: float, verb: str, where: str = "") -> str:
    """What stopping keeps: "The 3 min you have practised will be kept in your journal.",
    or, before the first whole second, that there is nothing yet to keep."""
    if seconds < 1:
        return "You have only just begun, so there is no time to keep yet."
    place = f" {where}" if where else ""
    return f"The {duration(seconds)} you have {verb} will be kept{place}."


def clock_time(seconds: float) -> str:
    """Time left as the clock on a wall would show it: 2:05, or 1:02:05."""
    whole = max(0, int(seconds + 0.999))  # round up: "0:00" only at the very end
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration(seconds: float) -> str:
    """Time practised, in words: '45 s', '3 min', '3 min 20 s'."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    return f"{minutes} min" if secs == 0 else f"{minutes} min {secs} s"


def week_label(week: int | None) -> str:
    return f"Week {week}" if week is not None else "Not tied to a week"


def when(stamp: str) -> str:
    """An ISO time from the journal, as people say it: 'Mon 5 Jan 2026, 09:00'."""
    return describe(stamp, short=True)


def parse_minutes(text: str) -> tuple[float, ...] | None:
    """'5, 12, 20' -> (5, 12, 20); None when it is not a list of positive numbers."""
    parts = [part for part in text.replace(";", ",").replace(" ", ",").split(",") if part]
    try:
        values = tuple(float(part) for part in parts)
    except ValueError:
        return None
    return values if values and all(v > 0 for v in values) else None


def describe_plan(plan: TimerShape) -> str:
    length = "open-ended" if plan.minutes is None else f"{plan.minutes} min"
    if plan.interval_minutes:
        return f"{length}, a bell every {plan.interval_minutes:g} min"
    if plan.interval_at:
        return f"{length}, bells at {', '.join(f'{m:g}' for m in plan.interval_at)} min"
    return length


def hanging(text: str, width: int, indent: int) -> str:
    """``text`` wrapped to ``width`` columns with every line indented by ``indent``, so a
    wrapped line stays under the first rather than running back to the margin. The person's
    own line breaks are kept; a width too small to wrap into leaves the text on one line."""
    room = width - indent
    pad = " " * indent
    if room < 10:
        return pad + text.replace("\n", "\n" + pad)
    lines = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(paragraph, room, break_on_hyphens=False) or [""]
        lines += [pad + line for line in wrapped]
    return "\n".join(lines)
