"""The "a cue for every new step" setting: kept from Settings, and handed to the planner."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice_tui import sitting
from practice_tui.anchors import DEFAULT_ANCHOR
from practice_tui.app import StartAt
from practice_tui.engine import practice_plan
from practice_tui.preferences import Preferences, load_preferences
from practice_tui.screens.settings import SettingsScreen
from practice_tui.widgets.choice_row import ChoiceRow
from tests.app.harness import make_app


async def test_the_cue_setting_is_kept_and_rings_the_cue_it_turns_on(
    private_folders: Path, tmp_path: Path
) -> None:
    file = tmp_path / "config" / "settings.json"
    app, _ = make_app(private_folders)
    app.services.preferences_file = file
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        row = app.screen.query_one("#cue-every-step", ChoiceRow)
        assert row.value is True
        row.focus()
        await pilot.press("right")  # on -> off
        await pilot.pause()
        assert load_preferences(file)[0].cue_every_step is False
        rung = len(app.services.bells.rung)
        await pilot.press("left")  # off -> on
        await pilot.pause()
        assert app.services.bells.rung[rung:] == [(app.services.preferences.phase_bell, 1000.0)]
    assert load_preferences(file)[0].cue_every_step is True


@pytest.mark.parametrize("chosen", [True, False])
async def test_the_cue_setting_reaches_the_planner(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch, chosen: bool
) -> None:
    """Through the planner's ``cue_every_step`` (issue 11, part E)."""
    asked: list[bool] = []
    real = practice_plan.practice_timeline

    def planner(steps, bells=None, preparation=0.0, *, cue_every_step: bool = True, speaking=False):
        asked.append(cue_every_step)
        return real(steps, bells, preparation, speaking=speaking)

    monkeypatch.setattr(sitting, "practice_timeline", planner)  # the screen plans through it
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    app.services.preferences = Preferences(
        preparation_seconds=0, cue_every_step=chosen, anchor=DEFAULT_ANCHOR
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert app.screen.engine is not None
    assert asked == [chosen]
