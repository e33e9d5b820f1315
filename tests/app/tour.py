"""A tour of the app: one app walks through every screen, and each picture is compared with
its approved SVG, as ``snap_compare`` does, for a fraction of the cost of an app a picture.

``Pictures`` keeps pytest-textual-snapshot's workflow: the same normalised SVGs in
``__snapshots__`` (one file per screen, e.g. ``test_tour[dark-home].svg``), approved with
``--snapshot-update``, and each differing screen named in the test's failure and shown in
the same HTML report (``snapshot_report.html``).
"""

from __future__ import annotations

import inspect
import pickle
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from pytest_textual_snapshot import (
    PseudoApp,
    PseudoConsole,
    SVGImageExtension,
    node_to_report_path,
)
from syrupy import SnapshotAssertion
from textual.pilot import Pilot
from textual.widgets import Static

from practice_tui.app import PracticeApp
from practice_tui.screens.base import BaseModalScreen
from practice_tui.widgets.choice_row import ChoiceRow
from practice_tui.widgets.form_scroll import FormScroll
from tests.app.harness import settled
from tests.support.contrast import NON_TEXT, cell_at, contrast

Visit = Callable[[Pilot], Awaitable[None]]


@dataclass(frozen=True)
class Stop:
    """One picture on the tour: its name, and the way there: from Home, or (``on``) from
    where the stop before it left off, so a screen on the way is built once."""

    name: str
    visit: Visit
    on: bool = False


class Pictures:
    """The approved pictures of one test, compared one screen at a time; every screen is
    compared before the test fails, so one run names all that changed."""

    def __init__(self, snapshot: SnapshotAssertion, request: pytest.FixtureRequest) -> None:
        self._snapshot = snapshot.use_extension(SVGImageExtension)
        self._request = request
        self.differing: list[str] = []
        #: Rules broken on the way (dialogs, focus marks, forms: see the ``*_problems``).
        self.misplaced: list[str] = []

    def compare(self, app: PracticeApp, name: str) -> bool:
        """Compare the screen on view with the approved picture called ``name``."""
        svg = app.export_screenshot(title=app.title, simplify=True)
        snapshot = self._snapshot(name=name)
        matches = snapshot == svg
        self._report(name, matches, svg, (app.size.width, app.size.height))
        if not matches:
            self.differing.append(name)
        return matches

    def _report(self, name: str, matches: bool, svg: str, size: tuple[int, int]) -> None:
        """What ``snap_compare`` leaves for the HTML report, one file per screen."""
        snapshot = self._snapshot
        index = snapshot._execution_name_index.get(name, snapshot.num_executions - 1)
        result = snapshot.executions.get(index)
        exists = result is not None and result.final_data is not None
        node = self._request.node
        path, line, test_name = node.reportinfo()
        data = (
            matches,
            str(result.recalled_data) if result is not None else "",
            svg,
            PseudoApp(PseudoConsole(False, size)),  # type: ignore[arg-type]
            path,
            line,
            f"{test_name}[{name}]",
            inspect.getdoc(node.function) or "",
            "",
            exists,
        )
        report = node_to_report_path(node)
        report.with_name(f"{report.name}_{name}").write_bytes(pickle.dumps(data))

    def assert_all_match(self) -> None:
        assert not self.misplaced, "\n".join(self.misplaced)
        assert not self.differing, (
            "These screens differ from their approved pictures (see snapshot_report.html; "
            f"approve with --snapshot-update): {', '.join(self.differing)}"
        )


def dialog_problems(app: PracticeApp) -> list[str]:
    """What is wrong with the dialog on view, if it is one: a dialog sits in the middle of
    its screen, and its title, words and hint line up inside its own padding."""
    screen = app.screen
    if not isinstance(screen, BaseModalScreen):
        return []
    others = ("textual-toastrack", "textual-tooltip")
    [dialog] = [child for child in screen.children if child.display and child.id not in others]
    box, width, height = dialog.region, screen.size.width, screen.size.height
    problems = []
    if abs(box.x - (width - box.right)) > 1 or abs(box.y - (height - box.bottom)) > 1:
        problems.append(f"off centre at {box} in {width}×{height}")
    inside = dialog.content_region.x
    for words in dialog.query_children(Static):
        if words.display and words.content_region.x != inside:
            problems.append(f"{words!r} starts at column {words.content_region.x}, not {inside}")
    return problems


def focus_problems(app: PracticeApp) -> list[str]:
    """What is wrong with the form rows on view: the focused one is marked by a bar at its
    left edge that stands out 3:1 from the row (WCAG non-text contrast; a faint tint alone
    was all but invisible in the light theme), and no other row has one."""
    problems = []
    window = app.screen.region
    for row in app.screen.query(ChoiceRow):
        if not row.display or not window.contains_region(row.region):
            continue
        mark = cell_at(app, row.region.x, row.region.y)
        if row is not app.focused:
            if mark.text.strip():
                problems.append(f"{row!r} is marked as focused, but is not")
        elif not (mark.text.strip() and mark.colour and mark.background):
            problems.append(f"{row!r} is focused, but not marked at its left edge")
        elif (ratio := contrast(mark.colour, mark.background)) < NON_TEXT:
            problems.append(f"{row!r} is marked by a bar only {ratio:.2f}:1 from the row")
    return problems


def form_problems(app: PracticeApp) -> list[str]:
    """A form (Settings, Export) opens at its top, its title in sight: its first row was
    once focused before it was laid out, which scrolled Export's title out of sight."""
    problems = []
    for form in app.screen.query(FormScroll):
        if form.scroll_y != 0:
            problems.append(f"{form!r} opened scrolled down by {form.scroll_y}")
    return problems


async def back_home(pilot: Pilot) -> None:
    """Close every screen over Home, as if each had been left, and clear any notice."""
    app = pilot.app
    while len(app.screen_stack) > 1:
        await app.pop_screen()
    app.clear_notifications()
    await settled(pilot)


def needed(stops: list[Stop], only: frozenset[str] | None) -> list[bool]:
    """Which stops to visit for the pictures ``only`` names (None: all): those, and
    those the ones after them carry on from."""
    wanted = [only is None or stop.name in only for stop in stops]
    for index in reversed(range(len(stops) - 1)):
        wanted[index] = wanted[index] or (stops[index + 1].on and wanted[index + 1])
    return wanted


async def take_tour(
    pilot: Pilot,
    pictures: Pictures,
    stops: list[Stop],
    *,
    only: frozenset[str] | None = None,
    themes: tuple[str, ...] = (),
) -> None:
    """Visit each stop needed and compare the pictures of those ``only`` names (or all):
    one picture as it is, or one in each of ``themes`` (``THEME-STOP``). Changing the theme
    costs a fifth of opening a screen, so each screen is opened once for all of them; the
    order goes back and forth, so each stop changes the theme twice, not three times."""
    app: PracticeApp = pilot.app  # type: ignore[assignment]
    for stop, visit in zip(stops, needed(stops, only), strict=True):
        if not visit:
            continue
        if not stop.on:
            await back_home(pilot)
        await stop.visit(pilot)
        await settled(pilot)
        if only is not None and stop.name not in only:
            continue
        order = themes[::-1] if themes and app.theme == themes[-1] else themes
        for theme in order or (None,):
            if theme is not None and app.theme != theme:
                app.theme = theme
                await settled(pilot)
            pictures.compare(app, f"{theme}-{stop.name}" if theme else stop.name)
            for problem in dialog_problems(app) + focus_problems(app) + form_problems(app):
                where = f"{stop.name} ({theme})" if theme else stop.name
                pictures.misplaced.append(f"{where}: {problem}")
