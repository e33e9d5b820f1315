"""Help: the keys, what to do if a practice stirs up difficulty, and where to find support."""

from __future__ import annotations

from textual.binding import Binding

from practice_tui.course.pages import help_text
from practice_tui.screens.page import PageScreen


class HelpScreen(PageScreen):
    BINDINGS = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close help", id="close-help"),
    ]

    #: Help sits above everything; the journal key (or help again) would only confuse here.
    allows_help = False

    page_id = "help"
    page_title = "Help"

    def page_text(self) -> str:
        return help_text()
