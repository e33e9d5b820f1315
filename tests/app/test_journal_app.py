"""The Journal screen: grouped list, filters, search, editing, stars and the trash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Input, Static

from practice_tui.app import StartAt
from practice_tui.journal.models import Answer
from practice_tui.journal.query import EntryQuery
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.entry import TRASHED_NOTICE, EditEntryScreen, EntryScreen
from practice_tui.screens.journal import JournalScreen
from practice_tui.screens.journal_filters import DatesDialog, PracticePicker
from practice_tui.widgets.entry_list import PAGE_SIZE, EntryList
from tests.app.harness import make_app, settled
from tests.app.journal_fixtures import TRICKY_TEXT, Written, a_few_weeks, journal_at, write


def entry_list(app) -> EntryList:
    return app.screen.query_one(EntryList)


def status(app) -> str:
    return str(app.screen.query_one("#journal-status", Static).render())


def shown_ids(app) -> list[str]:
    listing = entry_list(app)
    return [row.id for index in range(listing.total) if (row := listing.row(index))]


def notices(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def open_journal(pilot) -> None:
    await pilot.pause()
    await pilot.press("j")
    await pilot.pause()
    assert isinstance(pilot.app.screen, JournalScreen)


async def open_editor(pilot) -> None:
    """Open the journal and the editor of the first entry in it."""
    await open_journal(pilot)
    await pilot.press("enter", "e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditEntryScreen)


async def test_entries_are_grouped_by_programme_week_then_newest_first(
    private_folders: Path,
) -> None:
    ones_tension, week_2, ones_jaw, imported = a_few_weeks(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        listing = entry_list(app)
        assert listing.groups == [(2, 1), (1, 2), (None, 1)]
        assert shown_ids(app) == [week_2.id, ones_jaw.id, ones_tension.id, imported.id]
        assert status(app).startswith("4 entries · by programme week")
        assert listing.has_focus
        headings = [listing.render_line(y).text.strip() for y in (0, 4, 10)]
        assert headings[0].startswith("Week 2 · ")
        assert headings[1].startswith("Week 1 · ")
        assert headings[2] == "Not tied to a week · 1 entry"
        first = listing.render_line(1).text
        assert "Mon 12 Jan 2026, 20:30" in first and "Kindness to self and others" in first
        assert "10 min" in first

        await pilot.press("c")  # calendar weeks instead
        assert listing.groups == [("2026-01-12", 1), ("2026-01-05", 2), ("2025-10-27", 1)]
        assert listing.render_line(0).text.startswith("Week of Mon 12 Jan 2026")
        assert "by calendar week" in status(app)


async def test_filters_for_week_practice_dates_and_stars(private_folders: Path) -> None:
    ones_tension, _, ones_jaw, imported = a_few_weeks(private_folders)
    with journal_at(private_folders) as journal:
        journal.entries.set_starred(ones_jaw.id, True)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        await pilot.press("w")
        assert shown_ids(app) == [ones_jaw.id, ones_tension.id]
        assert "filtered by week 1" in status(app)
        await pilot.press(*"wwwww", "w")  # weeks 2 to 6, then entries tied to no week
        assert shown_ids(app) == [imported.id]
        assert "filtered by no week" in status(app)
        await pilot.press("w")
        assert app.screen.query_filters.week is None and entry_list(app).total == 4

        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PracticePicker)
        await pilot.press("down", "enter")  # below "All", by name: Breathing Space first
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert shown_ids(app) == [ones_jaw.id, ones_tension.id]
        assert "filtered by Breathing Space" in status(app)

        await pilot.press("asterisk")
        assert shown_ids(app) == [ones_jaw.id]
        assert "starred" in status(app)

        await pilot.press("escape")  # clears every filter
        assert entry_list(app).total == 4 and "filtered" not in status(app)

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, DatesDialog)
        await pilot.press(*"next tuesday", "enter")  # not a date: the dialog stays
        assert isinstance(app.screen, DatesDialog)
        app.screen.query_one(Input).value = "2026-01-05 to 2026-01-11"
        await pilot.press("enter")
        await pilot.pause()
        assert shown_ids(app) == [ones_jaw.id, ones_tension.id]
        assert "5 Jan – 11 Jan 2026" in status(app)

        await pilot.press("escape", "escape")  # clear, then back to Home
        assert not isinstance(app.screen, JournalScreen)


async def test_search_takes_any_text_and_picks_out_the_matches_with_styles(
    private_folders: Path,
) -> None:
    a_few_weeks(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        await pilot.press("slash")
        assert app.screen.query_one("#journal-search", Input).has_focus
        await pilot.press(*"tens", "enter")
        listing = entry_list(app)
        assert listing.total == 3 and listing.has_focus
        assert "“tens”" in status(app)
        match_style = listing.get_component_rich_style("entry-list--match")
        words_line = listing.render_line(2)  # the first entry's words, under its heading
        picked = [
            seg.text for seg in words_line if seg.style and seg.style.bgcolor == match_style.bgcolor
        ]
        assert picked == ["Tension"]
        assert "[" not in "".join(picked)

        for text in ['"unfinished', 'he said "stop" [bold]', "AND OR NOT NEAR(", "*^:", "🙂"]:
            await pilot.press("slash")
            app.screen.query_one("#journal-search", Input).value = text
            await pilot.press("enter")
            assert app.screen.query_filters.search == text  # no error, whatever was typed
        assert entry_list(app).total == 0
        assert "No entries match" in entry_list(app).empty_text
        assert "No entries match" in entry_list(app).render_line(1).text


async def test_a_long_search_is_shortened_in_the_status_line(private_folders: Path) -> None:
    a_few_weeks(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        await pilot.press("slash")
        app.screen.query_one("#journal-search", Input).value = "tension " * 200
        await pilot.press("enter")
        assert app.screen.query_filters.search == "tension " * 200  # searched for in full
        line = status(app)
        assert "“tension tension" in line and "…”" in line
        assert line.endswith("· by programme week · Esc clears") and len(line) <= 100


async def test_an_entry_opens_whole_and_literal(private_folders: Path) -> None:
    [entry] = write(private_folders, [Written(TRICKY_TEXT)])
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        line = entry_list(app).render_line(2).text
        assert "[bold]not bold[/]" in line
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen) and app.screen.entry.id == entry.id
        [answer] = app.screen.query(".answer-text").results(Static)
        shown = str(answer.render())
        assert "[bold]not bold[/] and [/] and [link=https://x]" in shown
        assert "\x1b" not in shown and "␛[31mnot red" in shown
        assert "思いやり" in shown and "الرحمة" in shown and "חמלה" in shown


async def test_editing_keeps_the_time_of_the_change(private_folders: Path) -> None:
    [entry] = write(private_folders, [Written("First words.")])
    app, clock = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        clock.advance(3600)
        await pilot.press("end", *" And [more].")
        await pilot.press("escape")  # changed: asks first
        await pilot.pause()
        await pilot.press("escape")  # …and Escape there means keep editing
        assert isinstance(app.screen, EditEntryScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        details = str(app.screen.query_one("#entry-details", Static).render())
        assert "edited" in details

    with journal_at(private_folders) as journal:
        saved = journal.entries.get(entry.id)
    assert saved is not None
    assert saved.answers[0].answer == "First words. And [more]."
    assert saved.edited_at is not None
    assert datetime.fromisoformat(saved.edited_at) == clock.wall()  # the moment of the save
    assert saved.created_at == entry.created_at


async def test_an_entry_with_odd_line_ends_is_not_changed_by_opening_its_editor(
    private_folders: Path,
) -> None:
    # Text from elsewhere (a jrnl import, a Windows paste) can hold lone CRs, vertical tabs or
    # U+2028, which the editor shows as line breaks: looking is not changing.
    odd = "Pasted:\r\nline two\rold Mac line\x0bvertical tab\u2028line sep"
    with journal_at(private_folders) as journal:
        entry = journal.entries.add(
            answers=[Answer("First?", odd), Answer("Second?", "second")], week=1
        )
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press("escape")  # nothing typed: leaves at once, asks nothing
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)

        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "end", *" more", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)

    with journal_at(private_folders) as journal:
        saved = journal.entries.get(entry.id)
        assert not journal.drafts.all()
    assert saved is not None
    assert [answer.answer for answer in saved.answers] == [odd, "second more"]


async def test_leaving_an_edit_can_discard_the_changes(private_folders: Path) -> None:
    [entry] = write(private_folders, [Written("Keep me as I am.")])
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter", "e")
        await pilot.pause()
        await pilot.press(*"xyz", "escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
    with journal_at(private_folders) as journal:
        saved = journal.entries.get(entry.id)
    assert saved is not None and saved.answers == entry.answers and saved.edited_at is None


async def test_starring_from_the_entry_and_from_the_list(private_folders: Path) -> None:
    first, second = write(
        private_folders,
        [Written("One."), Written("Two.", at=datetime(2026, 1, 6, 9, 0, tzinfo=UTC))],
    )
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter", "s")
        assert app.screen.entry.starred
        await pilot.press("escape")
        await pilot.pause()
        assert "★" in entry_list(app).render_line(1).text
        await pilot.press("down", "s")
        await pilot.press("asterisk")
        assert entry_list(app).total == 2
        await pilot.press("s")  # takes the star away again
        assert shown_ids(app) == [first.id]
    with journal_at(private_folders) as journal:
        assert journal.entries.get(first.id).starred  # type: ignore[union-attr]
        assert not journal.entries.get(second.id).starred  # type: ignore[union-attr]


async def test_deleting_moves_to_the_trash_and_says_how_to_undo(private_folders: Path) -> None:
    first, second = write(
        private_folders,
        [Written("One."), Written("Two.", at=datetime(2026, 1, 6, 9, 0, tzinfo=UTC))],
    )
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        await pilot.press("d")  # from the list
        assert shown_ids(app) == [first.id]
        assert TRASHED_NOTICE in notices(app)
        assert TRASHED_NOTICE == "Moved to the trash. Press u to undo, or find it under Trash (T)."
        first_notice = list(app._notifications)
        await pilot.press("u")
        assert shown_ids(app) == [second.id, first.id]

        await pilot.press("down", "enter", "d")  # from the entry itself
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert shown_ids(app) == [second.id]
        # Shown a second time, one notice at a time: a new one in place of the first.
        assert notices(app).count(TRASHED_NOTICE) == 1 and len(notices(app)) == 1
        assert list(app._notifications) != first_notice
        await pilot.press("u")
        assert shown_ids(app) == [second.id, first.id]
    with journal_at(private_folders) as journal:
        assert journal.entries.count() == 2


async def test_the_trash_restores_and_deletes_for_good_once_asked(private_folders: Path) -> None:
    one, two, three = write(
        private_folders,
        [
            Written("One."),
            Written("Two.", at=datetime(2026, 1, 6, 9, 0, tzinfo=UTC)),
            Written("Three.", at=datetime(2026, 1, 7, 9, 0, tzinfo=UTC)),
        ],
    )
    with journal_at(private_folders) as journal:
        for entry in (one, two, three):
            journal.entries.trash(entry.id)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        assert entry_list(app).total == 0
        assert "Your journal is empty" in entry_list(app).render_line(1).text
        await pilot.press("T")
        assert app.screen.in_trash and entry_list(app).total == 3
        assert status(app).startswith("Trash · 3 entries")
        assert not app.screen.query_one("#journal-search", Input).display

        await pilot.press("r")  # the newest deleted first: all share a moment, so by row
        restored = [e.id for e in (one, two, three) if e.id not in shown_ids(app)]
        assert len(restored) == 1 and entry_list(app).total == 2

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert entry_list(app).total == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert entry_list(app).total == 1

        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert entry_list(app).total == 0
        assert "The trash is empty" in entry_list(app).render_line(1).text
        await pilot.press("T")
        assert shown_ids(app) == restored
    with journal_at(private_folders) as journal:
        assert journal.entries.count() == 1
        assert journal.entries.count(EntryQuery(trashed=True)) == 0


async def test_moving_through_a_long_journal_page_by_page(private_folders: Path) -> None:
    start = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
    count = PAGE_SIZE * 3 + 7
    saved = write(
        private_folders,
        [Written(f"Day {n}.", week=None, at=start + timedelta(days=n)) for n in range(count)],
    )
    newest_first = [entry.id for entry in reversed(saved)]
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        listing = entry_list(app)
        assert listing.total == count and listing.virtual_size.height == 1 + 2 * count
        await pilot.press("end")
        assert listing.current.id == newest_first[-1]  # type: ignore[union-attr]
        assert listing.scroll_offset.y == listing.max_scroll_y
        await pilot.press("home", "down", "down")
        assert listing.current.id == newest_first[2]  # type: ignore[union-attr]
        await pilot.press("pagedown")
        assert listing.cursor > 2
        await pilot.press("up")
        moved = listing.cursor
        await pilot.press("home")
        await pilot.click(EntryList, offset=(10, 3))  # the second entry's first line
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.entry.id == newest_first[1]
        assert moved > 1
        # Only a few pages are ever read, however long the journal.
        assert len(listing._pages) <= 8


async def test_a_narrow_terminal_still_shows_the_list(private_folders: Path) -> None:
    a_few_weeks(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_journal(pilot)
        listing = entry_list(app)
        assert listing.region.height >= 10 and listing.region.width == 60
        assert app.screen.query_one("#journal-status").region.height >= 1
        assert app.screen.query_one("#journal-search").region.height == 1
        line = listing.render_line(1).text  # when, what and how long: too long for 60
        assert len(line) <= 58 and line.endswith("…")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)


async def test_an_entry_of_100_kb_opens_and_scrolls(private_folders: Path) -> None:
    words = ("Long reflections [bold]stay[/] literal 🙂 思いやり. " * 2400)[: 100 * 1024]
    [entry] = write(private_folders, [Written(words)])
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        assert entry_list(app).render_line(2).text.strip().startswith("Long reflections [bold]")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        [answer] = app.screen.query(".answer-text").results(Static)
        assert str(answer.render()) == words
        assert answer.region.height > 1000
        await pilot.press("end")
        await pilot.pause()
        scroller = app.screen.query_one("#entry")
        assert scroller.scroll_offset.y > 1000
        assert app.screen.entry.id == entry.id


async def test_the_journal_command_opens_the_app_on_the_journal(
    private_folders: Path, monkeypatch
) -> None:
    a_few_weeks(private_folders)
    app, _ = make_app(private_folders, StartAt(screen="journal"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert entry_list(app).total == 4
        await pilot.press("escape")
        assert not isinstance(app.screen, JournalScreen)  # Home is underneath

    asked: list[StartAt | None] = []
    monkeypatch.setattr(
        "practice_tui.cli.opening.open_app",
        lambda data_dir=None, start=None: asked.append(start) or 0,
    )
    from practice_tui.cli.commands import main

    result = CliRunner().invoke(main, ["journal"])
    assert result.exit_code == 0, result.output
    assert asked == [StartAt(screen="journal")]


async def test_entries_another_window_writes_appear_in_an_open_journal(
    private_folders: Path,
) -> None:
    a_few_weeks(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        screen = app.screen
        assert entry_list(app).total == 4
        screen._check_other_windows()  # the timer's first look: nothing new
        await settled(pilot)
        assert entry_list(app).total == 4
        with journal_at(private_folders) as other_window:
            other_window.entries.add(answers=[Answer("q", "written in another window")])
        screen._check_other_windows()  # what the timer does every couple of seconds
        await settled(pilot)
        await pilot.pause()
        assert entry_list(app).total == 5
        assert "5 entries" in status(app)


async def test_empty_trash_and_starred_filter_say_what_is_going_on(private_folders: Path) -> None:
    a_few_weeks(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        await pilot.press("asterisk")
        await pilot.pause()
        assert entry_list(app).total == 0
        assert "Press s on an entry to star it" in entry_list(app).empty_text
        await pilot.press("asterisk", "T")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        assert "The trash is already empty." in notices(app)
