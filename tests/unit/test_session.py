"""The pacing engine, driven by a fake clock: bells on their deadlines, pauses that move them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.engine.clock import FakeClock
from practice_tui.engine.session import (
    BellKind,
    PlannedStep,
    PracticeSession,
    SessionStateError,
    State,
)


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


def run_to_end(session: PracticeSession, clock: FakeClock) -> list[tuple[BellKind, float, float]]:
    """Wake exactly at each deadline, as the screen does; return (kind, deadline, rung at)."""
    rung = []
    while (deadline := session.next_deadline()) is not None:
        clock.set(deadline)
        for bell in session.poll():
            rung.append((bell.kind, bell.deadline, clock.monotonic()))
    return rung


def test_a_plain_run_rings_start_each_phase_change_and_end() -> None:
    clock = FakeClock()
    session = PracticeSession(make_steps([2, 1, 2]), clock)
    start = session.start()
    assert [b.kind for b in start] == [BellKind.START]
    rung = run_to_end(session, clock)
    assert [kind for kind, _, _ in rung] == [BellKind.PHASE, BellKind.PHASE, BellKind.END]
    assert [deadline - 1000.0 for _, deadline, _ in rung] == [20.0, 30.0, 50.0]
    assert session.state is State.FINISHED
    assert session.practised_seconds() == 50.0


def test_time_left_is_a_deadline_minus_now_and_freezes_in_a_pause() -> None:
    clock = FakeClock()
    session = PracticeSession(make_steps([1, 1]), clock)
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
    session = PracticeSession(make_steps([1, 1, 1, 1]), clock)
    session.start()
    clock.advance(25)  # two phase changes have passed unseen
    bells = session.poll()
    assert [(b.kind, b.deadline) for b in bells] == [(BellKind.PHASE, 1020.0)]
    assert session.step_index == 2
    assert session.phase_number == 3


def test_skip_moves_to_the_next_phase_and_pulls_later_deadlines_in() -> None:
    clock = FakeClock()
    session = PracticeSession(make_steps([2, 1]), clock)
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
    session = PracticeSession(make_steps([1, 1]), clock)
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


def test_actions_out_of_order_are_refused_plainly() -> None:
    session = PracticeSession(make_steps([1]), FakeClock())
    with pytest.raises(SessionStateError):
        session.pause()
    with pytest.raises(SessionStateError):
        session.skip()
    session.start()
    with pytest.raises(SessionStateError):
        session.start()
    with pytest.raises(SessionStateError):
        session.resume()


def test_a_plan_needs_positive_durations() -> None:
    with pytest.raises(ValueError):
        PracticeSession([PlannedStep(0, "P", "w", 0)], FakeClock())
    with pytest.raises(ValueError):
        PracticeSession([], FakeClock())


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
    session = PracticeSession(plan, clock)
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
    rung = run_to_end(session, clock)
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
    session = PracticeSession(plan, clock)
    session.start()
    expected = session.bell_deadlines()
    rung = run_to_end(session, clock)
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
    session = PracticeSession(plan, clock)
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


actions = st.lists(
    st.tuples(
        st.sampled_from(["wait", "pause", "resume", "skip", "stop", "poll"]),
        st.floats(min_value=0, max_value=200, allow_nan=False),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(plan=plans(), script=actions, preparation=st.sampled_from([0.0, 5.0, 30.0]))
def test_any_mix_of_actions_leaves_a_consistent_state(plan, script, preparation) -> None:
    clock = FakeClock()
    session = PracticeSession(plan, clock, preparation=preparation)
    session.start()
    for action, amount in script:
        clock.advance(amount if action == "wait" else 0.0)
        try:
            getattr(session, action)() if action != "wait" else session.poll()
        except SessionStateError:
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
    session = PracticeSession(make_steps([1, 1]), clock, preparation=10)
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
    rung = run_to_end(session, clock)
    assert [deadline - 1110.0 for _, deadline, _ in rung] == [10.0, 20.0]
    assert session.practised_seconds() == 20 and session.paused_seconds == 0


def test_skipping_the_preparation_starts_at_once() -> None:
    clock = FakeClock()
    session = PracticeSession(make_steps([1]), clock, preparation=30)
    session.start()
    clock.advance(3)
    bells = session.skip()
    assert [(b.kind, b.deadline) for b in bells] == [(BellKind.START, 1003.0)]
    assert session.time_left() == pytest.approx(10)


def test_a_late_wake_after_the_preparation_rings_one_bell() -> None:
    clock = FakeClock()
    session = PracticeSession(make_steps([1, 1]), clock, preparation=5)
    session.start()
    clock.advance(17)  # the start bell and one phase change passed unseen
    assert [b.kind for b in session.poll()] == [BellKind.PHASE]
    assert session.phase_number == 2
