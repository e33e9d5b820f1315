"""A week of home tasks: one row a task, one column a day, a tick where it was done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from practice_tui.journal.days import week_of
from practice_tui.journal.times import day_name

CELL = 5


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str


class HomeTaskGrid(Widget, can_focus=True):
    """Arrow keys move; space ticks. Days after today cannot be ticked yet."""

    DEFAULT_CSS = """
    HomeTaskGrid {
        height: auto;
        padding: 0 1;
    }
    HomeTaskGrid:focus {
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("left", "move(0, -1)", "Earlier", show=False),
        Binding("right", "move(0, 1)", "Later", show=False),
        Binding("space", "toggle", "Tick", id="tick"),
    ]

    class Toggled(Message):
        """The participant ticked (or unticked) a task on a day."""

        def __init__(self, task_id: str, day: date, done: bool) -> None:
            super().__init__()
            self.task_id, self.day, self.done = task_id, day, done

    cursor: reactive[tuple[int, int]] = reactive((0, 0))

    def __init__(
        self,
        tasks: list[TaskRow],
        today: date,
        ticked: set[tuple[str, date]] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.tasks = tasks
        self.today = today
        self.days = week_of(today)
        self.ticked = set(ticked or ())
        self.set_reactive(HomeTaskGrid.cursor, (0, self.days.index(today)))

    def set_ticked(self, ticked: set[tuple[str, date]]) -> None:
        self.ticked = set(ticked)
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width or 60
        title_width = max(12, width - CELL * 7 - 2)
        header = [" " * title_width]
        for day in self.days:
            style = "bold $accent" if day == self.today else "dim"
            header.append((f"{day_name(day, short=True):^{CELL}}", style))
        lines: list[Content] = [Content.assemble(*header)]
        row, col = self.cursor
        for r, task in enumerate(self.tasks):
            title = (
                task.title
                if len(task.title) <= title_width - 1
                else (task.title[: title_width - 2] + "…")
            )
            parts: list[str | tuple[str, str]] = [(f"{title:<{title_width}}", "")]
            for c, day in enumerate(self.days):
                done = (task.id, day) in self.ticked
                mark = "✓" if done else ("·" if day <= self.today else " ")
                style = "$success bold" if done else "dim"
                if self.has_focus and (r, c) == (row, col):
                    style += " reverse"
                parts.append((f"{mark:^{CELL}}", style))
            lines.append(Content.assemble(*parts))
        done = sum(1 for task in self.tasks for day in self.days if (task.id, day) in self.ticked)
        lines.append(Content.assemble((f"{done} ticked this week", "dim")))
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, rows: int, cols: int) -> None:
        row, col = self.cursor
        self.cursor = (
            min(max(0, row + rows), max(0, len(self.tasks) - 1)),
            min(max(0, col + cols), 6),
        )

    def action_toggle(self) -> None:
        if not self.tasks:
            return
        row, col = self.cursor
        task, day = self.tasks[row], self.days[col]
        if day > self.today:
            self.notify("That day has not come yet.")
            return
        done = (task.id, day) not in self.ticked
        if done:
            self.ticked.add((task.id, day))
        else:
            self.ticked.discard((task.id, day))
        self.refresh()
        self.post_message(self.Toggled(task.id, day, done))
