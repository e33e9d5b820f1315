"""The meditation timer: a plain sitting with bells, as a pure state machine over a clock.

Built like :mod:`practice_tui.engine.session`: it never sleeps, plays or draws. The screen wakes at
:meth:`MeditationTimer.next_deadline`, calls :meth:`MeditationTimer.poll` and rings what it is
handed. Every bell's deadline is fixed from the start bell on the monotonic clock, and a pause
moves every later deadline by the length of the pause, so nothing drifts however late the
screen wakes.

The plan carries the sound names and volumes, so a :class:`TimerBell` says everything the
screen needs to ring it: the screen neither looks up settings nor decides which bell is which.

Late wake-up (a laptop lid closed through several bells), applied on each :meth:`poll`:

- an interval bell more than :data:`LATE_TOLERANCE` seconds past its deadline is skipped, not
  rung; of the interval bells that came due since the last poll only the most recent can ring,
  and only when it is within the tolerance;
- the end bell always rings, exactly once, however late; its deadline stays the planned end and
  the time practised counts to that end, not to the late wake-up;
- the start bell (the end of the preparation) also rings however late, unless the end is due in
  the same poll: then only the end rings;
- a poll returns at most one bell; interval bells it passes over count in ``skipped_bells``.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from practice_tui.engine.clock import Clock

#: An interval bell this many seconds late is skipped: ringing it would mark a moment long gone.
LATE_TOLERANCE = 2.0
#: The timer's length is a whole number of minutes, up to a day.
MAX_MINUTES = 24 * 60
#: Interval bells closer together than this would be noise, and an open-ended list must stay
#: short enough to show.
MIN_INTERVAL_SECONDS = 1.0
#: A start or end bell is struck 1 to 3 times; the player spaces the strikes.
MAX_STRIKES = 3
#: The timer's own sounds, unless the participant chose others.
DEFAULT_BELL = "singing-bowl"
DEFAULT_INTERVAL_BELL = "small-bell"
PRESET_MINUTES = (5, 10, 15, 20, 30, 45, 60)

# Offsets are rounded to a microsecond, so that "every 1/6 minute for 2 minutes" puts its last
# interval exactly on the end (and drops it) instead of a hair before it.
_OFFSET_DIGITS = 6


class BellKind(enum.StrEnum):
    START = "start"
    INTERVAL = "interval"
    END = "end"


@dataclass(frozen=True)
class TimerBell:
    """A bell to ring now. ``deadline`` is the monotonic time it was due; ``volume`` is 0..1,
    or None for the player's own volume."""

    kind: BellKind
    deadline: float
    strikes: int
    sound: str
    volume: float | None

    def lateness(self, now: float) -> float:
        return max(0.0, now - self.deadline)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_volume(name: str, value: float | None) -> None:
    if value is not None and not (_is_number(value) and 0.0 <= value <= 1.0):
        raise ValueError(f"{name} should be between 0 and 1, or None for the player's volume")


