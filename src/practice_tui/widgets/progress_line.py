"""A thin, quiet progress line: no animation, redrawn only when told."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class ProgressLine(Widget):
    """How far through the practice we are, as a single line that fills from the left."""

    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        width: 1fr;
    }
    """

    fraction: reactive[float] = reactive(0.0)

    def render(self) -> Content:
        width = max(0, self.content_size.width)
        done = round(width * min(1.0, max(0.0, self.fraction)))
        return Content.assemble(("━" * done, "$accent"), ("─" * (width - done), "$panel-lighten-2"))
