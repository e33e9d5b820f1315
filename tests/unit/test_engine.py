"""The one pacing engine, for both kinds of timeline (a guided practice's and the timer's,
timed or open-ended), driven by a fake clock: bells on their deadlines, pauses that move them,
late wake-ups that ring one bell and say what they skipped, and properties over arbitrary
sequences of start, pause, resume, skip, stop, clock moves and late wakes."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.course.model import PlannedStep
from practice_tui.engine.engine import (
    LATE_TOLERANCE,
    TRANSITIONS,
    Due,
    EngineStateError,
    PacingEngine,
    Ring,
    Say,
    SpeechAction,
    State,
)
from practice_tui.engine.practice_plan import practice_timeline
from practice_tui.engine.timeline import Bell, BellKind, Event, Repeat, Timeline
from practice_tui.engine.timer_plan import TimerPlan
from tests.support.clock import FakeClock

T0 = 1000.0


def practice(steps: list[PlannedStep], clock: FakeClock, preparation: float = 0.0) -> PacingEngine:
    """A guided practice's engine, as the practice screen makes it for a participant who chose
    a cue only at each change of phase (the examples below count those cues)."""
    timeline = practice_timeline(steps, preparation=preparation, cue_every_step=False)
    return PacingEngine(timeline, clock)


def timer_engine(plan: TimerPlan, clock: FakeClock) -> PacingEngine:
    """The timer's engine, as the timer screen makes it."""
    return PacingEngine(plan.timeline(), clock)


def run_to_end(
    engine: PacingEngine, clock: FakeClock, limit: int = 10_000
) -> list[tuple[Ring, float]]:
    """Wake exactly at each deadline, as the screen does; return (bell, rung at)."""
    rung = []
    for _ in range(3 * limit):  # a bound, in case a bug kept a deadline in the past
        deadline = engine.next_deadline()
        if deadline is None or len(rung) >= limit:
            break
        clock.set(max(deadline, clock.monotonic()))
        rung.extend((bell, clock.monotonic()) for bell in engine.poll())
    return rung


# ============================================================ a guided practice, by example


def make_steps(phase_sizes: list[int], seconds: float = 10.0) -> list[PlannedStep]:
    steps = []
    for phase, size in enumerate(phase_sizes):
        for i in range(size):
            steps.append(PlannedStep(phase, f"Phase {phase}", f"words {phase}.{i}", seconds))
    return steps


durations = st.floats(min_value=0.5, max_value=600, allow_nan=False, allow_infinity=False)


@st.composite
def plans(draw: st.DrawFn) -> list[PlannedStep]:
    phase_count = draw(st.integers(min_value=1, max_value=5))
    steps = []
    for phase in range(phase_count):
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            steps.append(PlannedStep(phase, f"P{phase}", "words", draw(durations)))
    return steps


def run_practice(session: PacingEngine, clock: FakeClock) -> list[tuple[BellKind, float, float]]:
    """Wake exactly at each deadline, as the screen does; return (kind, deadline, rung at)."""
    return [(bell.kind, bell.deadline, at) for bell, at in run_to_end(session, clock)]


def test_a_plain_run_rings_start_each_phase_change_and_end() -> None:
    clock = FakeClock()
    session = practice(make_steps([2, 1, 2]), clock)
    start = session.start()
    assert [b.kind for b in start] == [BellKind.START]
    rung = run_practice(session, clock)
    assert [kind for kind, _, _ in rung] == [BellKind.PHASE, BellKind.PHASE, BellKind.END]
    assert [deadline - 1000.0 for _, deadline, _ in rung] == [20.0, 30.0, 50.0]
    assert session.state is State.FINISHED
    assert session.practised_seconds() == 50.0


def test_time_left_is_a_deadline_minus_now_and_freezes_in_a_pause() -> None:
    clock = FakeClock()
    session = practice(make_steps([1, 1]), clock)
    session.start()
    clock.advance(7)
    assert session.time_left() == pytest.approx(13)
    assert session.step_time_left() == pytest.approx(3)
    session.pause()
    clock.advance(100)
    assert session.time_left() == pytest.approx(13)
    session.resume()
    clock.advance(1)
    assert session.time_left() == pytest.approx(12)
    assert session.paused_seconds == pytest.approx(100)


def test_a_late_wake_rings_only_the_latest_bell_and_lands_in_the_right_step() -> None:
    clock = FakeClock()
    session = practice(make_steps([1, 1, 1, 1]), clock)
    session.start()
    clock.advance(25)  # two phase changes have passed unseen
    bells = session.poll()
    assert [(b.kind, b.deadline) for b in bells] == [(BellKind.PHASE, 1020.0)]
    assert session.step_index == 2
    assert session.phase_number == 3


def test_skip_moves_to_the_next_phase_and_pulls_later_deadlines_in() -> None:
    clock = FakeClock()
    session = practice(make_steps([2, 1]), clock)
    session.start()
    clock.advance(3)
    bells = session.skip()
    assert [(b.kind, b.deadline) for b in bells] == [(BellKind.PHASE, 1003.0)]
    assert session.phase_number == 2
    assert session.time_left() == pytest.approx(10)
    bells = session.skip()
    assert [b.kind for b in bells] == [BellKind.END]
    assert session.state is State.FINISHED
    assert session.practised_seconds() == pytest.approx(3)


def test_stop_records_the_time_practised_less_the_pauses() -> None:
    clock = FakeClock()
    session = practice(make_steps([1, 1]), clock)
    session.start()
    clock.advance(4)
    session.pause()
    clock.advance(30)
    session.resume()
    clock.advance(2)
    session.stop()
    clock.advance(50)
    assert session.state is State.STOPPED
    assert session.practised_seconds() == pytest.approx(6)
    assert session.next_deadline() is None
    assert session.poll() == []


def test_a_practice_refuses_actions_out_of_order() -> None:
    session = practice(make_steps([1]), FakeClock())
    with pytest.raises(EngineStateError):
        session.pause()
    with pytest.raises(EngineStateError):
        session.skip()
    session.start()
    with pytest.raises(EngineStateError):
        session.start()
    with pytest.raises(EngineStateError):
        session.resume()


