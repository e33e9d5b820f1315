"""Support is one key away from every practice and week screen, shown in the footer, and
the practice underneath waits while it is open."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer, Markdown, Static, TextArea

from practice_tui.app import StartAt
from practice_tui.course import load_builtin_course
from practice_tui.course.pages import SUPPORT_NOTE
from practice_tui.engine.engine import State
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.reflect import ReflectScreen
from practice_tui.screens.support import SupportScreen
from practice_tui.screens.week import WeekScreen
from tests.app.harness import make_app

COURSE = load_builtin_course()


def footer_keys(screen) -> dict[str, str]:
    """The keys the footer shows within the screen's width, by name, with what they are for."""
    footer = screen.query_one(Footer)
    width = screen.size.width
    return {
        key.key: key.description for key in footer.query("FooterKey") if key.region.right <= width
    }


async def shows_support(app, pilot) -> None:
    """The footer offers support, and its key opens the page; Esc comes back."""
    under = app.screen
    await pilot.pause()
    assert footer_keys(under).get("h") == "Support"
    await pilot.press("h")
    assert isinstance(app.screen, SupportScreen)
    page = app.screen.query_one(Markdown).source
    assert "116 123" in page
    await pilot.press("escape")
    assert app.screen is under


@pytest.mark.parametrize("practice_id", sorted(COURSE.practices))
async def test_support_is_one_key_from_every_practice_before_and_during(
    private_folders: Path, practice_id: str
) -> None:
    app, clock = make_app(private_folders, StartAt(practice_id))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        await shows_support(app, pilot)
        await pilot.press("enter")
        assert practice.engine is not None and practice.engine.state is State.RUNNING
        await pilot.pause()
        assert footer_keys(practice).get("h") == "Support"
        clock.advance(5)
        practice.wake()
        await pilot.press("h")
        assert isinstance(app.screen, SupportScreen)
        clock.advance(120)  # the practice waits behind the support page
        practice.wake()
        await pilot.pause()
        assert practice.engine.state is State.PAUSED
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is practice and practice.engine.state is State.RUNNING
        assert practice.engine.practised_seconds() == pytest.approx(5)


@pytest.mark.parametrize("number", [week.number for week in COURSE.weeks])
async def test_support_is_one_key_from_every_week(private_folders: Path, number: int) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await shows_support(app, pilot)  # home, too
        await pilot.press(str(number))
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
        await shows_support(app, pilot)


async def test_while_writing_h_is_typed_and_f2_opens_support(private_folders: Path) -> None:
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = app.screen
        await pilot.press("enter")
        practice.engine.stop()
        practice.wake()
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press(*"oh")
        assert app.screen.query_one("#answer-0", TextArea).text == "oh"
        await pilot.press("f2")
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReflectScreen)
        assert app.screen.query_one("#answer-0", TextArea).text == "oh"


@pytest.mark.parametrize("practice_id", sorted(COURSE.practices))
async def test_a_practice_that_turns_towards_difficulty_says_where_support_is(
    private_folders: Path, practice_id: str
) -> None:
    practice = COURSE.practice(practice_id)
    app, _ = make_app(private_folders, StartAt(practice_id))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        ready = " ".join(str(s.render()) for s in screen.query("#about Static").results(Static))
        assert (SUPPORT_NOTE in " ".join(ready.split())) == practice.turns_towards_difficulty
        await pilot.press("enter")
        await pilot.pause()
        lines = screen.query("#support-line").results(Static)
        shown = [str(line.render()) for line in lines if line.display]
        assert shown == ([SUPPORT_NOTE] if practice.turns_towards_difficulty else [])


async def test_the_week_screen_saves_its_card_with_one_key(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = private_folders / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert footer_keys(app.screen).get("c") == "Week card"
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        card = home / "Documents" / "practice-tui-week-4-card.html"
        page = card.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and "Where support is" in page
        assert COURSE.week(4).theme in page


async def test_the_app_can_open_on_a_week(private_folders: Path) -> None:
    """``practice-tui week 5`` opens the app on week 5; Esc goes home."""
    app, _ = make_app(private_folders, StartAt(week=5))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen) and app.screen.week.number == 5
        await pilot.press("escape")
        assert not isinstance(app.screen, WeekScreen)


async def test_the_listening_card_is_on_view_and_arrows_still_choose_the_way(
    private_folders: Path,
) -> None:
    """However long the words above the choices, ↑ ↓ choose the way (they never scroll)."""
    app, _ = make_app(private_folders, StartAt("compassionate-listening"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        card = " ".join(str(s.render()) for s in screen.query(".prompt-card").results(Static))
        listening = COURSE.practice("compassionate-listening")
        assert listening.card is not None and listening.card.prompts[0] in card
        await pilot.press("down")
        assert screen.mode.id == "after"
        await pilot.press("down")
        assert screen.mode.id == "pocket" and screen.minutes == 1
