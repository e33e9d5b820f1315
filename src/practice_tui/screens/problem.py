"""A problem the app cannot work around, said plainly, with the data left as it was."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from practice_tui.screens.base import BaseScreen
from practice_tui.widgets.key_footer import KeyFooter


class ProblemScreen(BaseScreen[None]):
    """Shown instead of the app when, for example, the journal file cannot be opened."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="quit-problem")]

    #: Nothing behind this screen can work, so the journal key stays quiet.
    allows_journal = False

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Static(Content.assemble(("Something needs your attention", "bold $warning")))
            yield Static(Content(self.message), classes="problem-message")
            yield Static(
                Content("Nothing has been changed or deleted. Press q to quit."),
                classes="hint",
            )
        yield KeyFooter()
