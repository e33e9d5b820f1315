"""A spoken practice on the fake clock: each step's words handed out once its bell has rung
out, paused and resumed mid-word, stopped by a skip, a stop or the end, and never started for a
step already over; and the cues of a practice without a voice."""

from __future__ import annotations

import pytest

from practice_tui.course.model import PlannedStep
from practice_tui.engine.engine import PacingEngine, Say, SpeechAction, State
from practice_tui.engine.practice_plan import practice_timeline
from practice_tui.engine.timeline import BellKind
from tests.support.clock import FakeClock

T0 = 1000.0


def spoken_steps() -> list[PlannedStep]:
    """Three steps of 20 s in two phases; each bell rings out for 3 s and each voice takes 5 s
    (the first: 7 s for the start bell)."""
    return [
        PlannedStep(0, "Arriving", "first words", 20.0, spoken=5.0, lead_in=7.0),
        PlannedStep(0, "Arriving", "second words", 20.0, spoken=5.0, lead_in=3.0),
        PlannedStep(1, "Resting", "third words", 20.0, spoken=5.0, lead_in=3.0),
    ]


def spoken(clock: FakeClock, preparation: float = 0.0) -> PacingEngine:
    timeline = practice_timeline(spoken_steps(), preparation=preparation, speaking=True)
    return PacingEngine(timeline, clock)


def test_each_steps_words_begin_once_its_bell_has_rung_out() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock)
    due = engine.start()
    assert [b.kind for b in due] == [BellKind.START] and due.say is None
    assert engine.next_deadline() == T0 + 7  # the start bell rings out first
    clock.set(T0 + 7)
    due = engine.poll()
    assert list(due) == [] and due.say == Say(0, "first words", T0 + 7)
    clock.set(engine.next_deadline() or 0)
    # Within a phase the second step has no cue, so its words begin with it; the first
    # step's words (long finished) are stopped, to be sure nothing sounds on.
    due = engine.poll()
    assert clock.monotonic() == T0 + 20
    assert due.speech is SpeechAction.STOP and due.say == Say(1, "second words", T0 + 20)
    clock.set(engine.next_deadline() or 0)
    due = engine.poll()  # the change of phase: a cue, then the words after it rings out
    assert [b.kind for b in due] == [BellKind.PHASE] and due.say is None
    assert due.speech is SpeechAction.STOP
    assert engine.next_deadline() == T0 + 43
    clock.set(T0 + 43)
    assert engine.poll().say == Say(2, "third words", T0 + 43)
    clock.set(engine.next_deadline() or 0)
    due = engine.poll()
    assert [b.kind for b in due] == [BellKind.END] and due.speech is SpeechAction.STOP
    assert engine.state is State.FINISHED


def test_pause_holds_the_words_mid_way_and_resume_carries_on() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock)
    engine.start()
    clock.set(T0 + 7)
    assert engine.poll().say is not None
    clock.advance(2)  # two seconds into the words
    due = engine.pause()
    assert due.speech is SpeechAction.PAUSE and due.say is None
    clock.advance(300)
    assert engine.poll().speech is None  # nothing happens while paused
    due = engine.resume()
    assert due.speech is SpeechAction.RESUME and due.say is None
    assert engine.step_time_left() == pytest.approx(11)  # the pause moved the step's end


def test_a_pause_before_the_words_begin_delays_them_by_the_pause() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock)
    engine.start()
    clock.advance(5)  # the start bell is still ringing out
    assert engine.pause().speech is None  # nothing was sounding
    clock.advance(60)
    due = engine.resume()
    assert due.speech is None and due.say is None
    assert engine.next_deadline() == T0 + 67
    clock.set(T0 + 67)
    assert engine.poll().say == Say(0, "first words", T0 + 67)


def test_words_due_at_the_moment_of_a_pause_wait_for_the_resume() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock)
    engine.start()
    clock.set(T0 + 7)
    due = engine.pause()
    assert due.say is None and due.speech is None
    clock.advance(10)
    assert engine.resume().say == Say(0, "first words", T0 + 17)


