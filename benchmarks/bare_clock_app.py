"""A bare Textual app that redraws a clock once a second: the baseline for ``quiet_cost.py``.

A Header, a Footer and a Static updated by ``set_interval(1, ...)`` with the time of day:
the least a Textual app can do while showing something that changes every second, as the
practice screen does with its "time left".

Run: python benchmarks/bare_clock_app.py
"""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

MARKER = "BareClock"


class BareClockApp(App[None]):
    TITLE = "bare clock"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="clock")
        yield Footer()

    def on_mount(self) -> None:
        self._tick()
        self.set_interval(1, self._tick)

    def _tick(self) -> None:
        self.query_one("#clock", Static).update(f"{MARKER} {time.strftime('%H:%M:%S')}")


if __name__ == "__main__":
    BareClockApp().run()
