"""Another program holds the journal's write lock (a CLI import in another terminal): the app
still answers keys at once, bells ring on time, and a save waits politely, then lands.

A second connection runs ``BEGIN IMMEDIATE`` and keeps it (after a save is asked for, or from
the start) for ``PRACTICE_TUI_LOCK_SECONDS`` (3 s here; ``PRACTICE_TUI_LOCK_SECONDS=8`` for the
issue's figure). The app runs on a fake
clock that also follows real time, so the same figures are read on the app's clock and on a
real one: if the event loop ever waited on the lock, both would show it.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path

from textual.widgets import TextArea

from practice_tui.app import StartAt
from practice_tui.screens.drafts import DRAFT_DELAY_SECONDS
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.journal_work import WAITING_AFTER, WAITING_WORDS
from practice_tui.screens.timer import TimerScreen
from tests.app.harness import FakeClock, make_app
from tests.app.journal_fixtures import a_few_weeks, journal_at
from tests.app.test_drafts import reach_reflection
from tests.lock_holder import LockHolder
from tests.support.clock import FollowingClock

LOCK_SECONDS = float(os.environ.get("PRACTICE_TUI_LOCK_SECONDS", "3"))
#: The issue's figures (a key answered within 100 ms, a bell at most 15 ms late) are measured
#: with PRACTICE_TUI_LOCK_STRICT=1 PRACTICE_TUI_LOCK_SECONDS=8 on a quiet machine and recorded in
#: benchmarks/README.md. On a shared, loaded test machine such timings are noise, so by default
#: the test asserts what a loop that waited on the lock could never meet: answers far inside
#: the lock's length (a blocked loop answers only when the lock is let go).
STRICT = os.environ.get("PRACTICE_TUI_LOCK_STRICT") == "1"
KEY_LIMIT = 0.100 if STRICT else min(1.0, LOCK_SECONDS / 3)
BELL_LIMIT = 0.015 if STRICT else min(0.5, LOCK_SECONDS / 6)
#: How far ahead of a bell the test moves the clock, leaving the screen to wake itself.
BELL_LEAD = 0.25


class Latencies:
    """How long each key took to be answered, on the app's clock and on a real one."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.on_clock: list[float] = []
        self.real: list[float] = []

    async def press(self, pilot, key: str, answered: Callable[[], bool]) -> None:
        """Press ``key`` and time it until the screen shows its answer (``answered()``).

        Pilot's own press also waits for animations (a notice sliding in) to end, so the
        answer is watched for while it runs.
        """
        clock_start, real_start = self.clock.monotonic(), time.perf_counter()
        pressing = asyncio.create_task(pilot.press(key))
        while not answered():
            await asyncio.sleep(0.001)
        self.on_clock.append(self.clock.monotonic() - clock_start)
        self.real.append(time.perf_counter() - real_start)
        await pressing

    def worst(self) -> tuple[float, float]:
        return max(self.on_clock), max(self.real)


def notices(app) -> list[str]:
    return [str(notice.message) for notice in app._notifications]


