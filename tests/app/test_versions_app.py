"""An entry's earlier versions on screen: an edit made in the app is listed, shown literally,
and Enter brings a version back, keeping the words it replaced."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from practice_tui.journal.models import Answer
from practice_tui.screens.entry import EditEntryScreen, EntryScreen
from practice_tui.screens.journal import JournalScreen
from practice_tui.screens.versions import NO_VERSIONS, VersionsScreen
from practice_tui.widgets.long_text import PART_CHARS, LongText
from tests.app.harness import make_app
from tests.app.journal_fixtures import Written, journal_at, write


async def open_entry(pilot) -> None:
    await pilot.pause()
    await pilot.press("j")
    await pilot.pause()
    assert isinstance(pilot.app.screen, JournalScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EntryScreen)


async def open_versions(pilot) -> VersionsScreen:
    await pilot.press("v")
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, VersionsScreen)
    return screen


async def test_an_edit_in_the_app_is_listed_and_can_be_brought_back(
    private_folders: Path,
) -> None:
    [entry] = write(private_folders, [Written("First words \x1b[31m[bold]as typed[/].")])
    app, clock = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_entry(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditEntryScreen)
        clock.advance(3600)
        await pilot.press("end", *" Then more.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)

        versions = await open_versions(pilot)
        listing = versions.query_one("#version-list", OptionList)
        assert listing.option_count == 1
        label = str(listing.get_option_at_index(0).prompt)
        assert "kept when the entry was edited" in label
        await pilot.pause()
        shown = str(versions.query_one(".version-text", Static).render())
        assert "First words ␛[31m[bold]as typed[/]." in shown and "\x1b" not in shown

        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        [answer] = app.screen.query(".answer-text").results(Static)
        assert "First words" in str(answer.render())

    with journal_at(private_folders) as journal:
        now = journal.entries.get(entry.id)
        kept = journal.revisions.of(entry.id)
    assert now is not None and now.answers[0].answer == "First words \x1b[31m[bold]as typed[/]."
    assert [(r.answers[0].answer, r.reason) for r in kept] == [
        ("First words \x1b[31m[bold]as typed[/]. Then more.", "restore"),
        ("First words \x1b[31m[bold]as typed[/].", "edit"),
    ]


async def test_an_entry_never_changed_says_so(private_folders: Path) -> None:
    write(private_folders, [Written("Only words.")])
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_entry(pilot)
        versions = await open_versions(pilot)
        assert str(versions.query_one("#versions-hint", Static).render()) == NO_VERSIONS
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)


async def test_a_very_long_version_is_shown_a_part_at_a_time(private_folders: Path) -> None:
    [entry] = write(private_folders, [Written("x " * 1_000_000)])
    with journal_at(private_folders) as journal:
        journal.entries.update(entry.id, [Answer("What did you notice?", "Short now.")])
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_entry(pilot)
        versions = await open_versions(pilot)
        await pilot.pause()
        [long] = versions.query(LongText).results(LongText)
        assert len(long.bounds) > 1 and len(long.shown_text) <= PART_CHARS
