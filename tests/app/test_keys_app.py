"""You always see what a key will do: every key a screen accepts is in its footer or its
``?`` list, no footer cuts a word, and the highlight never sits out of sight."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets._footer import FooterKey

from practice_tui.app import PracticeApp
from practice_tui.screens.entry import EntryScreen
from practice_tui.screens.help import HelpScreen
from practice_tui.screens.journal import JournalScreen
from practice_tui.screens.keys import KeysScreen
from practice_tui.screens.reflect import ReflectScreen, Writing
from practice_tui.screens.timer import OTHER, TimerScreen
from practice_tui.screens.week import WeekScreen
from practice_tui.widgets.choice_row import ChoiceRow
from practice_tui.widgets.entry_list import LINES_PER_ENTRY, EntryList
from practice_tui.widgets.key_footer import KeyFooter, screen_keys
from practice_tui.widgets.page_options import PageOptions
from tests.app.harness import make_app, settled
from tests.app.journal_fixtures import Written, write

NAVIGATION = ("down", "down", "pagedown", "end", "up", "pageup", "home", "up", "down")

Visit = Callable[[PracticeApp, object], Awaitable[None]]


def keys_visit(*keys: str) -> Visit:
    async def visit(app: PracticeApp, pilot) -> None:
        await pilot.press(*keys)
        await settled(pilot)

    return visit


async def an_exercise(app: PracticeApp, pilot) -> None:
    exercise = app.services.course.exercise("research-evidence")
    await app.push_screen(ReflectScreen(Writing.exercise(exercise)))
    await settled(pilot)


#: Every screen, reached as a person would (with a few entries in the journal).
SCREENS: dict[str, Visit] = {
    "home": keys_visit(),
    **{f"week {n}": keys_visit(str(n)) for n in range(1, 7)},
    "practice, before": keys_visit("1", "enter"),
    "practice, playing": keys_visit("g", "enter"),
    "timer, setting": keys_visit("t"),
    "timer, running": keys_visit("t", "enter"),
    "journal": keys_visit("j"),
    "journal, trash": keys_visit("j", "T"),
    "entry": keys_visit("j", "enter"),
    "entry, editing": keys_visit("j", "enter", "e"),
    "exercise": an_exercise,
    "settings": keys_visit("comma"),
    "progress": keys_visit("P"),
    "next steps": keys_visit("a"),
    "export": keys_visit("x"),
    "help": keys_visit("f1"),
}


def a_journal(folder: Path) -> None:
    write(
        folder,
        [
            Written(
                f"Entry {n}: the ward was loud, and I came back to my breath.",
                week=n % 6 + 1,
                at=datetime(2026, 1, 5 + n, 9, 0, tzinfo=UTC),
            )
            for n in range(12)
        ],
    )


def footer_keys(app: PracticeApp) -> list[FooterKey]:
    return list(app.screen.query_one(KeyFooter).query(FooterKey))


def footer_text(app: PracticeApp) -> str:
    return "  ".join(f"{key.key_display} {key.description}" for key in footer_keys(app))


def highlight_region(widget: Widget) -> Region | None:
    """Where the highlighted thing is on the screen: a list's highlighted line, an entry
    list's cursor, or the focused widget itself."""
    box = widget.content_region
    if isinstance(widget, OptionList):
        if widget.highlighted is None:
            return None
        widget._update_lines()
        line = widget._index_to_line[widget.highlighted] - int(widget.scroll_y)
        return Region(box.x, box.y + line, box.width, widget._heights[widget.highlighted])
    if isinstance(widget, EntryList):
        if not widget.total:
            return None
        line = widget._layout.line_of(widget.cursor) - int(widget.scroll_y)
        return Region(box.x, box.y + line, box.width, LINES_PER_ENTRY)
    return widget.region


