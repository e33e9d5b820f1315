"""Without sound, a new phase and the end are seen at a glance: the words' frame and the
phase line take the accent for a few seconds of the practice's own clock, and the title says
which phase it is, or that the practice has ended."""

from __future__ import annotations

from pathlib import Path

from practice_tui.app import StartAt
from practice_tui.screens.practice import PHASE_MARK_SECONDS, PracticeScreen
from tests.app.harness import make_app, settled


async def test_a_new_phase_is_marked_for_a_moment_then_the_end_stays_marked(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert not screen.has_class("-new-phase")  # the start bell's moment needs no mark
        assert screen.sub_title == "Breathing Space · phase 1 of 3"

        await pilot.press("n")
        await settled(pilot)
        assert screen.has_class("-new-phase")
        assert screen.sub_title == "Breathing Space · phase 2 of 3"
        frame = screen.query_one("#words").styles.border_top[1]
        assert frame == screen.query_one("#phase").styles.color  # both in the accent

        clock.advance(PHASE_MARK_SECONDS - 0.5)
        screen.wake()
        assert screen.has_class("-new-phase")
        clock.advance(1.0)
        screen.wake()
        await settled(pilot)
        assert not screen.has_class("-new-phase")
        assert screen.query_one("#words").styles.border_top[1] != frame

        await pilot.press("n", "n")
        await settled(pilot)
        assert screen.has_class("-closing") and not screen.has_class("-new-phase")
        assert screen.sub_title == "Breathing Space · ended"


async def test_a_pause_hides_the_mark(private_folders: Path) -> None:
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "n")
        await settled(pilot)
        assert app.screen.has_class("-new-phase")
        await pilot.press("space")
        await settled(pilot)
        assert not app.screen.has_class("-new-phase") and app.screen.has_class("-paused")


async def test_the_words_are_centred_from_the_first_step(private_folders: Path) -> None:
    """The safety line under the first words once pushed them to the left edge."""
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        words, safety = app.screen.query_one("#words"), app.screen.query_one("#safety-line")
        assert safety.display
        for widget in (words, safety):
            middle = widget.region.x + widget.region.width / 2
            assert abs(middle - 50) <= 4, widget.region  # the margins around the words count