def test_a_plan_needs_positive_durations() -> None:
    with pytest.raises(ValueError):
        practice([PlannedStep(0, "P", "w", 0)], FakeClock())
    with pytest.raises(ValueError):
        practice([], FakeClock())


pause_plans = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=300, allow_nan=False),
        st.floats(min_value=0, max_value=300, allow_nan=False),
    ),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(plan=plans(), pauses=pause_plans)
def test_total_time_is_the_sum_of_phases_plus_pauses(plan, pauses) -> None:
    clock = FakeClock()
    session = practice(plan, clock)
    session.start()
    started = clock.monotonic()
    for run_for, pause_for in pauses:
        clock.advance(run_for)
        session.poll()
        if session.state is not State.RUNNING:
            break
        session.pause()
        if session.state is not State.PAUSED:
            break
        clock.advance(pause_for)
        session.resume()
    rung = run_practice(session, clock)
    end_at = rung[-1][1] if rung and rung[-1][0] is BellKind.END else None
    if session.state is State.FINISHED and end_at is not None:
        expected = sum(s.seconds for s in plan) + session.paused_seconds
        assert end_at - started == pytest.approx(expected)
        assert session.practised_seconds() == pytest.approx(sum(s.seconds for s in plan))
    assert session.state is State.FINISHED


@settings(max_examples=200, deadline=None)
@given(plan=plans())
def test_each_bell_falls_exactly_on_its_deadline(plan) -> None:
    clock = FakeClock()
    session = practice(plan, clock)
    session.start()
    expected = [(r.kind, r.deadline) for r in session.bell_deadlines()]
    rung = run_practice(session, clock)
    assert [(kind, deadline) for kind, deadline, _ in rung] == expected
    for _kind, deadline, at in rung:
        assert at == deadline
    phase_changes = sum(1 for a, b in itertools.pairwise(plan) if a.phase_index != b.phase_index)
    assert [k for k, _, _ in rung].count(BellKind.PHASE) == phase_changes
    assert rung[-1][0] is BellKind.END


@settings(max_examples=200, deadline=None)
@given(plan=plans(), run_for=durations, pause_for=durations)
def test_pausing_never_advances_the_practice(plan, run_for, pause_for) -> None:
    clock = FakeClock()
    session = practice(plan, clock)
    session.start()
    clock.advance(run_for)
    session.poll()
    if session.state is not State.RUNNING:
        return
    session.pause()
    if session.state is not State.PAUSED:
        return
    before = (session.step_index, session.time_left(), session.practised_seconds())
    clock.advance(pause_for)
    assert session.poll() == []
    assert session.next_deadline() is None
    assert (session.step_index, session.time_left(), session.practised_seconds()) == before
    session.resume()
    assert session.time_left() == pytest.approx(before[1])


