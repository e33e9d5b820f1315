"""Week: what the week is about, its agenda in the programme's order, and its home tasks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.course import AgendaKind, Week
from practice_tui.screens.base import services

KIND_LABELS = {
    AgendaKind.GROUP: "in the group session",
    AgendaKind.PRACTICE: "guided practice",
    AgendaKind.EXERCISE: "reflective exercise",
    AgendaKind.HOME_TASKS: "between sessions",
}


class WeekScreen(Screen[None]):
    """One week of the programme. Practices in its agenda can be played from here."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def __init__(self, week: Week) -> None:
        super().__init__()
        self.week = week

    def compose(self) -> ComposeResult:
        week = self.week
        yield Header()
        with VerticalScroll(id="week"):
            yield Static(
                Content.assemble((f"Week {week.number} · {week.title}", "bold $accent")),
                classes="title",
            )
            yield Static(Content(week.theme), classes="theme")
            if week.elements:
                elements = "Works on: " + "; ".join(week.elements)
                yield Static(Content(elements), classes="elements")
            yield Static(Content(week.intro), classes="intro")
            yield Static("This week", classes="section-title")
            yield OptionList(id="agenda")
            if week.home_tasks:
                yield Static("Home tasks", classes="section-title")
                tasks = [
                    Content.assemble(("• ", "$accent"), (task.title, "bold"))
                    + (
                        Content.assemble("\n  ", (task.description, "dim"))
                        if task.description
                        else ""
                    )
                    for task in week.home_tasks
                ]
                yield Static(Content("\n").join(tasks), id="home-tasks")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Week {self.week.number}"
        agenda = self.query_one("#agenda", OptionList)
        course = services(self).course
        for index, item in enumerate(self.week.agenda):
            playable = item.kind is AgendaKind.PRACTICE and item.ref in course.practices
            label = KIND_LABELS[item.kind]
            if playable and item.ref:
                practice = course.practice(item.ref)
                lengths = " or ".join(str(n) for n in practice.lengths)
                label = f"guided practice · {lengths} min · press Enter"
            prompt = Content.assemble(
                ("▶ " if playable else "  ", "$accent"),
                (item.title, "bold" if playable else ""),
                "\n    ",
                (label, "dim"),
            )
            if item.note:
                prompt += Content.assemble("\n    ", (item.note, "dim italic"))
            agenda.add_option(Option(prompt, id=f"item-{index}", disabled=not playable))
            if playable and agenda.highlighted is None:
                agenda.highlighted = index
        agenda.focus(scroll_visible=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from practice_tui.screens.practice import PracticeScreen

        if not event.option_id:
            return
        item = self.week.agenda[int(event.option_id.removeprefix("item-"))]
        if item.ref:
            self.app.push_screen(PracticeScreen(services(self).course.practice(item.ref)))
