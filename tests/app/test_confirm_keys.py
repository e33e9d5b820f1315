"""A yes-or-no dialog answers to the arrows as it looks: two answers side by side."""

from __future__ import annotations

from pathlib import Path

from practice_tui.screens.confirm import Confirm
from tests.app.harness import make_app, settled


async def test_the_arrows_move_between_the_answers_and_enter_gives_the_one_chosen(
    private_folders: Path,
) -> None:
    app, _ = make_app(private_folders)
    answers: list[bool | None] = []
    async with app.run_test(size=(60, 20)) as pilot:
        await settled(pilot)
        for keys in (["enter"], ["right", "enter"], ["right", "left", "enter"]):
            app.push_screen(
                Confirm("Stop here?", "Kept.", yes="Stop", no="Carry on"), answers.append
            )
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
    assert answers == [False, True, False]  # the gentler answer first; → reaches Stop