practice_actions = st.lists(
    st.tuples(
        st.sampled_from(["wait", "pause", "resume", "skip", "stop", "poll"]),
        st.floats(min_value=0, max_value=200, allow_nan=False),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(plan=plans(), script=practice_actions, preparation=st.sampled_from([0.0, 5.0, 30.0]))
def test_any_mix_of_actions_leaves_a_practice_consistent(plan, script, preparation) -> None:
    clock = FakeClock()
    session = practice(plan, clock, preparation=preparation)
    session.start()
    for action, amount in script:
        clock.advance(amount if action == "wait" else 0.0)
        try:
            getattr(session, action)() if action != "wait" else session.poll()
        except EngineStateError:
            assert (action, session.state) in {
                ("pause", State.PAUSED),
                ("resume", State.PREPARING),
                ("pause", State.FINISHED),
                ("pause", State.STOPPED),
                ("resume", State.RUNNING),
                ("resume", State.FINISHED),
                ("resume", State.STOPPED),
                ("skip", State.FINISHED),
                ("skip", State.STOPPED),
            }
        total = session.planned_seconds
        assert 0 <= session.practised_seconds() <= total + 1e-6
        assert 0 <= session.time_left() <= total + 1e-6
        assert 0 <= session.step_index < len(plan)
        assert 1 <= session.phase_number <= session.phase_count
        if session.is_over:
            assert session.next_deadline() is None
            assert session.time_left() == 0
        elif session.state is State.RUNNING:
            session.poll()
            deadline = session.next_deadline()
            if session.state is State.RUNNING:
                assert deadline is not None
                assert deadline > clock.monotonic()
        frozen = session.practised_seconds()
        if session.state in (State.PAUSED, State.FINISHED, State.STOPPED) or session.is_preparing:
            clock.advance(5)
            assert session.practised_seconds() == pytest.approx(frozen)
        if session.is_preparing:
            assert frozen == 0 and session.time_left() == pytest.approx(total)


def test_a_preparation_comes_before_the_start_bell_and_is_not_practice() -> None:
    clock = FakeClock()
    session = practice(make_steps([1, 1]), clock, preparation=10)
    assert session.start() == []
    assert session.is_preparing and session.next_deadline() == 1010.0
    clock.advance(4)
    assert session.preparation_left() == pytest.approx(6)
    session.pause()
    clock.advance(100)  # a pause in the countdown holds the countdown
    assert session.preparation_left() == pytest.approx(6)
    session.resume()
    clock.advance(6)
    bells = session.poll()
    assert [(b.kind, b.deadline) for b in bells] == [(BellKind.START, 1110.0)]
    assert session.state is State.RUNNING and session.practised_seconds() == 0
    rung = run_practice(session, clock)
    assert [deadline - 1110.0 for _, deadline, _ in rung] == [10.0, 20.0]
    assert session.practised_seconds() == 20 and session.paused_seconds == 0


def test_skipping_the_preparation_starts_at_once() -> None:
    clock = FakeClock()
    session = practice(make_steps([1]), clock, preparation=30)
    session.start()
    clock.advance(3)
    bells = session.skip()
    assert [(b.kind, b.deadline) for b in bells] == [(BellKind.START, 1003.0)]
    assert session.time_left() == pytest.approx(10)


def test_a_late_wake_after_the_preparation_rings_one_bell() -> None:
    clock = FakeClock()
    session = practice(make_steps([1, 1]), clock, preparation=5)
    session.start()
    clock.advance(17)  # the start bell and one phase change passed unseen
    assert [b.kind for b in session.poll()] == [BellKind.PHASE]
    assert session.phase_number == 2


# ================================================================= the timer, by example


def offsets(rung: list[tuple[Ring, float]], start: float) -> list[tuple[BellKind, float]]:
    return [(bell.kind, round(bell.deadline - start, 6)) for bell, _ in rung]


# ------------------------------------------------------------------- presets, by hand


def test_every_five_minutes_for_twenty_rings_at_5_10_15_and_ends_at_20() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(20, interval_minutes=5), clock)
    assert [b.kind for b in timer.start()] == [BellKind.START]
    rung = run_to_end(timer, clock)
    assert offsets(rung, T0) == [
        (BellKind.INTERVAL, 300.0),
        (BellKind.INTERVAL, 600.0),
        (BellKind.INTERVAL, 900.0),
        (BellKind.END, 1200.0),
    ]
    assert timer.state is State.FINISHED
    assert timer.practised_seconds() == 1200.0
    assert timer.time_left() == 0.0
    assert timer.skipped_bells == 0


def test_chosen_minutes_drop_the_one_on_the_end() -> None:
    clock = FakeClock(T0)
    plan = TimerPlan(20, interval_at=(20, 5, 12, 5))
    assert plan.interval_at == (5, 12, 20)
    # Marks that fall on the same moment to the engine's precision are one bell.
    assert TimerPlan(1, interval_at=(0.05, 0.05000000000000001)).interval_at == (0.05,)
    assert list(plan.interval_offsets()) == [300.0, 720.0]
    timer = timer_engine(plan, clock)
    timer.start()
    assert offsets(run_to_end(timer, clock), T0) == [
        (BellKind.INTERVAL, 300.0),
        (BellKind.INTERVAL, 720.0),
        (BellKind.END, 1200.0),
    ]


def test_a_fraction_of_a_minute_lands_its_last_interval_on_the_end_and_drops_it() -> None:
    plan = TimerPlan(2, interval_minutes=10 / 60)  # the benchmark's plan
    assert list(plan.interval_offsets()) == [10.0 * i for i in range(1, 12)]


def test_the_bells_carry_their_sound_strikes_and_volume() -> None:
    clock = FakeClock(T0)
    plan = TimerPlan(
        10,
        interval_minutes=5,
        start_strikes=2,
        end_strikes=3,
        start_bell="bowl",
        interval_bell="tick",
        end_bell="gong",
        volume=0.7,
    )
    timer = timer_engine(plan, clock)
    (start,) = timer.start()
    assert (start.sound, start.strikes, start.volume) == ("bowl", 2, 0.7)
    (interval, _), (end, _) = run_to_end(timer, clock)
    assert (interval.sound, interval.strikes, interval.volume) == ("tick", 1, 0.7)
    assert (end.sound, end.strikes, end.volume) == ("gong", 3, 0.7)
    loud = TimerPlan(10, interval_minutes=5, volume=0.7, interval_volume=0.3)
    assert loud.bell(BellKind.INTERVAL).volume == 0.3


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"minutes": 0}, "whole number of minutes"),
        ({"minutes": 2.5}, "whole number of minutes"),
        ({"minutes": True}, "whole number of minutes"),
        ({"minutes": 20, "interval_minutes": 5, "interval_at": (7,)}, "not both"),
        ({"minutes": 20, "interval_minutes": 0}, "between them"),
        ({"minutes": 20, "interval_minutes": float("nan")}, "between them"),
        ({"minutes": 20, "interval_at": (0,)}, "positive number of minutes"),
        ({"minutes": 20, "preparation_seconds": -1}, "preparation"),
        ({"minutes": 20, "start_strikes": 0}, "1 to 3"),
        ({"minutes": 20, "end_strikes": 4}, "1 to 3"),
        ({"minutes": 20, "volume": 1.5}, "between 0 and 1"),
    ],
)
def test_a_plan_that_cannot_run_is_refused_plainly(kwargs: dict, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        TimerPlan(**kwargs)


# ------------------------------------------------------------------------ preparation


def test_the_preparation_counts_down_then_the_start_bell_rings_and_the_count_begins() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(5, preparation_seconds=10), clock)
    assert timer.preparation_left() == 10
    assert timer.start() == []
    assert timer.state is State.PREPARING and timer.is_preparing
    assert timer.next_deadline() == T0 + 10
    clock.advance(4)
    assert timer.preparation_left() == pytest.approx(6)
    assert timer.practised_seconds() == 0.0
    assert timer.time_left() == 300.0
    clock.advance(6)
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline) == (BellKind.START, T0 + 10)
    assert timer.started_wall() == clock.wall()
    clock.advance(60)
    assert timer.practised_seconds() == pytest.approx(60)
    assert timer.time_left() == pytest.approx(240)
    assert timer.next_deadline() == T0 + 310


def test_a_pause_in_the_preparation_freezes_the_countdown() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(5, preparation_seconds=10), clock)
    timer.start()
    clock.advance(3)
    assert timer.pause() == []
    assert timer.is_preparing and timer.state is State.PAUSED
    clock.advance(500)
    assert timer.poll() == []
    assert timer.preparation_left() == pytest.approx(7)
    assert timer.next_deadline() is None
    timer.resume()
    assert timer.next_deadline() == pytest.approx(T0 + 510)
    clock.advance(7)
    assert [b.kind for b in timer.poll()] == [BellKind.START]
    assert timer.paused_seconds == 0.0  # not practice yet
    clock.set(timer.next_deadline() or 0)
    assert [b.kind for b in timer.poll()] == [BellKind.END]
    assert timer.practised_seconds() == 300.0


