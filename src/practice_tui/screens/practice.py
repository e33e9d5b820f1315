"""Practice: the words of the current phase, large and calm, with bells at each change.

The screen holds no timing logic. It asks the engine when the next thing is due and sleeps
until then, waking also once a second to redraw the time left. A 20-minute practice is a
few dozen wake-ups and almost no CPU.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from practice_tui.course import Practice
from practice_tui.journal import JournalError, PracticeSession
from practice_tui.screens.base import services
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.text import clock_time, duration
from practice_tui.session import Bell, BellKind, State
from practice_tui.session import PracticeSession as Engine
from practice_tui.widgets import ProgressLine

BELL_SOUNDS = {BellKind.START: "bell", BellKind.PHASE: "cue", BellKind.END: "bell"}


class PracticeScreen(Screen[None]):
    """Choose a length, then follow the practice phase by phase."""

    BINDINGS = [
        Binding("enter", "begin", "Begin", id="begin"),
        Binding("left", "length(-1)", "Shorter", id="shorter"),
        Binding("right", "length(1)", "Longer", id="longer"),
        Binding("space", "toggle_pause", "Pause / resume", id="pause"),
        Binding("n", "skip", "Next phase", id="skip"),
        Binding("s", "stop", "Stop", id="stop"),
        Binding("escape", "leave", "Back", id="leave"),
    ]

    def __init__(self, practice: Practice, minutes: int | None = None) -> None:
        super().__init__()
        self.practice = practice
        lengths = list(practice.lengths)
        if minutes is not None and minutes not in lengths:
            lengths = sorted({*lengths, minutes})
        self._lengths = lengths
        self._length_index = lengths.index(minutes if minutes is not None else lengths[0])
        self.engine: Engine | None = None
        self.record: PracticeSession | None = None
        self._started_wall: datetime | None = None
        self._wake_timer: Timer | None = None
        self._redraw_timer: Timer | None = None
        self._shown_step = -1
        self._finished = False
        self._shown_text: dict[str, str] = {}

    @property
    def allows_journal(self) -> bool:
        """The journal key stays quiet while a practice plays, so a stray key cannot break it."""
        return self.engine is None or self.engine.is_over

    @property
    def minutes(self) -> int:
        return self._lengths[self._length_index]

    # ----------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        practice = self.practice
        yield Header()
        with Vertical(id="ready"):
            yield Static(Content.assemble((practice.name, "bold $accent")), classes="title")
            yield Static(Content(practice.summary), classes="summary")
            yield Static(Content(practice.origin), classes="origin")
            yield Static(Content(practice.safety), classes="safety")
            yield Static(id="length")
            yield Static(
                Content.assemble(
                    ("Enter", "bold $accent"),
                    " to begin · ",
                    ("← →", "bold $accent"),
                    " to change the length",
                ),
                classes="hint",
            )
        with Vertical(id="running"):
            yield Static(id="words")
            yield Static(Content(practice.safety), id="safety-line")
            with Horizontal(id="progress-row"):
                yield Static(id="phase")
                yield ProgressLine(id="progress")
                yield Static(id="time-left")
            with Center():
                yield Static(id="state")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.practice.name
        self.query_one("#running").display = False
        self._show_length()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that make sense now, so the footer is never a puzzle."""
        running = self.engine is not None and not self.engine.is_over
        if action in ("begin", "length"):
            return self.engine is None
        if action in ("toggle_pause", "skip", "stop"):
            return running
        return True

    def _show_length(self) -> None:
        choices = []
        for index, minutes in enumerate(self._lengths):
            style = "reverse bold" if index == self._length_index else "dim"
            choices += [(f" {minutes} min ", style), "  "]
        self.query_one("#length", Static).update(Content.assemble("Length  ", *choices))

    # ---------------------------------------------------------------------- actions

    def action_length(self, step: int) -> None:
        self._length_index = (self._length_index + step) % len(self._lengths)
        self._show_length()

    def action_begin(self) -> None:
        if self.engine is not None:
            return
        app = services(self)
        self.engine = Engine(self.practice.plan(self.minutes), app.clock)
        self._started_wall = app.clock.wall()
        self.query_one("#ready").display = False
        self.query_one("#running").display = True
        self._ring(self.engine.start())
        self._redraw_timer = self.set_interval(1.0, self.wake)
        self.wake()
        self.refresh_bindings()

    def action_toggle_pause(self) -> None:
        if self.engine is None or self.engine.is_over:
            return
        self._ring(self.engine.toggle_pause())
        self.wake()

    def action_skip(self) -> None:
        if self.engine is None or self.engine.is_over:
            return
        self._ring(self.engine.skip())
        self.wake()

    def action_stop(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return

        def decided(stop: bool | None) -> None:
            if stop and not engine.is_over:
                engine.stop()
                self._finish()

        practised = duration(engine.practised_seconds())
        self.app.push_screen(
            Confirm(
                "Stop here?",
                f"The {practised} you have practised will be kept in your journal.",
                yes="Stop",
                no="Carry on",
            ),
            decided,
        )

    def action_leave(self) -> None:
        if self.engine is None or self.engine.is_over:
            self.app.pop_screen()
        else:
            self.action_stop()

    # ------------------------------------------------------------------ the quiet loop

    def wake(self) -> None:
        """Catch up with the clock: ring what is due, redraw, and sleep until the next event."""
        engine = self.engine
        if engine is None:
            return
        self._ring(engine.poll())
        if engine.is_over:
            self._finish()
            return
        self._draw()
        if self._wake_timer is not None:
            self._wake_timer.stop()
            self._wake_timer = None
        deadline = engine.next_deadline()
        if deadline is not None:
            delay = max(0.0, deadline - services(self).clock.monotonic())
            self._wake_timer = self.set_timer(delay, self.wake)

    def _ring(self, bells: list[Bell]) -> None:
        for bell in bells:
            services(self).bells.play(BELL_SOUNDS[bell.kind])

    def _draw(self) -> None:
        """Redraw what changed, and only that: most seconds only the time left moves."""
        engine = self.engine
        if engine is None:
            return
        step = engine.current_step
        if engine.step_index != self._shown_step:
            self._shown_step = engine.step_index
            self.query_one("#words", Static).update(Content(step.words))
            self.query_one("#safety-line").display = engine.phase_number == 1
        phase = f"Phase {engine.phase_number} of {engine.phase_count} · {step.phase_title}"
        self._show("#phase", phase)
        self._show("#time-left", f"{clock_time(engine.time_left())} left", layout=False)
        self.query_one("#progress", ProgressLine).show(
            1 - engine.time_left() / engine.planned_seconds
        )
        paused = engine.state is State.PAUSED
        self._show("#state", "Paused · space to carry on" if paused else "")
        self.set_class(paused, "-paused")

    def _show(self, selector: str, text: str, *, layout: bool = True) -> None:
        """Update a line of text only when it has changed, so a quiet second stays quiet."""
        if self._shown_text.get(selector) != text:
            self._shown_text[selector] = text
            self.query_one(selector, Static).update(Content(text), layout=layout)

    # ------------------------------------------------------------------- the end

    def _finish(self) -> None:
        """Keep the time practised, then move on to the reflection."""
        for timer in (self._wake_timer, self._redraw_timer):
            if timer is not None:
                timer.stop()
        self._wake_timer = self._redraw_timer = None
        if self._finished or self.engine is None:
            return
        self._finished = True
        self._save_session()
        from practice_tui.screens.reflect import ReflectScreen

        self.app.switch_screen(ReflectScreen(self.practice, self.record))

    def _save_session(self) -> None:
        engine = self.engine
        if engine is None or self._started_wall is None or self.record is not None:
            return
        self._finished = True
        app = services(self)
        practised = engine.practised_seconds()
        try:
            self.record = app.journal.record_session(
                practice_id=self.practice.id,
                practice_name=self.practice.name,
                week=self.practice.week,
                started_at=self._started_wall,
                ended_at=app.clock.wall(),
                planned_seconds=round(engine.planned_seconds),
                practised_seconds=round(practised, 1),
                completed=engine.state is State.FINISHED,
            )
        except JournalError as error:
            self.notify(str(error), severity="error", markup=False, timeout=15)

    def on_unmount(self) -> None:
        """Leaving mid-practice (quitting the app) still keeps the time practised."""
        if self.engine is not None and not self._finished:
            self.engine.stop()
            self._save_session()
