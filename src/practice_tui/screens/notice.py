"""Words to read, whole, over the current screen: a problem in a file, say."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from practice_tui.screens.base import BaseModalScreen


class Notice(BaseModalScreen[None]):
    """A title and a message shown literally; Enter or Escape closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", show=False),
        Binding("enter", "close", "Close", show=False),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self._title, self._message = title, message

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content.assemble((self._title, "bold")), classes="title")
            yield Static(Content(self._message))
            yield Static(Content("Enter or Escape to close"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
