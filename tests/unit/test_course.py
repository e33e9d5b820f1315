"""The course loader: shipped scripts load; broken ones are named by file, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice_tui.course import (
    AgendaKind,
    LengthError,
    ScriptError,
    load_builtin_course,
    load_course,
)
from practice_tui.course.locate import Locator
from practice_tui.course.script_file import load_file
from practice_tui.paths import scripts_dir

GOOD_PRACTICE = """\
kind = "practice"
id = "tiny-pause"
name = "Tiny pause"
week = 1
summary = "A short test practice."
origin = "Written for the tests."
safety = "You can open your eyes or stop at any time."
lengths = [1, 2]
questions = ["What did you notice?"]

[[phases]]
title = "Arriving"

  [[phases.steps]]
  words = "Feel your feet on the floor."

[[phases]]
title = "Resting"

  [[phases.steps]]
  words = "Rest with the breath."
  weight = 2
"""


def write(tmp_path: Path, text: str, name: str = "practice.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScriptError) as caught:
        load_file(path)
    return [str(problem) for problem in caught.value.problems]


def test_the_shipped_course_has_six_weeks_with_themes() -> None:
    course = load_builtin_course()
    assert [week.number for week in course.weeks] == [1, 2, 3, 4, 5, 6]
    for week in course.weeks:
        assert week.title and week.theme and week.intro


def test_week_one_offers_the_breathing_space_in_three_and_six_minutes() -> None:
    course = load_builtin_course()
    practice = course.practice("breathing-space")
    assert practice.lengths == (3, 6)
    assert "open your eyes or stop at any time" in practice.safety
    assert [p.id for p in course.practices_of_week(1)] == [
        "breathing-space",
        "leadership-intentions",
    ]
    assert len(practice.phases) == 3
    assert 3 <= len(practice.questions) <= 5
    kinds = [item.kind for item in course.week(1).agenda]
    assert kinds.count(AgendaKind.HOME_TASKS) == 1


@pytest.mark.parametrize("minutes", [3, 6])
def test_a_plan_fills_the_length_exactly(minutes: int) -> None:
    practice = load_builtin_course().practice("breathing-space")
    plan = practice.plan(minutes)
    assert sum(step.seconds for step in plan) == pytest.approx(minutes * 60)
    assert [step.phase_index for step in plan] == sorted(step.phase_index for step in plan)


def test_a_longer_length_lengthens_the_silences_never_the_words() -> None:
    practice = load_builtin_course().practice("breathing-space")
    short, long = practice.plan(3), practice.plan(6)
    assert [s.words for s in short] == [s.words for s in long]
    for a, b in zip(short, long, strict=True):
        assert b.seconds > a.seconds
        # Each step is on screen at least as long as its words take to read slowly.
        assert a.seconds >= 4 + 0.45 * len(a.words.split())


def test_a_length_too_short_for_the_words_is_refused() -> None:
    practice = load_builtin_course().practice("breathing-space")
    with pytest.raises(LengthError):
        practice.plan(1)


def test_a_good_file_loads(tmp_path: Path) -> None:
    practice = load_file(write(tmp_path, GOOD_PRACTICE))
    assert practice.id == "tiny-pause"
    plan = practice.plan(2)
    assert plan[1].seconds > plan[0].seconds  # weight 2 gets twice the silence


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("lengths = [1, 2]", "lengths = [1, 0]"), 8, "whole number of minutes"),
        (("week = 1", "week = 9"), 4, "week from 1 to 6"),
        (('id = "tiny-pause"', 'id = "Tiny Pause"'), 2, "lower-case words"),
        (('  words = "Rest with the breath."', '  words = ""'), 21, "'words' is empty"),
        (("  weight = 2", "  weight = -1"), 22, "more than zero"),
        (("  weight = 2", "  colour = 2"), 22, "unknown key 'colour'"),
        (('safety = "You can open your eyes or stop at any time."\n', ""), None, "'safety'"),
        (("lengths = [1, 2]", "lengths = [1, 2"), 9, "not valid TOML"),
        (('name = "Tiny pause"', 'name = "Tiny pause'), 3, "not valid TOML"),
        (('[[phases]]\ntitle = "Resting"', "[[phases]]\ntitle = 3"), 18, "'title' should be"),
    ],
)
def test_each_mistake_names_file_line_and_problem(
    tmp_path: Path, change: tuple[str, str], line: int | None, message: str
) -> None:
    old, new = change
    assert old in GOOD_PRACTICE
    path = write(tmp_path, GOOD_PRACTICE.replace(old, new, 1))
    problems = problems_of(path)
    expected_start = f"{path}:{line}:" if line else f"{path}:"
    assert any(p.startswith(expected_start) and message in p for p in problems), problems


def test_a_length_the_words_cannot_fit_is_named(tmp_path: Path) -> None:
    long_words = " ".join(["breathe"] * 200)
    text = GOOD_PRACTICE.replace("Feel your feet on the floor.", long_words)
    problems = problems_of(write(tmp_path, text))
    assert any(":8:" in p and "cannot fit" in p for p in problems), problems


def test_an_unknown_kind_and_missing_fields_are_all_reported(tmp_path: Path) -> None:
    assert "unknown kind" in problems_of(write(tmp_path, 'kind = "poem"\n'))[0]
    problems = problems_of(write(tmp_path, 'kind = "practice"\n'))
    for field in ("'id'", "'name'", "'lengths'", "'questions'", "[[phases]]"):
        assert any(field in p for p in problems), (field, problems)


def test_not_utf8_and_unreadable_files_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'kind = "practice"\nname = "caf\xe9"\n')
    assert "not UTF-8" in problems_of(path)[0]
    assert "cannot be read" in problems_of(tmp_path / "missing.toml")[0]


def test_a_course_folder_reports_duplicates_and_unknown_references(tmp_path: Path) -> None:
    root = tmp_path / "scripts"
    (root / "weeks").mkdir(parents=True)
    for path in sorted((scripts_dir() / "weeks").glob("*.toml")):
        (root / "weeks" / path.name).write_text(path.read_text())
    (root / "exercises").mkdir()
    for path in sorted((scripts_dir() / "exercises").glob("*.toml")):
        (root / "exercises" / path.name).write_text(path.read_text())
    (root / "practices").mkdir()
    write(root / "practices", GOOD_PRACTICE, "a.toml")
    write(root / "practices", GOOD_PRACTICE, "b.toml")
    with pytest.raises(ScriptError) as caught:
        load_course(root)
    text = str(caught.value)
    assert "'tiny-pause' is already used" in text
    assert "unknown practice 'breathing-space'" in text
    assert "week-1.toml:" in text


def test_the_locator_finds_keys_in_nested_arrays_of_tables() -> None:
    locator = Locator(GOOD_PRACTICE)
    assert locator.line_of(("phases", 1, "steps", 0, "weight")) == 22
    assert locator.line_of(("phases", 0, "steps", 0, "words")) == 15
    assert locator.line_of(("phases", 1)) == 17
    assert locator.line_of(("lengths",)) == 8
