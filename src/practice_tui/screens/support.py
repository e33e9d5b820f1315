"""Support: who to call or text, in each of the four UK nations, one key from anywhere."""

from __future__ import annotations

from textual.binding import Binding

from practice_tui.course.pages import support_text
from practice_tui.screens.page import PageScreen


class SupportScreen(PageScreen):
    """The support page. Over a practice, the practice waits (as it does behind help)."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Close", id="close-support"),
    ]

    page_id = "support"
    page_title = "Support"

    def page_text(self) -> str:
        return support_text()
