"""What the screens ask the app for: the course, the journal, the bells, the clock and the
preferences. Plain Python in a module of its own, so screens can name it without importing
the app, and the app, the command line and the tests can build it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from practice_tui.course import Course
from practice_tui.engine.clock import Clock
from practice_tui.journal.access import PATIENCE_SECONDS, JournalAccess
from practice_tui.preferences import Preferences, save_preferences

if TYPE_CHECKING:
    from practice_tui.journal import Journal
    from practice_tui.sound import BellPlayer, NoticeCallback
    from practice_tui.speech import EngineStatus


def _no_notice(message: str) -> None:  # pragma: no cover - replaced by the app at once
    """Where notices go before the app is there to show them."""


def _no_speech() -> list[EngineStatus]:
    """No speech engine at all: the tests' default, unless a test gives its own."""
    return []


def _no_notice_bell() -> None:  # pragma: no cover - replaced by the app at once
    """The terminal bell, before the app is there to ring it."""


@dataclass
class Services:
    """What the screens ask for: the course, the journal, the bells and the clock.

    The journal and the bells open on first use, which the app arranges for just after the
    first screen is drawn: the participant sees the weeks at once, and the SQLite and sound
    libraries load a moment later.
    """

    course: Course
    clock: Clock
    open_journal: Callable[[], Journal]
    #: Opens the player: given where to send a notice, and the terminal bell as a last resort.
    open_bells: Callable[[NoticeCallback, Callable[[], None]], BellPlayer]
    preferences: Preferences = field(default_factory=Preferences)
    #: Where the preferences are kept; None keeps changes for this run only (tests).
    preferences_file: Path | None = None
    on_notice: NoticeCallback = _no_notice
    terminal_bell: Callable[[], None] = _no_notice_bell
    #: Looks for the speech engines, best first (called in a worker: screens/voice_work.py).
    find_speech: Callable[[], list[EngineStatus]] = _no_speech
    #: The engines found, once looked for: looked for once a run.
    speech_engines: list[EngineStatus] | None = None
    #: Where spoken words are kept (None: the user's cache folder's ``speech/``).
    speech_cache_dir: Path | None = None
    #: How long a save waits for another program to let go of the journal.
    journal_patience: float = PATIENCE_SECONDS
    #: Shows a folder in the file manager (False if it could not); None where there is no
    #: desktop to show it on (and in tests), so nothing offers to.
    show_folder: Callable[[Path], bool] | None = None
    _access: JournalAccess | None = field(default=None, init=False, repr=False)
    _bells: BellPlayer | None = field(default=None, init=False, repr=False)

    @property
    def journal_access(self) -> JournalAccess:
        """The journal on threads of its own: how screens reach it (screens/journal_work.py)."""
        if self._access is None:
            self._access = JournalAccess(self.open_journal, patience=self.journal_patience)
        return self._access

    @property
    def journal_is_open(self) -> bool:
        return self._access is not None and self._access.is_open

    @property
    def bells(self) -> BellPlayer:
        if self._bells is None:
            self._bells = self.open_bells(
                lambda message: self.on_notice(message), lambda: self.terminal_bell()
            )
        return self._bells

    def save_preferences(self, preferences: Preferences) -> None:
        """Keep new preferences for this run and the next; raises OSError if they cannot be."""
        if self.preferences_file is not None:
            save_preferences(self.preferences_file, preferences)
        self.preferences = preferences

    def keep_preferences(self, preferences: Preferences) -> str | None:
        """Save new preferences; if they cannot be saved, keep them for this run at least and
        return the problem as the end of a sentence ("No space left on device")."""
        try:
            self.save_preferences(preferences)
        except OSError as error:
            self.preferences = preferences
            return str(error.strerror or error)
        return None

    def close(self) -> None:
        """Close the journal once every write asked for is done (a last draft included)."""
        if self._access is not None:
            self._access.close()
            self._access = None
