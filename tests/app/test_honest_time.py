"""Honest time: a practice (and the timer) holds while another screen is over it (the Stop
dialog, Help, Settings, grounding) and carries on by itself when it closes, unless the
participant had paused it themselves; the time kept is the time actually practised."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Static

from practice_tui.app import StartAt
from practice_tui.engine.engine import State
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.help import HelpScreen
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.reflect import ReflectScreen
from practice_tui.screens.settings import SettingsScreen
from practice_tui.screens.timer import TimerScreen
from tests.app.harness import make_app
from tests.support.clock import FollowingClock


def said(screen, selector: str) -> str:
    return "\n".join(str(s.render()) for s in screen.query(selector).results(Static))


async def begun(app, pilot) -> PracticeScreen:
    screen = app.screen
    assert isinstance(screen, PracticeScreen)
    await pilot.press("enter")
    assert screen.engine is not None and screen.engine.state is State.RUNNING
    return screen


async def test_the_stop_dialog_holds_the_practice_and_carry_on_resumes_it(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = await begun(app, pilot)
        clock.advance(3)
        practice.wake()
        await pilot.press("s")
        assert isinstance(app.screen, Confirm)
        assert "The 3 s you have practised" in said(app.screen, "Static")
        clock.advance(4)  # thinking it over
        practice.wake()  # the once-a-second redraw, behind the dialog
        await pilot.pause()
        assert practice.engine.practised_seconds() == pytest.approx(3)
        assert "space to carry on" not in said(practice, "#state")  # not the participant's
        await pilot.press("n")  # carry on
        await pilot.pause()
        assert app.screen is practice and practice.engine.state is State.RUNNING
        assert practice.engine.practised_seconds() == pytest.approx(3)
        clock.advance(2)
        practice.wake()
        assert practice.engine.practised_seconds() == pytest.approx(5)
        await pilot.press("s")
        clock.advance(30)
        await pilot.press("y")  # stop after all
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
    [session] = app.services.journal.sessions.newest()
    assert session.practised_seconds == 5 and not session.completed


async def test_help_holds_the_practice_and_it_carries_on_by_itself(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = await begun(app, pilot)
        clock.advance(3)
        practice.wake()
        left = practice.engine.time_left()
        await pilot.press("question_mark", "f1")  # the keys, then the whole help
        assert isinstance(app.screen, HelpScreen)
        clock.advance(90)
        practice.wake()
        await pilot.pause()
        assert app.services.bells.rung[1:] == []  # no cue rang behind the help
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is practice and practice.engine.state is State.RUNNING
        assert practice.engine.practised_seconds() == pytest.approx(3)
        assert practice.engine.time_left() == pytest.approx(left)


async def test_a_pause_of_the_participants_own_stays_paused_after_a_dialog(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = await begun(app, pilot)
        clock.advance(3)
        await pilot.press("space")
        for key in ("question_mark", "s"):
            await pilot.press(key)
            clock.advance(20)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is practice and practice.engine.state is State.PAUSED
        assert "space to carry on" in said(practice, "#state")
        await pilot.press("space")
        clock.advance(1)
        practice.wake()
        assert practice.engine.practised_seconds() == pytest.approx(4)


async def test_any_screen_over_the_practice_holds_it(private_folders: Path) -> None:
    """Settings cannot be opened while a practice plays; should any screen come over it,
    the practice holds all the same."""
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = await begun(app, pilot)
        await pilot.press("comma")
        assert app.screen is practice
        clock.advance(3)
        await app.push_screen(SettingsScreen())
        clock.advance(40)
        app.pop_screen()
        await pilot.pause()
        assert practice.engine.state is State.RUNNING
        assert practice.engine.practised_seconds() == pytest.approx(3)


async def test_grounding_holds_the_practice_which_carries_on_after_it(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt("affectionate-breathing", 10))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = await begun(app, pilot)
        clock.advance(30)
        practice.wake()
        await pilot.press("g")
        grounding = app.screen
        assert isinstance(grounding, PracticeScreen) and grounding.practice.id == "grounding"
        await pilot.press("question_mark")  # help over the grounding holds the grounding
        clock.advance(15)
        await pilot.press("escape")
        await pilot.pause()
        assert grounding.engine.practised_seconds() == 0
        while (deadline := grounding.engine.next_deadline()) is not None:
            clock.set(deadline)
            grounding.wake()
            await pilot.pause()
        await pilot.pause()
        assert app.screen is practice and practice.engine.state is State.RUNNING
        assert practice.engine.practised_seconds() == pytest.approx(30)
    kept = {s.practice_id: s.practised_seconds for s in app.services.journal.sessions.newest()}
    assert kept == {"grounding": 60, "affectionate-breathing": 30}


async def test_the_timer_holds_behind_its_stop_dialog(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt(timer=True, open_ended=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerScreen) and screen.timer is not None
        clock.advance(10)
        await pilot.press("s")
        assert "10 s" in said(app.screen, "Static")
        clock.advance(20)
        await pilot.press("n")
        await pilot.pause()
        assert screen.timer.state is State.RUNNING
        assert screen.timer.practised_seconds() == pytest.approx(10)
        await pilot.press("question_mark")
        clock.advance(20)
        await pilot.press("escape")
        clock.advance(5)
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
    [session] = app.services.journal.sessions.newest()
    assert session.practised_seconds == 15


async def test_on_a_real_clock_the_time_behind_help_is_not_counted(private_folders: Path) -> None:
    """Nobody wakes the screen by hand here: its own timers run on real time."""
    clock = FollowingClock()
    app, _ = make_app(private_folders, StartAt("breathing-space", 3), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        practice = await begun(app, pilot)
        await pilot.pause(0.2)
        await pilot.press("question_mark")
        before = practice.engine.practised_seconds()
        away = time.perf_counter()
        await pilot.pause(1.5)  # the screen's once-a-second redraw runs behind the help
        await pilot.press("escape")
        await pilot.pause()
        away = time.perf_counter() - away
        assert practice.engine.state is State.RUNNING
        # Only the moments of opening and closing the help count, never the 1.5 s behind it
        # (without the hold, all of it would: counted == away).
        counted = practice.engine.practised_seconds() - before
        assert away >= 1.5 and counted < away - 1.2, (away, counted)
