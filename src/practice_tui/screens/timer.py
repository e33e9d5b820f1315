"""Timer: a plain meditation timer with interval bells, for days without a guided practice.

The pacing screen underneath wakes, rings, stops and keeps the session; this screen sets the
plan, builds its timeline and draws the clock and the next bell.
"""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Digits, Header, Input, Static

from practice_tui.engine.engine import PacingEngine, State
from practice_tui.engine.timeline import BellKind
from practice_tui.engine.timer_plan import PRESET_MINUTES, TimerPlan
from practice_tui.preferences import TimerPreset
from practice_tui.screens.ask import AskText
from practice_tui.screens.base import services
from practice_tui.screens.pacing import (
    REFLECT_BINDING,
    PacingScreen,
    SessionName,
    StopQuestion,
)
from practice_tui.widgets.choice_row import ChoiceRow
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.wording import (
    clock_time,
    describe_plan,
    kept_sentence,
    parse_minutes,
)

# The reflection screen (and with it the text editor) is imported when the sit ends:
# `practice-tui timer` opens on this screen, and would wait ~40 ms more for it.

OPEN_ENDED = 0  # the length row's value for "until I stop"
OTHER = -1  # the length row's value for "another number of minutes"
EVERY_CHOICES = (1, 2, 3, 5, 10, 15)
AT_CHOSEN = -1.0  # the interval row's value for "at chosen minutes"


class TimerScreen(PacingScreen):
    """Set the timer (or take a preset), then sit; the bells keep the time."""

    # Read when this screen first opens: Home is drawn without it (benchmarks/startup.py).
    CSS_PATH = "timer.tcss"

    BINDINGS = [
        Binding("enter", "begin", "Begin", id="begin", priority=True),
        REFLECT_BINDING,
        Binding("up", "app.focus_previous", "Up", show=False),
        Binding("down", "app.focus_next", "Down", show=False),
        # Ctrl+P is the command palette, as in every Textual app.
        Binding("ctrl+s", "save_preset", "Save as preset", id="save-preset"),
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
        self._plan: TimerPlan | None = None
        self._shown: dict[str, str] = {}

    @property
    def timer(self) -> PacingEngine | None:
        """The engine running this timer; None until it begins."""
        return self.engine

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
                select_on_focus=False,  # the digits typed on the row carry on in the box
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
                    ("Ctrl+S", "bold $accent"),
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
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.preset.name if self.preset else "Timer"
        self.query_one("#timer-running").display = False
        self._show_inputs()
        self.query_one("#length-row").focus()
        if self._begin_at_once:
            self.call_after_refresh(self.action_begin)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("begin", "save_preset"):
            return self.engine is None
        if action in ("toggle_pause", "stop"):
            return self.running
        return super().check_action(action, parameters)

    def on_choice_row_changed(self, _: ChoiceRow.Changed) -> None:
        self._show_inputs()

    def on_key(self, event: events.Key) -> None:
        """A number typed on the minutes row goes into the "other…" box at once."""
        row = self.query_one("#length-row", ChoiceRow)
        character = event.character
        if not row.has_focus or character is None or not character.isdigit():
            return
        event.stop()
        event.prevent_default()
        row.select(OTHER)
        self._show_inputs()
        box = self.query_one("#custom-minutes", Input)
        box.value = character  # a new number, begun on the row
        box.cursor_position = len(box.value)
        box.focus()

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
        if self.engine is not None:
            return
        plan = self.plan()
        if isinstance(plan, str):
            self.query_one("#plan-problem", Static).update(Content(plan))
            return
        self._plan = plan
        self.query_one("#timer-setup").display = False
        self.query_one("#timer-running").display = True
        self.sub_title = describe_plan(plan)
        self.begin(plan.timeline())

    def action_save_preset(self) -> None:
        plan = self.plan()
        if isinstance(plan, str):
            self.query_one("#plan-problem", Static).update(Content(plan))
            return

        def named(name: str | None) -> None:
            if not name:
                return
            preset = TimerPreset(name, plan.minutes, plan.interval_minutes, plan.interval_at)
            app = services(self)
            kept = [p for p in app.preferences.timer_presets if p.name != name]
            try:
                app.save_preferences(app.preferences._replace(timer_presets=(*kept, preset)))
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

    def _show(self, selector: str, text: str) -> None:
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(Content(text))

    def draw(self, engine: PacingEngine) -> None:
        clock = self.query_one("#timer-clock", Digits)
        if engine.is_preparing:
            self._show("#timer-caption", "Settle in. The first bell will mark the start.")
            shown = clock_time(engine.preparation_left())
        elif engine.timeline.is_open_ended:
            self._show("#timer-caption", "So far")
            shown = clock_time(engine.practised_seconds())
        else:
            self._show("#timer-caption", "Left")
            shown = clock_time(engine.time_left() or 0)
        if clock.value != shown:
            clock.update(shown)
        self._show("#timer-next", self._next_bell_text(engine))
        self._show("#timer-state", self.pause_line(engine))

    def draw_closing(self, engine: PacingEngine) -> None:
        """The end, calmly: the clock shows the time sat, and stays still."""
        self._show("#timer-caption", "The timer has ended. You sat for")
        self.query_one("#timer-clock", Digits).update(clock_time(engine.practised_seconds()))
        self._show("#timer-next", "Take your time.")
        self._show("#timer-state", "Enter to reflect, when you are ready")
        self.add_class("-closing")

    def _next_bell_text(self, engine: PacingEngine) -> str:
        if engine.is_preparing:
            return ""
        upcoming = engine.bell_deadlines(limit=1)
        if not upcoming:
            return ""
        bell = upcoming[0]
        is_end = bell.kind is BellKind.END
        if is_end and not engine.timeline.is_open_ended:
            return ""  # the clock above already says when the end bell rings
        now = services(self).clock.monotonic()
        kind = "end bell" if is_end else "next bell"
        if engine.state is State.PAUSED and not self.held:
            return f"{kind} {clock_time(max(0.0, bell.deadline - now))} after you carry on"
        return f"{kind} in {clock_time(max(0.0, bell.deadline - now))}"

    # ------------------------------------------------------------------- the end

    def stop_question(self, engine: PacingEngine) -> StopQuestion:
        return StopQuestion("Stop the timer?", kept_sentence(engine.practised_seconds(), "sat"))

    def session_name(self) -> SessionName:
        assert self._plan is not None
        return SessionName("timer", f"Timer ({describe_plan(self._plan)})", None, kind="timer")

    def after_session(self) -> None:
        from practice_tui.screens.reflect import ReflectScreen, Writing

        assert self._plan is not None
        self.app.switch_screen(ReflectScreen(Writing.after_timer(self._plan, self.record)))
