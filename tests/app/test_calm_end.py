"""A calm end: after the end bell the screen rests on the end, and the reflection opens when
the participant presses Enter, or after a minute of nothing; leaving instead loses nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits, Static

from practice_tui.app import StartAt
from practice_tui.screens.help import HelpScreen
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.pacing import CLOSING_SECONDS, PacingScreen
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.reflect import ReflectScreen
from practice_tui.screens.timer import TimerScreen
from tests.app.harness import make_app


def said(screen, selector: str) -> str:
    return "\n".join(str(s.render()) for s in screen.query(selector).results(Static))


def footer_keys(app) -> dict[str, str]:
    """The keys the footer offers now, by action."""
    return {
        active.binding.action: active.binding.description
        for active in app.active_bindings.values()
        if active.enabled and active.binding.show
    }


async def to_the_end_bell(app, clock, pilot) -> PacingScreen:
    screen = app.screen
    assert isinstance(screen, PacingScreen) and screen.engine is not None
    while (deadline := screen.engine.next_deadline()) is not None:
        clock.set(deadline)
        screen.wake()
        await pilot.pause()
    await pilot.pause()
    return screen


async def ended_practice(app, clock, pilot) -> PracticeScreen:
    await pilot.press("enter")
    screen = await to_the_end_bell(app, clock, pilot)
    assert isinstance(screen, PracticeScreen) and app.screen is screen and screen.closing
    return screen


async def a_minute_of_nothing_opens_the_reflection(app, clock, pilot, screen) -> None:
    """Not a second sooner; the screen's own once-a-second wake stands in for ``wake``."""
    clock.advance(CLOSING_SECONDS - 1)
    screen.wake()
    await pilot.pause()
    assert app.screen is screen
    clock.advance(1)
    screen.wake()
    await pilot.pause()
    assert isinstance(app.screen, ReflectScreen)


async def test_the_end_is_shown_calmly_and_enter_opens_the_reflection(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ended_practice(app, clock, pilot)
        words = said(screen, "#words")
        assert "The practice has ended." in words and "3 min practised." in words
        assert "Enter to reflect" in said(screen, "#state")
        assert footer_keys(app).get("reflect") == "Reflect"
        assert not {"toggle_pause", "skip", "stop", "begin"} & set(footer_keys(app))
        # The time is kept already: nothing hangs on the next key.
        [session] = app.services.journal.sessions.newest()
        assert session.completed and session.practised_seconds == 180
        await pilot.press("j")  # the journal key stays quiet in this moment
        assert app.screen is screen
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
    assert len(app.services.journal.sessions.newest()) == 1


async def test_after_a_minute_of_nothing_the_reflection_opens_by_itself(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ended_practice(app, clock, pilot)
        await a_minute_of_nothing_opens_the_reflection(app, clock, pilot, screen)


async def test_the_minute_waits_behind_help_and_starts_again_after_it(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ended_practice(app, clock, pilot)
        await pilot.press("f1")
        clock.advance(5 * CLOSING_SECONDS)
        screen.wake()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # never pulled from under the help
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.closing
        await a_minute_of_nothing_opens_the_reflection(app, clock, pilot, screen)


async def test_leaving_from_the_end_keeps_the_time_once(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await ended_practice(app, clock, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    [session] = app.services.journal.sessions.newest()
    assert session.completed and session.practised_seconds == 180
    assert app.services.journal.entries.newest() == []


async def test_quitting_from_the_end_keeps_the_time_once(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await ended_practice(app, clock, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    [session] = app.services.journal.sessions.newest()
    assert session.completed and session.practised_seconds == 180


async def test_the_timer_ends_calmly_too(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt(minutes=5, timer=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await to_the_end_bell(app, clock, pilot)
        assert isinstance(screen, TimerScreen) and app.screen is screen and screen.closing
        assert "The timer has ended" in said(screen, "#timer-caption")
        assert screen.query_one("#timer-clock", Digits).value == "5:00"
        assert footer_keys(app).get("reflect") == "Reflect"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
    [session] = app.services.journal.sessions.newest()
    assert session.completed and session.practised_seconds == 300
