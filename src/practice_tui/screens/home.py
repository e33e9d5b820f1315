"""Home: what to practise today, the six weeks, and practices of the participant's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from practice_tui.course import Practice
from practice_tui.journal.today import Suggestion, suggest
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.journal_work import READING, read_journal
from practice_tui.screens.messages import JournalReady
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.wording import describe_plan, literal, plural, week_label

# The screens Home opens, and the progress it shows once the journal is open, are imported
# when first needed: Home is drawn at start-up, and importing them here would delay the first
# frame (the screens by ~100 ms, progress by ~5 ms; benchmarks/startup.py).

if TYPE_CHECKING:
    from practice_tui.journal import Journal
    from practice_tui.journal.progress import Progress

#: Weeks of practice days shown on Home, one dot a day (the Progress screen shows months).
HOME_CALENDAR_WEEKS = 4


@dataclass(frozen=True)
class Today:
    """What Home shows above the weeks, read from the journal in one go."""

    suggestion: Suggestion
    progress: Progress
    open_actions: int


class HomeScreen(BaseScreen[None]):
    """The front door: today's suggestion above the list of weeks."""

    _today: Today | None = None
    _left = False  #: another screen has been over this one

    BINDINGS = [
        Binding("p", "play_today", "Play today's practice", id="play-today"),
        Binding("g", "ground", "Grounding", id="ground"),
        Binding("a", "actions", "Next steps", id="actions"),
        # The same key, unlisted: before there are next steps it still opens the page.
        Binding("a", "actions", show=False, id="actions-unlisted"),
        Binding("w", "programme_week", "Your week", id="programme-week"),
        Binding("t", "timer", "Timer", id="timer"),
        Binding("P", "progress", "Progress", id="progress"),
        *(Binding(str(n), f"open_week({n})", f"Week {n}", show=False) for n in range(1, 7)),
    ]

    def compose(self) -> ComposeResult:
        prefs = services(self).preferences
        self._shown_options = (prefs.timer_presets, prefs.programme_start)
        yield Header()
        with Vertical(id="home"):
            yield Static(Content.assemble(("Today", "bold $accent"), "\n"), id="today")
            yield OptionList(*self._options(), id="weeks")
        yield KeyFooter()

    def _options(self) -> list[Option | None]:
        course = services(self).course
        here = self._programme_week()
        options: list[Option | None] = [
            Option(Content.assemble(("The six weeks", "bold $accent")), disabled=True)
        ]
        options += [
            Option(
                Content.assemble(
                    (f"Week {week.number} · ", "bold"),
                    (week.title, "bold"),
                    ("  ◂ you are here", "bold $accent") if week.number == here else "",
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
                        (f" · {describe_plan(preset)}", "dim"),
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
                    id=f"problem-{index}",
                )
                for index, p in enumerate(course.problems)
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

    def _programme_week(self) -> int | None:
        """The programme week today falls in (1 to 7), or None with no start known."""
        from practice_tui.journal.days import practice_day
        from practice_tui.journal.programme import programme_week

        prefs = services(self).preferences
        if prefs.programme_start is None:
            return None
        today = practice_day(services(self).clock.wall(), prefs.day_ends_at)
        return programme_week(prefs.programme_start, today)

    def on_mount(self) -> None:
        weeks = self.query_one("#weeks", OptionList)
        here = self._programme_week()
        course = services(self).course
        weeks.highlighted = weeks.get_option_index(f"week-{here}") if course.has_week(here) else 1
        weeks.focus()

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        if self._left and getattr(self.app, "returns_to_shell", False):
            self.app.exit()  # ``practice-tui play``: back to the shell, as an alias expects
            return
        presets = services(self).preferences.timer_presets
        shown = (presets, services(self).preferences.programme_start)
        if shown != self._shown_options:
            self._shown_options = shown
            listing = self.query_one("#weeks", OptionList)
            highlighted = listing.highlighted
            listing.clear_options()
            listing.add_options(self._options())
            listing.highlighted = highlighted
        if services(self).journal_is_open:
            self._show_today()

    def on_journal_ready(self, _: JournalReady) -> None:
        self._show_today()

    def _show_today(self) -> None:
        """Read today's suggestion and progress off the event loop, then draw them."""
        app = services(self)
        course, prefs, now = app.course, app.preferences, app.clock.wall()

        def job(journal: Journal) -> Today:
            from practice_tui.journal.progress import gather

            progress = gather(
                journal,
                now,
                day_ends_at=prefs.day_ends_at,
                show_streak=prefs.show_streak,
                weeks=8,
                calendar_weeks=HOME_CALENDAR_WEEKS,
                programme_start=prefs.programme_start if prefs.by_programme else None,
            )
            open_actions = len(journal.tasks.actions(include_done=False))
            suggestion = suggest(course, journal, now, prefs.programme_start, prefs.day_ends_at)
            return Today(suggestion, progress, open_actions)

        read_journal(
            self, job, self._draw_today, slow=self._show_reading, group="today", exclusive=True
        )

    def _show_reading(self) -> None:
        if self._today is None:
            self.query_one("#today", Static).update(
                Content.assemble(("Today", "bold $accent"), "\n", (READING, "dim"))
            )

    def _draw_today(self, today: Today) -> None:
        self._today = today
        suggestion = today.suggestion
        lines: list[Content | str | tuple[str, str]] = [("Today", "bold $accent"), "\n"]
        if suggestion.practice is not None:
            lines += [
                (suggestion.practice.name, "bold"),
                f" · {suggestion.minutes} min · Week {suggestion.week}   ",
                ("press p to begin", "dim"),
            ]
        else:
            lines.append(f"Week {suggestion.week}: open the week to see its exercises")
        lines += self._progress_lines(today.progress)
        if today.open_actions:
            lines += [
                "\n",
                (f"{plural(today.open_actions, 'next step')} to do (press a)", "dim"),
            ]
        if not services(self).preferences.programme_asked:
            lines += [
                "\n",
                ("Which week of the programme are you in? Press w to say.", "$accent"),
            ]
        self.query_one("#today", Static).update(Content.assemble(*lines))
        self.refresh_bindings()

    @staticmethod
    def _progress_lines(progress: Progress) -> list[Content | str | tuple[str, str]]:
        """This week's practice and home tasks, the streak unless hidden, and recent weeks."""
        from practice_tui.journal.progress import recent_days, sparkline, streak_words

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
        minutes = [w.minutes for w in progress.chart]
        if any(minutes):
            lines += [("Minutes a week ", "dim"), (sparkline(minutes), "$accent"), "  "]
        if progress.day_minutes:
            if any(minutes):
                lines.append("\n")
            label = f"Last {HOME_CALENDAR_WEEKS} weeks "
            lines += [(label, "dim"), (recent_days(progress), "$accent"), "  "]
        return [*lines, ("Shift+P shows your progress", "dim")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Next steps are listed once there are some (or in week 6); the programme week is
        asked for until it has been answered."""
        if action == "actions":
            today = self._today
            return today is not None and (today.open_actions > 0 or today.suggestion.week >= 6)
        if action == "programme_week":
            return not services(self).preferences.programme_asked
        return super().check_action(action, parameters)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith("problem-"):
            from practice_tui.screens.notice import Notice

            problem = services(self).course.problems[int(option_id.removeprefix("problem-"))]
            self.app.push_screen(Notice("A practice file could not be used", str(problem)))
        elif option_id.startswith("week-"):
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
        """Today's practice, as shown (read first if the journal has not answered yet)."""
        if self._today is not None:
            self._play(self._today.suggestion)
            return
        course, now = services(self).course, services(self).clock.wall()
        prefs = services(self).preferences
        start, ends = prefs.programme_start, prefs.day_ends_at
        read_journal(self, lambda journal: suggest(course, journal, now, start, ends), self._play)

    def _play(self, today: Suggestion) -> None:
        from practice_tui.screens.practice import PracticeScreen

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

    def action_programme_week(self) -> None:
        from practice_tui.screens.programme_week import ProgrammeWeekQuestion

        self.app.push_screen(ProgrammeWeekQuestion(), self._programme_week_chosen)

    def _programme_week_chosen(self, number: int | None) -> None:
        from practice_tui.journal.days import practice_day
        from practice_tui.screens.programme_week import with_programme_week

        if number is None:
            return  # asked again another time
        app = services(self)
        today = practice_day(app.clock.wall(), app.preferences.day_ends_at)
        updated = with_programme_week(app.preferences, today, number)
        if problem := app.keep_preferences(updated):
            self.notify(f"Your settings could not be saved: {problem}.", markup=False)
        self.refresh_bindings()
        self.on_screen_resume()

    def action_actions(self) -> None:
        from practice_tui.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen())
