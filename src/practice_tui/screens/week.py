"""Week: what the week is about, its agenda in the programme's order, and its home tasks."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static

from practice_tui.course import AgendaItem, AgendaKind, Week
from practice_tui.journal import JournalError
from practice_tui.journal.days import week_of
from practice_tui.paper import agenda_label
from practice_tui.paths import private_atomic_writer
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.journal_work import read_journal, write_journal
from practice_tui.screens.messages import JournalReady
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.reflect import ReflectScreen, Writing
from practice_tui.widgets import HomeTaskGrid, TaskRow
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.widgets.page_options import PageOptions
from practice_tui.widgets.wrapped_options import Prompt
from practice_tui.wording import hanging


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
        Binding("c", "save_card", "Week card", id="week-card"),
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
            yield PageOptions(self._agenda_options(), id="agenda")
            if week.home_tasks:
                yield Static("Home tasks", classes="section-title")
                today = services(self).clock.wall().date()
                rows = [TaskRow(task.id, task.title) for task in week.home_tasks]
                yield HomeTaskGrid(rows, today, id="task-grid")
                with Vertical(id="home-tasks"):
                    for task in week.home_tasks:
                        yield Static(
                            Content.assemble(("• ", "$accent"), (task.title, "bold")),
                            classes="task-title",
                        )
                        if task.description:
                            # Indented by its padding: a wrapped line stays under the first.
                            yield Static(Content.styled(task.description, "dim"), classes="task")
        yield KeyFooter()

    def _agenda_options(self) -> list[tuple[Prompt, str, bool]]:
        return [
            (partial(self._agenda_prompt, item), f"item-{index}", not self._playable(item))
            for index, item in enumerate(self.week.agenda)
        ]

    def _agenda_prompt(self, item: AgendaItem, width: int) -> Content:
        """The item's title, then its kind and note indented under it: wrapped to ``width``
        by hand, so a wrapped line keeps the indent (0: not wrapped yet)."""
        wide = width or 10_000
        playable = self._playable(item)
        prompt = Content.assemble(
            ("▶ " if playable else "  ", "$accent"),
            (hanging(item.title, wide, 2).removeprefix("  "), "bold" if playable else ""),
            "\n",
            (hanging(self._label(item), wide, 4), "dim"),
        )
        if item.note:
            prompt += Content.assemble("\n", (hanging(item.note, wide, 4), "dim italic"))
        return prompt

    def _playable(self, item: AgendaItem) -> bool:
        course = services(self).course
        if item.kind is AgendaKind.PRACTICE:
            return item.ref in course.practices
        if item.kind is AgendaKind.EXERCISE:
            return item.ref in course.exercises
        return False

    def _label(self, item: AgendaItem) -> str:
        return agenda_label(services(self).course, item)

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
        self.query_one("#agenda", PageOptions).action_select()

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

    def action_save_card(self) -> None:
        """The week's one-page card, as HTML to print from a browser, in Documents (or the
        home folder); written in a worker, so a slow disk never freezes the screen."""
        from practice_tui.paper import render_card, week_card
        from practice_tui.screens.export import default_folder

        app = services(self)
        anchor = app.preferences.practice_anchor
        card = render_card(week_card(app.course, self.week.number, anchor), "html")
        target = default_folder() / f"practice-tui-week-{self.week.number}-card.html"

        def save() -> None:
            try:
                with private_atomic_writer(target) as stream:
                    stream.write(card)
            except OSError as error:
                reason = error.strerror or str(error)
                self.app.call_from_thread(
                    self.notify,
                    f"The card could not be saved: {reason}.",
                    severity="error",
                    markup=False,
                )
                return
            self.app.call_from_thread(
                self.notify,
                f"Week {self.week.number}'s card is in {target}: open it in a browser to print it.",
                markup=False,
                timeout=10,
            )

        self.run_worker(save, thread=True, group="week-card", exit_on_error=False)