def assert_highlight_on_screen(app: PracticeApp, where: str) -> None:
    focused = app.focused
    if focused is None:
        return
    region = highlight_region(focused)
    if region is None:
        return
    width, height = app.size
    # Between the header and the footer.
    window = Region(0, 1, width, height - 2)
    assert window.contains_region(region), f"{where}: {focused!r} at {region} is out of sight"


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_key_is_in_the_footer_or_the_keys_list_and_the_highlight_stays_in_sight(
    private_folders: Path, name: str
) -> None:
    a_journal(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await SCREENS[name](app, pilot)
        screen = app.screen
        entries = screen_keys(screen)
        assert entries, name

        # The footer: each key whole, inside the footer, none over another; ? always there.
        footer = screen.query_one(KeyFooter)
        keys = footer_keys(app)
        if not isinstance(screen, HelpScreen):  # where ? closes the help
            assert any(key.description == "Keys" for key in keys), name
        spans = sorted((key.region.x, key.region.right) for key in keys)
        for key in keys:
            assert footer.region.contains_region(key.region), f"{name}: {key.description} cut"
            assert key.region.width == len(key.key_display) + len(key.description) + 3
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))

        # The ? list: every key the screen's own BINDINGS give it now, with what it does.
        shown = footer_text(app)
        # The key the footer shows for the list (F3 where ? would be typed into a box).
        [keys_key] = [key.key for key in keys if key.description == "Keys"] or ["f3"]
        await pilot.press(keys_key)
        await pilot.pause()
        overlay = app.screen
        assert isinstance(overlay, KeysScreen), name
        listed = "\n".join(str(static.render()) for static in overlay.query(Static))
        for entry in entries:
            if entry.action.endswith("keys"):
                continue
            line = rf"(?m)^\s*{re.escape(entry.key_text)}\s{{2,}}{re.escape(entry.description)}"
            in_list = re.search(line, listed) is not None
            assert in_list or f"{entry.keys[0]} {entry.description}" in shown, (
                f"{name}: {entry.key_text} {entry.description!r} is nowhere"
            )
        for binding in type(screen).BINDINGS:
            active = screen.active_bindings
            keys_of = [
                key for key, found in active.items() if found.binding.action == binding.action
            ]  # type: ignore[union-attr]
            for key in keys_of:
                assert active[key].binding.description in listed, f"{name}: {key} missing"
        assert overlay.screen_title == (screen.sub_title or "Home")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        # Every navigation key leaves the highlight in sight.
        if not isinstance(app.focused, Input):
            for key in NAVIGATION:
                await pilot.press(key)
                await pilot.pause()
                if app.screen is not screen:
                    break
                assert_highlight_on_screen(app, f"{name} after {key}")


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
@pytest.mark.parametrize("number", [1, 2, 6])
async def test_the_week_highlight_is_only_ever_on_an_item_in_sight(
    private_folders: Path, size: tuple[int, int], number: int
) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=size) as pilot:
        await pilot.press(str(number))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WeekScreen)
        agenda = screen.query_one("#agenda", PageOptions)
        page = screen.query_one("#week")
        seen_items: set[int] = set()

        # ↓ enough times to read the whole page and reach every item, however long the
        # week's words are at this size; then ↑ as many; then the paging keys.
        reach = int(page.max_scroll_y) + len(agenda.options) + 2
        keys = ["down"] * reach + ["up"] * reach + ["pagedown"] * 6 + ["pageup"] * 6
        for key in [*keys, "end", "home"]:
            await pilot.press(key)
            await pilot.pause()
            assert_highlight_on_screen(app, f"week {number} after {key}")
            if agenda.highlighted is not None:
                seen_items.add(agenda.highlighted)
                item = screen.week.agenda[agenda.highlighted]
                footer = footer_text(app)
                assert ("Enter Play practice" in footer) == (item.kind.name == "PRACTICE")
                assert ("Enter Open exercise" in footer) == (item.kind.name == "EXERCISE")
            else:
                assert "Enter Play" not in footer_text(app)
        playable = {i for i, option in enumerate(agenda.options) if not option.disabled}
        assert seen_items == playable  # ↓ reaches every item, reading the page on the way
        await pilot.press("home")
        await pilot.pause()
        assert page.scroll_y == 0  # the introduction is back at the top


