"""A scrolling form (settings, export) where the focused row never stays out of sight."""

from __future__ import annotations

from textual import events
from textual.actions import SkipAction
from textual.containers import VerticalScroll


class FormScroll(VerticalScroll):
    """When the person scrolls the page past the focused row (PgDn, Home, End, the mouse
    wheel), focus moves to the first row wholly in sight (the last, scrolling up), so what
    is highlighted, and what the next key changes, is always on screen. (Scrolling that
    focus itself causes is left alone: the row it brings into view stays focused.)"""

    def _follow_after(self, *, downwards: bool) -> None:
        self.call_after_refresh(self._follow, downwards=downwards)

    def action_page_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_down(animate=False, on_complete=lambda: self._follow_after(downwards=True))

    def action_page_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_up(animate=False, on_complete=lambda: self._follow_after(downwards=False))

    def action_scroll_end(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_end(animate=False, on_complete=lambda: self._follow_after(downwards=True))

    def action_scroll_home(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_home(animate=False, on_complete=lambda: self._follow_after(downwards=False))

    def on_mouse_scroll_down(self, _: events.MouseScrollDown) -> None:
        self._follow_after(downwards=True)

    def on_mouse_scroll_up(self, _: events.MouseScrollUp) -> None:
        self._follow_after(downwards=False)

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
