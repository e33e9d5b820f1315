"""Pictures of the Journal screen and of an entry whose words look like markup and escapes.

Whatever the person wrote is drawn as they wrote it: ``[bold]`` is not bold, ``[link=…]`` is
not a link, an escape character is a visible symbol, and emoji, wide characters and
right-to-left scripts keep their place.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from practice_tui.app import StartAt
from tests.app.harness import make_app
from tests.app.journal_fixtures import TRICKY_TEXT, Written, a_few_weeks, write


def tricky_journal(folder: Path) -> None:
    a_few_weeks(folder)
    write(
        folder,
        [
            Written(
                TRICKY_TEXT,
                name="Exercise: [b]markup[/b] in a name \x1b[1m",
                practice_id="tricky",
                week=1,
                at=datetime(2026, 1, 7, 21, 45, tzinfo=UTC),
                question="What [i]was[/i] it like? [link=https://x]",
            )
        ],
    )


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def test_journal_list(snap_compare, private_folders: Path) -> None:
    tricky_journal(private_folders)
    app, _ = make_app(private_folders, StartAt(screen="journal"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_journal_list_searched_in_a_narrow_terminal(snap_compare, private_folders: Path) -> None:
    tricky_journal(private_folders)
    app, _ = make_app(private_folders, StartAt(screen="journal"))

    async def search(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"tension", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(60, 20), run_before=search)


def test_entry_full_of_markup_like_text(snap_compare, private_folders: Path) -> None:
    tricky_journal(private_folders)
    app, _ = make_app(private_folders, StartAt(screen="journal"))

    async def open_it(pilot) -> None:
        await settle(pilot)
        await pilot.press("w", "enter")  # week 1: the tricky entry is the newest
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_it)
