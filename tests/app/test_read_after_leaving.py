"""A read's answer for a screen the person has left is dropped, never drawn on widgets that
are gone (CI caught the Journal's answer meeting a screen being taken apart: the app stopped)."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.screen import Screen
from textual.widgets import Static

from practice_tui.screens.journal_work import read_journal, still_open
from tests.app.harness import make_app, settled


class Reading(Screen[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("reading", id="status")


async def test_an_answer_for_a_screen_left_is_dropped_and_a_shown_one_is_drawn(
    private_folders: Path,
) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        release = threading.Event()
        heard: list[str] = []

        answered = threading.Event()

        def slow_count(journal) -> int:  # type: ignore[no-untyped-def]
            release.wait(10)  # the journal answers only once the person has left
            try:
                return journal.entries.count()
            finally:
                answered.set()

        def drawn(count: int) -> None:
            heard.append("drawn")
            screen.query_one("#status", Static).update(f"{count} entries")

        left, screen = Reading(), Reading()
        await app.push_screen(left)
        assert still_open(left)
        read_journal(left, slow_count, lambda _: heard.append("left"))
        app.pop_screen()  # the answer comes while the screen is being taken apart
        release.set()
        assert not still_open(left)
        while not answered.is_set():
            await pilot.pause()
        for _ in range(3):  # the answer's turn on the event loop
            await pilot.pause()
        await app.push_screen(screen)
        assert still_open(screen)
        read_journal(screen, lambda journal: journal.entries.count(), drawn)
        await settled(pilot)
        await pilot.pause()
        assert heard == ["drawn"]  # the first answer went unheard; the app carried on
