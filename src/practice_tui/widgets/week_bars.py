"""Minutes each week as bars drawn with block characters, growing with the window."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from practice_tui.journal.progress import WeekTotal
from practice_tui.journal.times import describe_day

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
