"""An entry's earlier versions, over the entry: look through them, and bring one back.

Every edit, import or restore that changed the entry's words kept the words it replaced;
this lists them, most recently kept first, with the highlighted one's words shown in full
(as plain text, like the entry, and a very long one a part at a time). Enter brings it back,
and the words it replaces are kept in turn, so choosing never loses anything.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.journal import Entry, JournalError
from practice_tui.journal.models import Revision
from practice_tui.journal.revisions import why_kept
from practice_tui.screens.base import BaseModalScreen
from practice_tui.screens.journal_work import read_journal, write_journal
from practice_tui.widgets.long_text import answer_text
from practice_tui.wording import literal, when

#: What the screen says when the words were never changed.
NO_VERSIONS = "No earlier versions: these words have not been changed."
HINT = "Enter brings the chosen version back (your words now are kept too). Escape closes."


def version_label(revision: Revision) -> Content:
    """One line of the list: when it was written and why it was kept."""
    return Content(f"Written {when(revision.written_at)} · {why_kept(revision.reason)}")


def version_words(revision: Revision) -> str:
    """A version's questions and answers, as one text."""
    parts = []
    for item in revision.answers:
        answer = "(not answered)" if item.is_blank else item.answer
        parts.append(f"{item.question}\n{answer}" if item.question else answer)
    return "\n\n".join(parts)


def _shown(text: str) -> Content:
    return Content(literal(text))


class VersionsScreen(BaseModalScreen[Entry | None]):
    """The earlier versions of one entry; dismissed with the entry once one is brought back."""

    DEFAULT_CSS = """
    VersionsScreen { align: center middle; }
    VersionsScreen #versions {
        width: 90%;
        height: 90%;
        padding: 1 2;
        border: round $accent;
        background: $surface;
    }
    VersionsScreen .title { padding: 0 0 1 0; }
    VersionsScreen #version-list { height: auto; max-height: 40%; }
    VersionsScreen #version-words { height: 1fr; border-top: solid $primary; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="close"),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry
        self.versions: list[Revision] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="versions"):
            yield Static(Content.assemble(("Earlier versions", "bold")), classes="title")
            yield Static(Content("Reading…"), id="versions-hint")
            yield OptionList(id="version-list")
            yield VerticalScroll(id="version-words")

    def on_mount(self) -> None:
        entry_id = self.entry.id
        read_journal(self, lambda journal: journal.revisions.of(entry_id), self._show)

    def _show(self, versions: list[Revision]) -> None:
        self.versions = versions
        hint = self.query_one("#versions-hint", Static)
        listing = self.query_one("#version-list", OptionList)
        if not versions:
            hint.update(Content(NO_VERSIONS))
            listing.display = False
            return
        hint.update(Content(HINT))
        listing.add_options(
            [Option(version_label(v), id=v.id) for v in versions]  # ids are UUIDs
        )
        listing.highlighted = 0
        listing.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted version's words, literally (a very long one a part at a time)."""
        words = self.query_one("#version-words", VerticalScroll)
        words.remove_children()
        text = version_words(self.versions[event.option_index])
        words.mount(answer_text(text, _shown, classes="version-text"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry_id, version_id = self.entry.id, self.versions[event.option_index].id
        write_journal(
            self,
            lambda journal: journal.revisions.bring_back(entry_id, version_id),
            self.dismiss,
            failed=self._problem,
        )

    def _problem(self, error: JournalError) -> None:
        self.notify(str(error), severity="error", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