@dataclass(frozen=True)
class TimerPlan:
    """What the participant asked for. ``minutes=None`` is open-ended: it counts up until stopped.

    Interval bells come either every ``interval_minutes`` or at the chosen ``interval_at``
    minutes after the start bell, never both. An interval at or after the end is dropped: the
    end bell marks that moment. ``volume`` is for the start and end bells; ``interval_volume``
    None means the same as ``volume``.
    """

    minutes: int | None
    preparation_seconds: float = 0
    interval_minutes: float | None = None
    interval_at: tuple[float, ...] = ()
    start_strikes: int = 1
    end_strikes: int = 1
    start_bell: str = DEFAULT_BELL
    interval_bell: str = DEFAULT_INTERVAL_BELL
    end_bell: str = DEFAULT_BELL
    volume: float | None = None
    interval_volume: float | None = None

    def __post_init__(self) -> None:
        if self.minutes is not None and not (
            isinstance(self.minutes, int)
            and not isinstance(self.minutes, bool)
            and 1 <= self.minutes <= MAX_MINUTES
        ):
            raise ValueError(
                f"the length should be a whole number of minutes from 1 to {MAX_MINUTES}"
            )
        if not (_is_number(self.preparation_seconds) and 0 <= self.preparation_seconds < math.inf):
            raise ValueError("the preparation should be zero or more seconds")
        if self.interval_minutes is not None and self.interval_at:
            raise ValueError(
                "choose interval bells either every few minutes or at chosen minutes, not both"
            )
        if self.interval_minutes is not None and not (
            _is_number(self.interval_minutes)
            and MIN_INTERVAL_SECONDS <= self.interval_minutes * 60 < math.inf
        ):
            raise ValueError(
                f"interval bells need at least {MIN_INTERVAL_SECONDS:g} second between them"
            )
        at = tuple(self.interval_at)
        if not all(_is_number(m) and 0 < m < math.inf for m in at):
            raise ValueError("interval bells come at a positive number of minutes after the start")
        # Sorted and without repeats (two marks on the same moment, to the engine's precision,
        # are one bell), so equal plans compare equal and the engine walks in order.
        by_offset: dict[float, float] = {}
        for minutes in sorted(at):
            by_offset.setdefault(round(minutes * 60, _OFFSET_DIGITS), minutes)
        object.__setattr__(self, "interval_at", tuple(by_offset.values()))
        for name in ("start_strikes", "end_strikes"):
            strikes = getattr(self, name)
            if not (isinstance(strikes, int) and 1 <= strikes <= MAX_STRIKES):
                raise ValueError(f"a bell is struck 1 to {MAX_STRIKES} times")
        _check_volume("volume", self.volume)
        _check_volume("interval_volume", self.interval_volume)

    @property
    def length_seconds(self) -> float | None:
        return None if self.minutes is None else self.minutes * 60.0

    @property
    def is_open_ended(self) -> bool:
        return self.minutes is None

    def interval_offset(self, index: int) -> float | None:
        """Seconds from the start bell to interval bell ``index`` (from 0); None past the last."""
        if self.interval_minutes is not None:
            offset = round((index + 1) * self.interval_minutes * 60, _OFFSET_DIGITS)
        elif index < len(self.interval_at):
            offset = round(self.interval_at[index] * 60, _OFFSET_DIGITS)
        else:
            return None
        length = self.length_seconds
        if length is not None and offset >= length:
            return None
        return offset

    def interval_offsets(self, first: int = 0) -> Iterator[float]:
        """The interval bells' offsets in order, from bell ``first`` (endless for open-ended,
        every-N plans)."""
        index = first
        while (offset := self.interval_offset(index)) is not None:
            yield offset
            index += 1

    def bell(self, kind: BellKind, deadline: float) -> TimerBell:
        """The bell of ``kind`` due at ``deadline``, with this plan's sound, strikes and volume."""
        if kind is BellKind.START:
            return TimerBell(kind, deadline, self.start_strikes, self.start_bell, self.volume)
        if kind is BellKind.END:
            return TimerBell(kind, deadline, self.end_strikes, self.end_bell, self.volume)
        volume = self.volume if self.interval_volume is None else self.interval_volume
        return TimerBell(kind, deadline, 1, self.interval_bell, volume)


class State(enum.Enum):
    READY = "ready"
    PREPARING = "preparing"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class TimerStateError(RuntimeError):
    """An action that makes no sense in the current state (a bug in the caller, not the user)."""


