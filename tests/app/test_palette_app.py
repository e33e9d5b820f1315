"""The command palette finds every practice, week, exercise, journal view, export and
setting by a few letters, and opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.widgets import Input

from practice_tui.course import load_builtin_course
from practice_tui.palette import SETTINGS_ROWS, palette_commands
from practice_tui.screens.journal import JournalScreen
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.settings import SettingsScreen
from practice_tui.screens.week import WeekScreen
from practice_tui.widgets.choice_row import ChoiceRow, arrange
from tests.app.harness import make_app

COURSE = load_builtin_course()


async def found(pilot, letters: str) -> list[str]:
    """Open the palette, type ``letters``, and read the commands it offers, best first."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*letters)
    for _ in range(50):  # the palette searches in the background
        await pilot.pause(0.02)
        if app.screen.query_one("CommandList").option_count:
            break
    await pilot.pause(0.2)
    options = app.screen.query_one("CommandList").options
    return [str(option.prompt).split("\n")[0] for option in options]


async def test_walk_finds_the_walking_practice_and_opens_it(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")  # from a week, too
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
        hits = await found(pilot, "walk")
        assert hits[0] == "Practice: Walking practice"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.practice.id == "walking-practice"


@pytest.mark.parametrize(
    ("letters", "first"),
    [
        ("week 3", "Week 3: Recognising difficulty"),
        ("humble", "Exercise: Humble Inquiry"),
        ("starred", "Journal: starred entries"),
        ("trash", "Journal: trash"),
        ("export", "Export: journal to a file"),
        ("volume", "Setting: Volume"),
        ("high contrast", "Theme: high contrast"),
    ],
)
async def test_a_few_letters_find_each_kind_of_thing(
    private_folders: Path, letters: str, first: str
) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        hits = await found(pilot, letters)
        assert first in hits[:3]


def test_every_practice_week_exercise_and_setting_has_a_command(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    names = {command.name for command in palette_commands(app)}
    for practice in COURSE.practices.values():
        assert f"Practice: {practice.name}" in names
    for exercise in COURSE.exercises.values():
        assert f"Exercise: {exercise.name}" in names
    for week in COURSE.weeks:
        assert f"Week {week.number}: {week.title}" in names
    assert {"Journal: every entry", "Journal: trash", "Export: journal to a file"} <= names


async def test_every_setting_on_the_settings_screen_is_in_the_palette(
    private_folders: Path,
) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("comma")
        await pilot.pause(0.3)
        rows = {row.id for row in app.screen.query(ChoiceRow)}
        assert rows <= {row for _, row in SETTINGS_ROWS}
        await pilot.press("escape")
        hits = await found(pilot, "day ends")
        assert hits[0] == "Setting: A day ends at"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.focused is not None and app.focused.id == "day-ends-at"


async def test_a_journal_view_opens_filtered(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await found(pilot, "week 2 entries")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.query_filters.week == 2


async def test_the_palette_waits_while_a_practice_plays(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g", "enter")
        await pilot.pause()
        practice = app.screen
        assert isinstance(practice, PracticeScreen) and practice.engine is not None
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen is practice  # a stray Ctrl+P never breaks a sit


@given(
    indent=st.integers(0, 20),
    texts=st.lists(
        st.text(st.characters(codec="utf-8", categories=("L", "Zs")), min_size=1, max_size=14),
        min_size=1,
        max_size=12,
    ),
    width=st.integers(10, 120),
)
def test_no_choice_is_ever_split_across_lines(indent: int, texts: list[str], width: int) -> None:
    lines = arrange(indent, texts, width)
    assert [p for line in lines for p in line] == list(range(len(texts)))  # all, in order
    for line in lines:
        assert line  # no empty line
        cells = indent + sum(cell_len(texts[p]) + 3 for p in line) - 1
        # Each line fits, unless it holds one choice alone that is wider than a line.
        assert cells <= width or len(line) == 1


async def test_small_bell_stays_whole_at_60_columns(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("comma")
        await pilot.pause(0.3)
        for row in app.screen.query(ChoiceRow):
            text = "\n".join(str(line) for line in row._lines(row.content_size.width))
            for label, _ in row.choices:
                assert any(label in line for line in text.split("\n")), (row.id, label)
        assert isinstance(app.screen.query_one("#start-bell"), ChoiceRow)
        assert not isinstance(app.focused, Input)