def test_while_paused_the_bells_ahead_are_counted_from_carrying_on() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(10, preparation_seconds=10, interval_minutes=5), clock)
    timer.start()
    clock.advance(4)
    timer.pause()
    clock.advance(100)
    start, *_ = timer.bell_deadlines()
    assert (start.kind, start.deadline - clock.monotonic()) == (BellKind.START, pytest.approx(6))
    timer.resume()
    clock.advance(6 + 100)
    timer.poll()
    timer.pause()
    clock.advance(30)
    ahead = [(b.kind, b.deadline - clock.monotonic()) for b in timer.bell_deadlines()]
    assert ahead == [(BellKind.INTERVAL, pytest.approx(200)), (BellKind.END, pytest.approx(500))]
    timer.resume()
    assert timer.next_deadline() == pytest.approx(clock.monotonic() + 200)


def test_skipping_the_preparation_rings_the_start_bell_now() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(5, preparation_seconds=30), clock)
    timer.start()
    clock.advance(4)
    timer.pause()
    (bell,) = timer.skip_preparation()
    assert (bell.kind, bell.deadline, timer.state) == (BellKind.START, T0 + 4, State.RUNNING)
    with pytest.raises(EngineStateError):
        timer.skip_preparation()


# ---------------------------------------------------------------------- late wake-ups


def test_a_late_wake_skips_the_missed_intervals_and_rings_a_recent_one() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(20, interval_minutes=1), clock)
    timer.start()
    clock.set(T0 + 450)  # intervals at 1..7 minutes passed unseen, the latest 30 s ago
    assert timer.poll() == []
    assert timer.skipped_bells == 7
    assert timer.next_deadline() == T0 + 480
    clock.set(T0 + 540 + LATE_TOLERANCE)  # 8 missed, 9 just within the tolerance
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline) == (BellKind.INTERVAL, T0 + 540)
    assert bell.lateness(clock.monotonic()) == LATE_TOLERANCE
    assert timer.skipped_bells == 8


def test_a_wake_after_the_end_rings_the_end_once_at_its_planned_time() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(20, interval_minutes=5, end_strikes=3), clock)
    timer.start()
    clock.set(T0 + 3600)  # the lid was closed for an hour
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline, bell.strikes) == (BellKind.END, T0 + 1200, 3)
    assert timer.skipped_bells == 3
    assert timer.state is State.FINISHED
    assert timer.practised_seconds() == 1200.0  # counts to the planned end, not the late wake
    assert timer.poll() == []
    assert timer.next_deadline() is None


def test_the_end_swallows_a_start_bell_due_in_the_same_wake() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(5, preparation_seconds=10), clock)
    timer.start()
    clock.advance(1000)
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline) == (BellKind.END, T0 + 310)
    assert timer.skipped_bells == 1
    assert timer.started_wall() == clock.wall() - timedelta(seconds=990)


def test_a_late_start_bell_still_rings_and_the_intervals_it_passed_are_skipped() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(20, preparation_seconds=10, interval_minutes=1), clock)
    timer.start()
    clock.advance(10 + 150)
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline) == (BellKind.START, T0 + 10)
    assert timer.skipped_bells == 2
    assert timer.practised_seconds() == pytest.approx(150)


# ------------------------------------------------------------------- open-ended, stop


def test_open_ended_counts_up_until_stopped_and_records_the_time_practised() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(None), clock)
    timer.start()
    assert timer.time_left() is None
    assert timer.next_deadline() is None  # nothing to wake for; the screen redraws anyway
    assert timer.bell_deadlines() == []
    clock.advance(600)
    timer.pause()
    clock.advance(60)
    timer.resume()
    clock.advance(95)
    assert timer.practised_seconds() == pytest.approx(695)
    timer.stop()
    clock.advance(1000)
    assert timer.state is State.STOPPED
    assert timer.practised_seconds() == pytest.approx(695)
    assert timer.poll() == []


def test_open_ended_interval_bells_go_on_until_stopped() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(None, interval_minutes=5), clock)
    timer.start()
    upcoming = timer.bell_deadlines(limit=4)
    assert [b.deadline - T0 for b in upcoming] == [300, 600, 900, 1200]
    rung = run_to_end(timer, clock, limit=12)
    assert [bell.deadline - T0 for bell, _ in rung] == [300.0 * i for i in range(1, 13)]
    timer.stop()
    assert timer.practised_seconds() == 3600.0
    assert timer.next_deadline() is None


def test_stopping_after_an_unseen_end_counts_no_more_than_the_length() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(5), clock)
    timer.start()
    clock.advance(900)
    timer.stop()
    assert timer.practised_seconds() == 300.0
    assert timer.time_left() == 0.0


def test_stopping_while_paused_counts_up_to_the_pause() -> None:
    clock = FakeClock(T0)
    timer = timer_engine(TimerPlan(10), clock)
    timer.start()
    clock.advance(100)
    timer.pause()
    clock.advance(50)
    timer.stop()
    assert timer.practised_seconds() == pytest.approx(100)


def test_a_timer_refuses_actions_out_of_order() -> None:
    timer = timer_engine(TimerPlan(5), FakeClock(T0))
    for action in (timer.pause, timer.resume, timer.skip_preparation):
        with pytest.raises(EngineStateError):
            action()
    assert timer.poll() == []
    timer.start()
    with pytest.raises(EngineStateError):
        timer.start()
    with pytest.raises(EngineStateError):
        timer.resume()
    timer.stop()
    timer.stop()  # stopping twice is harmless
    with pytest.raises(EngineStateError):
        timer.pause()


# ----------------------------------------------------------------- property tests


minutes_st = st.integers(min_value=1, max_value=90)
preparation_st = st.one_of(st.just(0.0), st.floats(min_value=0, max_value=120))
interval_kwargs = st.one_of(
    st.just({}),
    st.builds(lambda m: {"interval_minutes": m}, st.floats(min_value=0.1, max_value=30)),
    st.builds(
        lambda at: {"interval_at": tuple(at)},
        st.lists(st.floats(min_value=0.05, max_value=100), min_size=1, max_size=8),
    ),
)


@st.composite
def timed_plans(draw: st.DrawFn) -> TimerPlan:
    return TimerPlan(
        draw(minutes_st),
        preparation_seconds=draw(preparation_st),
        start_strikes=draw(st.integers(1, 3)),
        end_strikes=draw(st.integers(1, 3)),
        **draw(interval_kwargs),
    )


