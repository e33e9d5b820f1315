"""WCAG contrast of what is actually on screen: every run of text, its colour against its
background, as the terminal receives them (after the app's filters)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.color import Color
from textual.app import App

#: WCAG AA for body text.
AA = 4.5

#: Lines, bars and blocks (rules, scroll bars, the progress line) are drawing, not text.
_DRAWING = range(0x2500, 0x25A0)


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Faint:
    """Text that does not stand out enough from its background."""

    line: int
    text: str
    ratio: float
    colour: str
    background: str


def _rgb(color: Color | None) -> tuple[int, int, int] | None:
    if color is None or color.is_default:
        return None
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def is_text(text: str) -> bool:
    return any(not ch.isspace() and ord(ch) not in _DRAWING for ch in text)


def faint_text(app: App[object], minimum: float = AA) -> list[Faint]:
    """Every run of text on the current screen below ``minimum`` contrast. Text left to the
    terminal's own colours, or still "dim" (which the terminal draws as it likes), counts as
    faint: its contrast is not known. Over a dialog, only the dialog's own text counts."""
    found = []
    # Under a dialog the screen it belongs to is dimmed on purpose (issue 14): only the
    # dialog's own words are there to be read.
    screen = app.screen
    readable = (
        [child.region for child in screen.children if child.display] if screen.is_modal else None
    )
    for y, strip in enumerate(screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            style = segment.style
            at, x = x, x + segment.cell_length
            if readable is not None and not any(region.contains(at, y) for region in readable):
                continue
            if style is None or not is_text(segment.text):
                continue
            colour, background = _rgb(style.color), _rgb(style.bgcolor)
            if colour is None or background is None or style.dim:
                ratio = 0.0
            else:
                ratio = contrast(colour, background)
            if ratio < minimum:
                found.append(
                    Faint(y, segment.text.strip(), round(ratio, 2), str(colour), str(background))
                )
    return found


#: WCAG 1.4.11: what marks a control (the focus, say) against what is beside it.
NON_TEXT = 3.0


@dataclass(frozen=True)
class Cell:
    """One cell as drawn: its character, colour and background."""

    text: str
    colour: tuple[int, int, int] | None
    background: tuple[int, int, int] | None


def cell_at(app: App[object], x: int, y: int) -> Cell:
    """The cell at column ``x`` of line ``y`` of the screen, as the terminal receives it."""
    strip = app.screen._compositor.render_strips()[y]
    at = 0
    for segment in strip:
        if at <= x < at + segment.cell_length:
            style = segment.style
            colour = _rgb(style.color) if style is not None else None
            background = _rgb(style.bgcolor) if style is not None else None
            return Cell(segment.text[x - at], colour, background)
        at += segment.cell_length
    raise IndexError(f"no cell at {x}, {y}")
