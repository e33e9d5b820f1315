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


@pytest.mark.parametrize("theme", list(THEMES))
def test_week_in_each_theme(snap_compare, private_folders: Path, theme: str) -> None:
    async def open_week(pilot) -> None:
        await settled(pilot)
        await pilot.press("1")
        await settled(pilot)

    app = _themed(private_folders, theme)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_week)


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
