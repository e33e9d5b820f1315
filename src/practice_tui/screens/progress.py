"""Progress: minutes each week, this week's sessions, a calendar of practice days, home tasks,
and a gentle streak (unless the participant has hidden it).

The charts are drawn with block characters and fit whatever width there is: the bars grow
with the window and the calendar shows as many weeks as fit, up to about six months.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from practice_tui.app import JournalReady
from practice_tui.journal import JournalError
from practice_tui.journal.progress import (
    ONE_DAY,
    Progress,
    WeekTotal,
    gather,
    hour_label,
    streak_words,
)
from practice_tui.journal.times import DAY_NAMES, describe_day, month_name
from practice_tui.screens.base import services
from practice_tui.screens.text import plural

#: Eighths of a cell, for bars that grow smoothly.
EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
#: Calendar shading: (fewer minutes than this, the cell, what it means), lightest first.
SHADES = ((10, "░", "under 10 min"), (20, "▒", "10-19"), (30, "▓", "20-29"))
MOST = ("█", "30 or more")
NOT_PRACTISED = "·"
#: Every other day is named beside the calendar, so the rows stay readable.
CALENDAR_DAY_NAMES = tuple(name[:3] if i % 2 == 0 else "" for i, name in enumerate(DAY_NAMES))


def bar(minutes: float, most: float, width: int) -> str:
    """A bar of ``width`` cells at most, in eighths of a cell; empty when nothing was done."""
    if most <= 0 or minutes <= 0 or width <= 0:
        return ""
    eighths = max(1, round(minutes / most * width * 8))
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


def shade(minutes: float) -> str:
    if minutes <= 0:
        return NOT_PRACTISED
    return next((cell for below, cell, _ in SHADES if minutes < below), MOST[0])


class WeekBars(Widget):
    """Minutes each week as bars, with sessions and home tasks beside them; newest last."""

    DEFAULT_CSS = """
    WeekBars { height: auto; padding: 0 2; }
    """
    LABEL = 8
    NUMBERS = 30  # minutes (8), sessions (10), home tasks (12)
    LONGEST_BAR = 40

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weeks: tuple[WeekTotal, ...] = ()

    def show(self, weeks: tuple[WeekTotal, ...]) -> None:
        self.weeks = weeks
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.weeks) + 1

    def render(self) -> Content:
        width = max(0, self.content_size.width)
        room = min(self.LONGEST_BAR, max(6, width - self.LABEL - self.NUMBERS))
        most = max((week.minutes for week in self.weeks), default=0)
        lines: list[Content] = [
            Content.styled(
                f"{'week of':<{self.LABEL + room}}{'minutes':>8}{'sessions':>10}{'home tasks':>12}",
                "dim",
            )
        ]
        for week in self.weeks:
            current = week is self.weeks[-1]
            lines.append(
                Content.assemble(
                    (
                        f"{describe_day(week.monday, short=True, year=False):<{self.LABEL}}",
                        "bold" if current else "dim",
                    ),
                    (f"{bar(week.minutes, most, room):<{room}}", "$accent"),
                    f"{week.minutes:>8.0f}",
                    f"{week.sessions:>10}",
                    f"{week.home_tasks:>12}",
                )
            )
        return Content("\n").join(lines)


class PracticeCalendar(Widget):
    """Practice days over the last months: a column a week, a row a day, shaded by minutes."""

    DEFAULT_CSS = """
    PracticeCalendar { height: 8; padding: 0 2; }
    """
    LABEL = 4
    CELL = 2

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.progress: Progress | None = None

    def show(self, progress: Progress) -> None:
        self.progress = progress
        self.refresh()

    def mondays(self, width: int) -> list[date]:
        """The weeks that fit in ``width`` cells, newest last."""
        progress = self.progress
        if progress is None:
            return []
        this_monday = progress.weeks[-1].monday
        available = (this_monday - progress.calendar_from).days // 7 + 1
        count = max(1, min(available, (width - self.LABEL) // self.CELL))
        return [this_monday - timedelta(weeks=n) for n in range(count - 1, -1, -1)]

    def render(self) -> Content:
        progress = self.progress
        if progress is None:
            return Content("")
        mondays = self.mondays(self.content_size.width)
        lines = [Content.styled(self._months(mondays), "dim")]
        for weekday, name in enumerate(CALENDAR_DAY_NAMES):
            parts: list[str | tuple[str, str]] = [(f"{name:<{self.LABEL}}", "dim")]
            for monday in mondays:
                day = monday + weekday * ONE_DAY
                parts.append(self._cell(progress, day))
            lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)

    def _months(self, mondays: list[date]) -> str:
        """Month names above the first column of each month (where they do not crowd)."""
        row = [" "] * (self.LABEL + self.CELL * len(mondays) + 3)
        sundays = [monday + 6 * ONE_DAY for monday in mondays]
        starts = [i for i, sunday in enumerate(sundays) if sunday.day <= 7]
        if not any(i < 3 for i in starts):
            starts.insert(0, 0)  # name the first month too, unless the next is close by
        free_from = 0
        for index in starts:
            at = self.LABEL + index * self.CELL
            if at >= free_from:
                name = month_name(sundays[index], short=True)
                row[at : at + len(name)] = name
                free_from = at + len(name) + 1
        return "".join(row).rstrip()

    @staticmethod
    def _cell(progress: Progress, day: date) -> tuple[str, str]:
        if day > progress.today:
            return ("  ", "")
        minutes = progress.day_minutes.get(day, 0.0)
        style = "$accent" if minutes > 0 else "$text-muted"
        if day == progress.today:
            style += " underline"
        return (f"{shade(minutes)} ", style)


def legend() -> Content:
    parts: list[str | tuple[str, str]] = [(NOT_PRACTISED, "$text-muted"), " none  "]
    for _, cell, meaning in (*SHADES, (0, *MOST)):
        parts += [(cell, "$accent"), f" {meaning}  "]
    return Content.assemble(*parts).rstrip()


class ProgressScreen(Screen[None]):
    """How practice has gone: gently, with no targets."""

    DEFAULT_CSS = """
    #progress-view { height: 1fr; }
    #progress-summary { padding: 1 2 0 2; height: auto; }
    #calendar-legend { padding: 0 2; color: $text-muted; height: auto; }
    """

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-view"):
            yield Static(Content.styled("Progress", "bold $accent"), classes="title")
            yield Static(Content("Opening your journal…"), id="progress-summary")
            yield Static("Minutes each week", classes="section-title")
            yield WeekBars(id="week-bars")
            yield Static("Practice days", classes="section-title")
            yield PracticeCalendar(id="calendar")
            yield Static(legend(), id="calendar-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        self.query_one("#progress-view").focus()
        if services(self).journal_is_open:
            self.refresh_progress()

    def on_screen_resume(self) -> None:
        if services(self).journal_is_open:
            self.refresh_progress()  # the settings may have hidden the streak

    def on_journal_ready(self, _: JournalReady) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        app = services(self)
        prefs = app.preferences
        try:
            progress = gather(
                app.journal,
                app.clock.wall(),
                day_ends_at=prefs.day_ends_at,
                show_streak=prefs.show_streak,
            )
        except JournalError as error:
            self.query_one("#progress-summary", Static).update(Content(str(error)))
            return
        self.query_one("#progress-summary", Static).update(summary(progress))
        self.query_one(WeekBars).show(progress.weeks)
        self.query_one(PracticeCalendar).show(progress)


def summary(progress: Progress) -> Content:
    """This week in words, the weeks shown, and the streak unless it is hidden."""
    week = progress.this_week
    shown = progress.weeks
    days = sum(1 for day in progress.day_minutes if day >= shown[0].monday)
    lines: list[str | tuple[str, str]] = [
        ("This week: ", "bold"),
        f"{plural(week.sessions, 'session')}, {week.minutes:.0f} min, "
        f"{plural(week.home_tasks, 'home task')} ticked.",
        "\n",
        (
            f"Over {len(shown)} weeks: {plural(sum(w.sessions for w in shown), 'session')}, "
            f"{sum(w.minutes for w in shown):.0f} min, on {plural(days, 'day')}.",
            "dim",
        ),
    ]
    if progress.show_streak:
        ends = f"a day ends at {hour_label(progress.day_ends_at)}"
        words = streak_words(progress.streak)
        lines += ["\n"]
        lines += (
            [(words.capitalize(), "bold $accent"), (f" · {ends}", "dim")]
            if words
            else [(f"No streak just now: any practice today begins one ({ends}).", "dim")]
        )
    return Content.assemble(*lines)
