"""Starting practice-tui: the console entry point, and opening the app.

Plain ``practice-tui`` is what people type every day, so it opens the app without loading
the command-line library; anything with arguments goes to :mod:`practice_tui.cli.commands`.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from practice_tui.journal import Journal
    from practice_tui.sound import BellPlayer, NoticeCallback


@dataclass(frozen=True)
class StartAt:
    """Where the app opens: home, or straight on a practice (``practice-tui play``)."""

    practice_id: str | None = None
    minutes: int | None = None
    mode: str | None = None
    #: Open on the timer instead, with these minutes (None: until stopped) and interval.
    timer: bool = False
    interval: float | None = None
    open_ended: bool = False
    #: Open on another screen over Home: "journal" (``practice-tui journal``).
    screen: str | None = None


def describe_problem(error: BaseException) -> str | None:
    """The one sentence (or list, for script files) to show for an error we expect, else None."""
    from practice_tui.course import ScriptError
    from practice_tui.journal import JournalError

    if isinstance(error, ScriptError):
        return f"the course files have problems:\n{error}"
    if isinstance(error, JournalError):
        return str(error)
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}."
    return None


def open_app(data_dir: Path | None = None, start: StartAt | None = None) -> int:
    """Run the app until it quits; returns its exit code.

    The journal and the bells open inside the app, just after its first screen is drawn.
    """
    _pause_gc()
    from practice_tui.app import PracticeApp, Services
    from practice_tui.course import load_participant_course
    from practice_tui.engine.clock import SystemClock
    from practice_tui.paths import resolve_paths

    paths = resolve_paths(data_dir)
    course = load_participant_course(paths.own_practices_dir, paths.cache_dir)

    def open_journal() -> Journal:
        from practice_tui.journal import Journal

        return Journal.open(resolve_paths(data_dir).journal_file)

    def open_bells(notice: NoticeCallback, terminal_bell: Callable[[], None]) -> BellPlayer:
        from practice_tui.sound import open_player

        return open_player(on_notice=notice, terminal_bell=terminal_bell)

    from practice_tui.preferences import load_preferences, preferences_path

    preferences_file = preferences_path(paths)
    preferences, problem = load_preferences(preferences_file)
    services = Services(
        course=course,
        clock=SystemClock(),
        open_journal=open_journal,
        open_bells=open_bells,
        preferences=preferences,
        preferences_file=preferences_file,
    )
    notices = [problem] if problem else []
    app = PracticeApp(services, start, on_first_frame=_resume_gc, notices=notices)
    app.run()
    return app.return_code or 0


def _pause_gc() -> None:
    """Start-up builds many long-lived objects; collecting them half-way wastes ~20 ms."""
    gc.disable()


def _resume_gc() -> None:
    """After the first frame: park start-up objects out of the collector's way, and resume."""
    gc.freeze()
    gc.enable()


def main() -> None:
    """The ``practice-tui`` command."""
    if len(sys.argv) > 1:
        from practice_tui.cli.commands import main as command_line

        command_line()
        return
    try:
        code = open_app()
    except Exception as error:
        message = describe_problem(error)
        if message is None:
            raise
        sys.stderr.write(f"practice-tui: {message}\n")
        code = 1
    sys.exit(code)
