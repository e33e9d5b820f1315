"""A participant's first evening: Home, Week 1, Breathing Space, a reflection, the journal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static, TextArea

from practice_tui.app import StartAt
from practice_tui.engine.engine import State
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.journal import EntryScreen, JournalScreen
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.reflect import ReflectScreen
from practice_tui.screens.week import WeekScreen
from practice_tui.widgets.entry_list import EntryList
from tests.app.harness import make_app


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_home_week_practice_reflect_journal(private_folders: Path) -> None:
    app, clock = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        weeks = app.screen.query_one("#weeks", OptionList)
        # "The six weeks", a line each, then the timer: its heading, two presets, "Set a timer"
        assert weeks.option_count == 7 + 1 + 2 + 1

        await pilot.press("enter")  # Week 1 is highlighted first
        assert isinstance(app.screen, WeekScreen)
        assert app.screen.week.number == 1
        agenda = app.screen.query_one("#agenda", OptionList)
        while agenda.highlighted is None:  # read down to the agenda: it is below the fold
            await pilot.press("down")
        await pilot.press("enter")  # the first playable item: Breathing Space
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.practice.id == "breathing-space"
        assert screen.minutes == 3

        await pilot.press("enter")  # begin
        engine = screen.engine
        assert engine is not None and engine.state is State.RUNNING
        prefs = app.services.preferences
        assert app.services.bells.rung == [(prefs.start_bell, clock.monotonic())]
        assert "Phase 1 of 3" in static_text(screen, "#phase")
        assert static_text(screen, "#words") == engine.current_step.words

        seen_phases = {1}
        while (deadline := engine.next_deadline()) is not None:
            clock.set(deadline)
            screen.wake()
            await pilot.pause()
            if not engine.is_over:
                seen_phases.add(engine.phase_number)
                assert f"Phase {engine.phase_number} of 3" in static_text(screen, "#phase")
        assert seen_phases == {1, 2, 3}
        # Without a voice, a soft cue with every new step: its seven, then the closing words
        # (the opening words come with the start bell).
        cues = 8
        assert len(screen.mode.plan(screen.minutes)) == 1 + cues
        assert [bell for bell, _ in app.services.bells.rung] == [
            prefs.start_bell,
            *[prefs.phase_bell] * cues,
            prefs.end_bell,
        ]
        volume = prefs.bell_gain
        assert app.services.bells.volumes == [
            (volume, prefs.start_strikes),
            *[(volume, 1)] * cues,
            (volume, prefs.end_strikes),
        ]
        assert engine.state is State.FINISHED

        await pilot.pause()
        await pilot.press("enter")  # from the calm end to the reflection
        assert isinstance(app.screen, ReflectScreen)
        answer = app.screen.query_one("#answer-0", TextArea)
        assert answer.has_focus
        await pilot.press(*"I noticed [bold]tension[/] in my shoulders")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)

        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        entries = app.screen.query_one("#entries", EntryList)
        assert entries.groups == [(1, 1)]  # one week heading, one entry under it
        await pilot.press("enter")
        assert isinstance(app.screen, EntryScreen)
        texts = [str(s.render()) for s in app.screen.query(".answer-text").results(Static)]
        assert "I noticed [bold]tension[/] in my shoulders" in texts
        assert app.screen.entry.practised_seconds == 180

    sessions = app.services.journal.sessions.newest()
    assert len(sessions) == 1
    assert sessions[0].completed and sessions[0].practised_seconds == 180


async def test_stopping_early_keeps_the_minutes_practised(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 6))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.minutes == 6
        await pilot.press("enter")
        clock.advance(50)
        screen.wake()
        await pilot.press("space")  # pause for a phone call
        clock.advance(600)
        await pilot.press("space")
        clock.advance(20)
        await pilot.press("n")  # on to the next phase
        assert screen.engine is not None and screen.engine.phase_number == 2
        clock.advance(10)
        await pilot.press("s")
        await pilot.press("y")  # confirm the stop
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press("escape")  # nothing written: skip straight out
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    [session] = app.services.journal.sessions.newest()
    assert not session.completed
    assert session.practised_seconds == 80
    assert session.planned_seconds == 360
    assert app.services.journal.entries.newest() == []


async def test_quitting_with_an_unsaved_reflection_asks_first(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        clock.advance(200)
        app.screen.wake()
        await pilot.pause()
        await pilot.press("enter")  # from the calm end to the reflection
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press(*"Kind words")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert "Quit now?" in str(app.screen.query_one(".title", Static).render())
        await pilot.press("escape")  # keep writing
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        assert app.screen.query_one("#answer-0", TextArea).text == "Kind words"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    [entry] = app.services.journal.entries.newest()
    assert entry.answers[0].answer == "Kind words"


async def test_the_journal_key_is_quiet_while_a_practice_plays(private_folders: Path) -> None:
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.press("j")
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.engine is not None and app.screen.engine.state is State.RUNNING


async def test_a_damaged_journal_is_explained_in_the_app_and_left_alone(
    private_folders: Path,
) -> None:
    from practice_tui.screens.problem import ProblemScreen

    private_folders.mkdir(parents=True)
    damaged = private_folders / "journal.sqlite3"
    damaged.write_bytes(b"not a database at all " * 200)
    before = damaged.read_bytes()
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        message = str(app.screen.query_one(".problem-message", Static).render())
        assert "journal.sqlite3" in message and "damaged" in message
        await pilot.press("j")  # nothing behind this screen can work
        assert isinstance(app.screen, ProblemScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert damaged.read_bytes() == before


async def test_user_text_is_shown_literally_never_obeyed(private_folders: Path) -> None:
    from practice_tui.journal import Answer, Journal

    awkward = "[bold]not bold[/] [link=https://x]no link[/link] \x1b[31mno red\x07 🌿 عربى 漢字"
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        journal.entries.add(
            answers=[Answer("What did you notice?", awkward)],
            practice_id="breathing-space",
            practice_name="Breathing Space",
            week=1,
        )
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await pilot.press("enter")
        assert isinstance(app.screen, EntryScreen)
        [shown] = [str(s.render()) for s in app.screen.query(".answer-text").results(Static)]
        assert "[bold]not bold[/] [link=https://x]no link[/link]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "␛[31mno red␇ 🌿 عربى 漢字" in shown
