"""Help: the keys, what to do if a practice stirs up difficulty, and where to find support."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Markdown

from practice_tui.paths import scripts_dir
from practice_tui.screens.base import BaseScreen
from practice_tui.widgets.key_footer import KeyFooter


class HelpScreen(BaseScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close help", id="close-help"),
    ]

    #: Help sits above everything; the journal key (or help again) would only confuse here.
    allows_journal = False
    allows_help = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            yield Markdown((scripts_dir() / "help.md").read_text(encoding="utf-8"))
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Help"
        self.query_one("#help").focus()