@st.composite
def any_plans(draw: st.DrawFn) -> TimerPlan:
    minutes = draw(st.one_of(st.none(), minutes_st))
    return TimerPlan(minutes, preparation_seconds=draw(preparation_st), **draw(interval_kwargs))


def expected_schedule(plan: TimerPlan, start: float) -> list[tuple[BellKind, float]]:
    bells = [(BellKind.INTERVAL, start + o) for o in plan.interval_offsets()]
    assert plan.length_seconds is not None
    return [*bells, (BellKind.END, start + plan.length_seconds)]


@settings(max_examples=200, deadline=None)
@given(plan=timed_plans())
def test_each_bell_rings_on_its_deadline_when_polled_on_time(plan: TimerPlan) -> None:
    clock = FakeClock(T0)
    timer = timer_engine(plan, clock)
    rung = [(bell, clock.monotonic()) for bell in timer.start()]
    start = T0 + plan.preparation_seconds
    announced = timer.bell_deadlines()
    rung += run_to_end(timer, clock)
    assert [(b.kind, b.deadline) for b, _ in rung] == [
        (BellKind.START, start),
        *expected_schedule(plan, start),
    ]
    assert [b for b, _ in rung][-len(announced) :] == announced
    assert all(at == bell.deadline for bell, at in rung)
    assert [b.kind for b, _ in rung].count(BellKind.END) == 1
    assert timer.skipped_bells == 0
    assert timer.practised_seconds() == plan.length_seconds
    assert timer.state is State.FINISHED


