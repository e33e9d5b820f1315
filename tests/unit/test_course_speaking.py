"""Planning for a voice: the spoken-length estimate, a plan that makes room for spoken words by
shortening silence (never words), the opening and closing words every practice has, and the
check that names the file and line of words that cannot be spoken in time."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.anchors import DEFAULT_ANCHOR
from practice_tui.course import LengthError, ScriptError, load_builtin_course
from practice_tui.course.framing import CLOSING_WORDS, opening_words
from practice_tui.course.model import Mode, Phase, Step, reading_seconds
from practice_tui.course.script_file import load_file
from practice_tui.course.speaking import (
    BREATH_SECONDS,
    CUE_RING_SECONDS,
    START_RING_SECONDS,
    estimated_spoken_seconds,
)
from tests.unit.test_course import GOOD_PRACTICE, write

COURSE = load_builtin_course()
EVERY_WAY = sorted((p.id, m.id) for p in COURSE.practices.values() for m in p.modes)


def every_mode() -> list[Mode]:
    return [COURSE.practice(p).mode(m) for p, m in EVERY_WAY]


# ---------------------------------------------------------------------- the estimate


def test_the_estimate_grows_with_the_words_and_is_longer_slow_than_natural() -> None:
    short = "Breathe in."
    long = "Breathe in, and breathe out. Let the body breathe itself, as it always has."
    assert estimated_spoken_seconds("") == 0.0
    assert 0 < estimated_spoken_seconds(short) < estimated_spoken_seconds(long)
    for words in (short, long):
        assert estimated_spoken_seconds(words, "slow") > estimated_spoken_seconds(words, "natural")
    with pytest.raises(ValueError, match="unknown speed"):
        estimated_spoken_seconds(short, "fast")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_estimate_errs_long_against_the_system_voice_at_its_slow_pace(
    tmp_path: Path,
) -> None:
    """espeak-ng's slow pace (140 words a minute) says every shipped step in less time than
    the estimate allows for it."""
    texts = {s.words for mode in every_mode() for phase in mode.phases for s in phase.steps}
    texts |= {opening_words(voice=True), CLOSING_WORDS}
    longest = sorted(texts, key=len)[-4:]
    for number, words in enumerate(longest):
        out = tmp_path / f"{number}.wav"
        subprocess.run(
            ["espeak-ng", "-v", "en-gb", "-s", "140", "-w", str(out), words],
            check=True,
            stdin=subprocess.DEVNULL,
            capture_output=True,
        )
        with wave.open(str(out)) as audio:
            seconds = audio.getnframes() / audio.getframerate()
        assert seconds < estimated_spoken_seconds(words, "slow"), words


# ----------------------------------------------------------------------------- plans


def test_every_shipped_practice_fits_its_shortest_length_spoken_slowly() -> None:
    for mode in every_mode():
        shortest = min(mode.lengths)
        assert mode.fits(shortest, estimated_spoken_seconds), mode.name
        plan = mode.plan(shortest, estimated_spoken_seconds)
        assert sum(step.seconds for step in plan) == pytest.approx(shortest * 60)


def test_a_plan_opens_with_what_the_sounds_mean_and_closes_quietly() -> None:
    mode = COURSE.practice("breathing-space").default_mode
    plain, voiced = mode.plan(3), mode.plan(3, estimated_spoken_seconds)
    fewer = mode.plan(3, cue_every_step=False)
    assert plain[0].words == opening_words(voice=False)
    assert voiced[0].words == opening_words(voice=True)
    assert fewer[0].words == opening_words(voice=False, cue_every_step=False)
    assert len({plain[0].words, voiced[0].words, fewer[0].words}) == 3
    for plan in (plain, voiced):
        assert plan[-1].words == CLOSING_WORDS and plan[-1].bell
        assert plan[1].bell  # the practice's own words begin with a cue
        own = [step.words_for(DEFAULT_ANCHOR) for phase in mode.phases for step in phase.steps]
        assert [step.words for step in plan[1:-1]] == own
        assert plan[0].phase_index == 0 and plan[-1].phase_index == len(mode.phases) - 1
    # The way out comes before the way in.
    for words in (plain[0].words, voiced[0].words, fewer[0].words):
        assert words.index("stop") < words.index("chime")
    assert mode.spoken_words() == [step.words for step in voiced]


def test_with_a_voice_each_step_has_room_for_its_bell_its_words_and_a_breath() -> None:
    mode = COURSE.practice("breathing-space").default_mode
    plan = mode.plan(3, estimated_spoken_seconds)
    for number, step in enumerate(plan):
        ring = START_RING_SECONDS if number == 0 else CUE_RING_SECONDS
        assert step.lead_in == ring
        assert step.spoken == estimated_spoken_seconds(step.words)
        assert step.seconds >= ring + step.spoken + BREATH_SECONDS - 1e-9
        assert step.seconds >= reading_seconds(step.words) - 1e-9


def test_a_length_too_short_for_the_spoken_words_is_refused_plainly() -> None:
    mode = COURSE.practice("breathing-space").default_mode
    slow = lambda words: 20.0  # noqa: E731 - a voice that takes 20 s for any words
    assert mode.fits(3) and not mode.fits(3, slow)
    assert mode.minimum_minutes(slow) > 3
    with pytest.raises(LengthError, match="spoken words"):
        mode.plan(3, slow)
    assert mode.plan(mode.minimum_minutes(slow), slow)


step_words = st.lists(st.sampled_from(["Breathe.", "in", "and", "out,", "gently", "rest."]))


@st.composite
def modes(draw: st.DrawFn) -> Mode:
    phases = []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        steps = tuple(
            Step(
                " ".join(draw(step_words.filter(bool))),
                weight=draw(st.floats(min_value=0.1, max_value=5)),
                bell=draw(st.booleans()),
            )
            for _ in range(draw(st.integers(min_value=1, max_value=4)))
        )
        phases.append(Phase(f"Phase {index}", steps))
    return Mode("m", "A practice", "", (1,), tuple(phases), ("?",))


@settings(max_examples=300, deadline=None)
@given(
    mode=modes(),
    minutes=st.floats(min_value=0.5, max_value=30),
    rate=st.floats(min_value=0.0, max_value=3.0),
    cue=st.floats(min_value=0.0, max_value=10.0),
)
def test_any_plan_fills_its_length_and_shortens_silence_never_words(
    mode: Mode, minutes: float, rate: float, cue: float
) -> None:
    spoken = lambda words: rate * len(words.split())  # noqa: E731
    silent = lambda words: 0.0  # noqa: E731 - the same words, no time to speak them
    try:
        plain = mode.plan(minutes, silent, start_seconds=0.0, cue_seconds=0.0)
    except LengthError:
        assert not mode.fits(minutes, silent)
        return
    floors = [
        max(reading_seconds(w), cue + spoken(w) + BREATH_SECONDS) for w in mode.spoken_words()
    ]
    try:
        voiced = mode.plan(minutes, spoken, start_seconds=cue, cue_seconds=cue)
    except LengthError:
        assert sum(floors) > minutes * 60
        assert not mode.fits(minutes, spoken, start_seconds=cue, cue_seconds=cue)
        return
    assert mode.fits(minutes, spoken, start_seconds=cue, cue_seconds=cue)
    for plan in (plain, voiced):
        assert sum(step.seconds for step in plan) == pytest.approx(minutes * 60)
        assert [s.words for s in plan] == mode.spoken_words()
    for a, b, floor in zip(plain, voiced, floors, strict=True):
        assert a.seconds >= reading_seconds(a.words) - 1e-6  # every step can be read slowly
        assert b.seconds >= floor - 1e-6  # ... and, with a voice, heard in full
        if b.seconds > a.seconds + 1e-6:  # a step made longer for its voice lasts just that
            assert b.seconds == pytest.approx(floor)


# ----------------------------------------------------------------- the file check


def test_words_that_cannot_be_spoken_in_their_share_are_named_with_their_line(
    tmp_path: Path,
) -> None:
    many = " ".join(["slowly"] * 40)  # readable in the 1-minute length, not speakable
    text = GOOD_PRACTICE.replace("Feel your feet on the floor.", many).replace(
        "  weight = 2", "  weight = 9"
    )
    path = write(tmp_path, text)
    with pytest.raises(ScriptError) as caught:
        load_file(path)
    problems = [str(problem) for problem in caught.value.problems]
    assert any(p.startswith(f"{path}:15:") and "spoken slowly" in p for p in problems), problems
    assert load_file(write(tmp_path, text.replace("lengths = [1, 2]", "lengths = [2, 3]")))
