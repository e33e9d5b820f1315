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
    faint: its contrast is not known."""
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            style = segment.style
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
