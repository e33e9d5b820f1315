"""A bare "hello" Textual app: Header, a Static with a marker text, Footer.

The baseline for ``startup.py``. It is the smallest fair Textual app with the same chrome
as practice-tui's home screen (a header, a footer, a ctrl+q quit binding), so the ratio of
the two start-up times shows what practice-tui adds on top of Textual itself.

Run: python benchmarks/bare_app.py
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

#: What startup.py waits for in the drawn output. No spaces, so cursor moves cannot split it.
MARKER = "BareAppReady"


class BareApp(App[None]):
    TITLE = "bare"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
