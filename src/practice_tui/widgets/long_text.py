"""Words that may be far too long to draw at once (an answer of 50 MB), shown a part at a time.

Drawing text costs time and memory in proportion to its length (wrapping every line, a
segment per span): 5 MB in one Static took 24 s and 300 MB. Text up to :data:`PART_CHARS`
is shown whole, as before; longer text is cut into parts of about that size, at a line end
or a space where there is one, and shown one part at a time, with buttons to move between
them. Only the part on screen is ever styled or drawn.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Static

#: The most characters drawn at once: a part of a long answer (an answer of 100 KB, about
#: 30 pages, is still shown whole).
PART_CHARS = 104 * 1024


def part_bounds(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """Where each part of ``text`` begins and ends: at most ``size`` characters each, cut
    after a line end (else after a space) in the part's second half, so words stay whole."""
    bounds: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while True:
        end = min(start + size, length)
        if end < length:
            for mark in ("\n", " "):
                cut = text.rfind(mark, start + size // 2, end)
                if cut != -1:
                    end = cut + 1
                    break
        bounds.append((start, end))
        if end >= length:
            return bounds
        start = end


def answer_text(
    text: str, show: Callable[[str], Content], *, classes: str = "answer-text"
) -> Widget:
    """``text`` drawn by ``show`` in a Static of ``classes``: whole, or a part at a time."""
    if len(text) <= PART_CHARS:
        return Static(show(text), classes=classes)
    return LongText(text, show, classes=classes)


class LongText(Vertical):
    """A long text, one part at a time: the part, then where it is and the way on."""

    DEFAULT_CSS = """
    LongText { height: auto; }
    LongText .long-text-parts { height: auto; padding: 1 2 0 4; max-width: 92; }
    LongText .long-text-note { padding: 0 2 1 4; max-width: 92; color: $text-muted; }
    LongText .long-text-where { width: 1fr; height: 3; content-align: left middle; }
    LongText Button { margin: 0 0 0 1; }
    """

    def __init__(self, text: str, show: Callable[[str], Content], *, classes: str) -> None:
        super().__init__(classes="long-text")
        self._text = text
        self._show = show
        self._text_classes = classes
        self.bounds = part_bounds(text)
        self.part = 0

    def compose(self) -> ComposeResult:
        yield Static(Content(self._note()), classes="long-text-note")
        yield Static(self._show(self.shown_text), classes=self._text_classes)
        with Horizontal(classes="long-text-parts"):
            yield Static(Content(self._where()), classes="long-text-where")
            yield Button("Previous part", id="previous-part", disabled=True)
            yield Button("Next part", id="next-part", variant="primary")

    @property
    def shown_text(self) -> str:
        """The words of the part on screen."""
        start, end = self.bounds[self.part]
        return self._text[start:end]

    def _note(self) -> str:
        return (
            f"A long answer, shown a part at a time: part {self.part + 1} of "
            f"{len(self.bounds)}. The buttons at the end of each part move between them."
        )

    def _where(self) -> str:
        start, end = self.bounds[self.part]
        return (
            f"Part {self.part + 1} of {len(self.bounds)}: "
            f"characters {start + 1:,} to {end:,} of {len(self._text):,}."
        )

    def show_part(self, part: int) -> None:
        """Show part ``part`` (counted from 0) from its first line."""
        self.part = max(0, min(part, len(self.bounds) - 1))
        shown = self.query_one(f".{self._text_classes.split()[0]}", Static)
        shown.update(self._show(self.shown_text))
        self.query_one(".long-text-note", Static).update(Content(self._note()))
        self.query_one(".long-text-where", Static).update(Content(self._where()))
        self.query_one("#previous-part", Button).disabled = self.part == 0
        self.query_one("#next-part", Button).disabled = self.part == len(self.bounds) - 1
        shown.scroll_visible(top=True, animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.show_part(self.part + (1 if event.button.id == "next-part" else -1))
