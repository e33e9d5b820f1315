"""The meditation timer, driven by a fake clock: bells on their deadlines, pauses that move them,
late wake-ups that skip interval bells and still ring the end once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.engine.clock import FakeClock
from practice_tui.engine.timer import (
    LATE_TOLERANCE,
    BellKind,
    MeditationTimer,
    State,
    TimerBell,
    TimerPlan,
    TimerStateError,
)

T0 = 1000.0


def run_to_end(
    timer: MeditationTimer, clock: FakeClock, limit: int = 10_000
) -> list[tuple[TimerBell, float]]:
    """Wake exactly at each deadline, as the screen does; return (bell, rung at)."""
    rung = []
    for _ in range(3 * limit):  # a bound, in case a bug kept a deadline in the past
        deadline = timer.next_deadline()
        if deadline is None or len(rung) >= limit:
            break
        clock.set(max(deadline, clock.monotonic()))
        rung.extend((bell, clock.monotonic()) for bell in timer.poll())
    return rung


def offsets(rung: list[tuple[TimerBell, float]], start: float) -> list[tuple[BellKind, float]]:
    return [(bell.kind, round(bell.deadline - start, 6)) for bell, _ in rung]


# ------------------------------------------------------------------- presets, by hand


def test_every_five_minutes_for_twenty_rings_at_5_10_15_and_ends_at_20() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(20, interval_minutes=5), clock)
    assert [b.kind for b in timer.start()] == [BellKind.START]
    rung = run_to_end(timer, clock)
    assert offsets(rung, T0) == [
        (BellKind.INTERVAL, 300.0),
        (BellKind.INTERVAL, 600.0),
        (BellKind.INTERVAL, 900.0),
        (BellKind.END, 1200.0),
    ]
    assert timer.state is State.FINISHED
    assert timer.elapsed_seconds() == 1200.0
    assert timer.remaining_seconds() == 0.0
    assert timer.skipped_bells == 0


def test_chosen_minutes_drop_the_one_on_the_end() -> None:
    clock = FakeClock(T0)
    plan = TimerPlan(20, interval_at=(20, 5, 12, 5))
    assert plan.interval_at == (5, 12, 20)
    # Marks that fall on the same moment to the engine's precision are one bell.
    assert TimerPlan(1, interval_at=(0.05, 0.05000000000000001)).interval_at == (0.05,)
    assert list(plan.interval_offsets()) == [300.0, 720.0]
    timer = MeditationTimer(plan, clock)
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
    timer = MeditationTimer(plan, clock)
    (start,) = timer.start()
    assert (start.sound, start.strikes, start.volume) == ("bowl", 2, 0.7)
    (interval, _), (end, _) = run_to_end(timer, clock)
    assert (interval.sound, interval.strikes, interval.volume) == ("tick", 1, 0.7)
    assert (end.sound, end.strikes, end.volume) == ("gong", 3, 0.7)
    loud = MeditationTimer(
        TimerPlan(10, interval_minutes=5, volume=0.7, interval_volume=0.3), clock
    )
    assert loud.plan.bell(BellKind.INTERVAL, 0.0).volume == 0.3


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
    timer = MeditationTimer(TimerPlan(5, preparation_seconds=10), clock)
    assert timer.preparation_left() == 10
    assert timer.start() == []
    assert timer.state is State.PREPARING and timer.is_preparing
    assert timer.next_deadline() == T0 + 10
    clock.advance(4)
    assert timer.preparation_left() == pytest.approx(6)
    assert timer.elapsed_seconds() == 0.0
    assert timer.remaining_seconds() == 300.0
    clock.advance(6)
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline) == (BellKind.START, T0 + 10)
    assert timer.started_wall() == clock.wall()
    clock.advance(60)
    assert timer.elapsed_seconds() == pytest.approx(60)
    assert timer.remaining_seconds() == pytest.approx(240)
    assert timer.next_deadline() == T0 + 310


def test_a_pause_in_the_preparation_freezes_the_countdown() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(5, preparation_seconds=10), clock)
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
    assert timer.elapsed_seconds() == 300.0


def test_while_paused_the_bells_ahead_are_counted_from_carrying_on() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(10, preparation_seconds=10, interval_minutes=5), clock)
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
    timer = MeditationTimer(TimerPlan(5, preparation_seconds=30), clock)
    timer.start()
    clock.advance(4)
    timer.pause()
    (bell,) = timer.skip_preparation()
    assert (bell.kind, bell.deadline, timer.state) == (BellKind.START, T0 + 4, State.RUNNING)
    with pytest.raises(TimerStateError):
        timer.skip_preparation()


# ---------------------------------------------------------------------- late wake-ups


def test_a_late_wake_skips_the_missed_intervals_and_rings_a_recent_one() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(20, interval_minutes=1), clock)
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
    timer = MeditationTimer(TimerPlan(20, interval_minutes=5, end_strikes=3), clock)
    timer.start()
    clock.set(T0 + 3600)  # the lid was closed for an hour
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline, bell.strikes) == (BellKind.END, T0 + 1200, 3)
    assert timer.skipped_bells == 3
    assert timer.state is State.FINISHED
    assert timer.elapsed_seconds() == 1200.0  # counts to the planned end, not the late wake
    assert timer.poll() == []
    assert timer.next_deadline() is None


def test_the_end_swallows_a_start_bell_due_in_the_same_wake() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(5, preparation_seconds=10), clock)
    timer.start()
    clock.advance(1000)
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline) == (BellKind.END, T0 + 310)
    assert timer.skipped_bells == 1
    assert timer.started_wall() == clock.wall() - timedelta(seconds=990)


def test_a_late_start_bell_still_rings_and_the_intervals_it_passed_are_skipped() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(20, preparation_seconds=10, interval_minutes=1), clock)
    timer.start()
    clock.advance(10 + 150)
    (bell,) = timer.poll()
    assert (bell.kind, bell.deadline) == (BellKind.START, T0 + 10)
    assert timer.skipped_bells == 2
    assert timer.elapsed_seconds() == pytest.approx(150)


# ------------------------------------------------------------------- open-ended, stop


def test_open_ended_counts_up_until_stopped_and_records_the_time_practised() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(None), clock)
    timer.start()
    assert timer.remaining_seconds() is None
    assert timer.next_deadline() is None  # nothing to wake for; the screen redraws anyway
    assert timer.bell_deadlines() == []
    clock.advance(600)
    timer.pause()
    clock.advance(60)
    timer.resume()
    clock.advance(95)
    assert timer.elapsed_seconds() == pytest.approx(695)
    timer.stop()
    clock.advance(1000)
    assert timer.state is State.STOPPED
    assert timer.elapsed_seconds() == pytest.approx(695)
    assert timer.poll() == []


def test_open_ended_interval_bells_go_on_until_stopped() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(None, interval_minutes=5), clock)
    timer.start()
    upcoming = timer.bell_deadlines(limit=4)
    assert [b.deadline - T0 for b in upcoming] == [300, 600, 900, 1200]
    rung = run_to_end(timer, clock, limit=12)
    assert [bell.deadline - T0 for bell, _ in rung] == [300.0 * i for i in range(1, 13)]
    timer.stop()
    assert timer.elapsed_seconds() == 3600.0
    assert timer.next_deadline() is None


def test_stopping_after_an_unseen_end_counts_no_more_than_the_length() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(5), clock)
    timer.start()
    clock.advance(900)
    timer.stop()
    assert timer.elapsed_seconds() == 300.0
    assert timer.remaining_seconds() == 0.0


def test_stopping_while_paused_counts_up_to_the_pause() -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(TimerPlan(10), clock)
    timer.start()
    clock.advance(100)
    timer.pause()
    clock.advance(50)
    timer.stop()
    assert timer.elapsed_seconds() == pytest.approx(100)


def test_actions_out_of_order_are_refused_plainly() -> None:
    timer = MeditationTimer(TimerPlan(5), FakeClock(T0))
    for action in (timer.pause, timer.resume, timer.skip_preparation):
        with pytest.raises(TimerStateError):
            action()
    assert timer.poll() == []
    timer.start()
    with pytest.raises(TimerStateError):
        timer.start()
    with pytest.raises(TimerStateError):
        timer.resume()
    timer.stop()
    timer.stop()  # stopping twice is harmless
    with pytest.raises(TimerStateError):
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
    timer = MeditationTimer(plan, clock)
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
    assert timer.elapsed_seconds() == plan.length_seconds
    assert timer.state is State.FINISHED


pauses_st = st.lists(
    st.tuples(st.floats(min_value=0, max_value=400), st.floats(min_value=0, max_value=400)),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(plan=timed_plans(), pauses=pauses_st)
def test_pauses_move_every_later_bell_by_exactly_their_length(plan: TimerPlan, pauses) -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(plan, clock)
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
    assert timer.elapsed_seconds() == plan.length_seconds
    assert timer.skipped_bells == 0


@settings(max_examples=300, deadline=None)
@given(plan=timed_plans(), wakes=st.lists(st.floats(min_value=0, max_value=1500), max_size=8))
def test_late_wakes_skip_intervals_and_ring_the_end_exactly_once(plan: TimerPlan, wakes) -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(plan, clock)
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
    assert timer.elapsed_seconds() == plan.length_seconds


@settings(max_examples=200, deadline=None)
@given(
    plan=any_plans(),
    steps=st.lists(st.tuples(st.floats(0, 900), st.floats(0, 900)), min_size=1, max_size=6),
)
def test_stop_records_the_time_since_the_start_bell_less_pauses(plan: TimerPlan, steps) -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(plan, clock)
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
    assert timer.elapsed_seconds() == pytest.approx(expected)
    if length is None:
        assert timer.state is State.STOPPED
        assert timer.remaining_seconds() is None


actions = st.lists(
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
@given(plan=any_plans(), script=actions)
def test_any_mix_of_actions_leaves_a_consistent_state(plan: TimerPlan, script) -> None:
    clock = FakeClock(T0)
    timer = MeditationTimer(plan, clock)
    timer.start()
    length = plan.length_seconds
    ends = 0
    for action, amount in script:
        clock.advance(amount if action == "wait" else 0.0)
        before = timer.state
        try:
            bells = timer.poll() if action == "wait" else getattr(timer, action)()
        except TimerStateError:
            assert (action, before) in REFUSED or (
                action == "skip_preparation" and not timer.is_preparing
            )
            bells = []
        assert len(bells or []) <= 1
        ends += sum(1 for b in bells or [] if b.kind is BellKind.END)
        elapsed = timer.elapsed_seconds()
        assert elapsed >= 0
        if length is not None:
            assert elapsed <= length
            remaining = timer.remaining_seconds()
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
            frozen = (elapsed, timer.remaining_seconds(), timer.preparation_left())
            clock.advance(5)
            assert timer.poll() == []
            later = [b.deadline - clock.monotonic() for b in timer.bell_deadlines()]
            assert later == pytest.approx(ahead)
            assert (
                timer.elapsed_seconds(),
                timer.remaining_seconds(),
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
