"""Issue 13, care: every practice uses the participant's anchor and opens with the way out;
the practices that turn towards difficulty set up the way back before the way in and repeat
it; closing the eyes and touch are offered, never instructed; the file format asks for every
anchor wherever a step anchors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.anchors import ANCHORS, Anchor, anchor_named
from practice_tui.course import ScriptError, load_builtin_course
from practice_tui.course.framing import opening_words
from practice_tui.course.script_file import load_file
from practice_tui.course.speaking import estimated_spoken_seconds
from tests.unit.test_course import GOOD_PRACTICE, write

COURSE = load_builtin_course()
EVERY_WAY = sorted((p.id, m.id) for p in COURSE.practices.values() for m in p.modes)
#: The practices that turn towards a difficulty, and the words with which they do it.
TURNING_TOWARDS = {
    "being-with-difficulty": "bring to mind something that is troubling you",
    "allow-soften-soothe": "bring to mind a situation",
}
#: A word that shows a step names this anchor.
ANCHOR_WORD = {
    Anchor.BREATH: "breath",
    Anchor.FEET: "feet",
    Anchor.HANDS: "hands",
    Anchor.SOUNDS: "sounds",
}
STEPPING_BACK = ("too much", "too strong", "step back", "ease off")


def own_steps(practice_id: str, mode_id: str, minutes: int, anchor: Anchor) -> list[str]:
    """The words of the practice's own steps, without the opening and closing every one has."""
    plan = COURSE.practice(practice_id).mode(mode_id).plan(minutes, anchor=anchor)
    return [step.words for step in plan[1:-1]]


def is_way_out(words: str, anchor: Anchor) -> bool:
    lowered = words.lower()
    return ANCHOR_WORD[anchor] in lowered and any(w in lowered for w in STEPPING_BACK)


# ------------------------------------------------------------------ the first words


@pytest.mark.parametrize("anchor", ANCHORS)
@pytest.mark.parametrize(("practice_id", "mode_id"), EVERY_WAY)
def test_every_practice_names_the_anchor_and_the_freedom_to_stop_in_its_first_step(
    practice_id: str, mode_id: str, anchor: Anchor
) -> None:
    mode = COURSE.practice(practice_id).mode(mode_id)
    for minutes in mode.lengths:
        for voice in (None, estimated_spoken_seconds):
            for cues in (True, False):
                plan = mode.plan(minutes, voice, cue_every_step=cues, anchor=anchor)
                first = plan[0].words
                assert "open your eyes, move or stop at any time" in first, first
                assert anchor.phrase in first, first
                # Said once: the practice's own first words do not say it again.
                assert "stop" not in plan[1].words, plan[1].words


def test_the_opening_words_are_one_text_whatever_the_sounds_mean() -> None:
    for anchor in ANCHORS:
        texts = {
            opening_words(voice=voice, cue_every_step=cues, anchor=anchor)
            for voice in (True, False)
            for cues in (True, False)
        }
        way_out = {text.split(". ")[0] for text in texts}
        assert len(way_out) == 1, way_out  # the same way out, then what the sounds mean


# ----------------------------------------------------------- the way out, the way in


@pytest.mark.parametrize("anchor", ANCHORS)
@pytest.mark.parametrize("practice_id", sorted(TURNING_TOWARDS))
def test_the_way_out_comes_before_the_way_in_and_again_during(
    practice_id: str, anchor: Anchor
) -> None:
    practice = COURSE.practice(practice_id)
    for minutes in practice.lengths:
        steps = own_steps(practice_id, practice.default_mode.id, minutes, anchor)
        turning = next(
            i for i, words in enumerate(steps) if TURNING_TOWARDS[practice_id] in words.lower()
        )
        ways_out = [i for i, words in enumerate(steps) if is_way_out(words, anchor)]
        assert ways_out and ways_out[0] < turning, (minutes, steps[: turning + 1])
        assert any(turning < i < len(steps) - 1 for i in ways_out), "repeated during"
        ending = " ".join(steps[-2:]).lower()
        assert "you stayed with something hard" not in ending
        assert re.search(r"stepped back|eased off", ending), ending  # stepping away counts


# ----------------------------------------------------------- offered, not instructed

CLOSING_EYES = re.compile(r"\b(close|closing)\b[^.]*\beyes\b|\beyes\b[^.]*\bclose\b", re.I)
TOUCH = re.compile(r"\b(rest|place|put|lay)\b[^.]*\bhand\b[^.]*\b(on|over)\b", re.I)
INVITATION = re.compile(r"if you (like|wish)|if it (feels right|helps)|if that feels", re.I)
ANOTHER_WAY = re.compile(r"\bor\b", re.I)
ANOTHER_THAN_TOUCH = re.compile(r"\bor (simply|just|picture|keep)\b", re.I)