def test_skip_stops_the_words_and_the_next_phase_speaks_after_its_cue() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock)
    engine.start()
    clock.set(T0 + 7)
    engine.poll()
    clock.advance(1)
    due = engine.skip()
    assert [b.kind for b in due] == [BellKind.PHASE] and due.speech is SpeechAction.STOP
    assert due.say is None and engine.phase_number == 2
    assert engine.next_deadline() == pytest.approx(T0 + 11)
    clock.set(T0 + 11)
    assert engine.poll().say == Say(2, "third words", T0 + 11)
    due = engine.skip()  # from the last phase: the end, and silence
    assert [b.kind for b in due] == [BellKind.END] and due.speech is SpeechAction.STOP


def test_skipping_while_paused_stops_the_held_words_and_nothing_resumes() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock)
    engine.start()
    clock.set(T0 + 7)
    engine.poll()
    assert engine.pause().speech is SpeechAction.PAUSE
    assert engine.skip().speech is SpeechAction.STOP
    clock.advance(30)
    due = engine.resume()
    assert due.speech is None and due.say is None  # the new words wait for their cue
    clock.advance(3)
    assert engine.poll().say == Say(2, "third words", clock.monotonic())


def test_stop_silences_the_voice_at_once() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock)
    engine.start()
    clock.set(T0 + 7)
    engine.poll()
    assert engine.stop().speech is SpeechAction.STOP
    assert engine.stop().speech is None  # once is enough
    clock.advance(100)
    assert engine.poll() == [] and engine.poll().say is None


def test_a_late_wake_never_starts_the_words_of_a_step_already_over() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock)
    engine.start()
    clock.set(T0 + 50)  # the lid was closed through the first two steps' words
    due = engine.poll()
    assert [b.kind for b in due] == [BellKind.PHASE]
    assert due.say == Say(2, "third words", T0 + 43)  # late, but still within its step
    assert due.speech is None  # nothing had been said, so nothing to stop


def test_a_late_wake_within_a_step_still_starts_its_words() -> None:
    clock = FakeClock(T0)
    engine = spoken(clock, preparation=10)
    engine.start()
    clock.set(T0 + 10 + 15)  # past the start and the first words' moment, in the first step
    due = engine.poll()
    assert [b.kind for b in due] == [BellKind.START]
    assert due.say == Say(0, "first words", T0 + 17)
    assert due.say.lateness(clock.monotonic()) == pytest.approx(8)


def test_without_a_voice_every_new_step_rings_the_cue_unless_asked_not_to() -> None:
    steps = spoken_steps()
    every = practice_timeline(steps)
    assert [e.bell.kind if e.bell else None for e in every.events] == [
        BellKind.START,
        BellKind.PHASE,
        BellKind.PHASE,
    ]
    assert all(e.step is not None and e.step.speech is None for e in every.events)
    fewer = practice_timeline(steps, cue_every_step=False)
    assert [e.bell.kind if e.bell else None for e in fewer.events] == [
        BellKind.START,
        None,
        BellKind.PHASE,
    ]
    voiced = practice_timeline(steps, speaking=True)  # the words are heard: a cue per phase
    assert [e.bell.kind if e.bell else None for e in voiced.events] == [
        BellKind.START,
        None,
        BellKind.PHASE,
    ]
    assert [e.speak_after for e in voiced.events] == [7.0, 0.0, 3.0]


def test_a_spoken_practice_needs_a_plan_with_room_for_the_voice() -> None:
    unspoken = [PlannedStep(0, "P", "words", 10.0)]
    with pytest.raises(ValueError, match="room for the voice"):
        practice_timeline(unspoken, speaking=True)
    too_late = [PlannedStep(0, "P", "words", 10.0, spoken=1.0, lead_in=10.0)]
    with pytest.raises(ValueError, match="within the step"):
        practice_timeline(too_late, speaking=True)
