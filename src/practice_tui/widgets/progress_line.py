"""A thin, quiet progress line: no animation, repainted only when a cell fills."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class ProgressLine(Widget):
    """How far through the practice we are, as a single line that fills from the left."""

    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fraction = 0.0
        self._cells_drawn = -1

    def show(self, fraction: float) -> None:
        """Set the fraction done; repaint only if that fills another cell."""
        self.fraction = min(1.0, max(0.0, fraction))
        if self._filled(self.content_size.width) != self._cells_drawn:
            self.refresh()

    def _filled(self, width: int) -> int:
        return round(max(0, width) * self.fraction)

    def render(self) -> Content:
        width = max(0, self.content_size.width)
        done = self._cells_drawn = self._filled(width)
        return Content.assemble(("━" * done, "$accent"), ("─" * (width - done), "$panel-lighten-2"))
