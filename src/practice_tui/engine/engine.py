"""The pacing engine: runs any :class:`~practice_tui.engine.timeline.Timeline` on a clock.

Like a sans-I/O protocol engine it never sleeps, plays or draws: the screen asks when the next
event is due (:meth:`PacingEngine.next_deadline`), wakes then, calls :meth:`PacingEngine.poll`
and rings the bell it is handed. A guided practice and the plain timer only build timelines.

Time. Every deadline is fixed from the start bell on the monotonic clock: the start bell's
moment, plus the event's offset, plus the pauses since, less any time skipped. Time left is
always ``deadline - now``, so nothing drifts however late the screen wakes.

Pauses (one policy). A pause freezes everything, the preparation too. Resuming moves every
later deadline by the length of the pause. Time practised runs from the start bell, less the
pauses; the preparation is never practice.

Late wake-ups (one policy), e.g. a laptop lid closed through several events:

- a poll returns at most one bell, never a burst; every other bell it passes over is counted
  in :attr:`PacingEngine.skipped_bells`, so rung + skipped accounts for every bell passed;
- the end bell always rings, exactly once, however late; its deadline stays the planned end
  and the time practised counts to that end, not to the late wake-up;
- otherwise the latest bell still worth ringing rings. An interval bell only marks time
  passing: more than :data:`LATE_TOLERANCE` seconds late it would mark a moment long gone, so
  it is skipped. A start bell or a phase cue rings however late: it is the gentler choice,
  because it announces the words now on screen (or that the practice has begun) to someone
  whose eyes may be closed, and without it the words would change in silence;
- the words shown always catch up to where the practice is now.

Speech (one policy). A step's words, in a spoken practice, are handed out as a :class:`Say`
when they are due (once the step's bell has rung out), in the poll's :class:`Due`, with the
bells. A late wake-up starts the words of the step it lands in, late, and never the words of a
step already over. Whenever words may be sounding, the engine says so: a pause pauses them,
resuming resumes them, and a new step, a skip, the end or a stop stops them.
"""

from __future__ import annotations

import enum
import itertools
from datetime import datetime, timedelta

from practice_tui.engine.clock import Clock
from practice_tui.engine.due import LATE_TOLERANCE, Due, Ring, Say, SpeechAction
from practice_tui.engine.timeline import Event, Step, Timeline

__all__ = [
    "LATE_TOLERANCE",
    "TRANSITIONS",
    "Due",
    "EngineStateError",
    "PacingEngine",
    "Ring",
    "Say",
    "SpeechAction",
    "State",
]


class State(enum.Enum):
    READY = "ready"
    PREPARING = "preparing"  # the settling time before the start bell
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


#: Skipping less than this still leaves a practice completed (see :attr:`PacingEngine.completed`).
SKIP_SLACK_SECONDS = 1.0

#: The only moves between states (skipping to the end may finish a paused session).
TRANSITIONS: dict[State, frozenset[State]] = {
    State.READY: frozenset({State.PREPARING, State.STOPPED}),
    State.PREPARING: frozenset({State.RUNNING, State.PAUSED, State.STOPPED}),
    State.RUNNING: frozenset({State.PAUSED, State.FINISHED, State.STOPPED}),
    State.PAUSED: frozenset({State.PREPARING, State.RUNNING, State.FINISHED, State.STOPPED}),
    State.FINISHED: frozenset(),
    State.STOPPED: frozenset(),
}


class EngineStateError(RuntimeError):
    """An action that makes no sense in the current state (a bug in the caller, not the user)."""


