"""Every screen and dialog, in each theme at 100×30 and the main ones at 60×20, compared
with the approved pictures in ``__snapshots__/test_tour/`` (see ``tour.py``), and the rules
no picture shows by itself checked on the way (dialogs centred, focus marked, forms at top).

One app walks the whole tour, each screen opened once and pictured in every theme: an app a
picture would cost CI a minute and a half more. Approve changed pictures with
``pytest tests/app/test_tour.py --snapshot-update``, after looking at them
(``rsvg-convert -o x.png x.svg``).
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from syrupy import SnapshotAssertion
from textual.pilot import Pilot

from practice_tui.course import ScriptProblem
from practice_tui.engine.engine import State
from practice_tui.journal import Entry
from practice_tui.journal.daily_backup import DailyBackup
from practice_tui.journal.errors import OPEN, make_error
from practice_tui.screens.anchor import AnchorQuestion
from practice_tui.screens.entry import EntryScreen
from practice_tui.screens.notice import Notice
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.problem import ProblemScreen
from practice_tui.screens.reflect import ReflectScreen, Writing
from practice_tui.screens.restore import RestoreOffer
from practice_tui.screens.sheet import SheetExportScreen
from practice_tui.screens.week import WeekScreen
from practice_tui.themes import THEMES
from tests.app.harness import FakeClock, make_app, settled
from tests.app.journal_fixtures import for_the_tour
from tests.app.tour import Pictures, Stop, Visit, take_tour

#: Where the pictures say the participant's files are: the same on every machine.
HOME = Path("/home/sam")
JOURNAL = HOME / ".local/share/practice-tui/journal.sqlite3"


def keys(*pressed: str) -> Visit:
    async def visit(pilot: Pilot) -> None:
        for key in pressed:
            await pilot.press(key)  # waits until the key is handled
            await pilot.app.workers.wait_for_complete()  # and what it asked of the journal

    return visit


class Tour:
    """The stops, with what they need: the journal's entries, a backup, the clock."""

    def __init__(self, entries: list[Entry], backup: DailyBackup, clock: FakeClock) -> None:
        self.edited, self.feedback = entries[0], entries[-1]
        self.backup = backup
        self.clock = clock

    async def practice_ready(self, pilot: Pilot) -> None:
        course = pilot.app.services.course  # type: ignore[attr-defined]
        await pilot.app.push_screen(PracticeScreen(course.practice("breathing-space")))

    async def anchor_question(self, pilot: Pilot) -> None:
        await pilot.app.push_screen(AnchorQuestion())

    async def practice_running(self, pilot: Pilot) -> None:
        if isinstance(pilot.app.screen, AnchorQuestion):
            await pilot.press("escape")  # back to the ready screen
        await pilot.press("enter")
        screen = pilot.app.screen
        assert isinstance(screen, PracticeScreen)
        # With a voice, the practice begins once its words are rendered (a worker): the clock
        # moves on only after that, so the picture never depends on which came first.
        for _ in range(500):
            if screen.engine is not None:
                break
            await settled(pilot)
        assert screen.engine is not None
        self.clock.advance(76)  # 76/180 of the line is never half a cell, at any width
        screen.wake()

    async def practice_finished(self, pilot: Pilot) -> None:
        await pilot.press("escape", "space")  # carry on, and resume
        screen = pilot.app.screen
        assert isinstance(screen, PracticeScreen) and screen.engine is not None
        while (deadline := screen.engine.next_deadline()) is not None:
            self.clock.set(deadline)
            screen.wake()
        assert screen.engine.state is State.FINISHED

    async def exercise(self, pilot: Pilot) -> None:
        course = pilot.app.services.course  # type: ignore[attr-defined]
        exercise = course.exercise("research-evidence")
        await pilot.app.push_screen(ReflectScreen(Writing.exercise(exercise)))

    async def entry(self, pilot: Pilot) -> None:
        await pilot.press("escape")  # the dates dialog
        await pilot.app.push_screen(EntryScreen(self.edited))

    async def sheet(self, pilot: Pilot) -> None:
        course = pilot.app.services.course  # type: ignore[attr-defined]
        await pilot.app.push_screen(WeekScreen(course.week(6)))
        await settled(pilot)
        await pilot.app.push_screen(SheetExportScreen(self.feedback))

    async def problem(self, pilot: Pilot) -> None:
        await pilot.app.push_screen(ProblemScreen(str(make_error("damaged", JOURNAL, OPEN))))

    async def restore_offer(self, pilot: Pilot) -> None:
        await pilot.app.push_screen(RestoreOffer(JOURNAL, self.backup))

    async def broken_file(self, pilot: Pilot) -> None:
        problem = ScriptProblem(
            HOME / ".config/practice-tui/practices/walk.toml", 4, "lengths must be whole minutes"
        )
        await pilot.app.push_screen(Notice("A practice file could not be used", str(problem)))

    async def toast(self, pilot: Pilot) -> None:
        pilot.app.notify("Saved to your journal.")

    def everything(self) -> list[Stop]:
        """Every screen and dialog, reached as a person would where the keys are quick;
        a stop ``on`` the one before carries on from there."""
        return [
            Stop("home", keys()),
            # A practice, from its week to the reflection.
            Stop("week", keys("1")),
            Stop("practice-ready", self.practice_ready, on=True),
            Stop("anchor-question", self.anchor_question, on=True),
            Stop("practice-running", self.practice_running, on=True),
            Stop("practice-paused-stop-dialog", keys("space", "s"), on=True),
            Stop("practice-finished", self.practice_finished, on=True),
            Stop("reflect", keys("enter"), on=True),
            Stop("reflect-leave-dialog", keys(*"Calm.", "escape"), on=True),
            Stop("exercise", self.exercise),
            Stop("timer-setup", keys("t")),
            Stop("timer-save-preset-ask", keys("ctrl+s"), on=True),
            Stop("timer-running", keys("escape", "enter"), on=True),
            # The journal, its dialogs, an entry and its versions.
            Stop("journal", keys("j")),
            Stop("journal-practice-picker", keys("f"), on=True),
            Stop("journal-dates-dialog", keys("escape", "p"), on=True),
            Stop("entry", self.entry, on=True),
            Stop("entry-editing", keys("e"), on=True),
            Stop("entry-leave-editing-dialog", keys("end", *" Slower.", "escape"), on=True),
            Stop("entry-versions", keys("d", "v"), on=True),
            Stop("export", keys("x")),
            Stop("week-card-sheet", self.sheet),
            Stop("progress", keys("P")),
            Stop("next-steps", keys("a")),
            Stop("programme-week-question", keys("w")),
            Stop("settings", keys("comma")),
            Stop("help", keys("f1")),
            Stop("support", keys("h")),
            Stop("keys-overlay", keys("question_mark")),
            Stop("problem", self.problem),
            Stop("restore-offer", self.restore_offer),
            Stop("notice-broken-file", self.broken_file),
            Stop("palette", keys("ctrl+p", *"walk")),
            Stop("toast", self.toast),
        ]


