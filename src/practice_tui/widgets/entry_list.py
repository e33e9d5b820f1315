"""A list of journal entries of any length, drawn line by line with Textual's Line API.

Thirty years of daily writing is a hundred thousand entries: one widget each would take
seconds to build and hundreds of megabytes to keep. This list is one widget. It knows only
how many entries each group holds, works out which entry falls on each line, and asks for
entries a page at a time as they scroll into view (:class:`EntryList.PageWanted`: its screen
reads the page off the event loop and hands it back), keeping a few pages. Words
the person wrote are drawn as plain text with styles on the spans that matched a search:
never parsed as markup, control characters made visible.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from practice_tui.journal import Entry
from practice_tui.journal.literal_text import literal_spans
from practice_tui.journal.query import EntryQuery, Grouping
from practice_tui.journal.search import SearchTerms, match_spans, parse_search, snippet
from practice_tui.wording import duration, literal, when

#: Entries fetched at once, and how many such pages are kept.
PAGE_SIZE = 50
PAGES_KEPT = 8
#: Lines an entry takes: when and what, then its opening words (or where a search matched).
LINES_PER_ENTRY = 2
#: How much of an entry's words is kept for its second line; the line is cut to fit.
WORDS_KEPT = 120
#: A row keeps an entry's text until it is drawn only when the text is shorter than this.
TEXT_KEPT = 4000

GroupKey = int | str | None
#: What is drawn on a line: a heading, the space before one, or a line of an entry.
LineKind = Literal["space", "heading", "entry"]


#: What the list knows of a page it has asked for: asked, slow in coming, or unreadable.
PageState = Literal["asked", "slow", "failed"]


@dataclass(slots=True)
class EntryRow:
    """What the list shows of one entry: small, so that pages of them cost little.

    Where a search matched is worked out when the row is first drawn, not when its page
    is read: finding the words is most of the cost of a page, and most rows of a page are
    never on screen. Until then the row keeps the entry's text (a long one is done at once).
    """

    id: str
    created_at: str
    title: str
    practised_seconds: float | None
    starred: bool
    edited: bool
    deleted_at: str | None
    _text: str | None
    _terms: SearchTerms
    _words: tuple[str, tuple[tuple[int, int], ...]] | None = None

    @classmethod
    def of(cls, entry: Entry, terms: SearchTerms) -> EntryRow:
        row = cls(
            id=entry.id,
            created_at=entry.created_at,
            title=literal(entry.practice_name or "Reflection"),
            practised_seconds=entry.practised_seconds,
            starred=entry.starred,
            edited=entry.edited_at is not None,
            deleted_at=entry.deleted_at,
            _text=None,
            _terms=terms,
        )
        if terms.is_empty:
            row._words = (literal(entry.opening_words(WORDS_KEPT)), ())
        else:
            row._text = entry.text
            if len(row._text) > TEXT_KEPT:
                row.words  # noqa: B018  (worked out now, so the long text is not kept)
        return row

    @property
    def words(self) -> str:
        """The opening words, or the words around the first match of a search (literal)."""
        return self._shown()[0]

    @property
    def matches(self) -> tuple[tuple[int, int], ...]:
        """Where :attr:`words` matched the search, as (start, end) character offsets."""
        return self._shown()[1]

    def _shown(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        if self._words is None:
            words = snippet(self._text or "", self._terms, WORDS_KEPT)
            # Matched in the person's own text, then moved to where they fall once shown.
            spans = literal_spans(words, match_spans(words, self._terms))
            self._words = (literal(words), tuple(spans))
            self._text = None
        return self._words


@dataclass(frozen=True)
class Place:
    """What one line of the list shows."""

    kind: LineKind
    group: int
    #: The entry (counted from the top of the list) and which of its lines, for an entry.
    entry: int = -1
    part: int = 0


class Layout:
    """Which line shows what, worked out from the size of each group alone.

    Each group is a heading (after a blank line, except the first) and its entries.
    """

    def __init__(self, groups: list[tuple[GroupKey, int]]) -> None:
        self.groups = [(key, count) for key, count in groups if count > 0]
        self.starts: list[int] = []  # the first line of each group
        self.firsts: list[int] = []  # the first entry of each group
        line = entry = 0
        for index, (_, count) in enumerate(self.groups):
            self.starts.append(line)
            self.firsts.append(entry)
            line += self._head(index) + count * LINES_PER_ENTRY
            entry += count
        self.height = line
        self.total = entry

    @staticmethod
    def _head(group: int) -> int:
        return 1 if group == 0 else 2

    def place(self, line: int) -> Place | None:
        if not 0 <= line < self.height:
            return None
        group = bisect_right(self.starts, line) - 1
        local = line - self.starts[group]
        head = self._head(group)
        if local < head:
            return Place("heading" if local == head - 1 else "space", group)
        entry, part = divmod(local - head, LINES_PER_ENTRY)
        return Place("entry", group, self.firsts[group] + entry, part)

    def group_of(self, entry: int) -> int:
        return bisect_right(self.firsts, entry) - 1

    def line_of(self, entry: int) -> int:
        """The first line of an entry."""
        group = self.group_of(entry)
        return (
            self.starts[group] + self._head(group) + (entry - self.firsts[group]) * LINES_PER_ENTRY
        )


class EntryList(ScrollView, can_focus=True):
    """Journal entries, grouped under headings, newest first; Enter opens one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entry-list--heading",
        "entry-list--cursor",
        "entry-list--when",
        "entry-list--words",
        "entry-list--match",
        "entry-list--star",
        "entry-list--muted",
    }

    DEFAULT_CSS = """
    EntryList {
        width: 100%;
        height: 1fr;
        overflow-x: hidden;
        padding: 0 1;
        background: transparent;
    }
    EntryList > .entry-list--heading { color: $accent; text-style: bold; }
    EntryList > .entry-list--cursor { background: $boost; }
    EntryList:focus > .entry-list--cursor { background: $accent 22%; }
    EntryList > .entry-list--when { text-style: bold; }
    EntryList > .entry-list--words { color: $text-muted; }
    EntryList > .entry-list--match { color: $background; background: $warning; }
    EntryList > .entry-list--star { color: $warning; }
    EntryList > .entry-list--muted { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "open", "Open"),
    ]

    class Opened(Message):
        """An entry was chosen (Enter or a click)."""

        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    class PageWanted(Message):
        """A page of entries has come into view: read it and hand it to :meth:`add_page`."""

        def __init__(
            self, generation: int, number: int, query: EntryQuery, grouping: Grouping
        ) -> None:
            super().__init__()
            self.generation = generation
            self.number = number
            self.query = query
            self.grouping = grouping

        @property
        def offset(self) -> int:
            return self.number * PAGE_SIZE

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._generation = 0  # what is shown; a page read for an older list is not used
        self._asked: dict[int, PageState] = {}
        self._query = EntryQuery()
        self._grouping: Grouping = "week"
        self._heading: Callable[[GroupKey, int], str] = lambda key, count: str(key)
        self._terms = parse_search("")
        self._layout = Layout([])
        self._pages: LRUCache[int, list[EntryRow]] = LRUCache(PAGES_KEPT)
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(256)
        self.cursor = 0
        #: What the list says when it has nothing to show (it keeps the focus meanwhile, so
        #: the screen's keys still work).
        self.empty_text = ""

    # -- what is shown ---------------------------------------------------------------------

    def show(
        self,
        groups: list[tuple[GroupKey, int]],
        query: EntryQuery,
        grouping: Grouping,
        heading: Callable[[GroupKey, int], str],
        *,
        keep_cursor: bool = True,
        page: tuple[int, list[EntryRow]] | None = None,
    ) -> int:
        """Show the entries ``query`` finds, given how many each group holds (and a page
        already read, as ``(number, rows)``); returns how many. Other entries are asked for
        (:class:`PageWanted`) as they come into view."""
        self._query, self._grouping = query, grouping
        self._heading = heading
        self._terms = query.terms
        self._layout = Layout(groups)
        self._forget()
        if page is not None:
            number, rows = page
            self._pages[number] = rows
        self.virtual_size = Size(0, self._layout.height)
        cursor = self.cursor if keep_cursor else 0
        self._set_cursor(min(cursor, max(0, self.total - 1)), scroll=not keep_cursor)
        if not keep_cursor:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        return self.total

    def add_page(self, generation: int, number: int, rows: list[EntryRow]) -> None:
        """A page read for the list (dropped if the list has changed since it asked)."""
        if generation != self._generation:
            return
        self._asked.pop(number, None)
        self._pages[number] = rows
        self._redraw()

    def page_slow(self, generation: int, number: int) -> None:
        """A page is slow in coming: its lines say it is being read."""
        if generation == self._generation and number in self._asked:
            self._asked[number] = "slow"
            self._redraw()

    def page_failed(self, generation: int, number: int) -> None:
        """A page could not be read: its lines say so (the screen says why)."""
        if generation == self._generation:
            self._asked[number] = "failed"
            self._redraw()

    @property
    def total(self) -> int:
        return self._layout.total

    @property
    def groups(self) -> list[tuple[GroupKey, int]]:
        return list(self._layout.groups)

    def row(self, index: int) -> EntryRow | None:
        """The entry at ``index`` (from the top of the list), or None until its page comes
        (it is asked for now, if it has not been)."""
        if not 0 <= index < self.total:
            return None
        number, within = divmod(index, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            if number not in self._asked:
                self._asked[number] = "asked"
                self.post_message(
                    self.PageWanted(self._generation, number, self._query, self._grouping)
                )
            return None
        return page[within] if within < len(page) else None

    @property
    def current(self) -> EntryRow | None:
        """The entry under the cursor."""
        return self.row(self.cursor) if self.total else None

    def _forget(self) -> None:
        self._generation += 1
        self._pages.clear()
        self._asked.clear()
        self._strips.clear()

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- the cursor ----------------------------------------------------------------------

    def _set_cursor(self, index: int, *, scroll: bool = True) -> None:
        old = self.cursor
        self.cursor = max(0, min(index, self.total - 1)) if self.total else 0
        if not self.total:
            return
        for entry in {old, self.cursor}:
            if 0 <= entry < self.total:
                self._refresh_entry(entry)
        if scroll:
            self._scroll_to_cursor()

    def _refresh_entry(self, entry: int) -> None:
        line = self._layout.line_of(entry)
        for y in range(line, line + LINES_PER_ENTRY):
            self._strips.discard((y, self._width))
        self.refresh_lines(line, LINES_PER_ENTRY)

    def _scroll_to_cursor(self) -> None:
        layout = self._layout
        line = layout.line_of(self.cursor)
        group = layout.group_of(self.cursor)
        top = line
        if self.cursor == layout.firsts[group]:  # show the group's heading with its first entry
            top = layout.starts[group]
        self.scroll_to_region(
            Region(0, top, max(1, self._width), line + LINES_PER_ENTRY - top),
            animate=False,
            force=True,
            immediate=True,
        )

    def move_to(self, entry_id: str) -> bool:
        """Put the cursor on an entry among the pages already read; False if not found."""
        for number, page in list(self._pages.items()):
            for within, row in enumerate(page):
                if row.id == entry_id:
                    self._set_cursor(number * PAGE_SIZE + within)
                    return True
        return False

    def action_cursor(self, step: int) -> None:
        self._set_cursor(self.cursor + step)

    def action_page(self, direction: int) -> None:
        entries = max(1, self.scrollable_content_region.height // LINES_PER_ENTRY - 1)
        self._set_cursor(self.cursor + direction * entries)

    def action_first(self) -> None:
        self._set_cursor(0)

    def action_last(self) -> None:
        self._set_cursor(self.total - 1)

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row.id))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        place = self._layout.place(self.scroll_offset.y + offset.y)
        if place is not None and place.kind == "entry":
            self._set_cursor(place.entry, scroll=False)
            self.action_open()

    # -- drawing -------------------------------------------------------------------------

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self._strips.clear()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._strips.clear()
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self._width
        key = (line, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._draw(line, width)
            self._strips[key] = strip
        return strip

    def _draw(self, line: int, width: int) -> Strip:
        base = self.rich_style
        if not self.total:
            return self._draw_empty(line, width, base)
        place = self._layout.place(line)
        if place is None or place.kind == "space" or width <= 0:
            return Strip.blank(width, base)
        if place.kind == "heading":
            key, count = self._layout.groups[place.group]
            text = Text(self._heading(key, count), style=base + self._style("heading"))
        else:
            style = base
            if place.entry == self.cursor:
                style += self._style("cursor")
            row = self.row(place.entry)
            waiting = self._asked.get(place.entry // PAGE_SIZE) if row is None else None
            text = self._entry_line(row, place.part, style, waiting)
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        # Rich leaves a line's own style to its caller when the line has no spans.
        segments = Segment.apply_style(text.render(self.app.console), style=text.style)
        return Strip(list(segments)).crop_extend(0, width, base)

    def _draw_empty(self, line: int, width: int, base: Style) -> Strip:
        """The empty list's message, wrapped, below a blank line."""
        lines = Text(self.empty_text, style=base + self._style("muted")).wrap(
            self.app.console, max(1, width - 2)
        )
        if not 1 <= line <= len(lines) or width <= 0:
            return Strip.blank(width, base)
        text = Text(" ", style=lines[line - 1].style) + lines[line - 1]
        segments = Segment.apply_style(text.render(self.app.console), style=text.style)
        return Strip(list(segments)).crop_extend(0, width, base)

    def _style(self, name: str) -> Style:
        """A component's colours worked out against the list's own background.

        Only the cursor and a match paint a background; the rest keep the line's (which is
        the cursor's, on the cursor's lines).
        """
        style = self.get_component_rich_style(f"entry-list--{name}")
        if name in ("cursor", "match"):
            return style
        return Style(
            color=style.color,
            bold=style.bold,
            dim=style.dim,
            italic=style.italic,
            underline=style.underline,
        )

    def _entry_line(
        self, row: EntryRow | None, part: int, style: Style, waiting: PageState | None
    ) -> Text:
        """Line 0: star, when, what and how long. Line 1: the words, matches picked out.

        Before its page comes an entry is blank (a quick read never flickers), then, if the
        read is slow, says it is being read.
        """
        text = Text(style=style)
        if row is None:
            if part == 0 and waiting == "slow":
                text.append("   Reading your journal…", self._style("muted"))
            elif part == 0 and waiting != "asked":
                text.append("   This entry could not be read.", self._style("muted"))
            return text
        if part == 0:
            text.append(" ★ " if row.starred else "   ", self._style("star"))
            text.append(when(row.created_at), self._style("when"))
            text.append(f"  {row.title}")
            if row.practised_seconds:
                text.append(f" · {duration(row.practised_seconds)}", self._style("muted"))
            if row.edited:
                text.append(" · edited", self._style("muted"))
            if row.deleted_at is not None:
                text.append(f" · deleted {when(row.deleted_at)}", self._style("muted"))
            return text
        indent = "     "
        if not row.words:
            text.append(indent + "(no words, only actions)", self._style("muted"))
            return text
        text.append(indent)
        start = len(text)
        text.append(row.words, self._style("words"))
        match = self._style("match")
        for begin, end in row.matches:
            text.stylize(match, start + begin, start + end)
        return text