class PacingEngine:
    """Runs a timeline: preparation, start bell, words and bells at their offsets, end bell."""

    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        self._timeline = timeline
        self._clock = clock
        self._state = State.READY
        self._prep_end: float | None = None
        self._start_at: float | None = None  # the start bell's moment, on the monotonic clock
        self._start_wall: datetime | None = None
        self._paused = 0.0  # pauses after the start bell, ended ones
        self._skipped_time = 0.0  # time cut short by skipping ahead
        self._paused_at: float | None = None
        self._resume_to = State.RUNNING
        self._ended_at: float | None = None
        self._passed: float | None = None  # the offset of the last event passed
        self._ahead = timeline.events_after(None)
        self._next = next(self._ahead, None)
        first = next((e.step for e in timeline.events if e.step is not None), None)
        self._step: Step | None = first
        self._steps_passed = 0
        self._skipped = 0
        self._say: tuple[int, str, float] | None = None  # the current step's words, unsaid
        self._speaking = False  # the current step's words were handed out, not stopped
        self._voice_paused = False
        self._voice_stop = False  # words of a step now over may still be sounding

    # ----------------------------------------------------------------- reading the state

    @property
    def timeline(self) -> Timeline:
        return self._timeline

    @property
    def state(self) -> State:
        return self._state

    @property
    def is_over(self) -> bool:
        return self._state in (State.FINISHED, State.STOPPED)

    @property
    def is_preparing(self) -> bool:
        """In the settling time before the start bell (paused there or not)."""
        return self._state is State.PREPARING or (
            self._state is State.PAUSED and self._resume_to is State.PREPARING
        )

    @property
    def has_begun(self) -> bool:
        """True once the start bell's moment has passed: the practice itself is under way."""
        return self._start_at is not None

    @property
    def started_at(self) -> float | None:
        """The monotonic time of the start bell; None before it."""
        return self._start_at

    def started_wall(self) -> datetime | None:
        """The local time of the start bell, for the journal; None before it."""
        return self._start_wall

    @property
    def planned_seconds(self) -> float | None:
        return self._timeline.length

    @property
    def skipped_seconds(self) -> float:
        """Time of the plan cut short by skipping ahead (never the preparation)."""
        return self._skipped_time

    @property
    def completed(self) -> bool:
        """Ran to the end bell without being skipped through: what the journal calls a
        completed practice (a second of slack, for a skip in the last moment)."""
        return self._state is State.FINISHED and self._skipped_time < SKIP_SLACK_SECONDS

    @property
    def skipped_bells(self) -> int:
        """Bells passed over: after late wake-ups, or by skipping ahead."""
        return self._skipped

    @property
    def current_step(self) -> Step | None:
        """The words showing now (the first words before the start); None without words."""
        return self._step

    @property
    def step_index(self) -> int:
        """How many words have come and gone before the ones showing now."""
        return max(0, self._steps_passed - 1)

    @property
    def phase_count(self) -> int:
        return len(self._timeline.phase_indices)

    @property
    def phase_number(self) -> int:
        """The current phase, counted from 1 for people; 0 without words."""
        if self._step is None:
            return 0
        return self._timeline.phase_indices.index(self._step.phase_index) + 1

    @property
    def paused_seconds(self) -> float:
        """Time paused since the start bell, including a pause still under way."""
        ongoing = 0.0
        if self._paused_at is not None and self._resume_to is State.RUNNING:
            ongoing = self._clock.monotonic() - self._paused_at
        return self._paused + ongoing

    def practised_seconds(self) -> float:
        """From the start bell to now (or the end), less the pauses; never the preparation,
        never more than the planned length less what was skipped."""
        if self._start_at is None:
            return 0.0
        length = self._timeline.length
        cap = None if length is None else max(0.0, length - self._skipped_time)
        if self._state is State.FINISHED and cap is not None:
            return cap
        practised = max(0.0, self._effective_now() - self._start_at - self._paused)
        return practised if cap is None else min(practised, cap)

    def time_left(self) -> float | None:
        """Seconds to the end bell, as its deadline minus now; None when open-ended."""
        length = self._timeline.length
        if length is None:
            return None
        if self.is_over:
            return 0.0
        end = self._end_deadline()
        if end is None:
            return length
        return min(length, max(0.0, end - self._effective_now()))

    def step_time_left(self) -> float | None:
        """Seconds until the next words (or the end); None when open-ended without words."""
        if self.is_over:
            return 0.0
        offset = self._next_step_offset()
        if offset is None:
            return None
        if self._start_at is None:
            return offset
        return max(0.0, self._deadline(offset) - self._effective_now())

    def preparation_left(self) -> float:
        """Seconds of settling still to come; frozen while paused."""
        if self._state is State.READY:
            return self._timeline.preparation
        if not self.is_preparing or self._prep_end is None:
            return 0.0
        return max(0.0, self._prep_end - self._effective_now())

    def next_deadline(self) -> float | None:
        """When the screen must next wake; None when ready, paused, over, or nothing is ahead
        (an open-ended sitting without bells: the screen redraws once a second anyway)."""
        if self._state is State.PREPARING:
            return self._prep_end
        if self._state is not State.RUNNING:
            return None
        event = None if self._next is None else self._deadline(self._next.offset)
        due = (event, self._end_deadline(), self._say_deadline())
        return min((d for d in due if d is not None), default=None)

    def bell_deadlines(self, limit: int = 1000) -> list[Ring]:
        """The bells still to come, in order, at most ``limit`` (an open-ended sitting with a
        repeated bell never runs out); empty when ready or over.

        While paused, each deadline is where the bell would fall if resumed now, so
        ``deadline - now`` reads "after you carry on"."""
        if self.is_over or self._state is State.READY:
            return []
        shift = 0.0
        if self._paused_at is not None:
            shift = self._clock.monotonic() - self._paused_at
        if self.is_preparing:
            assert self._prep_end is not None
            base, events = self._prep_end + shift, self._timeline.events_after(None)
        else:
            base, events = self._deadline(0.0) + shift, self._timeline.events_after(self._passed)
        bells = (Ring(e.bell, base + e.offset) for e in events if e.bell is not None)
        upcoming = list(itertools.islice(bells, limit))
        length, end_bell = self._timeline.length, self._timeline.end_bell
        if length is not None and end_bell is not None and len(upcoming) < limit:
            upcoming.append(Ring(end_bell, base + length))
        return upcoming

    # ---------------------------------------------------------------------- transitions

    def start(self) -> Due:
        """Begin the preparation, or ring the start bell at once when there is none."""
        if self._state is not State.READY:
            raise EngineStateError(f"cannot start what is {self._state.value}")
        self._prep_end = self._clock.monotonic() + self._timeline.preparation
        self._move(State.PREPARING)
        return self.poll()

    def poll(self) -> Due:
        """Catch up with the clock; return the bell to ring now, if any (at most one), and
        the words to begin speaking, if any are due."""
        return self._poll(may_say=True)

    def _poll(self, *, may_say: bool) -> Due:
        if self._state not in (State.PREPARING, State.RUNNING):
            return Due()
        now = self._clock.monotonic()
        if self._state is State.PREPARING:
            assert self._prep_end is not None
            if now < self._prep_end:
                return Due()
            self._begin(self._prep_end, now)
        passed = self._catch_up(now)
        end = self._end_deadline()
        if end is not None and end <= now:
            self._skipped += len(passed)
            return self._finish(end)
        ring = [r for r in passed if r.worth_ringing(now)][-1:]
        self._skipped += len(passed) - len(ring)
        return self._handed(ring, now, may_say=may_say)

    def pause(self) -> Due:
        """Freeze everything (the preparation too); returns a bell already due, so none is
        lost, and pauses the words being spoken (words just due wait for the resume)."""
        if self._state not in (State.PREPARING, State.RUNNING):
            raise EngineStateError(f"cannot pause what is {self._state.value}")
        due = self._poll(may_say=False)
        if self._state in (State.PREPARING, State.RUNNING):
            self._resume_to = self._state
            self._paused_at = self._clock.monotonic()
            self._move(State.PAUSED)
            if self._speaking and due.speech is None:
                self._voice_paused = True
                due.speech = SpeechAction.PAUSE
        return due

    def resume(self) -> Due:
        """Carry on; every later deadline moves by the length of the pause."""
        if self._state is not State.PAUSED or self._paused_at is None:
            raise EngineStateError(f"cannot resume what is {self._state.value}")
        pause = self._clock.monotonic() - self._paused_at
        if self._resume_to is State.PREPARING:
            assert self._prep_end is not None
            self._prep_end += pause  # not practice yet: nothing to count as paused
        else:
            self._paused += pause
        self._paused_at = None
        self._move(self._resume_to)
        held, self._voice_paused = self._voice_paused, False
        due = self.poll()
        if held and self._speaking and due.speech is None:
            due.speech = SpeechAction.RESUME
        return due

    def toggle_pause(self) -> Due:
        if self._state is State.PAUSED:
            return self.resume()
        return self.pause()

    def skip_preparation(self) -> Due:
        """Ring the start bell now, cutting the settling short (paused there or not)."""
        if not self.is_preparing:
            raise EngineStateError(f"no preparation to skip in what is {self._state.value}")
        self._paused_at = None
        if self._state is State.PAUSED:
            self._move(State.PREPARING)
        self._prep_end = self._clock.monotonic()
        return self.poll()

    def skip(self) -> Due:
        """Move on to the next phase now, or finish from the last one; in the preparation,
        start at once. Bells passed over count as skipped; the new phase's cue rings now, and
        the words being spoken stop."""
        if self.is_preparing:
            return self.skip_preparation()
        if self._state not in (State.RUNNING, State.PAUSED):
            raise EngineStateError(f"cannot skip in what is {self._state.value}")
        if self._next_phase_offset() is None:
            raise EngineStateError("an open-ended sitting has no next phase to skip to")
        now = self._effective_now()
        passed = self._catch_up(now)
        end = self._end_deadline()
        if end is not None and end <= now:  # the end came while nobody looked
            self._skipped += len(passed)
            return self._finish(end)
        target = self._next_phase_offset()
        if target is None:  # the last phase came while nobody looked; nothing more to skip
            self._skipped += len(passed)
            return self._handed([], now, may_say=True)
        self._skipped_time += self._deadline(target) - now
        passed += self._catch_up(now, before=target)
        self._skipped += len(passed)
        if target == self._timeline.length:
            return self._finish(now)
        event = self._take()
        assert event is not None and event.offset == target
        rings = [] if event.bell is None else [Ring(event.bell, now)]
        return self._handed(rings, self._clock.monotonic(), may_say=True)

    def stop(self) -> Due:
        """End now, without a bell (so, like every action, it returns the bells to ring: none),
        silencing any words being spoken. The time practised so far stays countable (never
        more than the length, if the end passed unseen)."""
        if not self.is_over:
            if self._start_at is not None:
                self._ended_at = self._effective_now()
            self._paused_at = None
            self._move(State.STOPPED)
            return self._silence([])
        return Due()

    # ------------------------------------------------------------------------ internals

    def _move(self, state: State) -> None:
        if state not in TRANSITIONS[self._state]:
            raise EngineStateError(f"no way from {self._state.value} to {state.value}")
        self._state = state

    def _effective_now(self) -> float:
        """Now, frozen while paused and fixed once over."""
        if self._ended_at is not None:
            return self._ended_at
        if self._paused_at is not None:
            return self._paused_at
        return self._clock.monotonic()

    def _deadline(self, offset: float) -> float:
        assert self._start_at is not None
        return self._start_at + (self._paused - self._skipped_time) + offset

    def _end_deadline(self) -> float | None:
        length = self._timeline.length
        return None if length is None or self._start_at is None else self._deadline(length)

    def _begin(self, start_at: float, now: float) -> None:
        """Leave the preparation at its deadline (``now`` may be later, after a late wake)."""
        self._start_at = start_at
        self._start_wall = self._clock.wall() - timedelta(seconds=now - start_at)
        self._move(State.RUNNING)

    def _take(self) -> Event | None:
        """Pass the next event: its words show from now on, and are spoken when due; words
        still sounding from the step before must stop."""
        event = self._next
        if event is not None:
            self._passed = event.offset
            self._next = next(self._ahead, None)
            if event.step is not None:
                self._step = event.step
                self._steps_passed += 1
                self._voice_stop = self._voice_stop or self._speaking
                self._speaking = self._voice_paused = False
                speaks = event.speech_offset
                speech = event.step.speech
                self._say = (
                    None
                    if speaks is None or speech is None
                    else (
                        self.step_index,
                        speech,
                        speaks,
                    )
                )
        return event

    def _say_deadline(self) -> float | None:
        """When the current step's words, not yet handed out, are due; None if none are."""
        if self._say is None or self._start_at is None:
            return None
        return self._deadline(self._say[2])

    def _handed(self, bells: list[Ring], now: float, *, may_say: bool) -> Due:
        """The bells to ring, with what the voice must do: stop words of a step now over,
        then (running, and if asked) begin the current step's words if they are due."""
        due = self._silence(bells) if self._voice_stop else Due(bells)
        deadline = self._say_deadline()
        if may_say and self._state is State.RUNNING and deadline is not None and deadline <= now:
            assert self._say is not None
            index, text, _ = self._say
            due.say = Say(index, text, deadline)
            self._say = None
            self._speaking = True
        return due

    def _silence(self, bells: list[Ring]) -> Due:
        """``bells``, stopping any words that may be sounding."""
        sounding = self._voice_stop or self._speaking
        self._voice_stop = self._speaking = self._voice_paused = False
        return Due(bells, speech=SpeechAction.STOP if sounding else None)

    def _catch_up(self, now: float, before: float | None = None) -> list[Ring]:
        """Pass every event due by ``now`` (or, given ``before``, every one before that
        offset); return their bells."""
        passed: list[Ring] = []
        while self._next is not None and (
            self._next.offset < before if before is not None else self._due(self._next, now)
        ):
            deadline = self._deadline(self._next.offset)
            event = self._take()
            if event is not None and event.bell is not None:
                passed.append(Ring(event.bell, deadline))
        return passed

    def _due(self, event: Event, now: float) -> bool:
        return self._deadline(event.offset) <= now

    def _finish(self, at: float) -> Due:
        self._ended_at = at
        self._paused_at = None
        self._move(State.FINISHED)
        self._say = None
        end_bell = self._timeline.end_bell
        return self._silence([] if end_bell is None else [Ring(end_bell, at)])

    def _next_step_offset(self) -> float | None:
        """The offset of the next words, or of the end."""
        after = 0.0 if self._passed is None else self._passed
        for event in self._timeline.events:
            if event.step is not None and event.offset > after:
                return event.offset
        return self._timeline.length

    def _next_phase_offset(self) -> float | None:
        """The offset of the next words in another phase, or of the end."""
        phase = None if self._step is None else self._step.phase_index
        for event in self._timeline.events:
            if self._passed is not None and event.offset <= self._passed:
                continue
            if event.step is not None and event.step.phase_index != phase:
                return event.offset
        return self._timeline.length