#: The screens a participant sees most, pictured in a small terminal too.
MAIN = frozenset(
    {
        "home",
        "week",
        "practice-running",
        "reflect",
        "journal",
        "entry",
        "export",
        "progress",
        "settings",
        "toast",
    }
)


@pytest.fixture
def tour_home(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Export and the sheet offer folders in the home folder: the same one everywhere."""
    monkeypatch.setenv("HOME", str(HOME))
    return HOME


def a_backup(folder: Path) -> DailyBackup:
    """A copy of the tour's journal taken on Saturday evening (its file's time says when)."""
    copy = folder.parent / "backup" / "journal-2026-01-03.sqlite3"
    copy.parent.mkdir()
    shutil.copy(folder / "journal.sqlite3", copy)
    taken = datetime(2026, 1, 3, 21, 30).astimezone().timestamp()
    os.utime(copy, (taken, taken))
    return DailyBackup(copy, date(2026, 1, 3), copy.stat().st_size)


async def walk(folder: Path, pictures: Pictures, size: tuple[int, int], small: bool) -> None:
    entries = for_the_tour(folder)
    backup = a_backup(folder)
    app, clock = make_app(folder)
    # No animation, so no text cursor blinking: a picture never catches it half-way.
    app.animation_level = "none"
    tour = Tour(entries, backup, clock)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settled(pilot)
        if small:
            await take_tour(pilot, pictures, tour.everything(), only=MAIN)
        else:
            await take_tour(pilot, pictures, tour.everything(), themes=tuple(THEMES))
    pictures.assert_all_match()


@pytest.mark.usefixtures("tour_home")
async def test_tour(
    private_folders: Path, snapshot: SnapshotAssertion, request: pytest.FixtureRequest
) -> None:
    """Every screen and dialog at 100×30, in each theme (``dark-home``, ``light-home``...)."""
    await walk(private_folders, Pictures(snapshot, request), (100, 30), small=False)


@pytest.mark.usefixtures("tour_home")
async def test_tour_small(
    private_folders: Path, snapshot: SnapshotAssertion, request: pytest.FixtureRequest
) -> None:
    """The main screens at 60×20, in the default theme."""
    await walk(private_folders, Pictures(snapshot, request), (60, 20), small=True)
