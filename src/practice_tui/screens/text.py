"""Small wording helpers shared by screens, so times and counts read the same everywhere."""

from __future__ import annotations

from datetime import datetime


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


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
    moment = datetime.fromisoformat(stamp)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_CONTROL_PICTURES[0x7F] = "\u2421"


def literal(text: str) -> str:
    """User text made safe to draw: control characters (such as ESC) shown, never obeyed.

    Markup is already inert because screens wrap user text in ``Content``; this covers the
    other way text can act on a terminal.
    """
    return text.translate(_CONTROL_PICTURES)
