"""Timer: a plain meditation timer with interval bells, for days without a guided practice.

Like the practice screen, it holds no timing logic: the timer engine says when the next bell
is due and the screen sleeps until then, waking once a second to redraw the clock.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Digits, Footer, Header, Input, Static

from practice_tui.engine.timer import PRESET_MINUTES, MeditationTimer, TimerBell, TimerPlan
from practice_tui.journal import JournalError, PracticeSession
from practice_tui.preferences import TimerPreset
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.quiet_loop import QuietLoop
from practice_tui.widgets.choice_row import ChoiceRow
from practice_tui.wording import (
    clock_time,
    describe_plan,
    kept_sentence,
    parse_minutes,
)

OPEN_ENDED = 0  # the length row's value for "until I stop"
OTHER = -1  # the length row's value for "another number of minutes"
EVERY_CHOICES = (1, 2, 3, 5, 10, 15)
AT_CHOSEN = -1.0  # the interval row's value for "at chosen minutes"


class TimerScreen(BaseScreen[None]):
    """Set the timer (or take a preset), then sit; the bells keep the time."""

    BINDINGS = [
        Binding("enter", "begin", "Begin", id="begin", priority=True),
        Binding("up", "app.focus_previous", "Up", show=False),
        Binding("down", "app.focus_next", "Down", show=False),
        Binding("ctrl+p", "save_preset", "Save as preset", id="save-preset"),
        Binding("space", "toggle_pause", "Pause / resume", id="pause"),
        Binding("s", "stop", "Stop", id="stop"),
        Binding("escape", "leave", "Back", id="leave"),
    ]

    def __init__(
        self,
        preset: TimerPreset | None = None,
        *,
        begin_at_once: bool = False,
    ) -> None:
        super().__init__()
        self.preset = preset
        self._begin_at_once = begin_at_once
        self.timer: MeditationTimer | None = None
        self.record: PracticeSession | None = None
        self._loop: QuietLoop | None = None
        self._finished = False
        self._shown: dict[str, str] = {}

    # ----------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        preset = self.preset
        minutes = preset.minutes if preset else 20
        length_value = OPEN_ENDED if minutes is None else minutes
        lengths = [(f"{m}", m) for m in PRESET_MINUTES] + [("until I stop", OPEN_ENDED)]
        other = length_value not in [v for _, v in lengths]
        lengths.append(("other…", OTHER))
        interval_value = 0.0
        if preset and preset.interval_minutes:
            interval_value = float(preset.interval_minutes)
        elif preset and preset.interval_at:
            interval_value = AT_CHOSEN
        intervals = [("none", 0.0)] + [(f"every {m}", float(m)) for m in EVERY_CHOICES]
        if interval_value not in [v for _, v in intervals]:
            intervals.append((f"every {interval_value:g}", interval_value))
        intervals.append(("at chosen minutes…", AT_CHOSEN))
        prefs = services(self).preferences
        yield Header()
        with Vertical(id="timer-setup"):
            yield Static(Content.assemble(("Timer", "bold $accent")), classes="title")
            yield Static(
                Content("A plain timer with bells, for days without a guided practice."),
                classes="summary",
            )
            yield ChoiceRow(
                "Minutes",
                lengths,
                OTHER if other else length_value,
                id="length-row",
                label_width=17,
            )
            yield Input(
                str(minutes) if other and minutes else "",
                placeholder="minutes, for example 25",
                id="custom-minutes",
                type="integer",
            )
            yield ChoiceRow(
                "Interval bells", intervals, interval_value, id="interval-row", label_width=17
            )
            yield Input(
                ", ".join(f"{m:g}" for m in preset.interval_at) if preset else "",
                placeholder="minutes after the start, for example 5, 12, 20",
                id="interval-at",
            )
            strikes = [("once", 1), ("twice", 2), ("three times", 3)]
            yield ChoiceRow(
                "Start bell", strikes, prefs.start_strikes, id="start-strikes", label_width=17
            )
            yield ChoiceRow(
                "End bell", strikes, prefs.end_strikes, id="end-strikes", label_width=17
            )
            yield Static(
                Content(
                    f"{prefs.preparation_seconds} s to settle before the first bell "
                    "(change it in Settings, key comma)."
                ),
                classes="hint",
            )
            yield Static(id="plan-problem", classes="problem-line")
            yield Static(
                Content.assemble(
                    ("Enter", "bold $accent"),
                    " to begin · ",
                    ("↑ ↓", "bold $accent"),
                    " move · ",
                    ("← →", "bold $accent"),
                    " choose · ",
                    ("Ctrl+P", "bold $accent"),
                    " save as a preset",
                ),
                classes="hint",
            )
        with Vertical(id="timer-running"):
            yield Static(id="timer-caption")
            with Center():
                yield Digits(id="timer-clock")
            yield Static(id="timer-next")
            yield Static(id="timer-state")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.preset.name if self.preset else "Timer"
        self.query_one("#timer-running").display = False
        self._show_inputs()
        self.query_one("#length-row").focus()
        if self._begin_at_once:
            self.call_after_refresh(self.action_begin)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        running = self.timer is not None and not self.timer.is_over
        if action in ("begin", "save_preset"):
            return self.timer is None
        if action in ("toggle_pause", "stop"):
            return running
        return True

    @property
    def allows_journal(self) -> bool:
        return self.timer is None or self.timer.is_over

    def on_choice_row_changed(self, _: ChoiceRow.Changed) -> None:
        self._show_inputs()

    def _show_inputs(self) -> None:
        length = self.query_one("#length-row", ChoiceRow).value
        self.query_one("#custom-minutes").display = length == OTHER
        interval = self.query_one("#interval-row", ChoiceRow).value
        self.query_one("#interval-at").display = interval == AT_CHOSEN
        self.query_one("#plan-problem", Static).update("")

    # ------------------------------------------------------------------ the plan

    def _chosen(self) -> tuple[int | None, float | None, tuple[float, ...]] | str:
        """Minutes, interval, chosen minutes; or a sentence saying what to correct."""
        length = self.query_one("#length-row", ChoiceRow).value
        minutes: int | None
        if length == OTHER:
            raw = self.query_one("#custom-minutes", Input).value.strip()
            if not raw.isdigit() or int(raw) < 1:
                return "Type the number of minutes, a whole number from 1."
            minutes = int(raw)
        else:
            minutes = None if length == OPEN_ENDED else int(length)
        interval = self.query_one("#interval-row", ChoiceRow).value
        every: float | None = None
        at: tuple[float, ...] = ()
        if interval == AT_CHOSEN:
            parsed = parse_minutes(self.query_one("#interval-at", Input).value)
            if parsed is None:
                return "Type the minutes for the bells, for example 5, 12, 20."
            at = parsed
        elif interval:
            every = float(interval)
        return minutes, every, at

    def plan(self) -> TimerPlan | str:
        chosen = self._chosen()
        if isinstance(chosen, str):
            return chosen
        minutes, every, at = chosen
        prefs = services(self).preferences
        try:
            return replace(
                prefs.timer_plan(minutes, every, at),
                start_strikes=self.query_one("#start-strikes", ChoiceRow).value,
                end_strikes=self.query_one("#end-strikes", ChoiceRow).value,
            )
        except ValueError as error:
            return f"{str(error)[:1].upper()}{str(error)[1:]}."

    # ---------------------------------------------------------------------- actions

    def action_begin(self) -> None:
        if self.timer is not None:
            return
        plan = self.plan()
        if isinstance(plan, str):
            self.query_one("#plan-problem", Static).update(Content(plan))
            return
        self.timer = MeditationTimer(plan, services(self).clock)
        self.query_one("#timer-setup").display = False
        self.query_one("#timer-running").display = True
        self.sub_title = describe_plan(plan)
        self._ring(self.timer.start())
        self._loop = QuietLoop(self, self.wake, services(self).clock)
        self._loop.start()
        self.wake()
        self.refresh_bindings()

    def action_save_preset(self) -> None:
        plan = self.plan()
        if isinstance(plan, str):
            self.query_one("#plan-problem", Static).update(Content(plan))
            return
        from practice_tui.screens.ask import AskText

        def named(name: str | None) -> None:
            if not name:
                return
            preset = TimerPreset(name, plan.minutes, plan.interval_minutes, plan.interval_at)
            app = services(self)
            kept = [p for p in app.preferences.timer_presets if p.name != name]
            try:
                app.save_preferences(replace(app.preferences, timer_presets=(*kept, preset)))
            except OSError as error:
                self.notify(
                    f"The preset could not be saved: {error.strerror or error}.",
                    severity="error",
                    markup=False,
                )
                return
            self.notify(f"Saved the preset {name!r}; it is on the home screen.", markup=False)

        self.app.push_screen(
            AskText("Save as a preset", "A short name, like Morning 20:", describe_plan(plan)),
            named,
        )

    def action_toggle_pause(self) -> None:
        if self.timer is None or self.timer.is_over:
            return
        self._ring(self.timer.toggle_pause())
        self.wake()

    def action_stop(self) -> None:
        timer = self.timer
        if timer is None or timer.is_over:
            return

        def decided(stop: bool | None) -> None:
            if stop and not timer.is_over:
                timer.stop()
                self._finish()

        self.app.push_screen(
            Confirm(
                "Stop the timer?",
                kept_sentence(timer.elapsed_seconds(), "sat"),
                yes="Stop",
                no="Carry on",
            ),
            decided,
        )

    def action_leave(self) -> None:
        if self.timer is None or self.timer.is_over:
            self.app.pop_screen()
        else:
            self.action_stop()

    # ------------------------------------------------------------------ the quiet loop

    def wake(self) -> None:
        timer = self.timer
        if timer is None:
            return
        self._ring(timer.poll())
        if timer.is_over:
            self._finish()
            return
        self._draw()
        if self._loop is not None:
            self._loop.arm(timer.next_deadline())

    def _ring(self, bells: list[TimerBell]) -> None:
        app = services(self)
        for bell in bells:
            volume = bell.volume if bell.volume is not None else app.preferences.bell_gain
            if volume > 0:
                app.bells.play(bell.sound, volume, strikes=bell.strikes)

    def _show(self, selector: str, text: str) -> None:
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(Content(text))

    def _draw(self) -> None:
        timer = self.timer
        if timer is None:
            return
        clock = self.query_one("#timer-clock", Digits)
        if timer.is_preparing:
            self._show("#timer-caption", "Settle in. The first bell will mark the start.")
            shown = clock_time(timer.preparation_left())
        elif timer.plan.is_open_ended:
            self._show("#timer-caption", "So far")
            shown = clock_time(timer.elapsed_seconds())
        else:
            self._show("#timer-caption", "Left")
            shown = clock_time(timer.remaining_seconds() or 0)
        if clock.value != shown:
            clock.update(shown)
        self._show("#timer-next", self._next_bell_text(timer))
        paused = timer.state.value == "paused"
        self._show("#timer-state", "Paused · space to carry on" if paused else "")

    def _next_bell_text(self, timer: MeditationTimer) -> str:
        if timer.is_preparing:
            return ""
        upcoming = timer.bell_deadlines(limit=1)
        if not upcoming:
            return ""
        bell = upcoming[0]
        if bell.kind.value == "end" and timer.plan.minutes is not None:
            return ""  # the clock above already says when the end bell rings
        now = services(self).clock.monotonic()
        kind = "end bell" if bell.kind.value == "end" else "next bell"
        if timer.state.value == "paused":
            return f"{kind} {clock_time(max(0.0, bell.deadline - now))} after you carry on"
        return f"{kind} in {clock_time(max(0.0, bell.deadline - now))}"

    # ------------------------------------------------------------------- the end

    def _finish(self) -> None:
        if self._loop is not None:
            self._loop.stop()
        if self._finished or self.timer is None:
            return
        self._finished = True
        if not self.timer.has_begun:
            self.app.pop_screen()  # stopped while settling: nothing was sat
            return
        self._save_session()
        from practice_tui.screens.reflect import ReflectScreen, Writing

        self.app.switch_screen(ReflectScreen(Writing.after_timer(self.timer.plan, self.record)))

    def _save_session(self) -> None:
        timer = self.timer
        if timer is None or self.record is not None or not timer.has_begun:
            return
        self._finished = True
        app = services(self)
        now_wall = app.clock.wall()
        started = timer.started_wall() or now_wall - timedelta(seconds=timer.elapsed_seconds())
        try:
            self.record = app.journal.sessions.record(
                practice_id="timer",
                practice_name=f"Timer ({describe_plan(timer.plan)})",
                week=None,
                started_at=started,
                ended_at=now_wall,
                planned_seconds=round(timer.plan.length_seconds or 0),
                practised_seconds=round(timer.elapsed_seconds(), 1),
                completed=timer.state.value == "finished",
                kind="timer",
            )
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False, timeout=15)

    def on_unmount(self) -> None:
        """Quitting mid-sit still keeps the time sat."""
        if self.timer is not None and not self._finished and not self.timer.is_over:
            self.timer.stop()
            self._save_session()
