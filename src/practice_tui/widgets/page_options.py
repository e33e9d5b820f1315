"""A list of choices that is part of a page of reading (a week: its introduction, then its
agenda, then its home tasks), where the page scrolls, not the list.

The highlight is on a choice only while that choice is on screen, so Enter never opens
something the reader has not seen. ↑ and ↓ move it to the next choice when any of that
choice is on screen (scrolling it wholly into view), and otherwise scroll the page a line:
the introduction above, what follows below. PgUp, PgDn, Home and End scroll the page, and the
highlight moves to a choice on screen, or goes.
"""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.geometry import Region

from practice_tui.widgets.wrapped_options import WrappedOptionList


class PageOptions(WrappedOptionList):
    """A wrapped option list, never taller than its choices, inside a scrolling page."""

    DEFAULT_CSS = """
    PageOptions { height: auto; overflow-y: hidden; }
    """

    @property
    def page(self) -> ScrollableContainer | None:
        for ancestor in self.ancestors:
            if isinstance(ancestor, ScrollableContainer):
                return ancestor
        return None

    # -- where the choices are on the page ----------------------------------------------

    def option_region(self, index: int) -> Region | None:
        """Where choice ``index`` lies on the page (the page's own coordinates, whatever its
        scroll), or None. The list is a child of the page."""
        page = self.page
        self._update_lines()
        line = self._index_to_line.get(index)
        if page is None or line is None:
            return None
        top = self.virtual_region.y + self.styles.gutter.top + line
        return Region(0, top, page.content_region.width, self._heights[index])

    def _seen(self, index: int, *, wholly: bool) -> bool:
        page, region = self.page, self.option_region(index)
        if page is None or region is None:
            return True
        window = Region(0, int(page.scroll_y), page.content_region.width, page.content_size.height)
        if wholly:
            return window.contains_region(region)
        return window.overlaps(region)

    def _enabled(self) -> list[int]:
        return [index for index, option in enumerate(self.options) if not option.disabled]

    def is_seen(self, index: int) -> bool:
        """Whether choice ``index`` lies wholly on screen."""
        return self._seen(index, wholly=True)

    def highlighted_is_seen(self) -> bool:
        """Whether the highlighted choice, if any, lies wholly on screen."""
        return self.highlighted is None or self._seen(self.highlighted, wholly=True)

    # -- keys --------------------------------------------------------------------------------

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the page (not only the list) so the highlighted choice is wholly on view."""
        super().scroll_to_highlight(top)
        page, index = self.page, self.highlighted
        if page is None or index is None:
            return
        region = self.option_region(index)
        if region is not None:
            page.scroll_to_region(region, animate=False, immediate=True, force=True, top=top)

    def _step(self, step: int) -> None:
        enabled = self._enabled()
        if self.highlighted is None:
            after = enabled if step > 0 else enabled[::-1]
            # Coming from above, the first choice; from below, the last one on the way.
            candidates = [i for i in after if self._seen(i, wholly=False)][:1]
        else:
            candidates = [i for i in enabled if (i - self.highlighted) * step > 0]
            candidates = candidates[:1] if step > 0 else candidates[-1:]
        if candidates and self._seen(candidates[0], wholly=False):
            self.highlighted = candidates[0]
            return
        page = self.page
        if page is not None:
            page.scroll_to(y=page.scroll_y + step, animate=False, immediate=True)
        self._follow_page()

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _page_then_follow(self, y: float) -> None:
        page = self.page
        if page is None:
            return
        page.scroll_to(y=y, animate=False, immediate=True)
        self._follow_page(settle=True)

    def action_page_down(self) -> None:
        page = self.page
        if page is not None:
            self._page_then_follow(page.scroll_y + page.content_size.height - 1)

    def action_page_up(self) -> None:
        page = self.page
        if page is not None:
            self._page_then_follow(page.scroll_y - page.content_size.height + 1)

    def action_first(self) -> None:
        self._page_then_follow(0)

    def action_last(self) -> None:
        page = self.page
        if page is not None:
            self._page_then_follow(page.max_scroll_y)

    def _follow_page(self, *, settle: bool = False) -> None:
        """After the page moved: a highlight no longer wholly on screen goes; with
        ``settle``, the first choice wholly on screen takes it."""
        if not self.highlighted_is_seen():
            self.highlighted = None
        if settle and self.highlighted is None:
            seen = [i for i in self._enabled() if self._seen(i, wholly=True)]
            if seen:
                self.highlighted = seen[0]
