"""The whole programme in the app: every practice plays, exercises save, ticks count, help opens."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from practice_tui.app import StartAt
from practice_tui.course import load_builtin_course
from practice_tui.course.framing import CLOSING_WORDS, opening_words
from practice_tui.engine.engine import State
from practice_tui.screens.actions import ActionsScreen
from practice_tui.screens.help import HelpScreen
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.reflect import ReflectScreen
from practice_tui.screens.sheet import SheetExportScreen
from practice_tui.screens.week import WeekScreen
from practice_tui.widgets import HomeTaskGrid
from tests.app.harness import make_app

COURSE = load_builtin_course()
EVERY_WAY = [(p.id, m.id) for p in COURSE.practices.values() for m in p.modes]


def rendered(screen, selector: str) -> str:
    return "\n".join(str(s.render()) for s in screen.query(selector).results(Static))


async def play_through(app, clock, pilot) -> None:
    """Wake at every deadline until the practice ends, as the screen's timers would."""
    screen = app.screen
    assert isinstance(screen, PracticeScreen) and screen.engine is not None
    while (deadline := screen.engine.next_deadline()) is not None:
        clock.set(deadline)
        screen.wake()
        await pilot.pause()


@pytest.mark.parametrize(("practice_id", "mode_id"), EVERY_WAY)
async def test_every_practice_plays_at_its_shortest_length_to_the_reflection(
    private_folders: Path, practice_id: str, mode_id: str
) -> None:
    practice = COURSE.practice(practice_id)
    mode = practice.mode(mode_id)
    app, clock = make_app(private_folders, StartAt(practice_id, None, mode_id))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.minutes == mode.lengths[0]
        assert practice.safety in rendered(screen, ".safety")
        assert practice.origin in rendered(screen, ".origin")
        await pilot.press("enter")
        seen_words = [screen.engine.current_step.words]
        while (deadline := screen.engine.next_deadline()) is not None:
            clock.set(deadline)
            screen.wake()
            await pilot.pause()
            if not screen.engine.is_over:
                seen_words.append(screen.engine.current_step.words)
                assert rendered(screen, "#words") == screen.engine.current_step.words
        anchor = screen.anchor
        own_words = [step.words_for(anchor) for phase in mode.phases for step in phase.steps]
        opening = opening_words(voice=False, anchor=anchor)
        assert seen_words == [opening, *own_words, CLOSING_WORDS]
        await pilot.pause()
        assert app.screen is screen and "The practice has ended." in rendered(screen, "#words")
        await pilot.press("enter")  # from the calm end to the reflection
        assert isinstance(app.screen, ReflectScreen)
        questions = rendered(app.screen, ".question")
        assert all(question in questions for question in mode.questions)
    [session] = app.services.journal.sessions.newest()
    assert session.completed and session.practised_seconds == mode.lengths[0] * 60


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6])
def test_week_screen(snap_compare, private_folders: Path, number: int) -> None:
    app, _ = make_app(private_folders)

    async def open_week(pilot) -> None:
        await pilot.press(str(number))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=open_week)


