"""A scrolling form (settings, export) where the focused row never stays out of sight."""

from __future__ import annotations

from textual.containers import VerticalScroll


class FormScroll(VerticalScroll):
    """When the page scrolls past the focused row (PgDn, the mouse wheel), focus moves to
    the first row wholly in sight (the last, scrolling up), so what is highlighted, and what
    the next key changes, is always on screen."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.call_after_refresh(self._follow, downwards=new_value > old_value)

    def _follow(self, *, downwards: bool) -> None:
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors:
            return
        window = self.content_region
        if window.contains_region(focused.region):
            return
        in_sight = [
            widget
            for widget in self.query("*")
            if widget.focusable and window.contains_region(widget.region)
        ]
        if in_sight:
            (in_sight[0] if downwards else in_sight[-1]).focus(scroll_visible=False)