pauses_st = st.lists(
    st.tuples(st.floats(min_value=0, max_value=400), st.floats(min_value=0, max_value=400)),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(plan=timed_plans(), pauses=pauses_st)
def test_pauses_move_every_later_bell_by_exactly_their_length(plan: TimerPlan, pauses) -> None:
    clock = FakeClock(T0)
    timer = timer_engine(plan, clock)
    rung = [(bell, clock.monotonic()) for bell in timer.start()]
    paused_before_start = 0.0
    paused_after_start = 0.0
    shifts: list[tuple[float, float]] = []  # (resumed at, total paused after the start so far)
    for run_for, pause_for in pauses:
        # Run, waking on time for every bell, then pause part-way to the next one.
        target = clock.monotonic() + run_for
        while (d := timer.next_deadline()) is not None and d <= target:
            clock.set(d)
            rung.extend((bell, d) for bell in timer.poll())
        if timer.is_over:
            break
        clock.set(target)
        rung.extend((bell, target) for bell in timer.pause())
        if timer.is_over:
            break
        in_preparation = timer.is_preparing
        clock.advance(pause_for)
        assert timer.poll() == []
        rung.extend((bell, clock.monotonic()) for bell in timer.resume())
        if in_preparation:
            paused_before_start += pause_for
        else:
            paused_after_start += pause_for
            shifts.append((clock.monotonic(), paused_after_start))
    rung += run_to_end(timer, clock)

    start = T0 + plan.preparation_seconds + paused_before_start
    assert rung[0][0].kind is BellKind.START
    assert rung[0][0].deadline == pytest.approx(start)
    # Each bell is due at its planned offset plus every pause taken before it rang.
    schedule = expected_schedule(plan, 0.0)
    assert len(rung) == 1 + len(schedule)
    for (bell, at), (kind, offset) in zip(rung[1:], schedule, strict=True):
        moved = max((total for resumed, total in shifts if resumed <= at), default=0.0)
        assert bell.kind is kind
        assert bell.deadline - start - moved == pytest.approx(offset, abs=1e-6)
    end = rung[-1][0]
    total = plan.preparation_seconds + paused_before_start + plan.length_seconds
    assert end.deadline - T0 == pytest.approx(total + paused_after_start)
    assert timer.paused_seconds == pytest.approx(paused_after_start)
    assert timer.practised_seconds() == plan.length_seconds
    assert timer.skipped_bells == 0


@settings(max_examples=300, deadline=None)
@given(plan=timed_plans(), wakes=st.lists(st.floats(min_value=0, max_value=1500), max_size=8))
def test_late_wakes_skip_intervals_and_ring_the_end_exactly_once(plan: TimerPlan, wakes) -> None:
    clock = FakeClock(T0)
    timer = timer_engine(plan, clock)
    rung = [(bell, clock.monotonic()) for bell in timer.start()]
    schedule = [(BellKind.START, T0 + plan.preparation_seconds)]
    schedule += expected_schedule(plan, schedule[0][1])
    for gap in [*wakes, 10**6]:  # the last wake is after the end, however the lid was closed
        clock.advance(gap)
        bells = timer.poll()
        assert len(bells) <= 1
        rung.extend((bell, clock.monotonic()) for bell in bells)
    kinds = [b.kind for b, _ in rung]
    assert kinds.count(BellKind.END) == 1 and kinds[-1] is BellKind.END
    assert rung[-1][0].deadline == schedule[-1][1]  # the planned end, however late
    assert kinds.count(BellKind.START) <= 1
    for bell, at in rung:
        assert (bell.kind, bell.deadline) in schedule
        if bell.kind is BellKind.INTERVAL:
            assert at - bell.deadline <= LATE_TOLERANCE
    deadlines = [b.deadline for b, _ in rung]
    assert deadlines == sorted(set(deadlines))
    assert len(rung) + timer.skipped_bells == len(schedule)
    assert timer.practised_seconds() == plan.length_seconds


@settings(max_examples=200, deadline=None)
@given(
    plan=any_plans(),
    steps=st.lists(st.tuples(st.floats(0, 900), st.floats(0, 900)), min_size=1, max_size=6),
)
def test_stop_records_the_time_since_the_start_bell_less_pauses(plan: TimerPlan, steps) -> None:
    clock = FakeClock(T0)
    timer = timer_engine(plan, clock)
    timer.start()
    if timer.is_preparing:
        timer.skip_preparation()
    practised = 0.0
    for run_for, pause_for in steps:
        clock.advance(run_for)
        practised += run_for
        timer.poll()
        if timer.is_over:
            break
        timer.pause()
        clock.advance(pause_for)
        timer.resume()
    timer.stop()
    length = plan.length_seconds
    expected = practised if length is None else min(practised, length)
    assert timer.practised_seconds() == pytest.approx(expected)
    if length is None:
        assert timer.state is State.STOPPED
        assert timer.time_left() is None


timer_actions = st.lists(
    st.tuples(
        st.sampled_from(["wait", "pause", "resume", "toggle_pause", "skip_preparation", "stop"]),
        st.floats(min_value=0, max_value=400),
    ),
    max_size=25,
)
REFUSED = {
    ("pause", State.READY),
    ("pause", State.PAUSED),
    ("pause", State.FINISHED),
    ("pause", State.STOPPED),
    ("toggle_pause", State.FINISHED),
    ("toggle_pause", State.STOPPED),
    ("resume", State.PREPARING),
    ("resume", State.RUNNING),
    ("resume", State.FINISHED),
    ("resume", State.STOPPED),
}


@settings(max_examples=300, deadline=None)
@given(plan=any_plans(), script=timer_actions)
def test_any_mix_of_actions_leaves_a_timer_consistent(plan: TimerPlan, script) -> None:
    clock = FakeClock(T0)
    timer = timer_engine(plan, clock)
    timer.start()
    length = plan.length_seconds
    ends = 0
    for action, amount in script:
        clock.advance(amount if action == "wait" else 0.0)
        before = timer.state
        try:
            bells = timer.poll() if action == "wait" else getattr(timer, action)()
        except EngineStateError:
            assert (action, before) in REFUSED or (
                action == "skip_preparation" and not timer.is_preparing
            )
            bells = []
        assert len(bells or []) <= 1
        ends += sum(1 for b in bells or [] if b.kind is BellKind.END)
        elapsed = timer.practised_seconds()
        assert elapsed >= 0
        if length is not None:
            assert elapsed <= length
            remaining = timer.time_left()
            assert remaining is not None and 0 <= remaining <= length
            if timer.has_begun and not timer.is_over:
                assert elapsed + remaining == pytest.approx(length)
        assert timer.preparation_left() >= 0
        assert timer.preparation_left() == 0 or timer.is_preparing
        assert timer.has_begun or elapsed == 0
        if timer.is_over or timer.state is State.PAUSED:
            assert timer.next_deadline() is None
            ahead = [b.deadline - clock.monotonic() for b in timer.bell_deadlines()]
            assert ahead == [] or not timer.is_over
            frozen = (elapsed, timer.time_left(), timer.preparation_left())
            clock.advance(5)
            assert timer.poll() == []
            later = [b.deadline - clock.monotonic() for b in timer.bell_deadlines()]
            assert later == pytest.approx(ahead)
            assert (
                timer.practised_seconds(),
                timer.time_left(),
                timer.preparation_left(),
            ) == pytest.approx(frozen)
        else:
            ends += sum(1 for b in timer.poll() if b.kind is BellKind.END)
            deadline = timer.next_deadline()
            if deadline is not None:
                assert deadline > clock.monotonic()
            elif timer.state is State.RUNNING:
                assert length is None  # only an open-ended timer can have nothing ahead
    assert ends <= 1
    assert ends == 0 or timer.state is State.FINISHED


# ======================================================= one engine, any timeline: properties


fractions = st.floats(min_value=0.0, max_value=0.45, allow_nan=False)


@st.composite
def cued_plans(draw: st.DrawFn) -> list[PlannedStep]:
    """A practice's steps, each with its own words, some asking for a cue within their phase,
    each with room for its words to be spoken after its bell (as ``Mode.plan`` makes it)."""
    return [
        step._replace(
            words=f"words {i}",
            bell=draw(st.booleans()),
            lead_in=draw(fractions) * step.seconds,
            spoken=draw(fractions) * step.seconds,
        )
        for i, step in enumerate(draw(plans()))
    ]


@st.composite
def any_timelines(draw: st.DrawFn) -> Timeline:
    """A guided practice's timeline (spoken or not, a cue for every step or not), or a timer's
    (timed or open-ended, with or without interval bells, chosen or repeated)."""
    if draw(st.booleans()):
        preparation = draw(st.sampled_from([0.0, 5.0, 30.0]))
        return practice_timeline(
            draw(cued_plans()),
            preparation=preparation,
            cue_every_step=draw(st.booleans()),
            speaking=draw(st.booleans()),
        )
    return draw(any_plans()).timeline()


#: Any action a person (or a closed laptop lid) can take, in any order.
any_actions = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(
                [
                    "start",
                    "pause",
                    "resume",
                    "toggle_pause",
                    "skip",
                    "skip_preparation",
                    "stop",
                    "poll",
                ]
            ),
            st.just(0.0),
        ),
        st.tuples(st.just("advance"), st.floats(min_value=0, max_value=400)),
        st.tuples(st.just("late_wake"), st.floats(min_value=0, max_value=5000)),
    ),
    max_size=30,
)


def reachable(state: State) -> set[State]:
    """Every state reachable from ``state`` along the allowed transitions (itself included)."""
    seen, todo = {state}, [state]
    while todo:
        for following in TRANSITIONS[todo.pop()]:
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen


def bells_in(timeline: Timeline) -> int | None:
    """How many bells a finite timeline holds (None when a repeated bell never ends)."""
    if timeline.repeat is not None and timeline.is_open_ended:
        return None
    listed = sum(1 for e in timeline.events_after(None) if e.bell is not None)
    return listed + (timeline.length is not None and timeline.end_bell is not None)


def bells_passed(engine: PacingEngine) -> int | None:
    """Bells the engine has passed: all but those to come; None when it cannot say."""
    if engine.state is State.READY:
        return 0
    total = bells_in(engine.timeline)
    if engine.state is State.FINISHED:
        return total
    if engine.is_over or total is None:
        return None
    return total - len(engine.bell_deadlines(limit=10**6))


