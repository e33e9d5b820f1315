"""Journal: every entry, by programme week (or calendar week), newest first; search, filters,
stars and a trash from which anything deleted comes back.

The list is one :class:`EntryList` that reads entries a page at a time, so a journal of
thirty years opens as quickly as one of a week. Screens hold no SQL: what to show is an
:class:`EntryQuery`, and the journal answers it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Header, Input, Static

from practice_tui.journal import JournalError
from practice_tui.journal.day_range import DayRange
from practice_tui.journal.errors import EntryNotFound, NotInTrash
from practice_tui.journal.query import NO_WEEK, EntryQuery, Grouping
from practice_tui.journal.times import describe_day
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.entry import TRASHED_NOTICE, EntryOutcome, EntryScreen
from practice_tui.screens.journal_filters import ALL_PRACTICES, DatesDialog, PracticePicker
from practice_tui.screens.journal_work import READING, read_journal, write_journal
from practice_tui.screens.messages import JournalReady
from practice_tui.widgets.entry_list import PAGE_SIZE, EntryList, EntryRow, GroupKey
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.wording import literal, week_label

if TYPE_CHECKING:
    from practice_tui.journal import Entry, Journal

T = TypeVar("T")

__all__ = ["EntryScreen", "JournalScreen"]

#: Typing in the search box updates the list this long after the last key.
SEARCH_DELAY_SECONDS = 0.15
#: The status line shows this much of a search; the whole of it is still searched for.
SEARCH_SHOWN_CHARS = 40
#: How often an open journal looks for entries written by another window.
OTHER_WINDOWS_CHECK_SECONDS = 2.0

#: Filters that mean nothing in the trash, which lists everything deleted, newest first.
_JOURNAL_ONLY = {"cycle_week", "pick_practice", "pick_dates", "toggle_grouping", "starred"}
_TRASH_ONLY = {"restore", "empty_trash", "delete_forever"}


def _rows(journal: Journal, query: EntryQuery, grouping: Grouping, number: int) -> list[EntryRow]:
    """Page ``number`` of the list, read and made into rows (on the journal's thread)."""
    page = journal.entries.page(
        query, grouping=grouping, offset=number * PAGE_SIZE, limit=PAGE_SIZE
    )
    return [EntryRow.of(entry, query.terms) for entry in page]


def entries_count(count: int) -> str:
    """'1 entry', '1,204 entries'."""
    return f"{count:,} " + ("entry" if count == 1 else "entries")


class JournalScreen(BaseScreen[None]):
    """The journal as a list: Enter opens an entry, / searches, letters filter."""

    AUTO_FOCUS = "#entries"

    DEFAULT_CSS = """
    #journal { height: 1fr; }
    #journal-search {
        height: 1;
        border: none;
        margin: 1 2 0 2;
        padding: 0 1;
        background: $surface;
    }
    #journal-search:focus { background: $boost; }
    #journal-status { height: auto; max-height: 2; padding: 0 2; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: taken before the search box sees them, so a key typed straight after
        # reaches the list, not the box.
        Binding("escape", "back", "Back", id="back", priority=True),
        Binding("enter,down", "leave_search", "To the list", show=False, priority=True),
        # What the footer shows first: what to do with the entry under the cursor.
        Binding("s", "star", "Star"),
        Binding("d", "delete", "Trash"),
        Binding("d", "delete_forever", "Delete for good"),
        Binding("u", "undo", "Undo"),
        Binding("r", "restore", "Restore"),
        Binding("E", "empty_trash", "Empty trash"),
        # The app's own key, here before the filters: export what the list shows.
        Binding("x", "app.open_export", "Export", id="journal-export"),
        Binding("slash", "search", "Search", id="search"),
        Binding("w", "cycle_week", "Week"),
        Binding("f", "pick_practice", "Practice"),
        Binding("p", "pick_dates", "Dates"),
        Binding("c", "toggle_grouping", "Group"),
        Binding("asterisk", "starred", "Starred"),
        Binding("T", "toggle_trash", "Trash bin", id="trash"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_filters = EntryQuery()
        self.grouping: Grouping = "week"
        self.in_trash = False
        self.dates_text = ""
        self.last_trashed: str | None = None
        self._practice_names: dict[str, str] = {}
        self._search_alarm: Timer | None = None
        self._opened_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="journal"):
            yield Input(placeholder="Search your journal (press /)", id="journal-search")
            yield Static(Content("Opening your journal…"), id="journal-status")
            yield EntryList(id="entries")
        yield KeyFooter()

    # -- showing what the filters find ---------------------------------------------------

    @property
    def shown_query(self) -> EntryQuery:
        """What the list shows: the filters, or the whole trash."""
        return EntryQuery(trashed=True) if self.in_trash else self.query_filters

    @property
    def shown_grouping(self) -> Grouping:
        return "none" if self.in_trash else self.grouping

    def on_mount(self) -> None:
        self.sub_title = "Journal"
        self._seen_version: int | None = None
        # Another window, or an import from the shell, may add entries while this is open.
        self.set_interval(OTHER_WINDOWS_CHECK_SECONDS, self._check_other_windows)

    def _check_other_windows(self) -> None:
        """Show what another connection wrote since the list was read (a cheap PRAGMA)."""
        if not services(self).journal_is_open or self.app.screen is not self:
            return

        def seen(version: int) -> None:
            if self._seen_version is not None and version != self._seen_version:
                self.show_entries()
            self._seen_version = version

        # A failure is left to the next read, which says what is wrong in one sentence.
        read_journal(
            self,
            lambda journal: journal.changes_elsewhere(),
            seen,
            failed=lambda _: None,
            group="other-windows",
            exclusive=True,
        )

    def on_screen_resume(self) -> None:
        if services(self).journal_is_open:
            self.show_entries()

    def on_journal_ready(self, _: JournalReady) -> None:
        self.show_entries()

    def show_entries(self, *, keep_cursor: bool = True) -> None:
        """Ask the journal for what the filters find and show it (or say why not).

        The page under the cursor comes with the sizes of the groups, so a quick answer is
        drawn whole at once, never blank lines first.
        """
        entries = self.query_one(EntryList)
        query, grouping, empty = self.shown_query, self.shown_grouping, self._empty_message()
        number = entries.cursor // PAGE_SIZE if keep_cursor else 0

        def job(journal: Journal) -> tuple[list[tuple[GroupKey, int]], list[EntryRow]]:
            groups = journal.entries.group_counts(query, grouping=grouping)
            return groups, _rows(journal, query, grouping, number)

        def shown(answer: tuple[list[tuple[GroupKey, int]], list[EntryRow]]) -> None:
            groups, rows = answer
            entries.empty_text = empty
            total = entries.show(
                groups, query, grouping, self._heading, keep_cursor=keep_cursor, page=(number, rows)
            )
            self._show_status(self._describe(total))
            if not self.query_one("#journal-search", Input).has_focus:
                entries.focus()

        read_journal(
            self,
            job,
            shown,
            failed=lambda error: self._show_status(Content(str(error))),
            slow=lambda: self._show_status(Content(READING)),
            group="entry-groups",
            exclusive=True,
        )

    def on_entry_list_page_wanted(self, event: EntryList.PageWanted) -> None:
        """Read a page of the list off the event loop (its rows are made there too)."""
        entries = self.query_one(EntryList)
        query, grouping, number = event.query, event.grouping, event.number

        def failed(error: JournalError) -> None:
            entries.page_failed(event.generation, number)
            self.notify(str(error), severity="error", markup=False)

        read_journal(
            self,
            lambda journal: _rows(journal, query, grouping, number),
            lambda rows: entries.add_page(event.generation, number, rows),
            failed=failed,
            slow=lambda: entries.page_slow(event.generation, number),
            group="entry-pages",
        )

    def _show_status(self, content: Content) -> None:
        self.query_one("#journal-status", Static).update(content)

    def _heading(self, key: GroupKey, count: int) -> str:
        size = entries_count(count)
        if self.in_trash:
            return f"In the trash · {size}"
        if self.grouping == "calendar" and isinstance(key, str):
            monday = date.fromisoformat(key)
            return f"Week of {describe_day(monday, short=True, weekday=True)} · {size}"
        week = key if isinstance(key, int) else None
        title = week_label(week)
        course = services(self).course
        if week is not None and any(w.number == week for w in course.weeks):
            title += f" · {course.week(week).title}"
        return f"{title} · {size}"

    def _describe(self, total: int) -> Content:
        """The status line: how many, and what narrows the list."""
        count = entries_count(total)
        if self.in_trash:
            return Content.assemble(
                ("Trash", "bold $accent"),
                f" · {count} · r restores · d deletes for good · T back to the journal",
            )
        parts = self.filter_words()
        grouping = "by calendar week" if self.grouping == "calendar" else "by programme week"
        if not parts:
            return Content(f"{count} · {grouping}")
        return Content.assemble(
            f"{count} · filtered by ",
            (", ".join(parts), "bold"),
            f" · {grouping} · Esc clears",
        )

    def filter_words(self) -> list[str]:
        """Each filter in force, in words (user text kept literal)."""
        query = self.query_filters
        parts = []
        if query.is_search:
            words = " ".join(query.search.split())
            if len(words) > SEARCH_SHOWN_CHARS:  # a long paste would push the rest off the line
                words = words[: SEARCH_SHOWN_CHARS - 1].rstrip() + "…"
            parts.append(f"“{literal(words)}”")
        if query.week is not None:
            parts.append("no week" if query.week == NO_WEEK else f"week {query.week}")
        if query.practice_id is not None:
            name = self._practice_names.get(query.practice_id, query.practice_id)
            parts.append(literal(name))
        if query.since is not None or query.until is not None:
            parts.append(DayRange(query.since, query.until).describe())
        if query.starred:
            parts.append("starred")
        return parts

    def _empty_message(self) -> str:
        if self.in_trash:
            return (
                "The trash is empty. Entries you delete wait here until you empty it. "
                "Press T to go back to your journal."
            )
        if self.query_filters == EntryQuery(starred=True):
            return (
                "No starred entries yet. Press s on an entry to star it; "
                "press * again to show every entry."
            )
        if self.query_filters.is_filtered:
            return "No entries match. Press Escape to clear the filters, or / to search again."
        return (
            "Your journal is empty. After a practice or an exercise, what you write is kept "
            "here. Press Escape to go back."
        )

    def _refilter(self, **changes: object) -> None:
        """Change the filters and show the list from its top."""
        fields = {
            "week": self.query_filters.week,
            "practice_id": self.query_filters.practice_id,
            "since": self.query_filters.since,
            "until": self.query_filters.until,
            "search": self.query_filters.search,
            "starred": self.query_filters.starred,
        }
        fields.update(changes)
        self.query_filters = EntryQuery(**fields)  # type: ignore[arg-type]
        self.show_entries(keep_cursor=False)

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_search":
            return self.query_one("#journal-search", Input).has_focus
        if action in _JOURNAL_ONLY or action in ("search", "delete", "star"):
            return not self.in_trash
        if action in _TRASH_ONLY:
            return self.in_trash
        if action == "undo":
            return self.last_trashed is not None and not self.in_trash
        return True

    def action_back(self) -> None:
        search = self.query_one("#journal-search", Input)
        if search.has_focus:
            self.set_focus(self.query_one(EntryList))
            return
        if self.in_trash:
            self.action_toggle_trash()
        elif self.query_filters.is_filtered:
            self.clear_filters()
        else:
            self.app.pop_screen()

    def clear_filters(self) -> None:
        self.dates_text = ""
        self.query_one("#journal-search", Input).value = ""
        self._cancel_search_alarm()
        self.query_filters = EntryQuery()
        self.show_entries(keep_cursor=False)

    def action_search(self) -> None:
        self.set_focus(self.query_one("#journal-search", Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "journal-search" or event.value == self.query_filters.search:
            return
        self._cancel_search_alarm()
        self._search_alarm = self.set_timer(SEARCH_DELAY_SECONDS, self._search_now)

    def action_leave_search(self) -> None:
        """Enter or Down in the search box: search now, and move to the list."""
        self._search_now()
        self.set_focus(self.query_one(EntryList))

    def _search_now(self) -> None:
        self._cancel_search_alarm()
        text = self.query_one("#journal-search", Input).value
        if text != self.query_filters.search:
            self._refilter(search=text)

    def _cancel_search_alarm(self) -> None:
        if self._search_alarm is not None:
            self._search_alarm.stop()
            self._search_alarm = None

    def action_cycle_week(self) -> None:
        """All weeks → 1 … 6 → entries tied to no week → all weeks."""
        weeks = [w.number for w in services(self).course.weeks]
        order: list[int | None] = [None, *weeks, NO_WEEK]
        current = self.query_filters.week
        following = order[(order.index(current) + 1) % len(order)] if current in order else None
        self._refilter(week=following)

    def action_pick_practice(self) -> None:
        read_journal(self, lambda journal: journal.entries.practices(), self._pick_practice)

    def _pick_practice(self, practices: list[tuple[str, str, int]]) -> None:
        self._practice_names = {pid: name for pid, name, _ in practices}

        def picked(choice: str | None) -> None:
            if choice is None:
                return
            self._refilter(practice_id=None if choice == ALL_PRACTICES else choice)

        self.app.push_screen(PracticePicker(practices, self.query_filters.practice_id), picked)

    def action_pick_dates(self) -> None:
        def picked(choice: tuple[str, DayRange] | None) -> None:
            if choice is None:
                return
            self.dates_text, days = choice
            self._refilter(since=days.since, until=days.until)

        today = services(self).clock.wall().date()
        self.app.push_screen(DatesDialog(today, self.dates_text), picked)

    def action_toggle_grouping(self) -> None:
        self.grouping = "calendar" if self.grouping == "week" else "week"
        self.show_entries(keep_cursor=False)

    def action_starred(self) -> None:
        self._refilter(starred=not self.query_filters.starred)

    def action_toggle_trash(self) -> None:
        self.in_trash = not self.in_trash
        self.sub_title = "Trash" if self.in_trash else "Journal"
        self.query_one("#journal-search", Input).display = not self.in_trash
        self.show_entries(keep_cursor=False)
        self.refresh_bindings()

    # -- one entry -----------------------------------------------------------------------

    def on_entry_list_opened(self, event: EntryList.Opened) -> None:
        entry_id = event.entry_id
        read_journal(self, lambda journal: journal.entries.get(entry_id), self._open_entry)

    def _open_entry(self, entry: Entry | None) -> None:
        if entry is None:
            self.show_entries()
            return
        self._opened_id = entry.id
        self.app.push_screen(EntryScreen(entry, self.shown_query.terms), self._entry_closed)

    def _entry_closed(self, outcome: EntryOutcome) -> None:
        if outcome == "trashed" and self._opened_id is not None:
            self._trashed(self._opened_id)

    def _trashed(self, entry_id: str | None) -> None:
        self.last_trashed = entry_id
        self.refresh_bindings()
        self.notify(TRASHED_NOTICE, timeout=10)

    def action_star(self) -> None:
        current = self.query_one(EntryList).current
        if current is None or self.in_trash:
            return
        entry_id, starred = current.id, not current.starred
        self._change(lambda journal: journal.entries.set_starred(entry_id, starred))

    def action_delete(self) -> None:
        """To the trash; u brings it back."""
        current = self.query_one(EntryList).current
        if current is None:
            return
        entry_id = current.id
        self._change(
            lambda journal: journal.entries.trash(entry_id), lambda _: self._trashed(entry_id)
        )

    def action_delete_forever(self) -> None:
        """From the trash, for good, once asked."""
        current = self.query_one(EntryList).current
        if current is None:
            return
        entry_id = current.id

        def decided(forever: bool | None) -> None:
            if forever:
                self._change(lambda journal: journal.entries.delete_forever(entry_id))

        self.app.push_screen(
            Confirm(
                "Delete this entry for good?",
                "It will be gone from your journal and cannot be brought back.",
                yes="Delete for good",
                no="Keep it",
            ),
            decided,
        )

    def action_undo(self) -> None:
        entry_id = self.last_trashed
        if entry_id is None:
            return

        def restored(_: object) -> None:
            self.last_trashed = None
            self.refresh_bindings()
            self.notify("Restored to your journal.")

        self._change(lambda journal: journal.entries.restore(entry_id), restored)

    def action_restore(self) -> None:
        current = self.query_one(EntryList).current
        if current is None or not self.in_trash:
            return
        entry_id = current.id
        self._change(
            lambda journal: journal.entries.restore(entry_id),
            lambda _: self.notify("Restored to your journal."),
        )

    def action_empty_trash(self) -> None:
        entries = self.query_one(EntryList)
        if not entries.total:
            self.notify("The trash is already empty.")
            return

        def emptied(count: int) -> None:
            self.last_trashed = None
            self.notify(f"Deleted {entries_count(count)} for good.")

        def decided(empty: bool | None) -> None:
            if empty:
                self._change(
                    lambda journal: journal.entries.empty_trash(), emptied, keep_cursor=False
                )

        self.app.push_screen(
            Confirm(
                "Empty the trash?",
                f"{entries_count(entries.total)} will be gone for good and cannot be brought back.",
                yes="Empty the trash",
                no="Keep it" if entries.total == 1 else "Keep them",
            ),
            decided,
        )

    def _change(
        self,
        job: Callable[[Journal], T],
        done: Callable[[T], None] | None = None,
        *,
        keep_cursor: bool = True,
    ) -> None:
        """Change the journal off the event loop; then ``done`` and show the list again (an
        entry changed meanwhile in another window is told in one sentence)."""

        def changed(result: T) -> None:
            if done is not None:
                done(result)
            self.show_entries(keep_cursor=keep_cursor)

        write_journal(self, job, changed, failed=self._problem)

    def _problem(self, error: JournalError) -> None:
        message = (
            "That entry has changed in another window; the list is read again."
            if isinstance(error, EntryNotFound | NotInTrash)
            else str(error)
        )
        self.notify(message, severity="error", markup=False)
        self.show_entries()
