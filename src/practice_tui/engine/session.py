"""The pacing engine: a guided practice as a pure state machine over an injected clock.

Like a sans-I/O protocol engine, it never sleeps, never plays a sound and never draws: the
screen asks it what time the next event is due, wakes then, calls :meth:`PracticeSession.poll`
and rings the bells it is handed. Every deadline is fixed from the start on a monotonic clock
and time left is always ``deadline - now``, so nothing drifts however late the screen wakes.
A pause moves every later deadline by the length of the pause.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from practice_tui.engine.clock import Clock


@dataclass(frozen=True)
class PlannedStep:
    """One block of words and the silence after it, timed for one chosen length."""

    phase_index: int
    phase_title: str
    words: str
    seconds: float
    bell: bool = False  # ring a soft cue as this step begins, even within a phase


class BellKind(enum.StrEnum):
    START = "start"
    PHASE = "phase"
    END = "end"


@dataclass(frozen=True)
class Bell:
    """A bell to ring now; ``deadline`` is the monotonic time it was due."""

    kind: BellKind
    deadline: float
    step_index: int

    def lateness(self, now: float) -> float:
        return max(0.0, now - self.deadline)


class State(enum.Enum):
    READY = "ready"
    PREPARING = "preparing"  # the countdown before the start bell
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class SessionStateError(RuntimeError):
    """An action that makes no sense in the current state (a bug in the caller, not the user)."""


class PracticeSession:
    """Paces a list of :class:`PlannedStep` against a clock.

    Bells: one at the start, one at each change of phase (not between steps of the same phase,
    unless a step asks for one) and one at the end. When the screen wakes late and several
    boundaries have passed, only the latest bell is returned: a burst of bells would startle,
    and the screen can always show where the practice is now.

    ``preparation`` seconds of quiet come first, for settling in; the start bell ends them.
    They are not counted as time practised.
    """

    def __init__(
        self, steps: Sequence[PlannedStep], clock: Clock, preparation: float = 0.0
    ) -> None:
        if not steps:
            raise ValueError("a practice needs at least one step")
        if any(step.seconds <= 0 for step in steps):
            raise ValueError("every step needs a positive duration")
        if preparation < 0:
            raise ValueError("preparation cannot be negative")
        self._steps = tuple(steps)
        self._clock = clock
        self._preparation = preparation
        self._prep_end: float | None = None
        self._resume_to = State.RUNNING
        self._state = State.READY
        self._index = 0
        self._started_at: float | None = None
        self._ended_at: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0
        # _ends[i] is the monotonic deadline at which step i ends.
        self._ends: list[float] = []

    # ----------------------------------------------------------------- reading the state

    @property
    def state(self) -> State:
        return self._state

    @property
    def steps(self) -> tuple[PlannedStep, ...]:
        return self._steps

    @property
    def step_index(self) -> int:
        return self._index

    @property
    def current_step(self) -> PlannedStep:
        return self._steps[min(self._index, len(self._steps) - 1)]

    @property
    def phase_count(self) -> int:
        return len({step.phase_index for step in self._steps})

    @property
    def phase_number(self) -> int:
        """The current phase, counted from 1 for people."""
        phases = sorted({step.phase_index for step in self._steps})
        return phases.index(self.current_step.phase_index) + 1

    @property
    def planned_seconds(self) -> float:
        return sum(step.seconds for step in self._steps)

    @property
    def paused_seconds(self) -> float:
        """Time paused since the start bell, including a pause still under way."""
        ongoing = 0.0
        if self._paused_at is not None and self._resume_to is State.RUNNING:
            ongoing = self._effective_now() - self._paused_at
        return self._paused_total + ongoing

    @property
    def is_over(self) -> bool:
        return self._state in (State.FINISHED, State.STOPPED)

    @property
    def started_at(self) -> float | None:
        """The monotonic time of the start bell; None before it has rung."""
        return self._started_at

    @property
    def is_preparing(self) -> bool:
        """In the countdown before the start bell (paused there or not)."""
        return self._state is State.PREPARING or (
            self._state is State.PAUSED and self._resume_to is State.PREPARING
        )

    def preparation_left(self) -> float:
        if not self.is_preparing or self._prep_end is None:
            return 0.0
        return max(0.0, self._prep_end - self._effective_now())

    def _effective_now(self) -> float:
        """Now, frozen while paused and fixed once the practice is over."""
        if self._ended_at is not None:
            return self._ended_at
        if self._paused_at is not None:
            return self._paused_at
        return self._clock.monotonic()

    def time_left(self) -> float:
        """Seconds until the end bell, as a deadline minus now."""
        if self._state is State.READY or self.is_preparing:
            return self.planned_seconds
        if self.is_over:
            return 0.0
        return max(0.0, self._ends[-1] - self._effective_now())

    def step_time_left(self) -> float:
        if self._state is State.READY or self.is_preparing:
            return self._steps[0].seconds
        if self.is_over:
            return 0.0
        return max(0.0, self._ends[self._index] - self._effective_now())

    def practised_seconds(self) -> float:
        """Time actually practised: from the start bell to now or the end, less the pauses."""
        if self._started_at is None:
            return 0.0
        # While paused the effective clock is frozen, so an ongoing pause adds nothing.
        return max(0.0, self._effective_now() - self._started_at - self._paused_total)

    def next_deadline(self) -> float | None:
        """When the screen next needs to wake for a new step or a bell; None when idle."""
        if self._state is State.PREPARING:
            return self._prep_end
        if self._state is not State.RUNNING:
            return None
        return self._ends[self._index]

    def bell_deadlines(self) -> list[tuple[BellKind, float]]:
        """Every bell still to come, with its deadline (for display and for tests)."""
        if self._state is not State.RUNNING:
            return []
        upcoming: list[tuple[BellKind, float]] = []
        for i in range(self._index, len(self._steps)):
            kind = self._bell_after(i)
            if kind is not None:
                upcoming.append((kind, self._ends[i]))
        return upcoming

    # ---------------------------------------------------------------------- transitions

    def start(self) -> list[Bell]:
        """Begin: the start bell rings now, or when the preparation is over."""
        if self._state is not State.READY:
            raise SessionStateError(f"cannot start a practice that is {self._state.value}")
        now = self._clock.monotonic()
        if self._preparation > 0:
            self._prep_end = now + self._preparation
            self._state = State.PREPARING
            return []
        return self._begin(now)

    def _begin(self, at: float) -> list[Bell]:
        """The start bell: every step's deadline is fixed from here."""
        self._started_at = at
        self._ends = []
        deadline = at
        for step in self._steps:
            deadline += step.seconds
            self._ends.append(deadline)
        self._state = State.RUNNING
        return [Bell(BellKind.START, at, 0)]

    def poll(self) -> list[Bell]:
        """Catch up with the clock; return the bell to ring now, if any (at most one)."""
        now = self._clock.monotonic()
        due: list[Bell] = []
        if self._state is State.PREPARING and self._prep_end is not None:
            if now < self._prep_end:
                return []
            due.extend(self._begin(self._prep_end))
        if self._state is not State.RUNNING:
            return []
        while self._state is State.RUNNING and now >= self._ends[self._index]:
            due.extend(self._cross_boundary())
        return due[-1:]

    def pause(self) -> list[Bell]:
        """Freeze the practice; returns a bell that was already due, so none is swallowed."""
        if self._state not in (State.RUNNING, State.PREPARING):
            raise SessionStateError(f"cannot pause a practice that is {self._state.value}")
        due = self.poll()
        if self._state in (State.RUNNING, State.PREPARING):
            self._resume_to = self._state
            self._paused_at = self._clock.monotonic()
            self._state = State.PAUSED
        return due

    def resume(self) -> list[Bell]:
        """Carry on; every later deadline moves by the length of the pause."""
        if self._state is not State.PAUSED or self._paused_at is None:
            raise SessionStateError(f"cannot resume a practice that is {self._state.value}")
        now = self._clock.monotonic()
        shift = now - self._paused_at
        if self._resume_to is State.PREPARING and self._prep_end is not None:
            self._prep_end += shift  # not practice yet: nothing to count as paused
        else:
            self._ends = [
                *self._ends[: self._index],
                *(e + shift for e in self._ends[self._index :]),
            ]
            self._paused_total += shift
        self._paused_at = None
        self._state = self._resume_to
        return self.poll()

    def toggle_pause(self) -> list[Bell]:
        if self._state in (State.RUNNING, State.PREPARING):
            return self.pause()
        return self.resume()

    def skip(self) -> list[Bell]:
        """Move on to the start of the next phase now (or finish, from the last phase).

        During the preparation, skipping starts the practice at once.
        """
        if self.is_preparing:
            self._paused_at = None
            self._state = State.PREPARING
            self._prep_end = self._clock.monotonic()
            return self.poll()
        if self._state not in (State.RUNNING, State.PAUSED):
            raise SessionStateError(f"cannot skip in a practice that is {self._state.value}")
        now = self._effective_now()
        phase = self._steps[self._index].phase_index
        last_in_phase = self._index
        while (
            last_in_phase + 1 < len(self._steps)
            and self._steps[last_in_phase + 1].phase_index == phase
        ):
            last_in_phase += 1
        saved = self._ends[last_in_phase] - now
        for i in range(last_in_phase, len(self._steps)):
            self._ends[i] -= saved
        self._index = last_in_phase
        return self._cross_boundary()

    def stop(self) -> None:
        """End early. The time practised so far stays countable; no bell rings."""
        if self.is_over:
            return
        if self._state is State.READY:
            self._state = State.STOPPED
            return
        now = self._effective_now()
        self._paused_at = None
        self._ended_at = now
        self._state = State.STOPPED

    # ------------------------------------------------------------------------ internals

    def _bell_after(self, index: int) -> BellKind | None:
        if index == len(self._steps) - 1:
            return BellKind.END
        following = self._steps[index + 1]
        if following.bell or following.phase_index != self._steps[index].phase_index:
            return BellKind.PHASE
        return None

    def _cross_boundary(self) -> list[Bell]:
        """Leave the current step at its deadline."""
        deadline = self._ends[self._index]
        kind = self._bell_after(self._index)
        bells = [] if kind is None else [Bell(kind, deadline, self._index + 1)]
        if kind is BellKind.END:
            self._ended_at = deadline
            self._paused_at = None
            self._state = State.FINISHED
        else:
            self._index += 1
        return bells
