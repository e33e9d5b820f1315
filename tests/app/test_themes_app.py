"""Themes and motion: chosen in Settings or the palette, kept for next time, and honoured
from the first frame."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice_tui.preferences import Preferences, load_preferences
from practice_tui.screens.settings import SettingsScreen
from practice_tui.themes import THEMES
from tests.app.harness import make_app, settled


def _app(folder: Path, **prefs: object):
    app, _ = make_app(folder, preferences=Preferences(preparation_seconds=0)._replace(**prefs))
    app.services.preferences_file = folder / "settings.json"
    return app


def _background(app) -> str:
    return app.screen.styles.background.hex.lower()


async def test_a_theme_chosen_in_settings_is_kept(private_folders: Path) -> None:
    app = _app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "dark"
        await pilot.press("comma")
        await settled(pilot)
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#theme").focus()
        await pilot.press("right")
        await settled(pilot)
        assert app.theme == "light"
        assert _background(app) == THEMES["light"].background
    saved, problem = load_preferences(private_folders / "settings.json")
    assert (saved.theme, problem) == ("light", None)


async def test_the_palette_offers_our_themes_only_and_keeps_the_choice(
    private_folders: Path,
) -> None:
    app = _app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        assert set(app.available_themes) == {"dark", "light", "high-contrast"}
        app.action_change_theme()
        await settled(pilot)
        await pilot.press(*"high")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert app.theme == "high-contrast"
    saved, _ = load_preferences(private_folders / "settings.json")
    assert saved.theme == "high-contrast"


@pytest.mark.parametrize("theme", list(THEMES))
async def test_the_saved_theme_is_there_from_the_first_frame(
    private_folders: Path, theme: str
) -> None:
    app = _app(private_folders, theme=theme)
    async with app.run_test(size=(100, 30)):
        assert app.theme == theme
        assert _background(app) == THEMES[theme].background


async def test_a_theme_not_known_opens_dark_and_is_not_overwritten(private_folders: Path) -> None:
    app = _app(private_folders, theme="from-a-newer-version")
    async with app.run_test(size=(100, 30)):
        assert app.theme == "dark"
    assert not (private_folders / "settings.json").exists()


async def test_no_color_opens_high_contrast_without_changing_the_choice(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = _app(private_folders, theme="light")
    async with app.run_test(size=(100, 30)):
        assert app.theme == "high-contrast"
    assert app.services.preferences.theme == "light"
    assert not (private_folders / "settings.json").exists()


async def test_reduced_motion_turns_every_animation_off(private_folders: Path) -> None:
    app = _app(private_folders, reduced_motion=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.animation_level == "none"
        await pilot.press("comma")
        await settled(pilot)
        app.screen.query_one("#reduced-motion").focus()
        await pilot.press("left")
        await settled(pilot)
        assert app.animation_level != "none"
        assert app.services.preferences.reduced_motion is False
    saved, _ = load_preferences(private_folders / "settings.json")
    assert saved.reduced_motion is False


async def test_with_reduced_motion_the_text_cursor_stands_still(private_folders: Path) -> None:
    app = _app(private_folders, reduced_motion=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("j")  # the journal, and its search box
        await settled(pilot)
        await pilot.press("slash")
        await settled(pilot)
        box = app.focused
        assert box is not None and hasattr(box, "cursor_blink")
        assert box.cursor_blink is False