@pytest.mark.parametrize("anchor", ANCHORS)
def test_no_step_instructs_touch_or_closed_eyes_without_an_alternative(anchor: Anchor) -> None:
    for practice_id, mode_id in EVERY_WAY:
        mode = COURSE.practice(practice_id).mode(mode_id)
        for words in own_steps(practice_id, mode_id, mode.lengths[0], anchor):
            if CLOSING_EYES.search(words):
                assert ANOTHER_WAY.search(words), (practice_id, words)
            if TOUCH.search(words):
                assert INVITATION.search(words), (practice_id, words)
                assert ANOTHER_THAN_TOUCH.search(words), (practice_id, words)


# ------------------------------------------------------------------- the anchor chosen


@pytest.mark.parametrize("anchor", ANCHORS)
def test_the_spoken_words_carry_the_chosen_anchor_and_no_other(anchor: Anchor) -> None:
    anchoring = 0
    for practice_id, mode_id in EVERY_WAY:
        mode = COURSE.practice(practice_id).mode(mode_id)
        spoken = " ".join(mode.spoken_words(anchor))
        for step in (step for phase in mode.phases for step in phase.steps if step.anchors):
            anchoring += 1
            mine = step.anchors[ANCHORS.index(anchor)]
            assert mine in spoken
            others = set(step.anchors) - {mine}
            assert not any(other in spoken for other in others), (practice_id, others)
    assert anchoring >= 10


@pytest.mark.parametrize("anchor", [a for a in ANCHORS if a is not Anchor.BREATH])
def test_another_anchor_is_never_sent_back_to_the_breath_alone(anchor: Anchor) -> None:
    back_to_breath = re.compile(r"(come|coming) back( kindly)?,? to (the|your) breath", re.I)
    for practice_id, mode_id in EVERY_WAY:
        mode = COURSE.practice(practice_id).mode(mode_id)
        for words in own_steps(practice_id, mode_id, mode.lengths[0], anchor):
            if back_to_breath.search(words):
                assert ANCHOR_WORD[anchor] in words.lower(), (practice_id, words)


#: Practices made of the breath itself (practice-notes.md): their words may follow it, and each
#: also gives the chosen anchor as the way back.
MADE_OF_THE_BREATH = {
    "affectionate-breathing",
    "breathing-space",
    "compassion-for-self-and-others",
    "compassion-with-equanimity",
    "compassionate-listening",
}


def test_words_shared_by_every_anchor_leave_the_breath_alone() -> None:
    """The breath is no one's anchor by default (asthma, panic, trauma): outside the practices
    made of it, a step every anchor hears never turns attention to the breath."""
    breath = re.compile(r"\bbreath", re.I)
    for practice in COURSE.practices.values():
        if practice.id in MADE_OF_THE_BREATH:
            continue
        for mode in practice.modes:
            for step in (s for phase in mode.phases for s in phase.steps if not s.anchors):
                assert not breath.search(step.words), (practice.id, step.words)


def test_every_practice_that_settles_attention_anchors_it() -> None:
    """Every practice but walking (where the feet are the practice) has a step that anchors."""
    for practice in COURSE.practices.values():
        if practice.id == "walking-practice":
            continue
        for mode in practice.modes:
            assert any(s.anchors for p in mode.phases for s in p.steps), (practice.id, mode.id)


def test_an_anchor_is_named_plainly() -> None:
    assert anchor_named(" Feet ") is Anchor.FEET
    with pytest.raises(ValueError, match=r"no anchor called 'elbows'.*breath, feet, hands, sounds"):
        anchor_named("elbows")


# --------------------------------------------------------------------- the file format

ANCHORED = GOOD_PRACTICE.replace(
    '  words = "Rest with the breath."\n  weight = 2\n',
    '  words = "Rest with your anchor."\n  weight = 2\n\n'
    "    [phases.steps.anchor]\n"
    '    breath = "The breath, coming and going."\n'
    '    feet = "Your feet, on the floor."\n'
    '    hands = "Your hands, resting."\n'
    '    sounds = "The sounds, near and far."\n',
)