async def wait_until(pilot, done: Callable[[], bool], seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while not done():
        assert time.perf_counter() < deadline, "waited too long"
        await pilot.pause(0.02)


async def test_keys_are_answered_while_a_save_waits_for_the_lock_then_lands(
    private_folders: Path,
) -> None:
    a_few_weeks(private_folders)
    clock = FollowingClock()
    app, _ = make_app(private_folders, StartAt("breathing-space", 3), clock=clock)
    keys = Latencies(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_reflection(app, clock, pilot)
        box = screen.query_one("#answer-0", TextArea)
        with LockHolder(private_folders / "journal.sqlite3") as other:
            for n, key in enumerate("Calmer now"):
                await keys.press(pilot, key, lambda n=n: len(box.text) == n + 1)
            # The cursor moves to and fro while the draft is written a moment after the last
            # change (it waits for the lock, off the loop): each move is still answered.
            until = time.perf_counter() + DRAFT_DELAY_SECONDS + 0.5
            while time.perf_counter() < until:
                for key, column in (("left", len(box.text) - 1), ("right", len(box.text))):
                    await keys.press(pilot, key, lambda c=column: box.cursor_location[1] == c)
            await keys.press(pilot, "ctrl+s", lambda: box.read_only)
            other.release_after(LOCK_SECONDS)  # the other program finishes a while later
            # While the save waits, the screen still answers: focus moves, and comes back.
            await wait_until(pilot, lambda: WAITING_WORDS in notices(app), WAITING_AFTER + 1)
            saving = app.screen
            await keys.press(pilot, "tab", lambda: app.focused is not box)
            await keys.press(pilot, "shift+tab", lambda: app.focused is box)
            assert other.held and app.screen is saving, "the lock was let go too soon to tell"
        await wait_until(pilot, lambda: "Saved to your journal." in notices(app), 10)
        assert isinstance(app.screen, HomeScreen) and WAITING_WORDS not in notices(app)
    on_clock, real = keys.worst()
    print(f"keys: worst {on_clock * 1000:.0f} ms on the app's clock, {real * 1000:.0f} ms real")
    assert on_clock <= KEY_LIMIT and real <= KEY_LIMIT, (on_clock, real)
    with journal_at(private_folders) as journal:
        assert journal.drafts.all() == []
        assert [e.answers[0].answer for e in journal.entries.newest()].count("Calmer now") == 1


async def test_a_save_that_waits_too_long_keeps_the_words_and_says_so_once(
    private_folders: Path,
) -> None:
    a_few_weeks(private_folders)
    app, clock = make_app(private_folders, StartAt("breathing-space", 3), patience=0.3)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reach_reflection(app, clock, pilot)
        box = screen.query_one("#answer-0", TextArea)
        with LockHolder(private_folders / "journal.sqlite3"):
            await pilot.press(*"Still here", "ctrl+s")
            # Wait for what is checked: the box is writable again only once the save has given
            # up, but it is also writable before the save has begun.
            await wait_until(pilot, lambda: any("not saved yet" in w for w in notices(app)), 10)
            await wait_until(pilot, lambda: not box.read_only, 10)
            [said] = [words for words in notices(app) if "not saved yet" in words]
            assert said.count(".") == 1 and said.endswith("tries again.")  # one sentence
            assert app.screen is screen and box.text == "Still here"
        await pilot.press(*" and saved", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), 10)
    with journal_at(private_folders) as journal:
        assert journal.drafts.all() == []
        saved = [e.answers[0].answer for e in journal.entries.newest()]
        assert saved.count("Still here and saved") == 1 and "Still here" not in saved


async def test_bells_ring_on_time_while_the_journal_opens_under_another_programs_lock(
    private_folders: Path,
) -> None:
    """A new journal must be created and migrated: that waits for the lock, off the loop."""
    private_folders.mkdir(parents=True, exist_ok=True)
    clock = FollowingClock()
    start = StartAt(timer=True, minutes=30, interval=1)
    with LockHolder(private_folders / "journal.sqlite3") as other:
        app, _ = make_app(private_folders, start, clock=clock)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, TimerScreen) and screen.timer is not None
            # Past the first frames (drawing them is no part of this), and the journal is
            # waiting for the lock on its own thread.
            await wait_until(pilot, lambda: app.services._access is not None, 5)
            await pilot.pause(0.3)
            # Held from here, however long a loaded machine took to start the app.
            other.release_after(LOCK_SECONDS)
            bells = app.services.bells
            lateness: list[float] = []
            while other.held and len(lateness) < 50:
                deadline = screen.timer.next_deadline()
                assert deadline is not None
                clock.set(deadline - BELL_LEAD)
                screen.wake()  # the screen now sleeps until the bell, in real time
                rung = len(bells.rung)
                await wait_until(pilot, lambda rung=rung: len(bells.rung) > rung, 5)
                if other.held:  # rung while the lock was still held (the claim here)
                    lateness.append(bells.rung[-1][1] - deadline)
            assert not app.services.journal_is_open or not other.held
            await wait_until(pilot, lambda: app.services.journal_is_open, LOCK_SECONDS + 10)
    assert len(lateness) >= 2, "no bell was rung while the journal was locked"
    print("bells late (ms):", [round(x * 1000, 1) for x in lateness])
    assert max(lateness) <= BELL_LIMIT, lateness