async def test_help_opens_from_every_screen_and_never_swallows_typing(
    private_folders: Path,
) -> None:
    app, _ = make_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(line) for line in app.screen.query("Markdown").first().children)
        assert text  # the help document rendered
        await pilot.press("escape")
        await pilot.press("enter")  # begin the practice
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        assert practice.engine is not None and practice.engine.state is State.RUNNING
        practice.engine.stop()
        practice.wake()
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press(*"Why? ")
        assert app.screen.query_one("#answer-0", TextArea).text == "Why? "
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("escape", "y")  # leave the reflection
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("1", "question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_grounding_is_a_way_out_at_any_moment(private_folders: Path) -> None:
    app, clock = make_app(private_folders, StartAt("affectionate-breathing", 10))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = app.screen
        await pilot.press("enter")
        clock.advance(30)
        practice.wake()
        await pilot.press("g")
        grounding = app.screen
        assert isinstance(grounding, PracticeScreen) and grounding.practice.id == "grounding"
        assert grounding.engine is not None and grounding.engine.state is State.RUNNING
        assert practice.engine.state is State.PAUSED
        await play_through(app, clock, pilot)  # a minute of grounding, to its end bell
        await pilot.pause()
        assert app.screen is practice
        # Held while grounding, it carries on by itself (issue 11: time is honest).
        assert practice.engine.state is State.RUNNING
        assert practice.engine.practised_seconds() == pytest.approx(30)
        await pilot.press("space")
        assert practice.engine.state is State.PAUSED
    names = sorted(s.practice_id for s in app.services.journal.sessions.newest())
    assert names == ["affectionate-breathing", "grounding"]


async def test_compassionate_listening_can_be_done_after_a_conversation(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders)
    listening = COURSE.practice("compassionate-listening")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        week = app.screen
        agenda = week.query_one("#agenda", OptionList)
        index = next(i for i, item in enumerate(week.week.agenda) if item.ref == listening.id)
        agenda.highlighted = index
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.mode.id == "before"
        await pilot.press("down")
        assert screen.mode.id == "after"
        assert "After" in rendered(screen, "#mode")
        await pilot.press("enter")
        first_after_words = listening.mode("after").phases[0].steps[0].words_for(screen.anchor)
        assert rendered(screen, "#words") == opening_words(voice=False)
        assert screen.engine is not None
        clock.advance(screen.engine.step_time_left() or 0.0)  # past the opening words
        screen.wake()
        await pilot.pause()
        assert rendered(screen, "#words") == first_after_words
        await play_through(app, clock, pilot)
        await pilot.pause()
        await pilot.press("enter")  # from the calm end to the reflection
        assert isinstance(app.screen, ReflectScreen)
        assert listening.mode("after").questions[0] in rendered(app.screen, ".question")
    [session] = app.services.journal.sessions.newest()
    assert session.practice_name == f"{listening.name} ({listening.mode('after').name})"


async def test_home_tasks_are_ticked_by_day_and_counted_at_home(private_folders: Path) -> None:
    app, clock = make_app(private_folders)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1", "t")
        grid = app.screen.query_one(HomeTaskGrid)
        assert grid.has_focus
        today = clock.wall().date()
        first_task = COURSE.week(1).home_tasks[0].id
        await pilot.press("space")
        assert (first_task, today) in grid.ticked
        await pilot.press("down", "space", "right", "space")  # tomorrow cannot be ticked yet
        second_task = COURSE.week(1).home_tasks[1].id
        assert grid.ticked == {(first_task, today), (second_task, today)}
        await pilot.press("escape")
        await pilot.pause()
        assert "2 home tasks ticked" in rendered(app.screen, "#today")
        await pilot.press("1", "t", "space")  # untick the first again
        await pilot.press("escape")
        await pilot.pause()
        assert "1 home task ticked" in rendered(app.screen, "#today")
    journal = app.services.journal
    assert journal.tasks.home_task_days(since=today, until=today) == {(second_task, today)}


async def open_exercise(app, pilot, week: int, exercise_id: str) -> None:
    await pilot.press(str(week))
    screen = app.screen
    assert isinstance(screen, WeekScreen)
    agenda = screen.query_one("#agenda", OptionList)
    agenda.highlighted = next(i for i, it in enumerate(screen.week.agenda) if it.ref == exercise_id)
    await pilot.press("enter")
    assert isinstance(app.screen, ReflectScreen)


async def test_an_exercise_is_saved_under_itself_and_its_week(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    exercise = COURSE.exercise("addressing-misgivings")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_exercise(app, pilot, 1, exercise.id)
        assert exercise.intro in rendered(app.screen, ".summary")
        await pilot.press(*"That it takes time I do not have.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
    [entry] = app.services.journal.entries.newest()
    assert (entry.kind, entry.practice_id, entry.week) == ("exercise", exercise.id, 1)
    assert entry.answers[0].question == exercise.questions[0]
    assert entry.answers[0].answer == "That it takes time I do not have."


async def test_next_steps_become_actions_to_tick_off(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_exercise(app, pilot, 6, "next-steps")
        actions = app.screen.query_one("#actions", TextArea)
        actions.text = "Ask my team one open question\n\nBook a walk"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape", "a")
        assert isinstance(app.screen, ActionsScreen)
        assert "Ask my team one open question" in str(
            app.screen.query_one("#actions", OptionList).get_option_at_index(0).prompt
        )
        await pilot.press("space")
        await pilot.pause()
    actions = app.services.journal.tasks.actions()
    assert sorted((a.text, a.done) for a in actions) == [
        ("Ask my team one open question", True),
        ("Book a walk", False),
    ]


async def test_feedback_makes_an_answer_sheet_file(private_folders: Path, tmp_path: Path) -> None:
    app, _ = make_app(private_folders)
    sheet = tmp_path / "feedback.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await open_exercise(app, pilot, 6, "feedback")
        await pilot.press(*"The walking practice, most of all.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SheetExportScreen)
        app.screen.query_one("#sheet-path").value = str(sheet)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SheetExportScreen)
    text = sheet.read_text()
    assert COURSE.exercise("feedback").questions[0] in text
    assert "The walking practice, most of all." in text
    assert oct(os.stat(sheet).st_mode & 0o777) == oct(0o600)


async def test_own_practices_appear_and_a_broken_file_is_listed(
    private_folders: Path, tmp_path: Path
) -> None:
    from practice_tui.course import load_own_practices
    from practice_tui.paths import resolve_paths

    folder = resolve_paths().own_practices_dir
    folder.mkdir(parents=True)
    source = (Path(__file__).parents[2] / "docs" / "script-format.md").read_text()
    example = source.split("```toml\n")[1].split("```")[0]
    (folder / "arriving.toml").write_text(example)
    (folder / "broken.toml").write_text('kind = "practice"\nname = "Half written\n')
    app, _ = make_app(private_folders)
    app.services.course = load_own_practices(folder, app.services.course)
    async with app.run_test(size=(100, 40)) as pilot:
        listing = app.screen.query_one("#weeks", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("Arriving at work" in p for p in prompts)
        assert any("broken.toml:2" in p and "not valid TOML" in p for p in prompts)
        listing.highlighted = next(i for i, p in enumerate(prompts) if "Arriving at work" in p)
        await pilot.press("enter")
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.practice.id == "arriving-at-work" and app.screen.practice.own
