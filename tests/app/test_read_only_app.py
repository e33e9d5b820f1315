"""The app on a journal it cannot write: the journal views read it as usual and only a change
says it is read-only; on a journal it cannot read, the problem screen says "cannot be read".

Permissions do not hold for root, who runs these tests: the operating system's answer is
simulated at ``os.access`` (SQLite itself then holds the journal read-only)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from practice_tui.screens.entry import EntryScreen
from practice_tui.screens.journal import JournalScreen
from practice_tui.screens.problem import ProblemScreen
from tests.app.harness import make_app, settled
from tests.app.journal_fixtures import Written, write
from tests.support.permissions import refuse_access


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_a_read_only_journal_is_read_and_only_a_change_says_so(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal_file = private_folders / "journal.sqlite3"
    write(private_folders, [Written("Kept words.")])
    before = journal_file.read_bytes()
    refuse_access(monkeypatch, journal_file, os.W_OK)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("j")
        await settled(pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.entry.answers[0].answer == "Kept words."
        assert not any("read-only" in notice for notice in notices(app))
        await pilot.press("s")
        await settled(pilot)
        assert any(
            "is read-only, so the star on this entry could not be saved" in notice
            for notice in notices(app)
        )
        assert not app.screen.entry.starred
    assert journal_file.read_bytes() == before


async def test_an_unreadable_journal_is_said_to_be_unreadable(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal_file = private_folders / "journal.sqlite3"
    write(private_folders, [Written("Kept words.")])
    refuse_access(monkeypatch, journal_file, os.R_OK)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert "cannot be read" in app.screen.message
        assert "read-only" not in app.screen.message
