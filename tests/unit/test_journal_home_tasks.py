"""Ticking home tasks: one tick per task and day, idempotent, counted over inclusive ranges."""

from __future__ import annotations

import re
import sqlite3
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from practice_tui.journal import Journal, JournalError

PLUS_ONE = timezone(timedelta(hours=1))
MONDAY_9AM = datetime(2026, 1, 5, 9, 0, tzinfo=PLUS_ONE)
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 1, 5) + timedelta(days=n) for n in range(7))
NEXT_MON = MON + timedelta(days=7)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(journal_path: Path):
    with Journal.open(journal_path, now=lambda: MONDAY_9AM) as opened:
        yield opened


def tick(journal: Journal, task_id: str, day: date, *, week: int = 1, done: bool = True) -> None:
    journal.tasks.set_home_task(week=week, task_id=task_id, day=day, done=done)


def raw_rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM home_task_ticks ORDER BY rowid").fetchall()
    finally:
        conn.close()


def test_a_tick_is_stored_as_a_local_day(journal: Journal, journal_path: Path) -> None:
    tick(journal, "kind-act", TUE, week=2)
    [(tick_id, week, task_id, day, created_at)] = raw_rows(journal_path)
    assert uuid.UUID(str(tick_id)).version == 4
    assert (week, task_id, day, created_at) == (
        2,
        "kind-act",
        "2026-01-06",
        "2026-01-05T09:00:00+01:00",
    )
    assert journal.tasks.home_task_days(since=MON, until=SUN) == {("kind-act", TUE)}


def test_ticking_twice_keeps_one_tick(journal: Journal, journal_path: Path) -> None:
    tick(journal, "kind-act", MON)
    first = raw_rows(journal_path)
    tick(journal, "kind-act", MON)
    assert raw_rows(journal_path) == first
    assert journal.tasks.home_tasks_done() == 1


def test_unticking_removes_the_tick_and_is_idempotent(journal: Journal) -> None:
    tick(journal, "kind-act", MON)
    tick(journal, "kind-act", TUE)
    tick(journal, "kind-act", MON, done=False)
    assert journal.tasks.home_task_days(since=MON, until=SUN) == {("kind-act", TUE)}
    tick(journal, "kind-act", MON, done=False)
    tick(journal, "never-ticked", WED, done=False)
    assert journal.tasks.home_tasks_done() == 1
    tick(journal, "kind-act", MON)
    assert journal.tasks.home_tasks_done() == 2


def test_tasks_and_days_are_ticked_separately(journal: Journal) -> None:
    tick(journal, "kind-act", MON)
    tick(journal, "pause", MON)
    tick(journal, "pause", TUE)
    tick(journal, "pause", MON, done=False)
    assert journal.tasks.home_task_days(since=MON, until=SUN) == {("kind-act", MON), ("pause", TUE)}


def test_ranges_include_both_ends(journal: Journal) -> None:
    for day in (MON - timedelta(days=1), MON, WED, SUN, NEXT_MON):
        tick(journal, "pause", day)
    assert journal.tasks.home_task_days(since=MON, until=SUN) == {
        ("pause", MON),
        ("pause", WED),
        ("pause", SUN),
    }
    assert journal.tasks.home_task_days(since=WED, until=WED) == {("pause", WED)}
    assert journal.tasks.home_task_days(since=TUE, until=TUE) == set()
    assert journal.tasks.home_task_days(since=SUN, until=MON) == set()  # an empty range
    assert journal.tasks.home_tasks_done() == 5
    assert journal.tasks.home_tasks_done(since=MON, until=SUN) == 3
    assert journal.tasks.home_tasks_done(since=WED) == 3
    assert journal.tasks.home_tasks_done(until=WED) == 3
    assert journal.tasks.home_tasks_done(since=THU, until=SAT) == 0


def test_week_narrows_the_days(journal: Journal) -> None:
    tick(journal, "pause", MON, week=1)
    tick(journal, "gratitude", MON, week=2)
    assert journal.tasks.home_task_days(since=MON, until=MON, week=2) == {("gratitude", MON)}
    assert journal.tasks.home_task_days(since=MON, until=MON, week=3) == set()
    assert len(journal.tasks.home_task_days(since=MON, until=MON)) == 2


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"day": MONDAY_9AM}, TypeError),  # a datetime: which local day would it be?
        ({"day": "2026-01-05"}, TypeError),
        ({"week": None}, TypeError),
        ({"week": 0}, ValueError),
        ({"task_id": " "}, ValueError),
        ({"done": 1}, TypeError),
    ],
)
def test_nonsense_ticks_are_refused(
    journal: Journal, overrides: dict[str, object], error: type[Exception]
) -> None:
    fields: dict[str, object] = {"week": 1, "task_id": "pause", "day": MON, "done": True}
    fields.update(overrides)
    with pytest.raises(error):
        journal.tasks.set_home_task(**fields)  # type: ignore[arg-type]
    assert journal.tasks.home_tasks_done() == 0


def test_queries_refuse_datetimes(journal: Journal) -> None:
    with pytest.raises(TypeError, match="since must be a date"):
        journal.tasks.home_task_days(since=MONDAY_9AM, until=SUN)
    with pytest.raises(TypeError, match="until must be a date"):
        journal.tasks.home_tasks_done(until=MONDAY_9AM)


def test_tick_on_a_read_only_journal_is_reported(journal: Journal) -> None:
    journal._db.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(JournalError) as caught:
        tick(journal, "pause", MON)
    assert caught.value.reason == "read-only"
    assert "the change to this home task could not be saved" in str(caught.value)


def test_created_at_keeps_the_offset(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        tick(journal, "pause", MON)
    [(_, _, _, _, created_at)] = raw_rows(journal_path)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", str(created_at))