class Sitting:
    """Drives an engine through a script as a screen and a person would, watching every
    promise the engine makes along the way."""

    def __init__(self, timeline: Timeline) -> None:
        self.clock = FakeClock(T0)
        self.engine = PacingEngine(timeline, self.clock)
        self.rung: list[Ring] = []
        self.paused = 0.0  # pauses after the start bell, ended ones, as the person took them
        self.pause_began: float | None = None
        self.started_at: float | None = None
        self.budget: float | None = None  # time practised + time left: moved only by a skip
        self.said: list[Say] = []
        self.sounding = False  # words handed out and not stopped (they may still be playing)
        self.held = False  # ... and paused

    # ----------------------------------------------------------------- doing

    def act(self, action: str, amount: float) -> None:
        engine = self.engine
        before = engine.state
        begun = engine.has_begun
        skipped_before = engine.skipped_bells
        try:
            if action == "advance":
                self.advance(amount)
            elif action == "late_wake":
                self.clock.advance(amount)
                self.poll()
            else:
                self.take(getattr(engine, action)(), before)
        except EngineStateError:
            assert engine.state is before  # refusing changes nothing
            assert engine.skipped_bells == skipped_before
        self.watch_pauses(before, begun)
        self.check(before, action)

    def advance(self, seconds: float) -> None:
        """Time passes with the screen awake: it wakes at every deadline on the way."""
        engine = self.engine
        target = self.clock.monotonic() + seconds
        while (deadline := engine.next_deadline()) is not None and deadline <= target:
            self.clock.set(deadline)
            self.poll()
        ahead = engine.next_deadline()
        self.clock.set(target)
        self.poll()
        if engine.state is State.RUNNING and ahead is not None:
            assert engine.next_deadline() == ahead  # waiting never moves a deadline

    def poll(self) -> None:
        before = self.engine.state
        self.take(self.engine.poll(), before)

    def take(self, bells: Due, before: State) -> None:
        assert isinstance(bells, Due)
        assert len(bells) <= 1  # never a burst
        if before in (State.FINISHED, State.STOPPED):
            assert bells == []  # nothing rings once over, least of all after a stop
            assert bells.say is None and bells.speech is None
        self.hear(bells)
        for bell in bells:
            if bell.kind is BellKind.END:
                assert self.engine.state is State.FINISHED
            elif bell.kind is BellKind.INTERVAL:
                assert bell.lateness(self.clock.monotonic()) <= LATE_TOLERANCE
        self.rung += bells

    def hear(self, due: Due) -> None:
        """Follow the voice as a player would, checking each command makes sense now."""
        engine, now = self.engine, self.clock.monotonic()
        if due.speech is SpeechAction.STOP:
            assert self.sounding  # only words that may be sounding are stopped
            self.sounding = self.held = False
        elif due.speech is SpeechAction.PAUSE:
            assert self.sounding and not self.held and engine.state is State.PAUSED
            self.held = True
        elif due.speech is SpeechAction.RESUME:
            assert self.sounding and self.held and engine.state is State.RUNNING
            self.held = False
        if len(due) and due[0].kind in (BellKind.PHASE, BellKind.END):
            assert not self.sounding or due.speech is SpeechAction.STOP  # never over a bell
        if due.say is not None:
            say = due.say
            assert engine.state is State.RUNNING and not self.sounding
            assert say.step_index == engine.step_index  # never the words of a step gone by
            assert engine.current_step is not None and say.text == engine.current_step.speech
            assert say.deadline <= now
            assert all(said.step_index != say.step_index for said in self.said)  # once each
            self.said.append(say)
            self.sounding = True
        if engine.is_over:
            assert not self.sounding  # the end, or a stop, silences the voice
        if engine.state is State.PAUSED:
            assert not self.sounding or self.held

    def speech_due_at(self) -> float | None:
        """When the words of the step under way are due to be spoken, worked out from the
        timeline and the time left in the step; None when there are none."""
        engine, timeline = self.engine, self.engine.timeline
        with_words = [event for event in timeline.events if event.step is not None]
        left = engine.step_time_left()
        if not with_words or not engine.has_begun or left is None:
            return None
        index = engine.step_index
        event = with_words[index]
        speaks = event.speech_offset
        if speaks is None:
            return None
        ends = with_words[index + 1].offset if index + 1 < len(with_words) else timeline.length
        assert ends is not None
        return self.clock.monotonic() + left - (ends - speaks)

    def watch_pauses(self, before: State, begun: bool) -> None:
        """Keep the person's own account of the pauses taken after the start bell."""
        engine, now = self.engine, self.clock.monotonic()
        paused_now = engine.state is State.PAUSED and not engine.is_preparing
        if self.pause_began is None and paused_now:
            self.pause_began = now
        elif self.pause_began is not None and not paused_now:
            self.paused += now - self.pause_began
            self.pause_began = None

    # ---------------------------------------------------------------- checking

    def check(self, before: State, action: str) -> None:
        engine, now = self.engine, self.clock.monotonic()
        length = engine.timeline.length
        assert engine.state in reachable(before)  # only along the allowed transitions
        if self.started_at is not None:
            assert engine.started_at == self.started_at  # the start bell's moment never moves
        self.started_at = engine.started_at
        practised = engine.practised_seconds()
        assert practised >= 0
        if length is not None:
            assert practised <= length + 1e-9
            left = engine.time_left()
            assert left is not None and 0 <= left <= length
        if not engine.has_begun:
            assert practised == 0  # the preparation is never practice
        if engine.state in (State.RUNNING, State.PAUSED) and engine.has_begun:
            ongoing = 0.0 if self.pause_began is None else now - self.pause_began
            assert engine.paused_seconds == pytest.approx(self.paused + ongoing, abs=1e-6)
            assert self.started_at is not None
            wall = now - self.started_at
            assert practised == pytest.approx(wall - engine.paused_seconds, abs=1e-6)
        if length is not None and engine.has_begun and not engine.is_over:
            budget = practised + (engine.time_left() or 0.0)
            if self.budget is not None and action != "skip":
                assert budget == pytest.approx(self.budget, abs=1e-6)  # deadlines never drift
            elif self.budget is not None:
                assert budget <= self.budget + 1e-6  # a skip only cuts the time short
            self.budget = budget
            step = engine.current_step
            if engine.state is State.RUNNING and step is not None:
                # The words shown catch up with where the practice is now.
                position = practised + (length - budget)
                due = [e.step for e in engine.timeline.events if e.offset <= position + 1e-6]
                assert step == [s for s in due if s is not None][-1]
        if engine.state is State.RUNNING:
            deadline = engine.next_deadline()
            assert deadline is None or deadline > now  # caught up with the clock
            said_at = self.speech_due_at()
            if said_at is not None and said_at < now - 1e-9:
                # The words of the step under way were handed out once they were due.
                assert self.said and self.said[-1].step_index == engine.step_index
            step_left = engine.step_time_left()
            assert step_left is None or step_left > 0  # the words shown are the words due
        if engine.state is not State.RUNNING and engine.state is not State.PREPARING:
            assert engine.next_deadline() is None
        passed = bells_passed(engine)
        if passed is not None:
            assert len(self.rung) + engine.skipped_bells == passed  # every bell accounted for
        ends = [bell for bell in self.rung if bell.kind is BellKind.END]
        assert len(ends) == (engine.state is State.FINISHED)

    def to_the_end(self) -> None:
        """However the script left it, close the lid until long after the end."""
        engine = self.engine
        if engine.state is State.READY:
            self.act("start", 0.0)
        if engine.state is State.PAUSED:
            self.act("resume", 0.0)
        if engine.timeline.is_open_ended:
            self.act("stop", 0.0)
        else:
            self.act("late_wake", 10.0**7)


