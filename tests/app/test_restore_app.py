"""A damaged journal in the app: one sentence, the file left alone, the newest backup offered;
and the daily backup taken quietly after the journal opens."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Static

from practice_tui.journal import Answer, Journal, daily_backup
from practice_tui.journal.daily_backup import daily_backup_path, daily_backups, take_daily_backup
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.problem import ProblemScreen
from practice_tui.screens.restore import RestoreOffer
from tests.app.harness import make_app

GARBAGE = b"overwritten by something else entirely " * 300
SATURDAY = date(2026, 1, 3)  # the harness's clock says Monday 5 January 2026


def words_on(screen: object) -> str:
    return "\n".join(str(s.render()) for s in screen.query(Static).results(Static))  # type: ignore[attr-defined]


def notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


def journal_with_backup(folder: Path) -> Path:
    """A journal holding one entry, backed up on Saturday, then overwritten with garbage."""
    path = folder / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.entries.add(answers=[Answer("What did you notice?", "kept safe [bold]")])
    take_daily_backup(path, SATURDAY)
    path.write_bytes(GARBAGE)
    return path


async def test_a_damaged_journal_offers_the_newest_backup(private_folders: Path) -> None:
    path = journal_with_backup(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        offer = app.screen
        assert isinstance(offer, RestoreOffer)
        said = words_on(offer)
        assert f"The journal at {path} looks damaged, so it has been left exactly as it is." in (
            said.replace("\n", " ")
        )
        # When the backup was taken and what it holds, so restoring is a choice made knowingly.
        assert "on Saturday 3 January 2026 and holds 1 entry." in said.replace("\n", " ")
        assert "anything written since is not thrown away" in said.replace("\n", " ")
        use = offer.query_one("#use-backup", Button)
        assert str(use.label) == "Use the backup from Saturday 3 January 2026"
        assert app.focused is use
        assert path.read_bytes() == GARBAGE  # looking changed nothing
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.services.journal_is_open
        kept = path.with_name("journal.sqlite3.damaged-20260105-090000")
        assert notices(app) == [
            "Your journal is back as it was on Saturday 3 January 2026; "
            f"the damaged file is kept at {kept}."
        ]
        [entry] = app.services.journal.entries.newest()
        assert entry.answers[0].answer == "kept safe [bold]"
    assert kept.read_bytes() == GARBAGE


async def test_not_now_leaves_everything_and_says_how_to_restore_later(
    private_folders: Path,
) -> None:
    path = journal_with_backup(private_folders)
    before = sorted(p.name for p in private_folders.rglob("*"))
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RestoreOffer)
        await pilot.click("#not-now")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        said = words_on(app.screen).replace("\n", " ")
        assert "looks damaged; it has not been changed." in said
        assert "To use a backup later, run practice-tui restore-backup." in said
        assert not app.services.journal_is_open
    assert path.read_bytes() == GARBAGE
    assert sorted(p.name for p in private_folders.rglob("*")) == before


async def test_without_a_backup_the_problem_is_said_plainly(private_folders: Path) -> None:
    private_folders.mkdir(parents=True)
    path = private_folders / "journal.sqlite3"
    path.write_bytes(GARBAGE)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        assert "looks damaged" in words_on(app.screen)
    assert path.read_bytes() == GARBAGE


async def test_a_backup_that_cannot_be_put_back_is_one_sentence(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = journal_with_backup(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        [backup] = daily_backups(path)
        backup.path.write_bytes(GARBAGE)  # damaged too, after it was offered
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        said = words_on(app.screen).replace("\n", " ")
        assert "The backup from Saturday 3 January 2026 looks damaged too" in said
    assert path.read_bytes() == GARBAGE


async def test_the_daily_backup_is_taken_after_the_journal_opens(private_folders: Path) -> None:
    path = private_folders / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.entries.add(answers=[Answer("Q?", "worth keeping")])
    app, clock = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        made = daily_backup_path(path, clock.wall().date())
        assert made.exists()
        assert [b.path for b in daily_backups(path)] == [made]
        assert notices(app) == []


async def test_a_failed_daily_backup_is_one_calm_notice(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = private_folders / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.entries.add(answers=[Answer("Q?", "worth keeping")])

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(daily_backup, "copy_database", disk_full)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert notices(app) == [
            "The disk is full, so today's backup of your journal was not made; "
            "your journal itself is unchanged."
        ]
        assert len(app.services.journal.entries.newest()) == 1


async def test_another_programs_database_offers_the_newest_backup(private_folders: Path) -> None:
    """Not our journal: its own sentence, the file left alone, the backup offered and used."""
    import sqlite3

    from practice_tui.journal.errors import NotOurJournal

    path = journal_with_backup(private_folders)
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    foreign = path.read_bytes()
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        offer = app.screen
        assert isinstance(offer, RestoreOffer)
        said = words_on(offer).replace("\n", " ")
        assert str(NotOurJournal(path)) in said
        assert "Using it keeps the file there now too" in said
        assert path.read_bytes() == foreign  # looking changed nothing
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        kept = path.with_name("journal.sqlite3.replaced-20260105-090000")
        assert notices(app) == [
            "Your journal is back as it was on Saturday 3 January 2026; "
            f"the file that was there is kept at {kept}."
        ]
        [entry] = app.services.journal.entries.newest()
        assert entry.answers[0].answer == "kept safe [bold]"
    assert kept.read_bytes() == foreign


async def test_a_copy_a_sync_tool_left_is_named_once_the_journal_opens(
    private_folders: Path,
) -> None:
    path = private_folders / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.entries.add(answers=[Answer("Q?", "written here")])
    copy = private_folders / "journal (conflicted copy 2026-01-04).sqlite3"
    with Journal.open(copy) as journal:
        journal.entries.add(answers=[Answer("Q?", "written on the laptop")])
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        [notice] = notices(app)
        assert copy.name in notice and f'practice-tui import "{copy}".' in notice