async def test_enter_on_the_week_opens_the_item_in_sight(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        agenda = screen.query_one("#agenda", PageOptions)
        assert agenda.highlighted is None  # the agenda is below the introduction
        await pilot.press("enter")
        assert app.screen is screen  # nothing unseen opens
        while agenda.highlighted is None:
            await pilot.press("down")
            await pilot.pause()
        item = screen.week.agenda[agenda.highlighted]
        assert agenda.is_seen(agenda.highlighted)
        await pilot.press("enter")
        await pilot.pause()
        assert getattr(app.screen, "practice", None) is not None
        assert app.screen.practice.id == item.ref


async def test_a_number_typed_on_the_minutes_row_goes_into_the_box(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, TimerScreen)
        row = screen.query_one("#length-row", ChoiceRow)
        assert [value for _, value in row.choices][:3] == [1, 2, 3]  # a pause at the desk
        await pilot.press("2", "5")
        box = screen.query_one("#custom-minutes", Input)
        assert row.value == OTHER and box.display and box.value == "25"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.timer is not None
        assert screen.timer.time_left() == pytest.approx(25 * 60)


async def test_the_keys_list_opens_the_whole_help(private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_trash_is_called_trash_where_that_is_what_happens(private_folders: Path) -> None:
    a_journal(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await settled(pilot)
        assert isinstance(app.screen, JournalScreen)
        for key in ("Enter Open", "s Star", "d Trash", "x Export"):
            assert key in footer_text(app)
        await pilot.press("d")
        await settled(pilot)
        assert "u Undo" in footer_text(app)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert "d Trash" in footer_text(app) and "Delete" not in footer_text(app)


async def test_every_dialog_sits_over_its_screen_dimmed(private_folders: Path) -> None:
    """Each kind of dialog: its own screen is see-through, so the screen it belongs to
    shows dimmed beneath it, never a blank one."""
    from practice_tui.screens.ask import AskText
    from practice_tui.screens.confirm import Confirm

    app, _ = make_app(private_folders)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "enter", "s")  # the Stop question over a practice
        await pilot.pause()
        dialogs = [app.screen]
        await pilot.press("escape")
        for dialog in (Confirm("Sure?", "Really."), AskText("Name", "A name:", "")):
            await app.push_screen(dialog)
            await pilot.pause()
            dialogs.append(app.screen)
            await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        dialogs.append(app.screen)
        for dialog in dialogs:
            assert dialog.is_modal, dialog
            assert 0 < dialog.styles.background.a < 1, dialog


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
async def test_a_notice_sits_in_the_corner_clear_of_the_words(
    private_folders: Path, size: tuple[int, int]
) -> None:
    """One notice at a time, in the top-right corner over the end of the header: never over
    a practice's words, an entry's text or a key in the footer."""
    from textual.widgets._toast import Toast

    a_journal(private_folders)
    app, _ = make_app(private_folders)
    notice = "Saved to your journal."
    async with app.run_test(size=size, notifications=True) as pilot:
        await settled(pilot)

        async def toast_region() -> Region:
            await pilot.pause()
            toasts = list(app.screen.query(Toast))
            assert len(toasts) == 1, [(t._notification.message, t.region) for t in toasts]
            [toast] = toasts
            return toast.region

        await pilot.press("g", "enter")
        await pilot.pause()
        words = app.screen.query_one("#words")
        app.notify("An earlier notice.")
        app.notify(notice)
        region = await toast_region()  # one at a time: the earlier one is gone
        assert not region.overlaps(words.region)
        assert region.y == 0 and region.right == size[0]
        assert not region.overlaps(app.screen.query_one(KeyFooter).region)
        await pilot.press("s", "y")
        await settled(pilot)
        await pilot.press("escape", "y")
        await settled(pilot)
        await pilot.press("j", "enter")
        await settled(pilot)
        assert isinstance(app.screen, EntryScreen)
        app.notify(notice)
        region = await toast_region()
        assert region.y == 0 and region.right == size[0]
        for text in app.screen.query(".answer-text"):
            assert not region.overlaps(text.region)


async def test_the_help_tables_fit_at_60_columns(private_folders: Path) -> None:
    """Every key table in the help wraps its cells within the screen: nothing to scroll
    sideways for, no word cut at the edge."""
    from textual.widgets._markdown import MarkdownTable

    app, _ = make_app(private_folders)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("f1")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HelpScreen)
        tables = list(app.screen.query(MarkdownTable))
        assert len(tables) >= 5
        for table in tables:
            assert table.virtual_size.width <= table.size.width, table
            assert table.outer_size.width <= 60


async def test_an_exercise_opens_at_its_introduction_and_typing_begins_the_answer(
    private_folders: Path,
) -> None:
    """The evidence is read first; the focus is never out of sight; a letter typed goes into
    the first answer, which comes into view."""
    from textual.containers import VerticalScroll
    from textual.widgets import TextArea

    app, _ = make_app(private_folders)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await an_exercise(app, pilot)
        await pilot.pause()
        page = app.screen.query_one("#reflect", VerticalScroll)
        answer = app.screen.query_one("#answer-0", TextArea)
        assert page.scroll_y == 0
        assert app.focused is page  # the answer is below the introduction, out of sight
        await pilot.press("I", "space", "s", "a", "w")
        await pilot.pause()
        assert answer.text == "I saw" and app.focused is answer
        assert page.region.contains_region(answer.region)
