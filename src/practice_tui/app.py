"""The Textual application: services, global keys, theme and the first screen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from practice_tui.clock import Clock
from practice_tui.course import Course
from practice_tui.journal import Journal
from practice_tui.sound import BellPlayer

CALM_THEME = Theme(
    name="practice-calm",
    primary="#7fb0a8",
    secondary="#a3b7cc",
    accent="#d9b77e",
    foreground="#e4e1da",
    background="#1d2326",
    surface="#242c30",
    panel="#2c363b",
    success="#8fbf8a",
    warning="#d9b77e",
    error="#d98c7e",
    dark=True,
)


@dataclass
class Services:
    """What the screens ask for: the course, the journal, the bells and the clock."""

    course: Course
    journal: Journal
    bells: BellPlayer
    clock: Clock


class NoticeRelay:
    """Holds notices (such as "sound is off") until the app is there to show them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[str] = []
        self._target: Callable[[str], None] | None = None

    def __call__(self, message: str) -> None:
        with self._lock:
            target = self._target
            if target is None:
                self._pending.append(message)
                return
        target(message)

    def connect(self, target: Callable[[str], None]) -> None:
        with self._lock:
            self._target = target
            pending, self._pending = self._pending, []
        for message in pending:
            target(message)


@dataclass(frozen=True)
class StartAt:
    """Where the app opens: home, or straight on a practice (``practice-tui play``)."""

    practice_id: str | None = None
    minutes: int | None = None


class PracticeApp(App[None]):
    """practice-tui: weeks, guided practices, reflections and the journal."""

    TITLE = "practice-tui"
    SUB_TITLE = "Compassionate Leadership practice"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("j", "open_journal", "Journal", id="journal"),
    ]

    def __init__(
        self,
        services: Services,
        start: StartAt | None = None,
        notices: NoticeRelay | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self._start = start or StartAt()
        self._notices = notices
        self._main_thread = threading.get_ident()

    def on_mount(self) -> None:
        from practice_tui.screens.home import HomeScreen

        self.register_theme(CALM_THEME)
        self.theme = CALM_THEME.name
        self.push_screen(HomeScreen())
        if self._start.practice_id:
            from practice_tui.screens.practice import PracticeScreen

            practice = self.services.course.practice(self._start.practice_id)
            self.push_screen(PracticeScreen(practice, minutes=self._start.minutes))
        if self._notices is not None:
            self._notices.connect(self.announce)

    def announce(self, message: str) -> None:
        """Show a calm notice; safe to call from any thread (the bell worker uses it)."""
        if threading.get_ident() == self._main_thread:
            self.notify(message, markup=False, timeout=8)
        else:
            self.call_from_thread(self.notify, message, markup=False, timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A screen can keep the journal key quiet, e.g. while a practice is playing."""
        if action == "open_journal":
            return bool(getattr(self.screen, "allows_journal", True))
        return True

    async def action_quit(self) -> None:
        """Quit, but never silently drop words that have not been saved."""
        unsaved = getattr(self.screen, "unsaved_work", None)
        message = unsaved() if callable(unsaved) else None
        if not message:
            self.exit()
            return
        from practice_tui.screens.confirm import Confirm

        def decided(leave: bool | None) -> None:
            if leave:
                self.exit()

        self.push_screen(Confirm("Quit now?", message, yes="Quit", no="Keep writing"), decided)

    def action_open_journal(self) -> None:
        from practice_tui.screens.journal import JournalScreen

        if not isinstance(self.screen, JournalScreen):
            self.push_screen(JournalScreen())
