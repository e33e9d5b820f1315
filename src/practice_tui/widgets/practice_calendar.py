"""Practice days over the last months, shaded by minutes: as many weeks as fit the window,
up to about six months."""

from __future__ import annotations

from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

from practice_tui.journal.progress import ONE_DAY, Progress
from practice_tui.journal.times import DAY_NAMES, month_name

#: Calendar shading: (fewer minutes than this, the cell, what it means), lightest first.
SHADES = ((10, "░", "under 10 min"), (20, "▒", "10-19"), (30, "▓", "20-29"))
MOST = ("█", "30 or more")
NOT_PRACTISED = "·"
#: Every other day is named beside the calendar, so the rows stay readable.
CALENDAR_DAY_NAMES = tuple(name[:3] if i % 2 == 0 else "" for i, name in enumerate(DAY_NAMES))


def shade(minutes: float) -> str:
    if minutes <= 0:
        return NOT_PRACTISED
    return next((cell for below, cell, _ in SHADES if minutes < below), MOST[0])


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
        width = self.content_size.width
        mondays = self.mondays(width)
        lines = [Content.styled(self.month_line(mondays, width), "dim")]
        for weekday, name in enumerate(CALENDAR_DAY_NAMES):
            parts: list[str | tuple[str, str]] = [(f"{name:<{self.LABEL}}", "dim")]
            for monday in mondays:
                day = monday + weekday * ONE_DAY
                parts.append(self._cell(progress, day))
            lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)

    def month_line(self, mondays: list[date], width: int) -> str:
        """Month names above the first column of each month, where they do not crowd and fit
        whole in ``width``: a name running past the edge would wrap and push a day's row
        (the last, often today's) out of the calendar's eight lines."""
        row = [" "] * (self.LABEL + self.CELL * len(mondays) + 3)
        sundays = [monday + 6 * ONE_DAY for monday in mondays]
        starts = [i for i, sunday in enumerate(sundays) if sunday.day <= 7]
        if not any(i < 3 for i in starts):
            starts.insert(0, 0)  # name the first month too, unless the next is close by
        free_from = 0
        for index in starts:
            at = self.LABEL + index * self.CELL
            if at >= free_from and at + len(month_name(sundays[index], short=True)) <= width:
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
