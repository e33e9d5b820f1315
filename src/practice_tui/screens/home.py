"""Home: what to practise today, the six weeks, and practices of the participant's own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.course import Practice
from practice_tui.journal import JournalError
from practice_tui.journal.today import Suggestion, suggest
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.messages import JournalReady
from practice_tui.wording import describe_plan, literal, plural, week_label

# The screens Home opens, and the progress it shows once the journal is open, are imported
# when first needed: Home is drawn at start-up, and importing them here would delay the first
# frame (the screens by ~100 ms, progress by ~5 ms; benchmarks/startup.py).

#: Weeks of practice days shown on Home, one dot a day (the Progress screen shows months).
HOME_CALENDAR_WEEKS = 4


class HomeScreen(BaseScreen[None]):
    """The front door: today's suggestion above the list of weeks."""

    BINDINGS = [
        Binding("p", "play_today", "Play today's practice", id="play-today"),
        Binding("g", "ground", "Grounding", id="ground"),
        Binding("a", "actions", "Next steps", id="actions"),
        Binding("t", "timer", "Timer", id="timer"),
        Binding("P", "progress", "Progress", id="progress"),
        *(Binding(str(n), f"open_week({n})", f"Week {n}", show=False) for n in range(1, 7)),
    ]

    def compose(self) -> ComposeResult:
        self._shown_presets = services(self).preferences.timer_presets
        yield Header()
        with Vertical(id="home"):
            yield Static(Content.assemble(("Today", "bold $accent"), "\n"), id="today")
            yield OptionList(*self._options(), id="weeks")
        yield Footer()

    def _options(self) -> list[Option | None]:
        course = services(self).course
        options: list[Option | None] = [
            Option(Content.assemble(("The six weeks", "bold $accent")), disabled=True)
        ]
        options += [
            Option(
                Content.assemble(
                    (f"Week {week.number} · ", "bold"),
                    (week.title, "bold"),
                    "\n",
                    (week.theme, "dim"),
                ),
                id=f"week-{week.number}",
            )
            for week in course.weeks
        ]
        options += [
            None,
            Option(Content.assemble(("Timer", "bold $accent")), disabled=True),
        ]
        for index, preset in enumerate(services(self).preferences.timer_presets):
            options.append(
                Option(
                    Content.assemble(
                        (literal(preset.name), "bold"),
                        (f" · {describe_plan(preset.to_plan(services(self).preferences))}", "dim"),
                    ),
                    id=f"preset-{index}",
                )
            )
        options.append(Option(Content.assemble(("Set a timer…", "bold")), id="timer"))
        if course.own_practices or course.problems:
            options += [
                None,
                Option(Content.assemble(("My practices", "bold $accent")), disabled=True),
            ]
            options += [
                Option(self._own_prompt(practice), id=f"own-{practice.id}")
                for practice in course.own_practices
            ]
            options += [
                Option(
                    Content.assemble(
                        ("⚠ could not be used: ", "$warning"), (literal(str(p)), "dim")
                    ),
                    disabled=True,
                )
                for p in course.problems
            ]
        return options

    @staticmethod
    def _own_prompt(practice: Practice) -> Content:
        lengths = " or ".join(str(n) for n in practice.lengths)
        return Content.assemble(
            (literal(practice.name), "bold"),
            (f" · {lengths} min", "dim"),
            "\n",
            (literal(practice.summary), "dim"),
        )

    def on_mount(self) -> None:
        weeks = self.query_one("#weeks", OptionList)
        weeks.highlighted = 1
        weeks.focus()

    def on_screen_resume(self) -> None:
        presets = services(self).preferences.timer_presets
        if presets != self._shown_presets:
            self._shown_presets = presets
            listing = self.query_one("#weeks", OptionList)
            highlighted = listing.highlighted
            listing.clear_options()
            listing.add_options(self._options())
            listing.highlighted = highlighted
        if services(self).journal_is_open:
            self._show_today()

    def on_journal_ready(self, _: JournalReady) -> None:
        self._show_today()

    def _suggestion(self) -> Suggestion:
        app = services(self)
        return suggest(app.course, app.journal, app.clock.wall())

    def _show_today(self) -> None:
        try:
            self._draw_today()
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False)

    def _draw_today(self) -> None:
        app = services(self)
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
        lines += self._progress_lines()
        open_actions = app.journal.tasks.actions(include_done=False)
        if open_actions:
            lines += ["\n", (f"{plural(len(open_actions), 'next step')} to do (press a)", "dim")]
        self.query_one("#today", Static).update(Content.assemble(*lines))

    def _progress_lines(self) -> list[Content | str | tuple[str, str]]:
        """This week's practice and home tasks, the streak unless hidden, and recent weeks."""
        from practice_tui.journal.progress import gather, recent_days, sparkline, streak_words

        app = services(self)
        prefs = app.preferences
        progress = gather(
            app.journal,
            app.clock.wall(),
            day_ends_at=prefs.day_ends_at,
            show_streak=prefs.show_streak,
            weeks=8,
            calendar_weeks=HOME_CALENDAR_WEEKS,
        )
        week = progress.this_week
        summary = (
            f"This week: {plural(week.sessions, 'practice')}, {week.minutes:.0f} min"
            if week.sessions
            else "Nothing practised yet this week. A few minutes is plenty"
        )
        summary += f" · {plural(week.home_tasks, 'home task')} ticked"
        if words := streak_words(progress.visible_streak):
            summary += f" · {words}"
        lines: list[Content | str | tuple[str, str]] = ["\n", (f"{summary}.", "dim"), "\n"]
        minutes = [w.minutes for w in progress.weeks]
        if any(minutes):
            lines += [("Minutes a week ", "dim"), (sparkline(minutes), "$accent"), "  "]
        if progress.day_minutes:
            if any(minutes):
                lines.append("\n")
            label = f"Last {HOME_CALENDAR_WEEKS} weeks "
            lines += [(label, "dim"), (recent_days(progress), "$accent"), "  "]
        return [*lines, ("Shift+P shows your progress", "dim")]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith("week-"):
            self.action_open_week(int(option_id.removeprefix("week-")))
        elif option_id.startswith("preset-"):
            from practice_tui.screens.timer import TimerScreen

            presets = services(self).preferences.timer_presets
            self.app.push_screen(TimerScreen(presets[int(option_id.removeprefix("preset-"))]))
        elif option_id == "timer":
            self.action_timer()
        elif option_id.startswith("own-"):
            from practice_tui.screens.practice import PracticeScreen

            practice = services(self).course.practice(option_id.removeprefix("own-"))
            self.app.push_screen(PracticeScreen(practice))

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

    def action_ground(self) -> None:
        from practice_tui.screens.practice import PracticeScreen

        grounding = services(self).course.grounding
        if grounding is not None:
            self.app.push_screen(PracticeScreen(grounding))

    def action_timer(self) -> None:
        from practice_tui.screens.timer import TimerScreen

        self.app.push_screen(TimerScreen())

    def action_progress(self) -> None:
        from practice_tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_actions(self) -> None:
        from practice_tui.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen())
