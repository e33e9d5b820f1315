"""Progress that means something: programme weeks, sessions too short to count, practices
skipped through that are not completed, and charts with no empty weeks before the first."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.course import load_builtin_course
from practice_tui.course.model import PlannedStep
from practice_tui.engine.engine import PacingEngine, State
from practice_tui.engine.practice_plan import practice_timeline
from practice_tui.journal import Journal, schema
from practice_tui.journal.programme import (
    AFTER_THE_COURSE,
    BEFORE_THE_COURSE,
    programme_week,
    programme_week_name,
    start_for_week,
)
from practice_tui.journal.progress import gather
from practice_tui.journal.sessions import COUNTED, counts_as_practice
from practice_tui.journal.today import suggest
from practice_tui.preferences import Preferences, load_preferences, save_preferences
from tests.support.clock import FakeClock

LONDON = ZoneInfo("Europe/London")
#: Wednesday 7 January 2026, 20:00 in London.
NOW = datetime(2026, 1, 7, 20, 0, tzinfo=LONDON)
TODAY = NOW.date()


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.sqlite3", now=lambda: NOW) as opened:
        yield opened


def practise(
    journal: Journal,
    start: datetime,
    seconds: float = 600,
    planned: int | None = None,
    week: int = 1,
    practice_id: str = "breathing-space",
) -> None:
    journal.sessions.record(
        practice_id=practice_id,
        practice_name=practice_id,
        week=week,
        started_at=start,
        ended_at=start + timedelta(seconds=seconds),
        planned_seconds=round(seconds) if planned is None else planned,
        practised_seconds=seconds,
        completed=True,
    )


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


# --------------------------------------------------------------- sessions that count


def test_a_twenty_second_session_is_kept_but_not_counted(journal: Journal) -> None:
    practise(journal, at(TODAY, 8), seconds=20, planned=180)
    progress = gather(journal, NOW)
    assert len(journal.sessions.newest()) == 1  # kept in the journal
    assert progress.this_week.sessions == 0 and progress.this_week.minutes == 0
    assert progress.streak == 0 and progress.day_minutes == {}
    assert progress.short_sessions == 1 and progress.first_practice is None
    assert journal.sessions.latest_week() is None


def test_grounding_counts_from_thirty_seconds(journal: Journal) -> None:
    practise(journal, at(TODAY, 8), seconds=29.9, planned=60)
    assert gather(journal, NOW).streak == 0
    practise(journal, at(TODAY, 9), seconds=30, planned=60)
    progress = gather(journal, NOW)
    assert progress.streak == 1 and progress.this_week.sessions == 1
    assert progress.short_sessions == 1


def test_short_sessions_never_move_the_suggested_week(journal: Journal) -> None:
    practise(journal, at(TODAY, 8), seconds=2, planned=60, week=4)
    assert suggest(load_builtin_course(), journal, NOW).week == 1


@given(
    practised=st.floats(0, 10_000, allow_nan=False),
    planned=st.integers(0, 10_000),
)
def test_the_journal_and_the_rule_agree_on_what_counts(practised: float, planned: int) -> None:
    conn = sqlite3.connect(":memory:")
    row = conn.execute(
        f"SELECT {COUNTED} FROM (SELECT ? AS practised_seconds, ? AS planned_seconds)",
        [practised, planned],
    ).fetchone()
    assert bool(row[0]) == counts_as_practice(practised, planned)


# ----------------------------------------------------------- skipped through, not completed


def steps() -> list[PlannedStep]:
    return [PlannedStep(p, f"Phase {p}", f"words {p}", 30.0) for p in range(2)]


def test_a_practice_skipped_through_to_the_end_is_not_completed() -> None:
    clock = FakeClock()
    engine = PacingEngine(practice_timeline(steps(), preparation=0), clock)
    engine.start()
    clock.advance(2)
    engine.skip()
    engine.skip()
    assert engine.state is State.FINISHED and not engine.completed
    assert engine.skipped_seconds == pytest.approx(58)


def test_a_practice_sat_to_the_end_is_completed() -> None:
    clock = FakeClock()
    engine = PacingEngine(practice_timeline(steps(), preparation=0), clock)
    engine.start()
    while (deadline := engine.next_deadline()) is not None:
        clock.set(max(deadline, clock.monotonic()))
        engine.poll()
    assert engine.state is State.FINISHED and engine.completed


def test_migration_8_marks_sessions_skipped_through_as_not_completed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.sqlite3"
    with monkeypatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:7])
        Journal.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    rows = [  # id, planned, practised, completed
        ("skipped", 60, 2.0, 1),
        ("sat", 600, 600.0, 1),
        ("rounded", 600, 599.6, 1),
        ("stopped", 600, 100.0, 0),
        ("open-ended", 0, 900.0, 1),
    ]
    conn.executemany(
        "INSERT INTO practice_sessions VALUES (?, 'p', 'P', 1, 'guided', "
        "'2026-01-05T09:00:00+00:00', '2026-01-05T09:10:00+00:00', ?, ?, ?, "
        "'2026-01-05T09:10:00+00:00')",
        rows,
    )
    conn.close()
    with Journal.open(path) as opened:
        completed = {s.id: s.completed for s in opened.sessions.newest()}
    assert completed == {
        "skipped": False,
        "sat": True,
        "rounded": True,
        "stopped": False,
        "open-ended": True,
    }


# ------------------------------------------------------------------------ programme weeks


def test_programme_weeks_run_seven_days_from_the_start() -> None:
    start = date(2026, 1, 1)  # a Thursday
    assert programme_week(start, date(2025, 12, 31)) == BEFORE_THE_COURSE
    assert programme_week(start, start) == 1
    assert programme_week(start, date(2026, 1, 7)) == 1
    assert programme_week(start, date(2026, 1, 8)) == 2
    assert programme_week(start, date(2026, 2, 11)) == 6
    assert programme_week(start, date(2026, 2, 12)) == AFTER_THE_COURSE
    assert programme_week(start, date(2027, 1, 1)) == AFTER_THE_COURSE
    assert [programme_week_name(n) for n in (0, 1, 6, 7)] == [
        "Before the course",
        "Week 1",
        "Week 6",
        "After the course",
    ]


@given(
    today=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    start=st.none() | st.dates(date(2019, 1, 1), date(2031, 1, 1)),
    number=st.integers(1, AFTER_THE_COURSE),
)
def test_saying_the_week_puts_today_in_it_and_keeps_the_weekday(
    today: date, start: date | None, number: int
) -> None:
    moved = start_for_week(today, number, start)
    assert programme_week(moved, today) == number
    if start is not None:
        assert (moved - start).days % 7 == 0


def test_progress_counts_by_programme_week_then_after_the_course(journal: Journal) -> None:
    start = TODAY - timedelta(weeks=7, days=2)  # today is in the eighth week: after the course
    practise(journal, at(start - timedelta(days=1)), seconds=300)  # before: not in the weeks
    practise(journal, at(start), seconds=600)  # week 1
    practise(journal, at(start + timedelta(days=15)), seconds=900)  # week 3
    practise(journal, at(start + timedelta(weeks=6)), seconds=120)  # after the course
    practise(journal, at(TODAY, 8), seconds=180)  # after the course
    journal.tasks.set_home_task(week=1, task_id="kind-act", day=start, done=True)
    progress = gather(journal, NOW, programme_start=start)
    weeks = progress.programme_weeks
    assert [w.number for w in weeks] == [1, 2, 3, 4, 5, 6, AFTER_THE_COURSE]
    assert [w.minutes for w in weeks] == [10, 0, 15, 0, 0, 0, 5]
    assert [w.sessions for w in weeks] == [1, 0, 1, 0, 0, 0, 2]
    assert weeks[0].home_tasks == 1 and weeks[0].monday == start
    assert progress.chart == weeks


def test_the_programme_chart_ends_at_this_week(journal: Journal) -> None:
    start = TODAY - timedelta(days=9)  # week 2
    practise(journal, at(start), seconds=600)
    progress = gather(journal, NOW, programme_start=start)
    assert [w.number for w in progress.chart] == [1, 2]


def test_without_a_start_progress_is_by_calendar_week(journal: Journal) -> None:
    practise(journal, at(TODAY), seconds=600)
    progress = gather(journal, NOW)
    assert progress.programme_weeks == () and not progress.by_programme


# ------------------------------------------------------------- no empty weeks before the first


def test_the_chart_starts_with_the_week_of_the_first_practice(journal: Journal) -> None:
    practise(journal, at(TODAY - timedelta(weeks=2)), seconds=600)
    progress = gather(journal, NOW)
    assert len(progress.weeks) == 12
    assert [w.monday for w in progress.chart] == [
        date(2025, 12, 22),
        date(2025, 12, 29),
        date(2026, 1, 5),
    ]


def test_an_empty_journal_charts_this_week_alone(journal: Journal) -> None:
    assert [w.monday for w in gather(journal, NOW).chart] == [date(2026, 1, 5)]


def test_practice_long_ago_keeps_every_week_shown(journal: Journal) -> None:
    practise(journal, at(TODAY - timedelta(weeks=40)), seconds=600)
    assert len(gather(journal, NOW).chart) == 12


# ---------------------------------------------------------------------------- the setting


def test_the_programme_start_is_kept_between_runs(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    prefs = Preferences(programme_start=date(2026, 1, 1), programme_asked=True)
    save_preferences(path, prefs)
    loaded, problem = load_preferences(path)
    assert problem is None and loaded == prefs and loaded.by_programme
    path.write_text('{"programme_start": "the first", "progress_by": "fortnight"}')
    loaded, problem = load_preferences(path)
    assert problem is not None and loaded.programme_start is None
    assert loaded.progress_by == "programme" and not loaded.by_programme


def test_the_suggested_week_turns_over_with_the_practice_day() -> None:
    start = date(2025, 12, 22)  # Monday: week 3 begins on Monday 5 January
    late = datetime(2026, 1, 5, 1, 30, tzinfo=LONDON)  # still Sunday's practice day
    course = load_builtin_course()
    assert suggest(course, None, late, start).week == 2
    assert suggest(course, None, late, start, day_ends_at=0).week == 3
    assert suggest(course, None, late.replace(hour=9), start).week == 3
    assert suggest(course, None, late, date(2026, 2, 1)).week == 1  # before the course
