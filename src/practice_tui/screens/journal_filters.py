"""The small dialogs behind the Journal screen's filters: which practice, which dates."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.journal.day_range import EXAMPLES, DayRange, parse_day_range
from practice_tui.screens.base import BaseModalScreen
from practice_tui.wording import literal

#: The option that shows every practice again.
ALL_PRACTICES = "\x00all"


class PracticePicker(BaseModalScreen[str | None]):
    """Choose one practice or exercise written about, or all of them; Escape cancels.

    Dismisses with a practice id, :data:`ALL_PRACTICES`, or ``None`` when cancelled.
    """

    DEFAULT_CSS = """
    PracticePicker { align: center middle; }
    PracticePicker #practice-choices { height: auto; max-height: 50vh; margin: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, practices: list[tuple[str, str, int]], current: str | None) -> None:
        super().__init__()
        self._practices = practices
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="picker"):
            yield Static(Content.assemble(("Show entries about", "bold")), classes="title")
            options = [Option(Content("All practices and exercises"), id=ALL_PRACTICES)]
            options += [
                Option(
                    Content.assemble(literal(name), (f"  {count:,}", "$text-muted")),
                    id=practice_id,
                )
                for practice_id, name, count in self._practices
            ]
            yield OptionList(*options, id="practice-choices")
            yield Static(Content("Enter to choose · Escape to cancel"), classes="hint")

    def on_mount(self) -> None:
        choices = self.query_one("#practice-choices", OptionList)
        ids = [ALL_PRACTICES, *(pid for pid, _, _ in self._practices)]
        choices.highlighted = ids.index(self._current) if self._current in ids else 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DatesDialog(BaseModalScreen[tuple[str, DayRange] | None]):
    """Type a range of days; what it is read as is shown as you type. Escape cancels.

    Dismisses with the words typed and the range they name, or ``None`` when cancelled.
    """

    DEFAULT_CSS = """
    DatesDialog { align: center middle; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, today: date, text: str = "") -> None:
        super().__init__()
        self._today = today
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content.assemble(("Show entries written on", "bold")), classes="title")
            yield Static(Content(f"For example: {EXAMPLES}. Leave it empty for any date."))
            yield Input(self._text, id="dates", placeholder="e.g. last week")
            yield Static(id="dates-reading", classes="hint")

    def on_mount(self) -> None:
        self._show_reading(self._text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_reading(event.value)

    def _show_reading(self, text: str) -> None:
        reading = parse_day_range(text, self._today)
        if reading is None:
            message = "Not a date I know yet: try 2026-01-05 or last week."
        else:
            words = reading.describe()
            message = f"{words[:1].upper()}{words[1:]}. Enter to show them."
        self.query_one("#dates-reading", Static).update(Content(message))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        reading = parse_day_range(event.value, self._today)
        if reading is not None:
            self.dismiss((" ".join(event.value.split()), reading))

    def action_cancel(self) -> None:
        self.dismiss(None)
