"""A tour of the app: one app walks through every screen, and each picture is compared with
its approved SVG, as ``snap_compare`` does, for a fraction of the cost of an app a picture.

``Pictures`` keeps pytest-textual-snapshot's workflow: the same normalised SVGs in
``__snapshots__`` (one file per screen, e.g. ``test_tour[dark][home].svg``), approved with
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
from practice_tui.screens.home import HomeScreen
from tests.app.harness import settled

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
        #: Layout rules broken on the way (see :func:`dialog_problems`).
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


async def back_home(pilot: Pilot) -> None:
    """Close every screen over Home, as if each had been left, and clear any notice."""
    app = pilot.app
    while len(app.screen_stack) > 1 or not isinstance(app.screen, HomeScreen):
        await app.pop_screen()
        await settled(pilot)
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
    pilot: Pilot, pictures: Pictures, stops: list[Stop], *, only: frozenset[str] | None = None
) -> None:
    """Visit each stop needed and compare the pictures of those ``only`` names (or all)."""
    for stop, visit in zip(stops, needed(stops, only), strict=True):
        if not visit:
            continue
        if not stop.on:
            await back_home(pilot)
        await stop.visit(pilot)
        await settled(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        if only is None or stop.name in only:
            pictures.compare(pilot.app, stop.name)  # type: ignore[arg-type]
            for problem in dialog_problems(pilot.app):  # type: ignore[arg-type]
                pictures.misplaced.append(f"{stop.name}: {problem}")
