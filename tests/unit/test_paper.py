"""The course on paper: ``show`` prints the plan the engine plays, ``week --print`` a card."""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.anchors import DEFAULT_ANCHOR, Anchor
from practice_tui.cli.commands import main
from practice_tui.course import Step, load_builtin_course
from practice_tui.course.pages import SUPPORT_NOTE
from practice_tui.journal.literal_text import literal
from practice_tui.paper import ANCHOR_NAMES, render_card, timed_steps, week_card
from practice_tui.paper.plan import clock

COURSE = load_builtin_course()
EVERY_LENGTH = [
    (p.id, m.id, minutes)
    for p in COURSE.practices.values()
    for m in p.modes
    for minutes in m.lengths
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("practice_id", "mode_id", "minutes"), EVERY_LENGTH)
def test_show_json_plans_add_up_to_each_length_and_are_the_engines(
    practice_id: str, mode_id: str, minutes: int
) -> None:
    mode = COURSE.practice(practice_id).mode(mode_id)
    for anchor in (None, *ANCHOR_NAMES):
        args = ["show", practice_id, "--mode", mode_id, "--minutes", str(minutes), "--json"]
        code, out, err = run(*args, *(["--anchor", anchor] if anchor else []))
        assert code == 0, err
        plan = json.loads(out)
        steps = plan["steps"]
        assert sum(step["seconds"] for step in steps) == pytest.approx(minutes * 60)
        assert steps[0]["start"] == 0
        for before, after in itertools.pairwise(steps):
            assert after["start"] == pytest.approx(before["start"] + before["seconds"])
        played = mode.plan(minutes, anchor=Anchor(anchor or DEFAULT_ANCHOR))
        assert [s["words"] for s in steps] == [p.words for p in played]
        assert [s["phase"] for s in steps] == [p.phase_title for p in played]
        assert plan["anchor"] == (anchor or DEFAULT_ANCHOR) and plan["minutes"] == minutes


def test_show_prints_each_steps_start_phase_and_words() -> None:
    code, out, _ = run("show", "breathing-space", "--minutes", "6")
    assert code == 0
    mode = COURSE.practice("breathing-space").default_mode
    steps = timed_steps(mode, 6)
    flat = " ".join(out.split())
    for step in steps:
        assert f"{clock(step.start)} {' '.join(step.words.split())}" in flat
    assert {phase.title for phase in mode.phases} <= set(map(str.strip, out.splitlines()))
    assert "6:00 The end bell." in flat


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["show", "no-such-practice"], 1, "No practice called 'no-such-practice'"),
        (["show", "breathing-space", "--minutes", "1"], 1, "needs at least 2 minutes"),
        (["show", "breathing-space", "--mode", "sideways"], 1, "has no mode 'sideways'"),
        (["show", "breathing-space", "--anchor", "elbows"], 2, "breath"),
        (["week", "7", "--print"], 2, "7"),
    ],
)
def test_bad_input_gets_one_clear_sentence(args: list[str], code: int, says: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code
    assert says in result.stderr and "Traceback" not in result.output
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6])
def test_the_week_card_has_theme_agenda_steps_tasks_and_support(number: int) -> None:
    code, out, _ = run("week", str(number), "--print")
    assert code == 0
    week = COURSE.week(number)
    flat = " ".join(out.split())
    assert week.theme in flat
    for item in week.agenda:
        assert item.title in flat
    for practice in COURSE.practices_of_week(number):
        for step in practice.default_mode.plan(practice.default_length):
            assert step.words in flat
        assert (SUPPORT_NOTE in flat) >= practice.turns_towards_difficulty
    for task in week.home_tasks:
        row = next(line for line in out.splitlines() if line.startswith(f"| {task.title} |"))
        assert row.count("☐") == 7
    support = out.split("## Where support is")[1]
    for number_to_call in ("116 123", "111", "NHS 24", "0808 808 8000", "85258", "999"):
        assert number_to_call in support


def test_the_card_is_html_by_the_files_extension(tmp_path: Path) -> None:
    for name, starts in (("card.html", "<!DOCTYPE html>"), ("card.md", "# Week 2")):
        target = tmp_path / name
        code, out, _ = run("week", "2", "--print", "-o", str(target))
        assert code == 0 and str(target) in out
        assert target.read_text(encoding="utf-8").startswith(starts)


def test_a_card_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["week", "2", "--print", "-o", str(tmp_path / "no" / "c.md")])
    assert result.exit_code == 1 and "No such file or directory" in result.stderr


HOSTILE = [
    "<script>alert(1)</script>",
    "# not a heading",
    "**not bold** and [not a link](http://x)",
    "a | b | c",
    "\x1b[31mred\x1b[0m & <b>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_card_text_is_shown_as_written_never_as_markup(text: str) -> None:
    """A participant's own practice can take a week's place: its words stay words."""
    practice = COURSE.practice("resourcing")
    phase = practice.phases[0]._replace(title=text, steps=(Step(words=f"Words {text}"),))
    mode = practice.default_mode._replace(phases=(phase,))
    course = COURSE._replace(
        practices={**COURSE.practices, "resourcing": practice._replace(name=text, modes=(mode,))}
    )
    card = week_card(course, 2)
    page = render_card(card, "html")
    body = page.split("<body>", 1)[1]
    assert "<script" not in body and "<b>" not in body and "\x1b" not in page
    assert html.escape(literal(text)) in body  # shown, as written
    markdown = render_card(card, "md")
    assert "\x1b" not in markdown
    lines = markdown.splitlines()
    assert not any(line.startswith("# not") for line in lines)
    assert "<script>" not in markdown and "**not bold**" not in markdown
    # Only the table of home tasks has unescaped pipes.
    assert all(re.search(r"(?<!\\)\|", line) is None for line in lines if text in line)


def test_week_without_print_opens_the_app_on_that_week(monkeypatch: pytest.MonkeyPatch) -> None:
    from practice_tui.start import StartAt

    opened: list[object] = []
    monkeypatch.setattr(
        "practice_tui.cli.context.run_app", lambda ctx, start=None: opened.append(start)
    )
    code, out, _ = run("week", "3")
    assert code == 0 and out == "" and opened == [StartAt(week=3)]


def test_show_and_the_card_speak_of_the_anchor_asked_for() -> None:
    for anchor in ANCHOR_NAMES:
        _, out, _ = run("show", "being-with-difficulty", "--anchor", anchor, "--json")
        words = " ".join(step["words"] for step in json.loads(out)["steps"])
        assert Anchor(anchor).phrase in words, anchor
        _, card, _ = run("week", "4", "--print", "--anchor", anchor)
        assert Anchor(anchor).phrase in " ".join(card.split()), anchor
