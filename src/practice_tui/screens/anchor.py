"""Choosing an anchor: asked once, before the first practice, and offered again in Settings.

The breath is not a comfortable anchor for everyone, so the question says why it is asked,
offers four, and changes nothing until one is chosen (Escape goes back to the ready screen).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.anchors import ANCHORS, Anchor
from practice_tui.screens.base import BaseModalScreen

QUESTION = (
    "Every practice offers one place to come back to whenever you like: your anchor. "
    "The breath suits many people, but not everyone (with asthma or panic, say, it can be "
    "the opposite of steadying), so choose whichever feels steadiest for you. "
    "You can change it at any time in Settings."
)


class AnchorQuestion(BaseModalScreen[Anchor | None]):
    """Which anchor? A short list (↑ ↓ and Enter, or a click); Escape chooses nothing."""

    DEFAULT_CSS = """
    AnchorQuestion { align: center middle; }
    AnchorQuestion #anchor-question {
        width: 60;
        max-width: 90%;
        height: auto;
        padding: 1 2;
        border: round $accent;
        background: $surface;
    }
    AnchorQuestion .title { padding: 0 0 1 0; }
    AnchorQuestion OptionList { height: auto; margin: 1 0; }
    """

    BINDINGS = [Binding("escape", "choose_none", "Not now", show=False)]

    #: The settings and the help key would open over the question: answer it first.
    allows_settings = False

    def compose(self) -> ComposeResult:
        with Vertical(id="anchor-question"):
            yield Static(Content.assemble(("Your anchor", "bold")), classes="title")
            yield Static(Content(QUESTION))
            yield OptionList(
                *(Option(anchor.label.capitalize(), id=anchor.value) for anchor in ANCHORS)
            )
            yield Static(Content("↑ ↓ and Enter to choose · Esc, not now"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Anchor(event.option.id or ""))

    def action_choose_none(self) -> None:
        self.dismiss(None)