def test_a_step_can_write_its_anchoring_sentence_once_per_anchor(tmp_path: Path) -> None:
    practice = load_file(write(tmp_path, ANCHORED))
    step = practice.phases[-1].steps[0]
    assert step.words_for(Anchor.FEET) == "Rest with your anchor. Your feet, on the floor."
    plan = practice.plan(2, anchor=Anchor.SOUNDS)
    assert plan[-2].words == "Rest with your anchor. The sounds, near and far."
    # Words are optional when the anchor says it all.
    alone = load_file(write(tmp_path, ANCHORED.replace('  words = "Rest with your anchor."\n', "")))
    assert alone.phases[-1].steps[0].words_for(Anchor.HANDS) == "Your hands, resting."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('    hands = "Your hands, resting."\n    sounds = "The sounds, near and far."\n', ""),
            "needs a sentence for every anchor (breath, feet, hands, sounds): 'hands', 'sounds' "
            "are missing",
        ),
        (
            ('    feet = "Your feet, on the floor."\n', '    toes = "Your toes."\n'),
            "unknown key 'toes'",
        ),
        (('    hands = "Your hands, resting."\n', '    hands = " "\n'), "'hands' is empty"),
    ],
)
def test_a_step_that_anchors_needs_every_anchor_and_its_line_is_named(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write(tmp_path, ANCHORED.replace(*change))
    with pytest.raises(ScriptError) as caught:
        load_file(path)
    problems = [str(problem) for problem in caught.value.problems]
    assert any(p.startswith(f"{path}:") and message in p for p in problems), problems
    line = next(p for p in problems if message in p).split(":")[1]
    assert 24 <= int(line) <= 28  # the anchor table, or the key in it


def test_an_anchor_that_is_not_a_table_is_named(tmp_path: Path) -> None:
    text = GOOD_PRACTICE.replace("  weight = 2\n", '  weight = 2\n  anchor = "feet"\n')
    path = write(tmp_path, text)
    with pytest.raises(ScriptError, match=r":23: 'anchor' should be a table of sentences"):
        load_file(path)


def test_one_anchor_too_long_to_speak_is_named_with_its_anchor(tmp_path: Path) -> None:
    many = " ".join(["slowly"] * 40)
    path = write(tmp_path, ANCHORED.replace("The sounds, near and far.", many))
    with pytest.raises(ScriptError) as caught:
        load_file(path)
    problems = [str(problem) for problem in caught.value.problems]
    assert any(":24:" in p and "with the 'sounds' anchor, spoken slowly" in p for p in problems)


# ------------------------------------------------------------ credit and own words

#: Sentences that came too close to a published script, or were not plain enough.
REWORDED = [
    "carry this wider awareness with you into the next few moments",
    "I didn't cause what they are going through",
    "rest in your body as a whole",
    "It is here anyway",
    "Simply rest, just as you are",
    "held in a wider, kinder space",
    "tender spots",
    "Let your body know it is being looked after",
    "on a corridor",
    "you stayed with something hard",
]


def every_text() -> str:
    """Every word the course shows, in one text, with spaces made plain."""
    texts: list[str] = []
    for practice in COURSE.practices.values():
        texts += [practice.summary, practice.origin, practice.safety]
        for mode in practice.modes:
            texts += [*mode.questions, *(s.words for p in mode.phases for s in p.steps)]
            texts += [a for p in mode.phases for s in p.steps for a in s.anchors]
    for exercise in COURSE.exercises.values():
        texts += [exercise.intro, *exercise.questions]
    for week in COURSE.weeks:
        texts += [week.intro, week.theme, *(t.description for t in week.home_tasks)]
    return " ".join(" ".join(texts).split())


def test_the_close_and_the_unplain_sentences_are_reworded() -> None:
    text = every_text()
    for sentence in REWORDED:
        assert sentence.lower() not in text.lower(), sentence


def test_the_origins_are_credited() -> None:
    difficulty = COURSE.practice("being-with-difficulty").origin
    assert "Segal, Williams and Teasdale" in difficulty and "Williams and Penman" in difficulty
    assert "'one for me, one for you'" in COURSE.practice("compassion-for-self-and-others").origin
    assert "Strauss et al., 2016" in " ".join(COURSE.week(1).intro.split())
    assert not any("recognising" in element.lower() for element in COURSE.week(1).elements)


def test_compassion_with_equanimity_says_the_work_is_shared_and_names_its_person() -> None:
    practice = COURSE.practice("compassion-with-equanimity")
    words = " ".join(s.words for p in practice.phases for s in p.steps)
    assert "a colleague, a patient, someone you lead" in words
    assert "shared" in words and "system" in words
    assert "shared, systemic endeavour" in practice.summary


def test_the_smaller_changes() -> None:
    assert COURSE.practice("leadership-intentions").default_length == 8
    obstacles = " ".join(COURSE.exercise("obstacles-to-compassion").questions)
    assert "Where do you think you learnt it? Go only as far as feels comfortable." in obstacles
    assert any(task.practice == "resourcing" for task in COURSE.week(4).home_tasks)


@settings(max_examples=40, deadline=None)
@given(written=st.sets(st.sampled_from(ANCHORS)))
def test_any_anchor_left_out_is_named_and_a_full_table_loads(
    tmp_path_factory: pytest.TempPathFactory, written: set[Anchor]
) -> None:
    lines = "".join(f'    {a.value} = "Rest with {a.phrase}."\n' for a in ANCHORS if a in written)
    text = GOOD_PRACTICE.replace(
        "  weight = 2\n", f"  weight = 2\n\n    [phases.steps.anchor]\n{lines}"
    )
    path = write(tmp_path_factory.mktemp("anchor"), text)
    missing = [a.value for a in ANCHORS if a not in written]
    if not missing:
        step = load_file(path).phases[-1].steps[0]
        assert [step.words_for(a) for a in ANCHORS] == [
            f"Rest with the breath. Rest with {a.phrase}." for a in ANCHORS
        ]
        return
    with pytest.raises(ScriptError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert problem.line == 24 and problem.path == path
    assert ", ".join(repr(name) for name in missing) in problem.message
