"""The one screen that drives a pacing engine: the practice and the timer build on it.

It holds no timing logic. It asks the engine when the next event is due and sleeps until then,
waking also once a second to redraw (a 20-minute practice is a few dozen wake-ups and almost no
CPU). It rings what the engine hands it, asks before stopping, and keeps the time practised in
the journal however the sitting ends. A subclass says only what differs: what to draw, what to
ask before stopping, how the session is named in the journal and where to go afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.timer import Timer
from textual.widget import Widget

from practice_tui.engine.clock import Clock
from practice_tui.engine.due import Due
from practice_tui.engine.engine import PacingEngine, State
from practice_tui.engine.timeline import Timeline
from practice_tui.journal import PracticeSession
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.journal_work import write_journal
from practice_tui.sitting import ring, session_of

if TYPE_CHECKING:
    from practice_tui.speech.speaker import Speaker

#: Enter, in the calm moment after the end bell. Each subclass lists it beside its own Enter
#: (Textual keeps only a subclass's bindings for a key the base also binds). Priority: the
#: timer's hidden setup rows must not take it.
REFLECT_BINDING = Binding("enter", "reflect", "Reflect", id="reflect", priority=True)

#: After the end bell the screen rests on the end this long (of no key pressed) before the
#: reflection opens by itself.
CLOSING_SECONDS = 60.0


class QuietLoop:
    """Wakes its owner for the next event, and once a second to redraw, never otherwise. The
    engine decides when; this only sets the alarms."""

    def __init__(self, owner: Widget, wake: Callable[[], None], clock: Clock) -> None:
        self._owner = owner
        self._wake = wake
        self._clock = clock
        self._alarm: asyncio.TimerHandle | None = None
        self._redraw: Timer | None = None

    def start(self) -> None:
        """Begin the once-a-second redraw (which also catches up with the engine)."""
        if self._redraw is None:
            self._redraw = self._owner.set_interval(1.0, self._wake)

    def arm(self, deadline: float | None) -> None:
        """Wake exactly at ``deadline`` (a monotonic time); None: no event to wait for.

        Through asyncio's own ``call_later``, not Textual's ``set_timer``: a Textual timer
        whose task starts after its due time is skipped, not run late, so an alarm armed a
        moment before a deadline (or just after it) would leave the bell to the next redraw,
        up to a second late.
        """
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm = None
        if deadline is not None:
            delay = max(0.0, deadline - self._clock.monotonic())
            loop = asyncio.get_running_loop()
            self._alarm = loop.call_later(delay, self._owner.call_next, self._wake)

    def stop(self) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
        if self._redraw is not None:
            self._redraw.stop()
        self._alarm = self._redraw = None


@dataclass(frozen=True)
class SessionName:
    """How a sitting is kept in the journal."""

    practice_id: str
    practice_name: str
    week: int | None
    kind: str = "guided"


@dataclass(frozen=True)
class StopQuestion:
    """What the stop dialog asks, and what it says will be kept."""

    title: str
    kept: str


class PacingScreen(BaseScreen[None]):
    """Runs one :class:`PacingEngine` from the first bell to the journal."""

    def __init__(self) -> None:
        super().__init__()
        self.engine: PacingEngine | None = None
        self.record: PracticeSession | None = None
        self._loop: QuietLoop | None = None
        self._finished = False
        #: Says the words the engine hands out, for a spoken sitting (None: words and bells).
        self.speaker: Speaker | None = None
        self._held = False  # paused because another screen came over this one
        self._closing_since: float | None = None  # the calm moment after the end bell

    # ------------------------------------------------------------- what a subclass says

    def draw(self, engine: PacingEngine) -> None:
        """Redraw what changed since the last wake."""
        raise NotImplementedError

    def stop_question(self, engine: PacingEngine) -> StopQuestion:
        raise NotImplementedError

    def session_name(self) -> SessionName:
        raise NotImplementedError

    def after_session(self) -> None:
        """Where to go once the session is kept (the reflection, usually)."""
        raise NotImplementedError

    def draw_closing(self, engine: PacingEngine) -> None:
        """Show, calmly, that the sitting is over and how long it was."""
        raise NotImplementedError

    @property
    def closes_calmly(self) -> bool:
        """Whether the end bell leads to a calm moment before ``after_session``."""
        return True

    # ------------------------------------------------------------------ reading the state

    @property
    def running(self) -> bool:
        return self.engine is not None and not self.engine.is_over

    @property
    def held(self) -> bool:
        """Paused by another screen over this one, not by the participant: it carries on by
        itself when that screen closes."""
        return self._held

    def pause_line(self, engine: PacingEngine) -> str:
        """What the state line says about a pause: the participant's own asks for space."""
        if engine.state is not State.PAUSED:
            return ""
        if self._held:
            return "Held while you are away · carries on by itself"
        return "Paused · space to carry on"

    @property
    def closing(self) -> bool:
        """The end bell has rung and the screen rests on the end, before the reflection."""
        return self._closing_since is not None

    @property
    def allows_journal(self) -> bool:
        """The journal key stays quiet while a session runs, so a stray key cannot break it
        (nor in the calm moment after it: the reflection is one key away)."""
        return not self.running and not self.closing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reflect":
            return self.closing
        return True

    # ---------------------------------------------------------------------- actions

    def begin(self, timeline: Timeline) -> None:
        """Start the engine on ``timeline`` and the quiet loop that wakes it."""
        if self.engine is not None:
            return
        # The choices are put away: nothing is left highlighted, after a dialog either.
        self.set_focus(None)
        self.AUTO_FOCUS = ""
        clock = services(self).clock
        self.engine = PacingEngine(timeline, clock)
        self.ring(self.engine.start())
        self._loop = QuietLoop(self, self.wake, clock)
        self._loop.start()
        self.wake()
        self.refresh_bindings()

    def on_screen_suspend(self) -> None:
        """Another screen (the Stop dialog, Help, grounding) came over this one: hold the
        time, so the time kept is the time practised."""
        engine = self.engine
        if engine is not None and engine.state in (State.RUNNING, State.PREPARING):
            self._held = True
            self.ring(engine.pause())
            self.wake()

    def on_screen_resume(self) -> None:
        """Back on this screen: carry on where it was held (a pause of the participant's own,
        from before, stays). In the calm moment after the end, its minute starts again."""
        engine = self.engine
        if self.closing:
            self._rest_on_the_end()
            return
        if not self._held or engine is None:
            return
        self._held = False
        if engine.state is State.PAUSED:
            self.ring(engine.resume())
        self.wake()

    def action_toggle_pause(self) -> None:
        if self.engine is None or self.engine.is_over:
            return
        self.ring(self.engine.toggle_pause())
        self.wake()

    def action_stop(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return

        def decided(stop: bool | None) -> None:
            if stop and not engine.is_over:
                self.ring(engine.stop())
                self.finish()

        question = self.stop_question(engine)
        self.app.push_screen(
            Confirm(question.title, question.kept, yes="Stop", no="Carry on"), decided
        )

    def action_leave(self) -> None:
        if self.running:
            self.action_stop()
        else:
            self.app.pop_screen()

    # ------------------------------------------------------------------ the quiet loop

    def wake(self) -> None:
        """Catch up with the clock: ring what is due, redraw, and sleep until the next event."""
        engine = self.engine
        if engine is None:
            return
        if self._closing_since is not None:
            self._close_when_rested()
            return
        self.ring(engine.poll())
        if engine.is_over:
            self.finish()
            return
        self.draw(engine)
        if self._loop is not None:
            self._loop.arm(engine.next_deadline())

    def ring(self, due: Due) -> None:
        """Ring what the engine hands out, and tell the voice (practice_tui.sitting)."""
        app = services(self)
        ring(due, app.bells, app.preferences, self.speaker)

    # ------------------------------------------------------------------- the end

    def finish(self) -> None:
        """Keep the time practised, then move on: after the end bell, by way of a calm moment;
        after a stop, at once (the participant has just chosen to go)."""
        if self._loop is not None:
            self._loop.stop()
        engine = self.engine
        if self._finished or engine is None:
            return
        self._finished = True
        if not engine.has_begun:
            self.app.pop_screen()  # stopped while settling: nothing was practised
            return
        self.save_session()
        if engine.state is State.FINISHED and self.closes_calmly:
            self.draw_closing(engine)
            self.refresh_bindings()
            self._rest_on_the_end()
        else:
            self.after_session()

    def _rest_on_the_end(self) -> None:
        """Start (or start again) the minute after which the reflection opens by itself."""
        clock = services(self).clock
        self._closing_since = clock.monotonic()
        if self._loop is None:
            self._loop = QuietLoop(self, self.wake, clock)
        self._loop.start()
        self._loop.arm(self._closing_since + CLOSING_SECONDS)

    def _close_when_rested(self) -> None:
        """A minute of nothing on this screen: open the reflection (never from under another
        screen; coming back to this one starts the minute again)."""
        since = self._closing_since
        if since is None or self.app.screen is not self:
            return
        if services(self).clock.monotonic() - since >= CLOSING_SECONDS:
            self.action_reflect()

    def action_reflect(self) -> None:
        """From the calm end to the reflection, when the participant is ready."""
        if self._closing_since is None:
            return
        self._closing_since = None
        if self._loop is not None:
            self._loop.stop()
        self.after_session()

    def save_session(self) -> None:
        engine = self.engine
        if engine is None or self.record is not None or not engine.has_begun:
            return
        self._finished = True
        name = self.session_name()
        record = self.record = session_of(
            engine,
            services(self).clock,
            practice_id=name.practice_id,
            practice_name=name.practice_name,
            week=name.week,
            kind=name.kind,
        )
        # Written off the event loop, before anything written after it (the reflection that
        # names it), however long another program holds the journal.
        write_journal(self, lambda journal: journal.sessions.keep(record))

    def on_unmount(self) -> None:
        """Leaving mid-session (quitting the app) still keeps the time practised."""
        if self.speaker is not None:
            self.speaker.stop()  # nothing goes on speaking after the screen has gone
        if self.engine is not None and not self._finished:
            self.engine.stop()
            self.save_session()
