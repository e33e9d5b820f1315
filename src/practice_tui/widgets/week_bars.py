"""Minutes each week as a bar chart drawn with block characters, growing with the window.

Calendar weeks are named by their Monday ("5 Jan"); programme weeks by their number ("Week 3",
"After the course"). Each bar ends with its minutes and, where there is room, the practices.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from practice_tui.journal.programme import programme_week_name
from practice_tui.journal.progress import WeekTotal
from practice_tui.journal.times import describe_day
from practice_tui.wording import plural

#: Eighths of a cell, for bars that grow smoothly.
EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"


def bar(minutes: float, most: float, width: int) -> str:
    """A bar of ``width`` cells at most, in eighths of a cell; empty when nothing was done."""
    if most <= 0 or minutes <= 0 or width <= 0:
        return ""
    eighths = max(1, round(minutes / most * width * 8))
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


def week_name(week: WeekTotal) -> str:
    """'Week 3' or 'After the course' for a programme week, '5 Jan' for a calendar week."""
    if week.number is not None:
        return programme_week_name(week.number)
    return describe_day(week.monday, short=True, year=False)


class WeekBars(Widget):
    """Minutes each week as bars, oldest first, this week last and in bold."""

    DEFAULT_CSS = """
    WeekBars { height: auto; padding: 0 2; }
    """
    MINUTES = 8  # " 120 min"
    PRACTICES = 16  # " · 12 practices"
    LONGEST_BAR = 48

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weeks: tuple[WeekTotal, ...] = ()

    def show(self, weeks: tuple[WeekTotal, ...]) -> None:
        self.weeks = weeks
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.weeks))

    def render(self) -> Content:
        if not self.weeks:
            return Content("")
        width = max(0, self.content_size.width)
        names = [week_name(week) for week in self.weeks]
        label = max(len(name) for name in names) + 2
        practices = width - label - self.MINUTES - 6 >= self.PRACTICES + 6
        room = width - label - self.MINUTES - (self.PRACTICES if practices else 0)
        room = min(self.LONGEST_BAR, max(4, room))
        most = max(week.minutes for week in self.weeks)
        lines: list[Content] = []
        for name, week in zip(names, self.weeks, strict=True):
            current = week is self.weeks[-1]
            drawn = bar(week.minutes, most, room)
            lines.append(
                Content.assemble(
                    (f"{name:<{label}}", "bold" if current else "dim"),
                    (drawn, "$accent"),
                    (f" {week.minutes:.0f} min", "bold" if current else ""),
                    (f" · {plural(week.sessions, 'practice')}", "dim")
                    if practices and week.sessions
                    else "",
                )
            )
        return Content("\n").join(lines)
