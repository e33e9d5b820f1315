"""Progress in the app: the line on Home, the Progress screen, and its settings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.containers import VerticalScroll
from textual.widgets import Static

from practice_tui.app import PracticeApp
from practice_tui.journal import Journal
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.progress import ProgressScreen
from practice_tui.screens.settings import SettingsScreen
from practice_tui.widgets.practice_calendar import PracticeCalendar
from practice_tui.widgets.week_bars import WeekBars
from tests.app.harness import make_app
from tests.support.clock import FakeClock

#: The fake clock starts on Monday 5 January 2026 at 09:00; three days on it is Thursday.
THURSDAY = 3 * 24 * 3600


def seed(data_dir: Path, clock: FakeClock, *, days: int = 120) -> None:
    """A varied history: most days practised, some long, some short, some gaps."""
    now = clock.wall()
    with Journal.open(data_dir / "journal.sqlite3", now=clock.wall) as journal:
        for back in range(days):
            if back % 7 in (5, 6) and back > 6:
                continue  # a gap most weeks, but none in the last few days
            start = now.replace(hour=7, minute=30) - timedelta(days=back)
            minutes = 3 + (back * 7) % 28
            journal.sessions.record(
                practice_id="breathing-space",
                practice_name="Breathing Space",
                week=1 + min(back // 20, 5),
                started_at=start,
                ended_at=start + timedelta(minutes=minutes),
                planned_seconds=minutes * 60,
                practised_seconds=minutes * 60.0,
                completed=True,
            )
        for back in range(0, 60, 2):
            day = now.date() - timedelta(days=back)
            journal.tasks.set_home_task(week=1, task_id="kind-act", day=day, done=True)


def seeded_app(data_dir: Path) -> tuple[PracticeApp, FakeClock]:
    app, clock = make_app(data_dir)
    clock.advance(THURSDAY)
    seed(data_dir, clock)
    return app, clock


async def open_progress(pilot) -> None:
    """Shift+P on Home, once the journal is open."""
    await pilot.pause()
    await pilot.press("P")
    await pilot.pause()


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_home_shows_this_week_the_streak_and_recent_weeks(private_folders: Path) -> None:
    app, _ = seeded_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        today = text_of(app.screen, "#today")
    # Monday to Thursday, each at 07:30, of 3 + (back * 7) % 28 minutes: 3, 10, 17, 24
    assert "This week: 4 practices, 54 min · 2 home tasks ticked · 12-day streak." in today
    assert "Minutes a week" in today and "Shift+P shows your progress" in today


async def test_p_opens_progress_and_escape_goes_home(private_folders: Path) -> None:
    app, _ = seeded_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_progress(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        summary = text_of(screen, "#progress-summary")
        assert "This week: 4 sessions, 54 min, 2 home tasks ticked." in summary
        assert "12-day streak · a day ends at 4 am" in summary
        bars = screen.query_one(WeekBars)
        assert len(bars.weeks) == 12 and bars.weeks[-1].monday == date(2026, 1, 5)
        drawn = str(bars.render())
        assert "5 Jan" in drawn and "█" in drawn
        calendar = screen.query_one(PracticeCalendar)
        assert len(calendar.mondays(calendar.content_size.width)) == 26
        assert "Sep" in str(calendar.render())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_hidden_streak_is_nowhere_to_be_seen(private_folders: Path) -> None:
    app, _ = seeded_app(private_folders)
    app.services.preferences = app.services.preferences._replace(show_streak=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "streak" not in text_of(app.screen, "#today")
        await pilot.press("P")
        await pilot.pause()
        assert "streak" not in text_of(app.screen, "#progress-summary")


async def test_settings_hide_the_streak_and_move_the_end_of_the_day(
    private_folders: Path,
) -> None:
    app, _ = seeded_app(private_folders)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.press("comma")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#show-streak").focus()
        await pilot.press("right")
        await pilot.press("down", "right", "right")
        await pilot.pause()
        assert app.services.preferences.show_streak is False
        assert app.services.preferences.day_ends_at == 6
        await pilot.press("escape")
        await pilot.pause()
        summary = text_of(app.screen, "#progress-summary")
        assert "streak" not in summary
        await pilot.press("escape")
        await pilot.pause()
        assert "streak" not in text_of(app.screen, "#today")


async def test_the_progress_screen_scrolls_in_a_small_terminal(private_folders: Path) -> None:
    app, _ = seeded_app(private_folders)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_progress(pilot)
        view = app.screen.query_one("#progress-view", VerticalScroll)
        assert view.max_scroll_y > 0
        assert view.has_focus
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        legend = app.screen.query_one("#calendar-legend")
        assert legend.region.bottom <= view.region.bottom
        calendar = app.screen.query_one(PracticeCalendar)
        weeks = calendar.mondays(calendar.content_size.width)
        assert 20 <= len(weeks) < 26 and weeks[-1] == date(2026, 1, 5)


async def test_an_empty_journal_shows_a_calm_progress_screen(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = text_of(app.screen, "#today")
        assert "Minutes a week" not in home and "Shift+P shows your progress" in home
        await pilot.press("P")
        await pilot.pause()
        summary = text_of(app.screen, "#progress-summary")
        assert "This week: 0 sessions, 0 min, 0 home tasks ticked." in summary
        assert "any practice today begins one" in summary


def test_progress_screen(snap_compare, private_folders: Path) -> None:
    app, _ = seeded_app(private_folders)

    assert snap_compare(app, terminal_size=(100, 40), run_before=open_progress)


async def test_settings_rows_are_reached_with_arrows_in_a_small_terminal(
    private_folders: Path,
) -> None:
    """↓ moves from row to row even when the rows do not fit, scrolling the last into view."""
    app, _ = seeded_app(private_folders)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        rows = list(screen.query("ChoiceRow"))
        await pilot.press(*["down"] * (len(rows) - 1))
        await pilot.pause()
        assert app.focused is rows[-1]
        assert rows[-1].id == "day-ends-at"
        view = screen.query_one("#settings", VerticalScroll)
        assert view.scroll_y > 0
        assert rows[-1].region.bottom <= view.region.bottom  # in view
        await pilot.press("up")
        assert app.focused is rows[-2]


async def test_home_shows_the_last_four_weeks_of_practice_days(private_folders: Path) -> None:
    app, _ = seeded_app(private_folders)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        today = text_of(app.screen, "#today")
        line = next(line for line in today.splitlines() if line.startswith("Last 4 weeks"))
        days = line.removeprefix("Last 4 weeks ").split("  ")[:4]
        assert len(days) == 4 and all(set(week) <= {"●", "·", " "} for week in days)
        assert "●" in line


@given(
    width=st.integers(min_value=1, max_value=200),
    this_monday=st.dates(min_value=date(2000, 1, 3), max_value=date(2100, 1, 4)).map(
        lambda day: day - timedelta(days=day.weekday())
    ),
)
def test_month_names_never_run_past_the_calendar_s_edge(width: int, this_monday: date) -> None:
    """A name past the edge wrapped and pushed Sunday's row (often today) out of the calendar."""
    calendar = PracticeCalendar()
    count = max(1, (width - calendar.LABEL) // calendar.CELL)
    mondays = [this_monday - timedelta(weeks=n) for n in range(count - 1, -1, -1)]
    line = calendar.month_line(mondays, width)
    assert len(line) <= width
    for name in line.split():
        assert name in {
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        }  # whole names only, never cut


async def test_every_day_of_the_week_shows_in_a_narrow_terminal(private_folders: Path) -> None:
    app, _ = seeded_app(private_folders)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_progress(pilot)
        calendar = app.screen.query_one(PracticeCalendar)
        lines = str(calendar.render()).split("\n")
        assert len(lines) == 8 and all(len(line) <= calendar.content_size.width for line in lines)
