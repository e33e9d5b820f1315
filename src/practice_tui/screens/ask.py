"""Ask for one line of text, over the current screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from practice_tui.screens.base import BaseModalScreen


class AskText(BaseModalScreen[str | None]):
    """Enter answers; Escape cancels (None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, prompt: str, value: str = "") -> None:
        super().__init__()
        self._title, self._prompt, self._value = title, prompt, value

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content.assemble((self._title, "bold")), classes="title")
            yield Static(Content(self._prompt))
            yield Input(self._value, id="answer")
            yield Static(Content("Enter to save · Escape to cancel"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split())
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
