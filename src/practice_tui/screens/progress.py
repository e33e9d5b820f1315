"""Progress: minutes each week, this week's sessions, a calendar of practice days, home tasks,
and a gentle streak (unless the participant has hidden it).

The charts are widgets of their own (``widgets/week_bars.py``, ``widgets/practice_calendar.py``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from practice_tui.journal.programme import PROGRAMME_WEEKS, programme_week_name
from practice_tui.journal.progress import Progress, gather, hour_label, streak_words
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.journal_work import READING, read_journal
from practice_tui.screens.messages import JournalReady
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.widgets.practice_calendar import PracticeCalendar, legend
from practice_tui.widgets.week_bars import WeekBars
from practice_tui.wording import plural


class ProgressScreen(BaseScreen[None]):
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
            # Blank until the journal answers: a quick answer never flickers past words.
            yield Static(Content(""), id="progress-summary")
            yield Static("Minutes each week", id="bars-title", classes="section-title")
            yield WeekBars(id="week-bars")
            yield Static("Practice days", classes="section-title")
            yield PracticeCalendar(id="calendar")
            yield Static(legend(), id="calendar-legend")
        yield KeyFooter()

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
        """Count progress off the event loop, then draw it."""
        app = services(self)
        prefs, now = app.preferences, app.clock.wall()
        read_journal(
            self,
            lambda journal: gather(
                journal,
                now,
                day_ends_at=prefs.day_ends_at,
                show_streak=prefs.show_streak,
                programme_start=prefs.programme_start if prefs.by_programme else None,
            ),
            self._show_progress,
            failed=lambda error: self._say(Content(str(error))),
            slow=lambda: self._say(Content(READING)),
            group="progress",
            exclusive=True,
        )

    def _say(self, words: Content) -> None:
        self.query_one("#progress-summary", Static).update(words)

    def _show_progress(self, progress: Progress) -> None:
        self._say(summary(progress))
        title = "Minutes each programme week" if progress.by_programme else "Minutes each week"
        self.query_one("#bars-title", Static).update(title)
        self.query_one(WeekBars).show(progress.chart)
        self.query_one(PracticeCalendar).show(progress)


def summary(progress: Progress) -> Content:
    """This week in words, the weeks shown, and the streak unless it is hidden."""
    week = progress.this_week
    shown = progress.weeks
    days = sum(1 for day in progress.day_minutes if day >= shown[0].monday)
    lines: list[str | tuple[str, str]] = []
    if progress.by_programme:
        here = progress.programme_weeks[-1].number or 0
        where = (
            "the course is over: well done"
            if here > PROGRAMME_WEEKS
            else f"you are in {programme_week_name(here)} of {PROGRAMME_WEEKS}"
        )
        lines += [(f"{where[0].upper()}{where[1:]}.", "bold $accent"), "\n"]
    lines += [
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
    if progress.short_sessions:
        lines += [
            "\n",
            (
                f"{plural(progress.short_sessions, 'session')} under a minute "
                f"{'is' if progress.short_sessions == 1 else 'are'} kept in your journal "
                "but not counted.",
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
