"""Every word on every screen meets WCAG AA (4.5:1) against its background, in every theme,
and under NO_COLOR: measured on what is drawn, so a colour from any stylesheet (app.tcss,
screens/*.tcss, a widget's DEFAULT_CSS, a "dim" in the code) is caught."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import import_module
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from practice_tui.app import PracticeApp
from practice_tui.themes import THEMES
from tests.app.harness import make_app, settled
from tests.app.journal_fixtures import a_few_weeks
from tests.support.contrast import AA, contrast, faint_text

#: Tall, so each screen shows all it holds (contrast does not depend on the size).
TALL = (100, 70)

Visit = Callable[[PracticeApp, Pilot], Awaitable[None]]


def pressing(name: str, *keys: str) -> Visit:
    """A stop reached by pressing ``keys``."""

    async def visit(app: PracticeApp, pilot: Pilot) -> None:
        await pilot.press(*keys)
        await settled(pilot)

    visit.__name__ = name
    return visit


def showing(name: str, make: Callable[[PracticeApp], Screen[object]]) -> Visit:
    """A stop reached by opening the screen ``make(app)`` makes."""

    async def visit(app: PracticeApp, pilot: Pilot) -> None:
        app.push_screen(make(app))
        await settled(pilot)

    visit.__name__ = name
    return visit


def _practice(app: PracticeApp) -> Screen[object]:
    from practice_tui.screens.practice import PracticeScreen

    return PracticeScreen(app.services.course.practice("compassionate-listening"))


def _journal(app: PracticeApp) -> Screen[object]:
    from practice_tui.screens.journal import JournalScreen

    app.pop_screen()  # the reflection
    return JournalScreen()


async def practice_closing(app: PracticeApp, pilot: Pilot) -> None:
    await pilot.press("escape", "space")  # carry on, and resume
    for _ in range(20):
        if app.screen.has_class("-closing"):
            break
        await pilot.press("n")
    await settled(pilot)
    assert app.screen.has_class("-closing")


async def notices(app: PracticeApp, pilot: Pilot) -> None:
    app.notify("Saved to your journal.")
    app.notify("Your settings could not be saved.", severity="warning")
    app.notify("The journal could not be opened.", severity="error")
    await settled(pilot)


def _screen(module: str, name: str) -> Callable[[PracticeApp], Screen[object]]:
    def make(app: PracticeApp) -> Screen[object]:
        return getattr(import_module(f"practice_tui.screens.{module}"), name)()

    return make


#: One walk through the app, each stop checked.
WALK: list[Visit] = [
    pressing("home"),
    pressing("week", "enter"),  # the first week
    showing("practice_ready", _practice),
    pressing("practice_running", "enter"),
    pressing("practice_next_phase", "n"),
    pressing("practice_paused", "space"),
    pressing("stop_dialog", "s"),
    practice_closing,
    pressing("reflect", "enter", *"calmer"),
    showing("journal", _journal),
    pressing("entry", "enter"),
    showing("export", _screen("export", "ExportScreen")),
    showing("progress", _screen("progress", "ProgressScreen")),
    showing("settings", _screen("settings", "SettingsScreen")),
    showing("help", _screen("help", "HelpScreen")),
    showing("timer", _screen("timer", "TimerScreen")),
    pressing("timer_running", "enter"),
    notices,
]


async def _walk(app: PracticeApp, pilot: Pilot) -> dict[str, list[str]]:
    faint: dict[str, list[str]] = {}
    for visit in WALK:
        await visit(app, pilot)
        found = faint_text(app)
        if found:
            faint[visit.__name__] = [
                f"line {f.line}: {f.text!r} {f.colour} on {f.background} = {f.ratio}" for f in found
            ]
    return faint


@pytest.mark.parametrize("theme", list(THEMES))
async def test_every_word_meets_aa_in_every_theme(private_folders: Path, theme: str) -> None:
    a_few_weeks(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=TALL) as pilot:
        app.theme = theme
        assert await _walk(app, pilot) == {}


async def test_under_no_color_every_word_is_grey_and_clear(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    a_few_weeks(private_folders)
    app, _ = make_app(private_folders)
    async with app.run_test(size=TALL) as pilot:
        assert app.theme == "high-contrast"
        assert await _walk(app, pilot) == {}
        colours = {
            segment.style.color.get_truecolor()
            for strip in app.screen._compositor.render_strips()
            for segment in strip
            if segment.style is not None and segment.style.color is not None
        }
        assert colours and all(c.red == c.green == c.blue for c in colours)


def test_the_measure_is_wcag() -> None:
    """Known pairs: black on white is 21, grey 240 on 234 (today's dim agenda) fails."""
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((0x58, 0x58, 0x58), (0x1C, 0x1C, 0x1C)) < AA
    assert contrast((0x76, 0x76, 0x76), (0xFF, 0xFF, 0xFF)) == pytest.approx(4.54, abs=0.01)