class MeditationTimer:
    """Runs a :class:`TimerPlan` against a clock: preparation, start bell, intervals, end bell.

    ``elapsed_seconds`` is the time practised: from the start bell, less pauses, never counting
    the preparation. See the module docstring for what happens after a late wake-up.
    """

    def __init__(self, plan: TimerPlan, clock: Clock) -> None:
        self._plan = plan
        self._clock = clock
        self._state = State.READY
        self._prep_deadline: float | None = None
        # The start bell's deadline; every later deadline is this + an offset + the pauses since.
        self._start_at: float | None = None
        self._start_wall: datetime | None = None
        self._running_pauses = 0.0  # pauses after the start bell: they move later deadlines
        self._paused_at: float | None = None
        self._resume_to = State.RUNNING
        self._ended_at: float | None = None
        self._next_interval = 0  # index of the next interval bell in the plan
        self._skipped = 0

    # ----------------------------------------------------------------- reading the state

    @property
    def plan(self) -> TimerPlan:
        return self._plan

    @property
    def state(self) -> State:
        return self._state

    @property
    def is_over(self) -> bool:
        return self._state in (State.FINISHED, State.STOPPED)

    @property
    def has_begun(self) -> bool:
        """True once the start bell's moment has passed: the practice itself is under way."""
        return self._start_at is not None

    @property
    def skipped_bells(self) -> int:
        """Bells passed over after late wake-ups (or a start bell swallowed by the end)."""
        return self._skipped

    @property
    def is_preparing(self) -> bool:
        """In the countdown before the start bell (paused there or not)."""
        return self._state is State.PREPARING or (
            self._state is State.PAUSED and self._resume_to is State.PREPARING
        )

    @property
    def paused_seconds(self) -> float:
        """Time paused since the start bell, including a pause under way (as in the session)."""
        ongoing = 0.0
        if self._paused_at is not None and self._resume_to is State.RUNNING:
            ongoing = self._effective_now() - self._paused_at
        return self._running_pauses + ongoing

    def started_wall(self) -> datetime | None:
        """The local time of the start bell, for the journal; None before it."""
        return self._start_wall

    def _effective_now(self) -> float:
        """Now, frozen while paused and fixed once the timer is over."""
        if self._ended_at is not None:
            return self._ended_at
        if self._paused_at is not None:
            return self._paused_at
        return self._clock.monotonic()

    def _deadline(self, offset: float) -> float:
        assert self._start_at is not None
        return self._start_at + self._running_pauses + offset

    def _end_deadline(self) -> float | None:
        length = self._plan.length_seconds
        return None if length is None or self._start_at is None else self._deadline(length)

    def _interval_deadline(self) -> float | None:
        offset = self._plan.interval_offset(self._next_interval)
        return None if offset is None or self._start_at is None else self._deadline(offset)

    def elapsed_seconds(self) -> float:
        """Time practised: from the start bell to now (or the end), less the pauses."""
        if self._start_at is None:
            return 0.0
        length = self._plan.length_seconds
        if self._state is State.FINISHED and length is not None:
            return length
        elapsed = max(0.0, self._effective_now() - self._start_at - self._running_pauses)
        return elapsed if length is None else min(elapsed, length)

    def remaining_seconds(self) -> float | None:
        """Time to the end bell as its deadline minus now; None when open-ended."""
        length = self._plan.length_seconds
        if length is None:
            return None
        if self.is_over:
            return 0.0
        end = self._end_deadline()
        if end is None:
            return length
        return min(length, max(0.0, end - self._effective_now()))

    def preparation_left(self) -> float:
        """Seconds of preparation still to come; frozen while paused."""
        if self._state is State.READY:
            return float(self._plan.preparation_seconds)
        if self._prep_deadline is None or self._start_at is not None or self.is_over:
            return 0.0
        return max(0.0, self._prep_deadline - self._effective_now())

    def next_deadline(self) -> float | None:
        """When the screen must next wake for a bell; None when idle, paused or over.

        An open-ended timer without interval bells has nothing to wake for: None while it runs
        (the screen redraws its count once a second anyway).
        """
        if self._state is State.PREPARING:
            return self._prep_deadline
        if self._state is not State.RUNNING:
            return None
        candidates = [d for d in (self._interval_deadline(), self._end_deadline()) if d is not None]
        return min(candidates, default=None)

    def bell_deadlines(self, limit: int = 1000) -> list[TimerBell]:
        """The bells still to come, in order, at most ``limit`` (an open-ended timer with
        interval bells never runs out); empty once over.

        While paused, each deadline is where the bell would fall if the timer resumed now, so
        ``deadline - now`` reads "after you carry on"."""
        if self.is_over or self._state is State.READY:
            return []
        shift = 0.0
        if self._paused_at is not None:
            shift = self._clock.monotonic() - self._paused_at
        if self.is_preparing:
            assert self._prep_deadline is not None
            start = self._prep_deadline + shift
            upcoming = [self._plan.bell(BellKind.START, start)]
        else:
            start = self._deadline(0.0) + shift
            upcoming = []
        for offset in self._plan.interval_offsets(self._next_interval):
            if len(upcoming) >= limit:
                break
            upcoming.append(self._plan.bell(BellKind.INTERVAL, start + offset))
        length = self._plan.length_seconds
        if length is not None and len(upcoming) < limit:
            upcoming.append(self._plan.bell(BellKind.END, start + length))
        return upcoming

    # ---------------------------------------------------------------------- transitions

    def start(self) -> list[TimerBell]:
        """Begin the preparation, or ring the start bell at once when there is none."""
        if self._state is not State.READY:
            raise TimerStateError(f"cannot start a timer that is {self._state.value}")
        self._prep_deadline = self._clock.monotonic() + self._plan.preparation_seconds
        self._state = State.PREPARING
        return self.poll()

    def poll(self) -> list[TimerBell]:
        """Catch up with the clock; return the bell to ring now, if any (at most one)."""
        if self._state not in (State.PREPARING, State.RUNNING):
            return []
        now = self._clock.monotonic()
        start_due = False
        if self._state is State.PREPARING:
            assert self._prep_deadline is not None
            if now < self._prep_deadline:
                return []
            self._begin(self._prep_deadline, now)
            start_due = True
        passed, latest = 0, 0.0  # interval bells due since the last poll, the latest one's time
        while (deadline := self._interval_deadline()) is not None and deadline <= now:
            passed, latest = passed + 1, deadline
            self._next_interval += 1
        end = self._end_deadline()
        if end is not None and end <= now:
            self._skipped += passed + start_due
            self._ended_at = end
            self._state = State.FINISHED
            return [self._plan.bell(BellKind.END, end)]
        if start_due:
            self._skipped += passed
            return [self._plan.bell(BellKind.START, self._deadline(0.0))]
        if not passed:
            return []
        ring = now - latest <= LATE_TOLERANCE
        self._skipped += passed - ring
        return [self._plan.bell(BellKind.INTERVAL, latest)] if ring else []

    def pause(self) -> list[TimerBell]:
        """Freeze the timer (the preparation too); returns a bell already due, so none is lost."""
        if self._state not in (State.PREPARING, State.RUNNING):
            raise TimerStateError(f"cannot pause a timer that is {self._state.value}")
        due = self.poll()
        if self._state in (State.PREPARING, State.RUNNING):
            self._resume_to = self._state
            self._paused_at = self._clock.monotonic()
            self._state = State.PAUSED
        return due

    def resume(self) -> list[TimerBell]:
        """Carry on; every later deadline moves by the length of the pause."""
        if self._state is not State.PAUSED or self._paused_at is None:
            raise TimerStateError(f"cannot resume a timer that is {self._state.value}")
        shift = self._clock.monotonic() - self._paused_at
        if self._resume_to is State.PREPARING:
            assert self._prep_deadline is not None
            self._prep_deadline += shift  # not practice yet: nothing to count as paused
        else:
            self._running_pauses += shift
        self._paused_at = None
        self._state = self._resume_to
        return self.poll()

    def toggle_pause(self) -> list[TimerBell]:
        if self._state is State.PAUSED:
            return self.resume()
        return self.pause()

    def skip_preparation(self) -> list[TimerBell]:
        """Ring the start bell now, cutting the preparation short (paused there or not)."""
        if not self.is_preparing:
            raise TimerStateError(f"no preparation to skip in a timer that is {self._state.value}")
        self._paused_at = None
        self._state = State.PREPARING
        self._prep_deadline = self._clock.monotonic()
        return self.poll()

    def stop(self) -> None:
        """End now, without a bell. The time practised so far stays countable (never more than
        the length, if the end passed unseen)."""
        if self.is_over:
            return
        if self._start_at is not None:
            self._ended_at = self._effective_now()
        self._paused_at = None
        self._state = State.STOPPED

    # ------------------------------------------------------------------------ internals

    def _begin(self, start_at: float, now: float) -> None:
        """Leave the preparation at its deadline (``now`` may be later, after a late wake)."""
        self._start_at = start_at
        self._start_wall = self._clock.wall() - timedelta(seconds=now - start_at)
        self._state = State.RUNNING
