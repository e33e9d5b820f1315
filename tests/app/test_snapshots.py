"""Pictures of screens, compared with the approved SVGs in ``__snapshots__``."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice_tui.app import StartAt
from practice_tui.preferences import Preferences
from practice_tui.themes import THEMES
from tests.app.harness import make_app, settled
from tests.app.journal_fixtures import a_few_weeks


def test_home_screen(snap_compare, private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    assert snap_compare(app, terminal_size=(100, 30))


def test_keys_list_over_home(snap_compare, private_folders: Path) -> None:
    """? lists the screen's keys over it, dimmed beneath."""
    app, _ = make_app(private_folders)
    assert snap_compare(app, terminal_size=(80, 24), press=["question_mark"])


def test_week_read_down_to_its_agenda_at_60_columns(snap_compare, private_folders: Path) -> None:
    """The highlight on the first practice, in sight, and the footer says what Enter does."""
    app, _ = make_app(private_folders)

    async def read_down(pilot) -> None:
        await pilot.press("1")
        await pilot.pause()
        while pilot.app.screen.query_one("#agenda").highlighted is None:
            await pilot.press("down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(60, 20), run_before=read_down)


def test_timer_settings_at_60_columns(snap_compare, private_folders: Path) -> None:
    """Option rows wrap between choices, never inside one."""
    app, _ = make_app(private_folders)
    assert snap_compare(app, terminal_size=(60, 20), press=["t"])


# Each theme, at 100×30: the main screens (dark is today's look).


def _themed(folder: Path, theme: str, start: StartAt | None = None):
    app, _ = make_app(folder, start, preferences=Preferences(preparation_seconds=0, theme=theme))
    return app


@pytest.mark.parametrize("theme", list(THEMES))
def test_home_in_each_theme(snap_compare, private_folders: Path, theme: str) -> None:
    a_few_weeks(private_folders)
    assert snap_compare(
        _themed(private_folders, theme), terminal_size=(100, 30), run_before=settled
    )


# Week 1 in each theme at 100×30: test_tour.py's "week" pictures (the same pictures).


@pytest.mark.parametrize("theme", list(THEMES))
def test_practice_at_a_new_phase_in_each_theme(
    snap_compare, private_folders: Path, theme: str
) -> None:
    async def next_phase(pilot) -> None:
        await settled(pilot)
        await pilot.press("enter", "n")
        await settled(pilot)

    app = _themed(private_folders, theme, StartAt("breathing-space", 3))
    assert snap_compare(app, terminal_size=(100, 30), run_before=next_phase)


@pytest.mark.parametrize("theme", list(THEMES))
def test_settings_in_each_theme(snap_compare, private_folders: Path, theme: str) -> None:
    async def open_settings(pilot) -> None:
        await settled(pilot)
        await pilot.press("comma")
        await settled(pilot)

    app = _themed(private_folders, theme)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_settings)


@pytest.mark.parametrize("theme", list(THEMES))
def test_journal_in_each_theme(snap_compare, private_folders: Path, theme: str) -> None:
    a_few_weeks(private_folders)
    app = _themed(private_folders, theme, StartAt(screen="journal"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=settled)
