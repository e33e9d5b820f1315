"""Opening the app: the course, the preferences and the services it needs, then the app itself.

No click here: the plain ``practice-tui`` comes straight to :func:`open_app`.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from practice_tui.journal import Journal
    from practice_tui.sound import BellPlayer, NoticeCallback
    from practice_tui.speech import EngineStatus
    from practice_tui.start import StartAt


NO_TERMINAL = (
    "The app opens only in a terminal, and this command's input or output is not one; "
    "`practice-tui --help` lists the commands that work without one."
)


class NoTerminal(Exception):
    """The app was asked for with no terminal to read keys from or draw on: a mistake in the
    command (exit code 2), refused before anything is loaded."""

    exit_code = 2


def terminal_missing() -> bool:
    """Whether the app could not run here: standard input or output is not a terminal.

    The one place that decides it, asked only on the way into the app: a command that does
    not open the app (one that prints, such as a plain run of a practice) never meets it.
    Without a terminal the app would wait for keys that never come, at full speed.
    """
    streams = (sys.stdin, sys.stdout)
    return not all(stream is not None and stream.isatty() for stream in streams)


def open_app(data_dir: Path | None = None, start: StartAt | None = None) -> int:
    """Run the app until it quits; returns its exit code.

    The journal and the bells open inside the app, just after its first screen is drawn.
    Raises :class:`NoTerminal` where there is no terminal to run it in.
    """
    if terminal_missing():
        raise NoTerminal(NO_TERMINAL)
    _pause_gc()
    # Here, not at the top: the commands that never open the app must not load Textual.
    from practice_tui.app import PracticeApp
    from practice_tui.course import load_participant_course
    from practice_tui.engine.clock import SystemClock
    from practice_tui.paths import remove_parts_on_signals, resolve_paths
    from practice_tui.preferences import load_preferences, preferences_path
    from practice_tui.services import Services

    paths = resolve_paths(data_dir)
    course = load_participant_course(paths.own_practices_dir, paths.cache_dir)

    def open_journal() -> Journal:
        # The journal store (SQLite) loads after the first frame, not before it.
        from practice_tui.journal import Journal

        return Journal.open(resolve_paths(data_dir).journal_file)

    def open_bells(notice: NoticeCallback, terminal_bell: Callable[[], None]) -> BellPlayer:
        # The sound backends load after the first frame, not before it.
        from practice_tui.sound import open_player

        return open_player(on_notice=notice, terminal_bell=terminal_bell)

    def find_speech() -> list[EngineStatus]:
        # Looked for in a worker once a screen asks (a few PATH lookups).
        from practice_tui.speech import find_engines

        return find_engines(voices_dir=paths.voices_dir)

    from practice_tui.desktop import has_desktop, show_folder

    preferences_file = preferences_path(paths)
    preferences, problem = load_preferences(preferences_file)
    services = Services(
        course=course,
        clock=SystemClock(),
        open_journal=open_journal,
        open_bells=open_bells,
        preferences=preferences,
        preferences_file=preferences_file,
        find_speech=find_speech,
        speech_cache_dir=paths.speech_cache_dir,
        show_folder=show_folder if has_desktop() else None,
    )
    notices = [problem] if problem else []
    app = PracticeApp(services, start, on_first_frame=_resume_gc, notices=notices)
    remove_parts_on_signals()  # an export in a worker leaves no part file when stopped
    app.run()
    return app.return_code or 0


def _pause_gc() -> None:
    """Start-up builds many long-lived objects; collecting them half-way wastes ~20 ms."""
    gc.disable()


def _resume_gc() -> None:
    """After the first frame: park start-up objects out of the collector's way, and resume."""
    gc.freeze()
    gc.enable()
