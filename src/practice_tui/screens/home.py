"""Home: the six weeks, and what to practise today."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.app import JournalReady
from practice_tui.screens.base import services
from practice_tui.screens.text import plural, week_label
from practice_tui.today import Suggestion, suggest


class HomeScreen(Screen[None]):
    """The front door: today's suggestion above the list of weeks."""

    BINDINGS = [
        Binding("p", "play_today", "Play today's practice", id="play-today"),
        *(Binding(str(n), f"open_week({n})", f"Week {n}", show=False) for n in range(1, 7)),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(Content.assemble(("Today", "bold $accent"), "\n"), id="today")
            yield Static("The six weeks", classes="section-title")
            yield OptionList(*self._week_options(), id="weeks")
        yield Footer()

    def _week_options(self) -> list[Option]:
        return [
            Option(
                Content.assemble(
                    (f"Week {week.number} · ", "bold"),
                    (week.title, "bold"),
                    "\n",
                    (week.theme, "dim"),
                ),
                id=f"week-{week.number}",
            )
            for week in services(self).course.weeks
        ]

    def on_mount(self) -> None:
        weeks = self.query_one("#weeks", OptionList)
        weeks.highlighted = 0
        weeks.focus()

    def on_screen_resume(self) -> None:
        if services(self).journal_is_open:
            self._show_today()

    def on_journal_ready(self, _: JournalReady) -> None:
        self._show_today()

    def _suggestion(self) -> Suggestion:
        app = services(self)
        return suggest(app.course, app.journal.sessions(), app.clock.wall())

    def _show_today(self) -> None:
        today = self._suggestion()
        lines: list[Content | str | tuple[str, str]] = [("Today", "bold $accent"), "\n"]
        if today.practice is not None:
            lines += [
                (today.practice.name, "bold"),
                f" · {today.minutes} min · Week {today.week}   ",
                ("press p to begin", "dim"),
            ]
        else:
            lines.append(f"Week {today.week}: open the week to see its exercises")
        done = today.sessions_this_week
        lines += [
            "\n",
            (
                f"This week: {plural(done, 'practice')}, {today.minutes_this_week:.0f} min."
                if done
                else "Nothing practised yet this week. A few minutes is plenty.",
                "dim",
            ),
        ]
        self.query_one("#today", Static).update(Content.assemble(*lines))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id and event.option_id.startswith("week-"):
            self.action_open_week(int(event.option_id.removeprefix("week-")))

    def action_open_week(self, number: int) -> None:
        from practice_tui.screens.week import WeekScreen

        self.app.push_screen(WeekScreen(services(self).course.week(number)))

    def action_play_today(self) -> None:
        from practice_tui.screens.practice import PracticeScreen

        today = self._suggestion()
        if today.practice is None:
            self.notify(f"{week_label(today.week)} has no guided practice yet.", markup=False)
            return
        self.app.push_screen(PracticeScreen(today.practice, minutes=today.minutes))
