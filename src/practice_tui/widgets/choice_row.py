"""A row of choices picked with ← and →: the one control the timer and settings forms need.

Calmer than a drop-down, and it works the same with eyes on the keyboard: one row a
question, up and down to move between rows, left and right to change the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

T = TypeVar("T")


class ChoiceRow(Widget, Generic[T], can_focus=True):
    """``label  [a]  b  c`` with the chosen value shown reversed when focused."""

    DEFAULT_CSS = """
    ChoiceRow {
        height: auto;
        padding: 0 2;
    }
    ChoiceRow:focus {
        background: $boost;
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
        parts: list[str | tuple[str, str]] = [(f"{self.label:<{self.label_width}}", "bold")]
        if self.one_at_a_time:
            style = "reverse bold" if self.has_focus else "bold $accent"
            more = f"  {self.index + 1} of {len(self.choices)}" if len(self.choices) > 1 else ""
            arrows = ("‹", "dim") if self.index > 0 else " "
            after = ("›", "dim") if self.index < len(self.choices) - 1 else " "
            return Content.assemble(
                *parts, arrows, (f" {self.choices[self.index][0]} ", style), after, (more, "dim")
            )
        for position, (text, _) in enumerate(self.choices):
            chosen = position == self.index
            style = ("reverse bold" if self.has_focus else "bold $accent") if chosen else "dim"
            parts += [(f" {text} ", style), " "]
        return Content.assemble(*parts)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        new = min(max(0, self.index + step), len(self.choices) - 1)
        if new != self.index:
            self.index = new
            self.post_message(self.Changed(self, self.value))
