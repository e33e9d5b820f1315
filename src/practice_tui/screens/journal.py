"""Journal: reflections grouped by week, newest first; each opens whole."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.journal import Entry
from practice_tui.screens.base import services
from practice_tui.screens.text import duration, literal, week_label, when


def entry_prompt(entry: Entry) -> Content:
    """One line a reflection: when, what, how long, then its opening words (all literal)."""
    practised = f" · {duration(entry.practised_seconds)}" if entry.practised_seconds else ""
    return Content.assemble(
        (when(entry.created_at), "bold"),
        (literal(f" · {entry.practice_name or 'Reflection'}{practised}"), ""),
        "\n   ",
        (literal(entry.opening_words(70)), "dim"),
    )


class JournalScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.assemble(("Journal", "bold $accent")), classes="title")
        yield OptionList(id="entries")
        yield Static(id="empty", classes="hint")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.sub_title = "Journal"
        entries = self.query_one("#entries", OptionList)
        entries.clear_options()
        course = services(self).course
        groups = services(self).journal.entries_by_week()
        for week, items in groups:
            title = week_label(week)
            if week is not None and any(w.number == week for w in course.weeks):
                title += f" · {course.week(week).title}"
            entries.add_option(Option(Content.assemble((title, "bold $accent")), disabled=True))
            for entry in items:
                entries.add_option(Option(entry_prompt(entry), id=entry.id))
        empty = not groups
        entries.display = not empty
        self.query_one("#empty", Static).update(
            "No reflections yet. After a practice, what you write is kept here." if empty else ""
        )
        if not empty:
            entries.focus()
            entries.highlighted = 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            entry = services(self).journal.get_entry(event.option_id)
            if entry is not None:
                self.app.push_screen(EntryScreen(entry))


class EntryScreen(Screen[None]):
    """One reflection, whole, exactly as it was written."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        yield Header()
        with VerticalScroll(id="entry"):
            yield Static(
                Content.assemble((literal(entry.practice_name or "Reflection"), "bold $accent")),
                classes="title",
            )
            details = [when(entry.created_at), week_label(entry.week)]
            if entry.practised_seconds:
                details.append(f"practised {duration(entry.practised_seconds)}")
            yield Static(Content(" · ".join(details)), classes="summary")
            for answer in entry.answers:
                yield Static(Content(literal(answer.question)), classes="question")
                text = answer.answer if answer.answer.strip() else "(not answered)"
                yield Static(Content(literal(text)), classes="answer-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Journal entry"
