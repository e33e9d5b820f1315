"""The Export screen: format and filters, a literal preview, and a file written privately,
never over another without asking."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from practice_tui.journal.query import EntryQuery
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.export import ExportScreen
from practice_tui.screens.journal import JournalScreen
from tests.app.harness import make_app
from tests.app.journal_fixtures import TRICKY_TEXT, Written, write


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with a Documents folder in it."""
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def settle(pilot) -> None:
    """Let the preview's worker finish and its result be drawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_export(pilot) -> ExportScreen:
    await pilot.pause()
    await pilot.press("x")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


@asynccontextmanager
async def export_screen(folder: Path) -> AsyncIterator[tuple[Pilot, ExportScreen]]:
    """The app on a journal of two entries, with the Export screen open."""
    two_entries(folder)
    app, _ = make_app(folder)
    async with app.run_test(size=(110, 50)) as pilot:
        yield pilot, await open_export(pilot)


def two_entries(folder: Path) -> None:
    write(
        folder,
        [
            Written(TRICKY_TEXT, week=1),
            Written("A quiet walk at lunch.", name="Kindness", practice_id="kindness", week=2),
        ],
    )


async def test_x_opens_export_with_a_literal_preview(private_folders: Path, home: Path) -> None:
    async with export_screen(private_folders) as (pilot, screen):
        app = pilot.app
        path = Path(screen.query_one("#export-path", Input).value)
        assert path.parent == home / "Documents" and path.suffix == ".md"
        assert path.name.startswith("reflection-log-20")
        assert text_of(app, "#export-summary").startswith("2 entries to export.")
        preview = text_of(app, "#export-preview-text")
        assert preview.startswith("# My reflection log")
        # Shown as written: markup stays text, escapes and bells are shown, not obeyed.
        assert "[bold]not bold[/]" in preview and "[link=https://x]" in preview
        assert "␛[31mnot red␛[0m" in preview and "␇" in preview
        assert "\x1b" not in preview


async def test_format_and_filters_change_the_preview_and_the_name(
    private_folders: Path, home: Path
) -> None:
    async with export_screen(private_folders) as (pilot, screen):
        app = pilot.app
        await pilot.press("right")  # Markdown -> HTML
        await settle(pilot)
        assert screen.query_one("#export-path", Input).value.endswith(".html")
        # The page as its text, not its tags.
        html_preview = text_of(app, "#export-preview-text")
        assert html_preview.startswith("My reflection log")
        assert "<" not in html_preview and "A quiet walk at lunch." in html_preview
        await pilot.press("down", "right", "right")  # Week: any -> 1 -> 2
        await settle(pilot)
        assert screen.export_query == EntryQuery(week=2)
        assert text_of(app, "#export-summary") == "1 entry to export. Only entries from week 2."
        screen.query_one("#export-search", Input).value = "zebra"
        await pilot.pause(0.5)
        await settle(pilot)
        assert text_of(app, "#export-summary").startswith("0 entries to export.")


async def test_export_writes_a_private_file_and_says_where(
    private_folders: Path, home: Path
) -> None:
    async with export_screen(private_folders) as (pilot, screen):
        app = pilot.app
        target = home / "log.md"
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#export-result") == f"Your export is at {target}."
        assert oct(target.stat().st_mode & 0o777) == oct(0o600)
        assert "A quiet walk at lunch." in target.read_text(encoding="utf-8")
        assert [p.name for p in home.iterdir() if p.name.startswith(".")] == []


async def test_an_existing_file_is_replaced_only_when_asked(
    private_folders: Path, home: Path
) -> None:
    target = home / "log.md"
    target.write_text("precious")
    async with export_screen(private_folders) as (pilot, screen):
        app = pilot.app
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert target.read_text() == "precious" and text_of(app, "#export-result") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("# My reflection log")
        assert text_of(app, "#export-result") == f"Your export is at {target}."


async def test_a_missing_folder_is_said_in_one_sentence(private_folders: Path, home: Path) -> None:
    async with export_screen(private_folders) as (pilot, screen):
        app = pilot.app
        screen.query_one("#export-path", Input).value = str(home / "nowhere" / "log.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#export-result") == (
            f"There is no folder {home / 'nowhere'}; choose another place."
        )
        assert not (home / "nowhere").exists()


async def test_from_the_journal_the_export_keeps_its_filters(
    private_folders: Path, home: Path
) -> None:
    two_entries(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        journal_screen = app.screen
        assert isinstance(journal_screen, JournalScreen)
        journal_screen.query_filters = EntryQuery(practice_id="kindness", search="walk")
        screen = await open_export(pilot)
        assert screen.query_one("#export-search", Input).value == "walk"
        assert screen.export_query == EntryQuery(practice_id="kindness", search="walk")
        assert text_of(app, "#export-summary").startswith("1 entry to export. Only entries")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is journal_screen


async def test_none_is_named_notes_not_tied_to_a_week(private_folders: Path, home: Path) -> None:
    async with export_screen(private_folders) as (_pilot, screen):
        row = screen.query_one("#export-week")
        assert "notes not tied to a week" in str(row.render())
        assert "none" not in str(row.render())


async def test_export_remembers_the_folder_and_offers_to_show_it(
    private_folders: Path, home: Path
) -> None:
    from textual.widgets import Button

    shown: list[Path] = []
    folder = home / "exports"
    folder.mkdir()
    two_entries(private_folders)
    app, _ = make_app(private_folders)
    app.services.show_folder = lambda path: shown.append(path) or True
    async with app.run_test(size=(110, 50)) as pilot:
        screen = await open_export(pilot)
        button = screen.query_one("#show-folder", Button)
        assert not button.display  # nothing written yet
        screen.query_one("#export-path", Input).value = str(folder / "log.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert button.display
        button.press()
        await settle(pilot)
        assert shown == [folder]
        assert app.services.preferences.export_folder == str(folder)
        await pilot.press("escape")
        screen = await open_export(pilot)
        assert Path(screen.query_one("#export-path", Input).value).parent == folder


async def test_no_desktop_no_offer_to_show_the_folder(private_folders: Path, home: Path) -> None:
    from textual.widgets import Button

    async with export_screen(private_folders) as (pilot, screen):
        screen.query_one("#export-path", Input).value = str(home / "log.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(pilot.app, "#export-result") == f"Your export is at {home / 'log.md'}."
        assert not screen.query_one("#show-folder", Button).display
