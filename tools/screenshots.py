"""Save SVG screenshots of the main screens for the README (run from the repository root).

python tools/screenshots.py            # writes docs/screenshots/*.svg

The pictures show a participant in the third week of the programme, two weeks of practice
and a few reflections behind them, on the fake clock the tests use (Monday 5 January 2026).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from practice_tui.app import PracticeApp, StartAt  # noqa: E402
from practice_tui.course import load_builtin_course  # noqa: E402
from practice_tui.journal import Answer, Journal  # noqa: E402
from tests.app.harness import FakeClock, make_app, settled  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (100, 30)
#: The participant said they were in week 3: the programme began two weeks before today.
PROGRAMME_START = date(2025, 12, 22)
#: A practice of the week on most days: (days ago, practice id, minutes).
HISTORY = (
    (14, "breathing-space", 3),
    (13, "breathing-space", 3),
    (12, "breathing-space", 6),
    (10, "breathing-space", 3),
    (9, "breathing-space", 6),
    (7, "resourcing", 10),
    (6, "resourcing", 10),
    (5, "self-compassion-break", 5),
    (3, "resourcing", 15),
    (2, "self-compassion-break", 5),
    (1, "resourcing", 10),
    (0, "affectionate-breathing", 10),
)
REFLECTIONS = [
    (13, "breathing-space", 1, "Tight shoulders, then a little softer."),
    (6, "resourcing", 2, "The walk to the ward felt less rushed afterwards."),
    (1, "resourcing", 2, "Noticed I was holding my breath in the huddle."),
]
COURSE = load_builtin_course()


def participant(start: StartAt | None = None) -> tuple[PracticeApp, FakeClock]:
    """The app for a participant three weeks in, with their journal filled in."""
    folder = Path(tempfile.mkdtemp())
    app, clock = make_app(folder, start)
    now = clock.wall()
    with Journal.open(folder / "journal.sqlite3", now=clock.wall) as journal:
        for back, practice, minutes in HISTORY:
            begun = now.replace(hour=8, minute=15) - timedelta(days=back)
            journal.sessions.record(
                practice_id=practice,
                practice_name=COURSE.practice(practice).name,
                week=COURSE.practice(practice).week,
                started_at=begun,
                ended_at=begun + timedelta(minutes=minutes),
                planned_seconds=minutes * 60,
                practised_seconds=minutes * 60.0,
                completed=True,
            )
        for back, practice, week, words in REFLECTIONS:
            journal.entries.add(
                answers=[Answer("What did you notice?", words)],
                practice_id=practice,
                practice_name=COURSE.practice(practice).name,
                week=week,
                created_at=now.replace(hour=8, minute=40) - timedelta(days=back),
            )
        for back in (1, 2, 3, 5):
            day = now.date() - timedelta(days=back)
            journal.tasks.set_home_task(week=2, task_id="w2-resourcing", day=day, done=True)
        today = now.date()
        journal.tasks.set_home_task(
            week=3, task_id="w3-affectionate-breathing", day=today, done=True
        )
    app.services.preferences = replace(
        app.services.preferences, programme_start=PROGRAMME_START, programme_asked=True
    )
    return app, clock


async def shoot() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app, _ = participant()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.save_screenshot(str(OUT / "home.svg"))
        await pilot.press("P")
        await settled(pilot)
        app.save_screenshot(str(OUT / "progress.svg"))
    app, clock = participant(StartAt("affectionate-breathing", 10))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("enter")
        clock.advance(70)
        app.screen.wake()  # type: ignore[attr-defined]
        await settled(pilot)
        app.save_screenshot(str(OUT / "practice.svg"))
    app, _ = participant()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("j")
        await settled(pilot)
        app.save_screenshot(str(OUT / "journal.svg"))


if __name__ == "__main__":
    asyncio.run(shoot())
