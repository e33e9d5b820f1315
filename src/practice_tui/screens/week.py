"""Week: what the week is about, its agenda in the programme's order, and its home tasks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.course import AgendaItem, AgendaKind, Collects, Week
from practice_tui.journal import JournalError
from practice_tui.journal.days import week_of
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.journal_work import read_journal, write_journal
from practice_tui.screens.messages import JournalReady
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.reflect import ReflectScreen, Writing
from practice_tui.widgets import HomeTaskGrid, TaskRow
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.widgets.page_options import PageOptions

KIND_LABELS = {
    AgendaKind.GROUP: "in the group session",
    AgendaKind.PRACTICE: "guided practice",
    AgendaKind.EXERCISE: "reflective exercise",
    AgendaKind.HOME_TASKS: "between sessions: see the home tasks below",
}


class WeekScreen(BaseScreen[None]):
    """One week of the programme. Practices and exercises in its agenda open from here."""

    # Read when this screen first opens: Home is drawn without it (benchmarks/startup.py).
    CSS_PATH = "week.tcss"

    BINDINGS = [
        # Priority, over the agenda's own Enter, so the footer can say what Enter does.
        Binding("enter", "open_item('practice')", "Play practice", id="play", priority=True),
        Binding("enter", "open_item('exercise')", "Open exercise", id="open", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("t", "focus_tasks", "Home tasks", id="tasks"),
    ]

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
            yield PageOptions(*self._agenda_options(), id="agenda")
            if week.home_tasks:
                yield Static("Home tasks", classes="section-title")
                today = services(self).clock.wall().date()
                rows = [TaskRow(task.id, task.title) for task in week.home_tasks]
                yield HomeTaskGrid(rows, today, id="task-grid")
                yield Static(self._task_descriptions(), id="home-tasks")
        yield KeyFooter()

    def _agenda_options(self) -> list[Option]:
        options = []
        for index, item in enumerate(self.week.agenda):
            playable = self._playable(item)
            prompt = Content.assemble(
                ("▶ " if playable else "  ", "$accent"),
                (item.title, "bold" if playable else ""),
                "\n    ",
                (self._label(item), "dim"),
            )
            if item.note:
                prompt += Content.assemble("\n    ", (item.note, "dim italic"))
            options.append(Option(prompt, id=f"item-{index}", disabled=not playable))
        return options

    def _playable(self, item: AgendaItem) -> bool:
        course = services(self).course
        if item.kind is AgendaKind.PRACTICE:
            return item.ref in course.practices
        if item.kind is AgendaKind.EXERCISE:
            return item.ref in course.exercises
        return False

    def _label(self, item: AgendaItem) -> str:
        course = services(self).course
        if item.kind is AgendaKind.PRACTICE and item.ref in course.practices:
            practice = course.practice(item.ref)
            lengths = " or ".join(str(n) for n in practice.lengths)
            ways = f" · {len(practice.modes)} ways" if practice.has_modes else ""
            return f"guided practice · {lengths} min{ways}"
        if item.kind is AgendaKind.EXERCISE and item.ref in course.exercises:
            exercise = course.exercise(item.ref)
            extra = {
                Collects.ACTIONS: " · with actions to tick off later",
                Collects.SHEET: " · makes an answer sheet you can save",
            }.get(exercise.collects, "")
            return f"reflective exercise · writing{extra}"
        return KIND_LABELS[item.kind]

    def _task_descriptions(self) -> Content:
        lines = []
        for task in self.week.home_tasks:
            line = Content.assemble(("• ", "$accent"), (task.title, "bold"))
            if task.description:
                line += Content.assemble("\n  ", (task.description, "dim"))
            lines.append(line)
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.sub_title = f"Week {self.week.number}"
        agenda = self.query_one("#agenda", PageOptions)
        agenda.focus(scroll_visible=False)
        self.watch(agenda, "highlighted", lambda _: self.refresh_bindings(), init=False)
        self.call_after_refresh(self._highlight_first_seen)
        if services(self).journal_is_open:
            self._load_ticks()

    def _highlight_first_seen(self) -> None:
        """The first practice or exercise is highlighted if it is on screen; otherwise ↓
        reads down to it (the highlight is never on something out of sight)."""
        agenda = self.query_one("#agenda", PageOptions)
        playable = [i for i, item in enumerate(self.week.agenda) if self._playable(item)]
        if playable and agenda.highlighted is None and agenda.is_seen(playable[0]):
            agenda.highlighted = playable[0]

    def _highlighted_item(self) -> AgendaItem | None:
        agenda = self.query_one("#agenda", PageOptions)
        if not agenda.has_focus or agenda.highlighted is None:
            return None
        return self.week.agenda[agenda.highlighted]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter says what it will do with the highlighted item: play it or open it."""
        if action != "open_item":
            return True
        item = self._highlighted_item()
        kind = AgendaKind.PRACTICE if parameters == ("practice",) else AgendaKind.EXERCISE
        return item is not None and item.kind is kind

    def action_open_item(self, _kind: str) -> None:
        agenda = self.query_one("#agenda", PageOptions)
        agenda.action_select()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_journal_ready(self, _: JournalReady) -> None:
        self._load_ticks()

    def _load_ticks(self) -> None:
        grids = self.query(HomeTaskGrid)
        if not grids:
            return
        grid = grids.first()
        days = week_of(grid.today)
        read_journal(
            self,
            lambda journal: journal.tasks.home_task_days(since=days[0], until=days[-1]),
            grid.set_ticked,
        )

    def on_home_task_grid_toggled(self, event: HomeTaskGrid.Toggled) -> None:
        week, task_id, day, done = self.week.number, event.task_id, event.day, event.done

        def failed(error: JournalError) -> None:
            self.notify(str(error), severity="error", markup=False)
            self._load_ticks()

        write_journal(
            self,
            lambda journal: journal.tasks.set_home_task(
                week=week, task_id=task_id, day=day, done=done
            ),
            failed=failed,
        )

    def action_focus_tasks(self) -> None:
        grids = self.query(HomeTaskGrid)
        if grids:
            grids.first().focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not event.option_id:
            return
        item = self.week.agenda[int(event.option_id.removeprefix("item-"))]
        course = services(self).course
        if item.kind is AgendaKind.PRACTICE and item.ref in course.practices:
            self.app.push_screen(PracticeScreen(course.practice(item.ref)))
        elif item.kind is AgendaKind.EXERCISE and item.ref in course.exercises:
            self.app.push_screen(ReflectScreen(Writing.exercise(course.exercise(item.ref))))
