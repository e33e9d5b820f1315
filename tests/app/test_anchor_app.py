"""Issue 13: the anchor is asked once, before the first practice; kept; changed in Settings;
chosen for one run with ``play --anchor``; and the practice's words follow it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from practice_tui.anchors import Anchor
from practice_tui.app import StartAt
from practice_tui.preferences import load_preferences
from practice_tui.screens.anchor import AnchorQuestion
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.settings import SettingsScreen
from practice_tui.widgets.choice_row import ChoiceRow
from tests.app.harness import make_app


def unchosen(app) -> None:
    """A participant who has never chosen an anchor (the harness chooses one)."""
    app.services.preferences = app.services.preferences._replace(anchor=None)


async def begun(app, pilot) -> PracticeScreen:
    """Press Enter on the ready screen; the practice has begun, with no question asked."""
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PracticeScreen) and screen.engine is not None
    return screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_first_practice_asks_for_an_anchor_keeps_it_and_uses_it(
    private_folders: Path, tmp_path: Path
) -> None:
    file = tmp_path / "config" / "settings.json"
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    app.services.preferences_file = file
    unchosen(app)
    async with app.run_test(size=(100, 40)) as pilot:
        ready = app.screen
        assert isinstance(ready, PracticeScreen)
        assert "you choose one as you begin" in text_of(ready, "#anchor")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnchorQuestion)
        assert ready.engine is None  # nothing begins until an anchor is chosen
        await pilot.press("down", "enter")  # the second: feet on the floor
        await pilot.pause()
        assert app.screen is ready and ready.engine is not None
        assert load_preferences(file)[0].anchor is Anchor.FEET
        words = ready.engine.current_step.words
        assert "come back to your feet on the floor" in words
        assert "your feet on the floor" in text_of(ready, "#anchor")


async def test_escape_from_the_question_begins_nothing_and_asks_again(
    private_folders: Path,
) -> None:
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    unchosen(app)
    async with app.run_test(size=(100, 40)) as pilot:
        ready = app.screen
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is ready and ready.engine is None
        assert app.services.preferences.anchor is None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnchorQuestion)


async def test_once_chosen_the_anchor_is_not_asked_again(private_folders: Path) -> None:
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    app.services.preferences = app.services.preferences._replace(anchor=Anchor.HANDS)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await begun(app, pilot)
        assert "come back to your hands" in screen.engine.current_step.words


@pytest.mark.parametrize("anchor", list(Anchor))
async def test_play_anchor_is_for_this_run_only_and_is_not_asked(
    private_folders: Path, anchor: Anchor
) -> None:
    app, _ = make_app(private_folders, StartAt("being-with-difficulty", 15, anchor=anchor.value))
    unchosen(app)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await begun(app, pilot)
        assert anchor.phrase in screen.engine.current_step.words
        assert app.services.preferences.anchor is None  # Settings keep the usual choice


async def test_the_anchor_is_changed_in_settings_and_the_ready_screen_follows(
    private_folders: Path, tmp_path: Path
) -> None:
    file = tmp_path / "config" / "settings.json"
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    app.services.preferences_file = file
    async with app.run_test(size=(100, 40)) as pilot:
        ready = app.screen
        assert "your breath" in text_of(ready, "#anchor")
        await pilot.press("comma")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        row = app.screen.query_one("#anchor", ChoiceRow)
        assert row.value is Anchor.BREATH
        row.focus()
        await pilot.press("right", "right", "right")  # breath -> feet -> hands -> sounds
        await pilot.pause()
        assert load_preferences(file)[0].anchor is Anchor.SOUNDS
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is ready
        assert "the sounds around you" in text_of(ready, "#anchor")


async def test_grounding_is_never_held_up_by_the_question(private_folders: Path) -> None:
    app, _ = make_app(private_folders, StartAt("grounding"))
    unchosen(app)
    async with app.run_test(size=(100, 40)) as pilot:
        await begun(app, pilot)
        assert app.services.preferences.anchor is None  # still asked before a first practice
