"""A row of choices picked with ← and →: the one control the timer and settings forms need.

Calmer than a drop-down, and it works the same with eyes on the keyboard: one row a
question, up and down to move between rows, left and right to change the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

T = TypeVar("T")


def arrange(indent: int, texts: Sequence[str], width: int) -> list[list[int]]:
    """Which choices go on each line: as many as fit whole after the ``indent`` (each takes
    its text, a space either side and one between), a new line before one that would not.
    A choice wider than a whole line has a line of its own. ``width`` 0: one line."""
    lines: list[list[int]] = [[]]
    used = indent
    for position, text in enumerate(texts):
        cells = cell_len(text) + 2
        if lines[-1] and width > 0 and used + cells > width:
            lines.append([])
            used = indent
        lines[-1].append(position)
        used += cells + 1
    return lines


class ChoiceRow(Widget, Generic[T], can_focus=True):
    """``label  [a]  b  c`` with the chosen value shown reversed when focused."""

    DEFAULT_CSS = """
    ChoiceRow {
        height: auto;
        padding: 0 2;
    }
    /* The focused row is marked by a bar in the accent colour at its left edge (3:1 and
       more against every theme's background), not only by a faint $boost that a light
       theme hardly shows; the bar takes a column of the padding, so no word moves. */
    ChoiceRow:focus {
        background: $boost;
        border-left: tall $accent;
        padding-left: 1;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Less", show=False),
        Binding("right", "move(1)", "More", show=False),
    ]

    class Changed(Message, Generic[T]):
        """The participant picked another value."""

        def __init__(self, row: ChoiceRow[T], value: T) -> None:
            super().__init__()
            self.row, self.value = row, value

        @property
        def control(self) -> ChoiceRow[T]:
            return self.row

    index: reactive[int] = reactive(0)

    def __init__(
        self,
        label: str,
        choices: Sequence[tuple[str, T]],
        value: T | None = None,
        *,
        id: str | None = None,
        label_width: int = 14,
        one_at_a_time: bool = False,
    ) -> None:
        """``one_at_a_time``: show only the chosen one, between ‹ ›, for a long list (voices)
        that would not fit on one line."""
        super().__init__(id=id)
        self.one_at_a_time = one_at_a_time
        if not choices:
            raise ValueError("a choice row needs at least one choice")
        self.label = label
        self.choices = list(choices)
        self.label_width = label_width
        values = [v for _, v in self.choices]
        self.set_reactive(ChoiceRow.index, values.index(value) if value in values else 0)

    @property
    def value(self) -> T:
        return self.choices[self.index][1]

    def select(self, value: T) -> None:
        values = [v for _, v in self.choices]
        if value in values:
            self.index = values.index(value)

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def _lines(self, width: int) -> list[Content]:
        """The label, then the choices, a new line (under the first choice) before any
        choice that would not fit whole: no choice is ever split across two lines."""
        label = Content.assemble((f"{self.label:<{self.label_width}}", "bold"))
        if self.one_at_a_time:
            style = "reverse bold" if self.has_focus else "bold $accent"
            more = f"  {self.index + 1} of {len(self.choices)}" if len(self.choices) > 1 else ""
            arrows = ("‹", "dim") if self.index > 0 else " "
            after = ("›", "dim") if self.index < len(self.choices) - 1 else " "
            return [
                label
                + Content.assemble(
                    arrows, (f" {self.choices[self.index][0]} ", style), after, (more, "dim")
                )
            ]
        texts = [text for text, _ in self.choices]
        lines = []
        for row, positions in enumerate(arrange(label.cell_length, texts, width)):
            line = label if row == 0 else Content(" " * label.cell_length)
            for position in positions:
                chosen = position == self.index
                style = ("reverse bold" if self.has_focus else "bold $accent") if chosen else "dim"
                line += Content.assemble((f" {texts[position]} ", style), " ")
            lines.append(line.rstrip())
        return lines

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        new = min(max(0, self.index + step), len(self.choices) - 1)
        if new != self.index:
            self.index = new
            self.post_message(self.Changed(self, self.value))
