"""Progress that means something, in the app: the programme week asked once, "you are here" on
Home, progress by programme week, short sessions not counted, Next steps only when there are
some, and the broken-file warnings reachable by keyboard."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import OptionList, Static

from practice_tui.journal import Journal
from practice_tui.screens.notice import Notice
from practice_tui.screens.programme_week import ProgrammeWeekQuestion
from practice_tui.screens.progress import ProgressScreen
from practice_tui.screens.settings import SettingsScreen
from practice_tui.widgets.week_bars import WeekBars
from tests.app.harness import make_app, settled

#: The fake clock's day: Monday 5 January 2026.
TODAY = date(2026, 1, 5)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def home_prompts(app) -> list[str]:
    listing = app.screen.query_one("#weeks", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def footer_keys(app) -> set[str]:
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


def record(journal: Journal, clock, *, seconds: float, planned: int, back_days: int = 0) -> None:
    start = clock.wall() - timedelta(days=back_days, minutes=30)
    journal.sessions.record(
        practice_id="breathing-space",
        practice_name="Breathing Space",
        week=1,
        started_at=start,
        ended_at=start + timedelta(seconds=seconds),
        planned_seconds=planned,
        practised_seconds=seconds,
        completed=True,
    )


async def test_home_asks_the_week_once_and_marks_you_are_here(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "Press w to say" in text_of(app.screen, "#today")
        await pilot.press("w")
        assert isinstance(app.screen, ProgrammeWeekQuestion)
        await pilot.press("down", "down", "enter")  # Week 3
        await settled(pilot)
        prefs = app.services.preferences
        assert prefs.programme_asked and prefs.programme_start == TODAY - timedelta(weeks=2)
        prompts = home_prompts(app)
        [here] = [p for p in prompts if "you are here" in p]
        assert here.startswith("Week 3")
        today = text_of(app.screen, "#today")
        assert "Week 3" in today and "Press w to say" not in today
        await pilot.press("w")
        assert not isinstance(app.screen, ProgrammeWeekQuestion)  # asked once


async def test_not_following_the_course_is_asked_no_more(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("w", "end", "enter")
        await settled(pilot)
        assert app.services.preferences.programme_asked
        assert app.services.preferences.programme_start is None
        assert "Press w to say" not in text_of(app.screen, "#today")
        assert not any("you are here" in p for p in home_prompts(app))


async def test_home_opens_on_this_programme_week(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    app.services.preferences = app.services.preferences._replace(
        programme_start=TODAY - timedelta(weeks=4, days=1),
        programme_asked=True,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        listing = app.screen.query_one("#weeks", OptionList)
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == "week-5"
        assert "Week 5" in text_of(app.screen, "#today")


async def test_progress_counts_by_programme_week(private_folders: Path) -> None:
    app, clock = make_app(private_folders)
    with Journal.open(private_folders / "journal.sqlite3", now=clock.wall) as journal:
        record(journal, clock, seconds=600, planned=600, back_days=8)  # week 1
        record(journal, clock, seconds=900, planned=900)  # week 2
    app.services.preferences = app.services.preferences._replace(
        programme_start=TODAY - timedelta(days=10), programme_asked=True
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("P")
        await settled(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert "You are in Week 2 of 6." in text_of(app.screen, "#progress-summary")
        bars = app.screen.query_one(WeekBars)
        assert [w.number for w in bars.weeks] == [1, 2]
        drawn = str(bars.render()).splitlines()
        assert drawn[0].startswith("Week 1") and "10 min" in drawn[0]
        assert drawn[1].startswith("Week 2") and "15 min" in drawn[1] and "█" in drawn[1]
        assert text_of(app.screen, "#bars-title") == "Minutes each programme week"


async def test_a_twenty_second_session_is_not_counted(private_folders: Path) -> None:
    app, clock = make_app(private_folders)
    with Journal.open(private_folders / "journal.sqlite3", now=clock.wall) as journal:
        record(journal, clock, seconds=20, planned=180)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "Nothing practised yet this week" in text_of(app.screen, "#today")
        await pilot.press("P")
        await settled(pilot)
        summary = text_of(app.screen, "#progress-summary")
        assert "This week: 0 sessions, 0 min" in summary
        assert "1 session under a minute is kept in your journal but not counted." in summary


async def test_the_chart_leaves_out_empty_weeks_before_the_first_practice(
    private_folders: Path,
) -> None:
    app, clock = make_app(private_folders)
    with Journal.open(private_folders / "journal.sqlite3", now=clock.wall) as journal:
        record(journal, clock, seconds=600, planned=600, back_days=7)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("P")
        await settled(pilot)
        bars = app.screen.query_one(WeekBars)
        assert [w.monday for w in bars.weeks] == [date(2025, 12, 29), TODAY]


async def test_next_steps_appear_once_there_are_some(private_folders: Path) -> None:
    app, clock = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "a" not in footer_keys(app)
    with Journal.open(private_folders / "journal.sqlite3", now=clock.wall) as journal:
        journal.entries.add(
            answers=[],
            practice_id="next-steps",
            practice_name="Next steps",
            week=6,
            kind="exercise",
            actions=["Book a walk"],
        )
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "a" in footer_keys(app)


async def test_settings_set_the_programme_week_and_the_way_of_counting(
    private_folders: Path,
) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 50)) as pilot:
        await settled(pilot)
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#programme-week").focus()
        await pilot.press("right", "right")  # not set -> 1 -> 2
        await pilot.pause()
        assert app.services.preferences.programme_start == TODAY - timedelta(weeks=1)
        assert "Week 2 began on Monday 5 January" in text_of(app.screen, "#programme-hint")
        await pilot.press("down", "right")
        await pilot.pause()
        assert app.services.preferences.progress_by == "calendar"
        assert not app.services.preferences.by_programme


async def test_a_broken_file_warning_opens_from_the_keyboard(private_folders: Path) -> None:
    from practice_tui.course import load_own_practices
    from practice_tui.paths import resolve_paths

    folder = resolve_paths().own_practices_dir
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('kind = "practice"\nname = "Half written\n')
    app, _ = make_app(private_folders)
    app.services.course = load_own_practices(folder, app.services.course)
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        await pilot.press("end")
        listing = app.screen.query_one("#weeks", OptionList)
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == "problem-0"
        await pilot.press("enter")
        assert isinstance(app.screen, Notice)
        words = "".join(str(part.render()) for part in app.screen.query(Static))
        assert "A practice file could not be used" in words and "broken.toml:2" in words
        await pilot.press("escape")
        assert not isinstance(app.screen, Notice)


async def test_play_returns_to_the_shell_after_the_reflection(private_folders: Path) -> None:
    from textual.widgets import TextArea

    from practice_tui.screens.reflect import ReflectScreen
    from practice_tui.start import StartAt

    app, clock = make_app(private_folders, StartAt("grounding", return_to_shell=True))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = app.screen
        await pilot.press("enter")
        while (deadline := practice.engine.next_deadline()) is not None:
            clock.set(deadline)
            practice.wake()
            await pilot.pause()
        await pilot.press("enter")  # from the calm end to the reflection
        assert isinstance(app.screen, ReflectScreen)
        app.screen.query_one("#answer-0", TextArea).text = "Steadier."
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert app.return_code == 0 and not app.is_running
    [entry] = app.services.journal.entries.newest()
    assert entry.answers[0].answer == "Steadier."


async def test_play_returns_to_the_shell_when_the_reflection_is_left(
    private_folders: Path,
) -> None:
    from practice_tui.screens.reflect import ReflectScreen
    from practice_tui.start import StartAt

    app, _ = make_app(private_folders, StartAt("breathing-space", 3, return_to_shell=True))
    async with app.run_test(size=(100, 30)) as pilot:
        practice = app.screen
        await pilot.press("enter")
        practice.engine.stop()
        practice.wake()
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press("escape")
        await settled(pilot)
        assert not app.is_running


def programme_app(data_dir: Path):
    """Three weeks into the programme, with a varied history (the Progress tests' own)."""
    from tests.app.test_progress_app import seeded_app

    app, _ = seeded_app(data_dir)
    app.services.preferences = app.services.preferences._replace(
        programme_start=TODAY - timedelta(weeks=2),
        programme_asked=True,
    )
    return app


async def open_progress(pilot) -> None:
    await settled(pilot)
    await pilot.press("P")
    await settled(pilot)


def test_home_you_are_here_snapshot(snap_compare, private_folders: Path) -> None:
    assert snap_compare(programme_app(private_folders), terminal_size=(100, 30), run_before=settled)


def test_progress_by_programme_week_snapshot(snap_compare, private_folders: Path) -> None:
    app = programme_app(private_folders)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_progress)


def test_progress_by_programme_week_small_snapshot(snap_compare, private_folders: Path) -> None:
    app = programme_app(private_folders)
    assert snap_compare(app, terminal_size=(60, 20), run_before=open_progress)


def test_programme_week_question_snapshot(snap_compare, private_folders: Path) -> None:
    app, _ = make_app(private_folders)

    async def ask(pilot) -> None:
        await settled(pilot)
        await pilot.press("w")
        await settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ask)
