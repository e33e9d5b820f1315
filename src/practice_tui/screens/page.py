"""A page of plain words to read and close: the base of Help and Support."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Markdown

from practice_tui.screens.base import BaseScreen
from practice_tui.widgets.key_footer import KeyFooter


class PageScreen(BaseScreen[None]):
    """A Markdown page that scrolls; a subclass gives its id, its title and its words."""

    page_id = "page"
    page_title = ""

    #: Only Esc leads away from a page: back to where the person was.
    allows_journal = False

    def page_text(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id=self.page_id):
            yield Markdown(self.page_text())
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.page_title
        self.query_one(f"#{self.page_id}").focus()