@settings(max_examples=400, deadline=None)
@given(timeline=any_timelines(), script=any_actions)
def test_any_sequence_of_actions_keeps_every_promise(timeline: Timeline, script) -> None:
    sitting = Sitting(timeline)
    for action, amount in script:
        sitting.act(action, amount)
    sitting.to_the_end()
    engine = sitting.engine
    assert engine.is_over
    ends = [bell for bell in sitting.rung if bell.kind is BellKind.END]
    if timeline.is_open_ended:
        assert engine.state is State.STOPPED and ends == []
    elif engine.state is State.FINISHED:
        assert len(ends) == 1  # the end bell rings exactly once, however late
        assert sitting.clock.monotonic() - ends[0].deadline >= 0
        if not any(action == "skip" for action, _ in script) and engine.has_begun:
            assert engine.practised_seconds() == timeline.length
    else:
        assert ends == []  # stopped: never an end bell
    frozen = (engine.practised_seconds(), engine.skipped_bells, engine.state)
    sitting.clock.advance(1000)
    for action in ("poll", "stop"):
        sitting.act(action, 0.0)
    assert (engine.practised_seconds(), engine.skipped_bells, engine.state) == frozen


# ================================================================ one policy, by example


def test_a_phase_cue_rings_however_late_but_an_interval_bell_goes_stale() -> None:
    """The one late-wake rule: a cue announces the words now showing, so it rings however late;
    an interval bell only marks a moment, so past the tolerance it is skipped (and counted)."""
    clock = FakeClock(T0)
    steps = [PlannedStep(0, "P0", "first", 60.0), PlannedStep(1, "P1", "second", 60.0)]
    guided = practice(steps, clock)
    guided.start()
    clock.set(T0 + 60 + 10 * LATE_TOLERANCE)
    (cue,) = guided.poll()
    assert (cue.kind, cue.deadline, guided.skipped_bells) == (BellKind.PHASE, T0 + 60, 0)
    assert guided.current_step is not None and guided.current_step.words == "second"
    plain = timer_engine(TimerPlan(2, interval_minutes=1), clock)
    plain.start()
    clock.advance(60 + 10 * LATE_TOLERANCE)
    assert plain.poll() == []
    assert plain.skipped_bells == 1


def test_a_late_start_gives_way_to_a_fresh_interval_bell_but_not_to_a_stale_one() -> None:
    clock = FakeClock(T0)
    plain = timer_engine(TimerPlan(20, preparation_seconds=10, interval_minutes=1), clock)
    plain.start()
    clock.set(T0 + 10 + 60 + LATE_TOLERANCE / 2)  # the start and a fresh interval bell
    (bell,) = plain.poll()
    assert (bell.kind, bell.deadline, plain.skipped_bells) == (BellKind.INTERVAL, T0 + 70, 1)


def test_skipping_while_paused_moves_on_and_stays_paused() -> None:
    clock = FakeClock(T0)
    guided = practice(make_steps([1, 1]), clock)
    guided.start()
    clock.advance(4)
    guided.pause()
    clock.advance(30)
    (cue,) = guided.skip()
    assert (cue.kind, cue.deadline, guided.state) == (BellKind.PHASE, T0 + 4, State.PAUSED)
    assert guided.phase_number == 2 and guided.time_left() == pytest.approx(10)
    clock.advance(100)
    guided.resume()
    assert guided.next_deadline() == pytest.approx(clock.monotonic() + 10)
    assert guided.practised_seconds() == pytest.approx(4)
    assert guided.stop() == [] and guided.stop() == []


def test_a_timeline_keeps_its_events_in_order_and_before_the_end() -> None:
    start = Event(0.0, Bell(BellKind.START, "bowl"))
    later = Event(5.0, Bell(BellKind.INTERVAL, "tick"))
    with pytest.raises(ValueError, match="in order"):
        Timeline((later, start), 10.0)
    with pytest.raises(ValueError, match="before the end"):
        Timeline((start, later), 5.0)
    with pytest.raises(ValueError, match="positive length"):
        Timeline((start,), 0.0)
    repeat = Repeat(5.0, Bell(BellKind.INTERVAL, "tick"))
    endless = Timeline((start, later), None, repeat=repeat)
    offsets = [e.offset for e in itertools.islice(endless.events_after(None), 5)]
    assert offsets == [0.0, 5.0, 10.0, 15.0, 20.0]  # a repeat on a listed moment is dropped
