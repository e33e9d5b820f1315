"""Progress: practice days that end at a chosen hour, weeks from Monday, a streak that is kind."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from practice_tui.course import load_builtin_course
from practice_tui.journal import Journal
from practice_tui.journal.progress import (
    gather,
    hour_label,
    practice_day,
    sparkline,
    streak,
    streak_words,
)
from practice_tui.journal.sessions import SessionTotal
from practice_tui.journal.times import describe_day
from practice_tui.journal.today import suggest
from practice_tui.preferences import Preferences, load_preferences, preferences_json

LONDON = ZoneInfo("Europe/London")
#: Wednesday 7 January 2026, 20:00 in London (GMT).
NOW = datetime(2026, 1, 7, 20, 0, tzinfo=LONDON)
MON = date(2026, 1, 5)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.sqlite3", now=lambda: NOW) as opened:
        yield opened


def practise(
    journal: Journal,
    start: datetime,
    minutes: float = 10,
    practice_id: str = "breathing-space",
    week: int = 1,
) -> None:
    journal.sessions.record(
        practice_id=practice_id,
        practice_name=practice_id,
        week=week,
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        planned_seconds=round(minutes * 60),
        practised_seconds=minutes * 60,
        completed=True,
    )


def at(day: date, hour: int, minute: int = 0, *, fold: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON, fold=fold)


# ------------------------------------------------------------------------ the practice day


@pytest.mark.parametrize(
    ("hour", "minute", "day_ends_at", "expected"),
    [
        (1, 30, 4, date(2026, 1, 4)),  # late practice counts for the evening before
        (3, 59, 4, date(2026, 1, 4)),
        (4, 0, 4, date(2026, 1, 5)),  # the new day begins on the hour
        (1, 30, 0, date(2026, 1, 5)),  # a day that ends at midnight
        (11, 59, 12, date(2026, 1, 4)),  # after a night shift
        (12, 0, 12, date(2026, 1, 5)),
    ],
)
def test_a_practice_counts_for_the_day_it_belongs_to(
    hour: int, minute: int, day_ends_at: int, expected: date
) -> None:
    assert practice_day(at(MON, hour, minute), day_ends_at) == expected


def test_the_clocks_going_back_or_forward_never_move_a_practice_to_another_day() -> None:
    autumn = date(2025, 10, 26)  # 01:00-02:00 happens twice in London
    assert at(autumn, 1, 30, fold=0).utcoffset() != at(autumn, 1, 30, fold=1).utcoffset()
    assert practice_day(at(autumn, 1, 30, fold=0)) == date(2025, 10, 25)
    assert practice_day(at(autumn, 1, 30, fold=1)) == date(2025, 10, 25)
    assert practice_day(at(autumn, 4, 0)) == autumn
    spring = date(2026, 3, 29)  # 01:00 GMT jumps to 02:00 BST
    assert practice_day(datetime(2026, 3, 29, 3, 59, tzinfo=LONDON)) == date(2026, 3, 28)
    assert practice_day(datetime(2026, 3, 29, 4, 0, tzinfo=LONDON)) == spring


def test_a_journey_keeps_the_day_on_the_clock_the_person_saw(journal: Journal) -> None:
    tokyo = timezone(timedelta(hours=9))
    practise(journal, datetime(2026, 1, 6, 2, 0, tzinfo=tokyo))  # 17:00 on the 5th in London
    progress = gather(journal, NOW)
    assert set(progress.day_minutes) == {date(2026, 1, 5)}


def test_late_practice_is_stored_as_it_happened_and_counted_for_the_day_before(
    journal: Journal,
) -> None:
    practise(journal, at(date(2026, 1, 6), 1, 30), minutes=20)  # Tuesday 01:30
    progress = gather(journal, NOW)
    assert progress.day_minutes == {MON: 20.0}
    assert journal.sessions.totals()[0].started_at == "2026-01-06T01:30:00+00:00"


def test_practice_over_the_change_of_clocks_keeps_the_streak(tmp_path: Path) -> None:
    now = datetime(2025, 10, 27, 21, 0, tzinfo=LONDON)
    with Journal.open(tmp_path / "j.sqlite3", now=lambda: now) as journal:
        practise(journal, at(date(2025, 10, 25), 22, 0))  # Saturday, BST
        practise(journal, at(date(2025, 10, 26), 1, 30, fold=1))  # still Saturday, GMT
        practise(journal, at(date(2025, 10, 26), 21, 0))  # Sunday
        practise(journal, at(date(2025, 10, 27), 7, 0))  # Monday
        progress = gather(journal, now)
    assert progress.today == date(2025, 10, 27)
    assert progress.streak == 3
    assert progress.day_minutes[date(2025, 10, 25)] == 20.0


# ------------------------------------------------------------------------------ the streak


def test_not_having_practised_yet_today_does_not_break_a_streak() -> None:
    wednesday = date(2026, 1, 7)

    def back(*days: int) -> list[date]:
        return [wednesday - timedelta(days=n) for n in days]

    assert streak(back(1, 2, 3), wednesday) == 3
    assert streak(back(0, 0, 1, 1, 1, 2, 3), wednesday) == 4  # a day may have many sessions
    assert streak(back(2), wednesday) == 0
    assert streak(back(0, 2, 3), wednesday) == 1
    assert streak(back(-1, 1), wednesday) == 1  # a session dated ahead is left out
    assert streak([], wednesday) == 0


def test_before_the_day_ends_yesterday_is_still_today(journal: Journal) -> None:
    practise(journal, at(date(2026, 1, 6), 21, 0))  # Tuesday evening
    practise(journal, at(date(2026, 1, 5), 21, 0))  # Monday evening
    small_hours = at(date(2026, 1, 8), 2, 0)  # Thursday 02:00: still Wednesday's day
    progress = gather(journal, small_hours)
    assert progress.today == date(2026, 1, 7)
    assert progress.streak == 2
    assert gather(journal, small_hours, day_ends_at=0).streak == 0  # Thursday: Wed was missed


def test_a_hidden_streak_is_counted_but_not_shown(journal: Journal) -> None:
    practise(journal, at(date(2026, 1, 7), 7, 0))
    shown = gather(journal, NOW)
    hidden = gather(journal, NOW, show_streak=False)
    assert (shown.streak, shown.visible_streak) == (1, 1)
    assert (hidden.streak, hidden.visible_streak) == (1, 0)
    assert streak_words(hidden.visible_streak) == ""
    assert streak_words(4) == "4-day streak"


class CountingJournal:
    """A journal that counts how many start times were read, and what the window asked for."""

    def __init__(self, days: list[date]) -> None:
        self.starts = [f"{day.isoformat()}T08:00:00+00:00" for day in sorted(days, reverse=True)]
        self.read = 0
        self.since: list[datetime | None] = []
        self.sessions = self  # it plays both parts of the journal that progress reads
        self.tasks = self

    def totals(self, *, since: datetime | None = None) -> list[SessionTotal]:
        self.since.append(since)
        kept = [s for s in self.starts if since is None or datetime.fromisoformat(s) >= since]
        return [SessionTotal(start, 600.0, "guided", 1, "x") for start in reversed(kept)]

    def starts_newest_first(self) -> Iterator[str]:
        for start in self.starts:
            self.read += 1
            yield start

    def first_start(self) -> str | None:
        return self.starts[-1] if self.starts else None

    def short_since(self, since: datetime) -> int:
        return 0

    def home_task_days(
        self, *, since: date, until: date, week: int | None = None
    ) -> set[tuple[str, date]]:
        return set()


def test_a_long_streak_reads_its_own_sessions_and_no_more() -> None:
    today = NOW.date()
    daily = [today - timedelta(days=n) for n in range(400)]
    older = [today - timedelta(days=n) for n in range(500, 3000, 3)]  # after a gap
    source = CountingJournal(daily + older)
    progress = gather(source, NOW, weeks=2, calendar_weeks=0)
    assert progress.streak == 400
    assert source.read == 401  # the streak, and the first session after the gap
    [since] = source.since
    assert since is not None and today - since.date() < timedelta(days=16)


def test_a_streak_back_to_the_very_first_practice_ends_there() -> None:
    today = NOW.date()
    source = CountingJournal([today - timedelta(days=n) for n in range(1, 101)])
    assert gather(source, NOW, weeks=1, calendar_weeks=0).streak == 100
    assert source.read == 100


def test_starts_come_newest_wall_clock_time_first_across_batches(journal: Journal) -> None:
    plus_two = timezone(timedelta(hours=2))
    moments = [
        datetime(2026, 1, 5, 9, 0, tzinfo=LONDON),
        datetime(2026, 1, 5, 9, 0, tzinfo=LONDON),  # the same second, twice
        datetime(2026, 1, 5, 10, 30, tzinfo=plus_two),  # 08:30 in London, read as 10:30
        datetime(2026, 1, 4, 23, 0, tzinfo=LONDON),
        datetime(2026, 1, 6, 7, 0, tzinfo=LONDON),
    ]
    for moment in moments:
        practise(journal, moment)
    starts = list(journal.sessions.starts_newest_first(batch=2))
    assert starts == [
        "2026-01-06T07:00:00+00:00",
        "2026-01-05T10:30:00+02:00",
        "2026-01-05T09:00:00+00:00",
        "2026-01-05T09:00:00+00:00",
        "2026-01-04T23:00:00+00:00",
    ]


# ---------------------------------------------------------------------------- the weeks


def test_weeks_run_from_monday_and_count_minutes_sessions_and_home_tasks(
    journal: Journal,
) -> None:
    practise(journal, at(date(2026, 1, 4), 23, 0), minutes=5)  # Sunday: last week
    practise(journal, at(date(2026, 1, 5), 1, 0), minutes=7)  # Monday 01:00: still Sunday
    practise(journal, at(date(2026, 1, 5), 9, 0), minutes=10)  # Monday
    practise(journal, at(date(2026, 1, 7), 8, 0), minutes=12.5)  # Wednesday
    journal.tasks.set_home_task(week=1, task_id="kind-act", day=date(2026, 1, 4), done=True)
    journal.tasks.set_home_task(week=1, task_id="kind-act", day=date(2026, 1, 6), done=True)
    journal.tasks.set_home_task(week=1, task_id="notice", day=date(2026, 1, 6), done=True)
    progress = gather(journal, NOW)
    assert len(progress.weeks) == 12
    assert [w.monday.weekday() for w in progress.weeks] == [0] * 12
    last, this = progress.weeks[-2:]
    assert (last.monday, last.minutes, last.sessions, last.home_tasks) == (
        date(2025, 12, 29),
        12.0,
        2,
        1,
    )
    assert (this.monday, this.minutes, this.sessions, this.home_tasks) == (MON, 22.5, 2, 2)
    assert progress.this_week is this


def test_the_calendar_covers_about_six_months_and_nothing_older(journal: Journal) -> None:
    first = date(2025, 7, 14)  # the Monday 25 weeks before this one
    practise(journal, at(date(2025, 3, 3), 9, 0))  # ten months ago
    practise(journal, at(first, 3, 0))  # before 4 am: the Sunday before, not shown
    practise(journal, at(first, 9, 0))
    progress = gather(journal, NOW)
    assert progress.calendar_from == first == MON - timedelta(weeks=25)
    assert set(progress.day_minutes) == {first}


def test_an_empty_journal_shows_quiet_zeros(journal: Journal) -> None:
    progress = gather(journal, NOW)
    assert progress.today == date(2026, 1, 7)
    assert progress.streak == 0 and progress.day_minutes == {}
    assert all((w.minutes, w.sessions, w.home_tasks) == (0, 0, 0) for w in progress.weeks)


def test_session_totals_compare_moments_not_clock_text(journal: Journal) -> None:
    since = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    practise(journal, datetime(2026, 1, 5, 23, 0, tzinfo=timezone(timedelta(hours=12))))
    practise(journal, datetime(2026, 1, 5, 3, 0, tzinfo=timezone(timedelta(hours=-10))))
    practise(journal, datetime(2026, 1, 5, 11, 59, tzinfo=UTC))
    kept = journal.sessions.totals(since=since)
    # 23:00+12:00 is 11:00 UTC (before); 03:00-10:00 is 13:00 UTC (after)
    assert [t.started_at for t in kept] == ["2026-01-05T03:00:00-10:00"]
    assert len(journal.sessions.totals()) == 3


# ---------------------------------------------------------------------- today's practice


COURSE = load_builtin_course()


def test_with_no_journal_the_suggestion_is_the_first_week() -> None:
    today = suggest(COURSE, None, NOW)
    assert today.week == 1 and today.practice is not None and today.practice.week == 1


def test_the_week_is_the_latest_practised_and_the_practice_the_least_done_lately(
    journal: Journal,
) -> None:
    old = NOW - timedelta(weeks=20)
    practise(journal, old, practice_id="resourcing", week=2)
    for _ in range(3):  # long ago: no longer counts against it
        practise(journal, old, practice_id="self-compassion-break")
    practise(journal, NOW - timedelta(days=1), practice_id="resourcing")
    today = suggest(COURSE, journal, NOW)
    assert today.week == 2
    assert today.practice is not None and today.practice.id == "self-compassion-break"


# ---------------------------------------------------------------- settings and wording


def test_the_day_end_hour_is_kept_in_range_and_saved_with_the_streak_choice(
    tmp_path: Path,
) -> None:
    assert Preferences(day_ends_at=20).day_ends_at == 12
    assert Preferences(day_ends_at=-3).day_ends_at == 0
    assert (Preferences().day_ends_at, Preferences().show_streak) == (4, True)
    saved = preferences_json(Preferences(day_ends_at=6, show_streak=False))
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(saved))
    assert load_preferences(path) == (Preferences(day_ends_at=6, show_streak=False), None)
    path.write_text(json.dumps({"day_ends_at": "late", "show_streak": 1}))
    prefs, problem = load_preferences(path)
    assert (prefs.day_ends_at, prefs.show_streak) == (4, True) and problem is not None


def test_words_for_hours_dates_and_weeks() -> None:
    assert [hour_label(h) for h in (0, 4, 11, 12)] == ["midnight", "4 am", "11 am", "noon"]
    assert describe_day(date(2026, 1, 5), short=True, year=False) == "5 Jan"
    assert describe_day(date(2025, 12, 29), short=True) == "29 Dec 2025"
    assert sparkline([0, 5, 10]) == " ▅█"
    assert sparkline([0, 0]) == "  "


def test_recent_days_in_one_line_monday_first() -> None:
    from practice_tui.journal.progress import Progress, recent_days

    monday = date(2026, 1, 5)
    practised = {monday: 5.0, monday + timedelta(days=1): 3.0, monday + timedelta(days=8): 10.0}
    progress = Progress(
        today=monday + timedelta(days=9),  # Wednesday of the second week
        weeks=(),
        day_minutes=practised,
        calendar_from=monday,
        streak=0,
        show_streak=True,
        day_ends_at=4,
    )
    assert recent_days(progress) == "●●·····  ·●·"
