"""The plain timer and the settings, driven as a participant would, on a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Digits, Input, OptionList, Static, TextArea

from practice_tui.anchors import DEFAULT_ANCHOR
from practice_tui.app import StartAt
from practice_tui.course.framing import opening_words
from practice_tui.engine.engine import State
from practice_tui.preferences import Preferences, load_preferences
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.reflect import ReflectScreen
from practice_tui.screens.settings import SettingsScreen
from practice_tui.screens.timer import TimerScreen
from practice_tui.widgets.choice_row import ChoiceRow
from tests.app.harness import make_app


async def run_timer_to_end(app, clock, pilot) -> None:
    screen = app.screen
    assert isinstance(screen, TimerScreen) and screen.timer is not None
    while (deadline := screen.timer.next_deadline()) is not None:
        clock.set(deadline)
        screen.wake()
        await pilot.pause()


async def test_a_preset_from_home_rings_start_intervals_and_end_then_keeps_a_note(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders)
    prefs = app.services.preferences
    async with app.run_test(size=(100, 40)) as pilot:
        home = app.screen
        listing = home.query_one("#weeks", OptionList)
        morning = next(
            i
            for i in range(listing.option_count)
            if "Morning 20" in str(listing.get_option_at_index(i).prompt)
        )
        listing.highlighted = morning
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, TimerScreen)
        await pilot.press("enter")
        start = clock.monotonic()
        assert screen.timer is not None
        assert screen.query_one("#timer-clock", Digits).value == "20:00"
        await run_timer_to_end(app, clock, pilot)
        await pilot.pause()
        await pilot.press("enter")  # from the calm end to the reflection
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press(*"Restless, then still.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    rung = app.services.bells.rung
    assert [(bell, at - start) for bell, at in rung] == [
        (prefs.start_bell, 0.0),
        (prefs.interval_bell, 300.0),
        (prefs.interval_bell, 600.0),
        (prefs.interval_bell, 900.0),
        (prefs.end_bell, 1200.0),
    ]
    assert app.services.bells.volumes[-1] == (prefs.bell_gain, prefs.end_strikes)
    [session] = app.services.journal.sessions.newest()
    assert (session.kind, session.practised_seconds, session.completed) == ("timer", 1200, True)
    [note] = app.services.journal.entries.newest()
    assert note.session_id == session.id and note.answers[0].answer == "Restless, then still."


async def test_a_late_wake_skips_missed_interval_bells_but_rings_the_end_once(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt(minutes=20, timer=True, interval=2))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerScreen) and screen.timer is not None
        clock.advance(2 * 60)  # one interval bell on time ...
        screen.wake()
        clock.advance(60 * 60)  # ... then the lid was closed for an hour
        screen.wake()
        await pilot.pause()
        await pilot.press("enter")  # from the calm end to the reflection
        assert isinstance(app.screen, ReflectScreen)
    kinds = [bell for bell, _ in app.services.bells.rung]
    prefs = app.services.preferences
    assert kinds == [prefs.start_bell, prefs.interval_bell, prefs.end_bell]
    [session] = app.services.journal.sessions.newest()
    assert session.practised_seconds == 1200


async def test_an_open_ended_sit_counts_up_and_keeps_the_time_when_stopped(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders, StartAt(timer=True, open_ended=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerScreen)
        clock.advance(125)
        screen.wake()
        await pilot.pause()
        assert screen.query_one("#timer-clock", Digits).value == "2:05"
        await pilot.press("space")  # pause for a knock at the door
        clock.advance(300)
        await pilot.press("space")
        clock.advance(35)
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press("escape")
    [session] = app.services.journal.sessions.newest()
    assert session.practised_seconds == 160 and not session.completed


async def test_a_timer_preset_can_be_saved_and_appears_at_home(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, TimerScreen)
        screen.query_one("#length-row", ChoiceRow).select(30)
        await pilot.press("ctrl+s")
        field = app.screen.query_one("#answer", Input)
        field.value = "Lunch 30"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        listing = app.screen.query_one("#weeks", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("Lunch 30" in p and "30 min" in p for p in prompts)
    assert [p.name for p in app.services.preferences.timer_presets][-1] == "Lunch 30"


async def test_a_plain_number_of_minutes_is_asked_for_plainly(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("t")
        screen = app.screen
        screen.query_one("#length-row", ChoiceRow).select(-1)  # other
        screen.query_one("#custom-minutes", Input).value = ""
        await pilot.press("enter")
        assert screen.timer is None
        problem = str(screen.query_one("#plan-problem", Static).render())
        assert "number of minutes" in problem


async def test_settings_are_kept_and_a_change_of_volume_is_heard(
    private_folders: Path, tmp_path: Path
) -> None:
    app, _ = make_app(private_folders)
    file = tmp_path / "config" / "settings.json"
    app.services.preferences_file = file
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("left")  # volume down from 70 to 60
        await pilot.pause()
        assert app.services.bells.volumes[-1] == (pytest.approx(0.36), 1)
        await pilot.press("down", "right")  # mute
        await pilot.pause()
    saved, problem = load_preferences(file)
    assert problem is None and saved.volume == 60 and saved.muted
    assert oct(file.stat().st_mode & 0o777) == oct(0o600)


async def test_muted_means_no_bells_at_all(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    app.services.preferences = app.services.preferences._replace(muted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        clock.advance(200)
        app.screen.wake()
        await pilot.pause()
    assert app.services.bells.rung == []


async def test_a_practice_begins_after_the_time_to_settle(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    app.services.preferences = Preferences(preparation_seconds=15, anchor=DEFAULT_ANCHOR)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await pilot.press("enter")
        assert app.services.bells.rung == []
        assert "Starting in 0:15" in str(screen.query_one("#phase", Static).render())
        clock.advance(15)
        screen.wake()
        await pilot.pause()
        assert screen.engine is not None and screen.engine.state is State.RUNNING
        assert [bell for bell, _ in app.services.bells.rung] == ["singing-bowl"]
        assert str(screen.query_one("#words", Static).render()) == opening_words(voice=False)
        assert isinstance(screen.query_one("#words"), Static)
        assert not screen.query(TextArea)
