"""The keys overlay: every key the screen underneath accepts now, over that screen dimmed
(as lazygit's ``?``), read from its bindings so it never drifts from what the keys do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from practice_tui.screens.base import BaseModalScreen
from practice_tui.widgets.key_footer import KEYS_ACTION, KeyEntry, screen_keys


def keys_table(entries: list[KeyEntry], title: str) -> Content:
    """A heading, then ``key  what it does`` a line, the keys in a column of their own."""
    if not entries:
        return Content("")
    width = max(len(entry.key_text) for entry in entries) + 2
    lines = [Content.assemble((title, "bold $accent"))]
    for entry in entries:
        style = "" if entry.enabled else "dim"
        note = "" if entry.enabled else " (not now)"
        lines.append(
            Content.assemble(
                (f"{entry.key_text:<{width}}", f"bold {style}".strip()),
                (entry.description + note, style),
            )
        )
    return Content("\n").join(lines)


class KeysScreen(BaseModalScreen[None]):
    """What each key does here; F1 opens the whole help, any of Esc, q or ? closes."""

    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    #keys {
        width: 64;
        max-width: 96%;
        height: auto;
        max-height: 90%;
        padding: 0 2;
        border: round $accent;
        border-title-color: $accent;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    #keys-list { height: auto; max-height: 100%; }
    #keys-list Static { padding: 1 0 0 0; }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="close-keys"),
        Binding("f1", "whole_help", "Help", id="whole-help"),
    ]

    #: The overlay is about another screen's keys: the journal or settings keys would
    #: act on that screen from here, which would surprise.
    allows_journal = False

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        entries = [e for e in screen_keys(screen) if not e.action.endswith(KEYS_ACTION)]
        self.entries = entries
        self.screen_title = screen.sub_title or type(screen).__name__.removesuffix("Screen")

    def compose(self) -> ComposeResult:
        sections = [
            ("On this screen", "screen"),
            ("Everywhere", "app"),
            ("Moving about and typing", "widget"),
        ]
        with Vertical(id="keys") as box:
            box.border_title = f"Keys · {self.screen_title}" if self.screen_title else "Keys"
            box.border_subtitle = "F1 the whole help · Esc close"
            with VerticalScroll(id="keys-list"):
                for title, where in sections:
                    entries = [entry for entry in self.entries if entry.where == where]
                    if entries:
                        yield Static(keys_table(entries, title))

    def on_mount(self) -> None:
        self.query_one("#keys-list").focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

    def action_whole_help(self) -> None:
        from practice_tui.screens.help import HelpScreen

        app = self.app
        self.dismiss()
        app.push_screen(HelpScreen())
