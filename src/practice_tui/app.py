"""The Textual application: global keys, theme, the first screen, and the services opened
once it is drawn."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.filter import DimFilter, LineFilter
from textual.reactive import Reactive
from textual.theme import Theme
from textual.widgets._toast import ToastRack

from practice_tui.course.pages import SUPPORT_KEY
from practice_tui.journal import JournalError
from practice_tui.palette import PracticeCommands, palette_allowed
from practice_tui.preferences import TimerPreset
from practice_tui.screens.base import hooks_of
from practice_tui.screens.home import HomeScreen
from practice_tui.screens.journal_work import open_journal, read_journal, write_journal
from practice_tui.screens.messages import JournalReady
from practice_tui.services import Services
from practice_tui.start import StartAt
from practice_tui.themes import DARK, DIM_FACTOR, THEMES, motion_level, starting_theme
from practice_tui.widgets.key_footer import key_name
from practice_tui.wording import when

# The other screens are imported where they are first opened, and the journal's records and
# backups once it is open: importing them all here would add ~100 ms before the first frame
# (benchmarks/startup.py).

if TYPE_CHECKING:
    from practice_tui.journal import Draft
    from practice_tui.journal.drafts import Restored

__all__ = ["CALM_THEME", "PracticeApp", "Services", "StartAt"]

#: Today's look, the dark theme (the name kept for those who import it).
CALM_THEME = DARK


class PracticeApp(App[None]):
    """practice-tui: weeks, guided practices, reflections and the journal."""

    # The participant's theme is the theme from the start (set in __init__ without its
    # watcher), so the stylesheet is built with its colours once; setting it after
    # construction re-parsed all the CSS before the first frame.
    theme: Reactive[str] = Reactive(DARK.name)

    TITLE = "practice-tui"
    SUB_TITLE = "Compassionate Leadership practice"
    CSS_PATH = "app.tcss"
    # Ctrl+P: Textual's palette, with only practice-tui's own commands (palette.py).
    COMMANDS = {PracticeCommands}
    BINDINGS = [
        # F2 too: where a text box takes every letter (a reflection), h is typed.
        Binding(f"{SUPPORT_KEY},f2", "support", "Support", id="support"),
        Binding("j", "open_journal", "Journal", id="journal"),
        Binding("x", "open_export", "Export", id="export"),
        Binding("comma", "settings", "Settings", id="settings"),
        Binding("ctrl+p", "command_palette", "Find", id="palette", priority=True),
        # Every key of the screen on view, over it; the footer always keeps room for it.
        # F3 too, for a screen where ? is typed into a box.
        Binding("question_mark,f3", "keys", "Keys", id="keys"),
        Binding("f1", "help", "Help", id="help", show=False),
        # Last: the footer gives its room to the keys people need first.
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        services: Services,
        start: StartAt | None = None,
        on_first_frame: Callable[[], None] | None = None,
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._on_first_frame = on_first_frame
        self._startup_notices = tuple(notices)
        for theme in THEMES.values():
            self.register_theme(theme)
        prefs = services.preferences
        name = starting_theme(prefs.theme, no_color=self.no_color)
        # What setting the theme would do, less the re-parse of the whole stylesheet.
        self.set_reactive(PracticeApp.theme, name)
        if name != DARK.name:  # the stylesheet is not read yet: only its colours change
            self.stylesheet.set_variables(self.get_css_variables())
        dark = THEMES[name].dark
        self.set_class(True, f"-theme-{name}", update=False)
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self._dim = DimFilter(DIM_FACTOR)
        self.services = services
        self.animation_level = motion_level(prefs.reduced_motion)
        services.on_notice = self.announce
        services.terminal_bell = self._terminal_bell
        self._start = start or StartAt()
        self._main_thread = threading.get_ident()

    def get_theme(self, theme_name: str) -> Theme | None:
        """Ours are known before they are registered: the stylesheet is made first."""
        return THEMES.get(theme_name) or super().get_theme(theme_name)

    @property
    def available_themes(self) -> dict[str, Theme]:
        """Only ours, in Settings and in the palette's "Change theme": each is checked for
        contrast, and Textual's own are not."""
        return dict(THEMES)

    def get_line_filters(self) -> list[LineFilter]:
        """Dim text blended by a known amount, never left for the terminal to draw faintly."""
        return [*super().get_line_filters(), self._dim]

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title, with the screen's name in the theme's muted colour (checked for
        contrast), not "dim", which some themes draw too faint on the header's panel."""
        if not sub_title:
            return Content(title)
        return Content.assemble(title, (" — ", "$text-muted"), (sub_title, "$text-muted"))

    def watch_theme(self, name: str) -> None:
        """A theme chosen anywhere (Settings, the palette) is kept for next time."""
        prefs = self.services.preferences
        if name == prefs.theme or name not in THEMES:
            return
        try:
            self.services.save_preferences(prefs._replace(theme=name))
        except OSError as error:
            self.services.preferences = prefs._replace(theme=name)  # for this run at least
            self.announce(f"Your choice of theme could not be saved: {error.strerror or error}.")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """With reduced motion, a text cursor stands still: no blinking where one types."""
        if hasattr(event.control, "cursor_blink"):  # Input, TextArea
            event.control.cursor_blink = self.animation_level != "none"

    def get_key_display(self, binding: Binding) -> str:
        """Keys named as on the keyboard (``Ctrl+S``, ``Esc``), the same in every list."""
        return key_name(binding)

    @property
    def returns_to_shell(self) -> bool:
        """Whether coming back to Home ends the app (``practice-tui play``)."""
        return self._start.return_to_shell

    def get_default_screen(self) -> HomeScreen:
        """Home is the bottom of the stack: no blank default screen is made, laid out and
        suspended under it before the first frame."""
        return HomeScreen()

    def on_mount(self) -> None:
        if self._start.timer:
            from practice_tui.screens.timer import TimerScreen

            start = self._start
            if start.minutes is None and start.interval is None and not start.open_ended:
                self.push_screen(TimerScreen())
            else:
                preset = TimerPreset("Timer", start.minutes, start.interval)
                self.push_screen(TimerScreen(preset, begin_at_once=True))
        elif self._start.practice_id:
            from practice_tui.anchors import Anchor
            from practice_tui.screens.practice import PracticeScreen

            practice = self.services.course.practice(self._start.practice_id)
            start = self._start
            anchor = Anchor(start.anchor) if start.anchor else None
            self.push_screen(
                PracticeScreen(
                    practice, start.minutes, start.mode, voice=start.voice, anchor=anchor
                )
            )
        elif self._start.week is not None and self.services.course.has_week(self._start.week):
            from practice_tui.screens.week import WeekScreen

            self.push_screen(WeekScreen(self.services.course.week(self._start.week)))
        elif self._start.screen == "journal":
            from practice_tui.screens.journal import JournalScreen

            self.push_screen(JournalScreen())
        self.call_after_refresh(self._open_services)

    def _open_services(self) -> None:
        """Open the bells and the journal once the first screen is on view."""
        if self._on_first_frame is not None:
            self._on_first_frame()
        for notice in self._startup_notices:
            self.announce(notice)
        _ = self.services.bells
        open_journal(self, self._journal_opened, self._journal_not_opened)

    def _journal_not_opened(self, error: JournalError) -> None:
        from practice_tui.screens.restore import report_journal_problem

        report_journal_problem(self, error, self._journal_opened)

    def _journal_opened(self) -> None:
        """Tell the screens, offer back unsaved writing, and take today's backup."""
        for screen in self.screen_stack:
            screen.post_message(JournalReady())
        drafts = self._offer_draft
        read_journal(self, lambda journal: journal.drafts.all(), drafts, failed=self._tell)
        path, today = self.services.journal_access.path, self.services.clock.wall().date()
        if path is None:  # pragma: no cover - the journal has just opened, so it has a path
            return
        self.run_worker(
            lambda: self._take_daily_backup(path, today),
            thread=True,
            group="daily-backup",
            exit_on_error=False,
        )

    def _tell(self, error: JournalError) -> None:
        self.announce(str(error))

    def _take_daily_backup(self, path: Path, today: date) -> None:
        """In a thread: a large journal never holds up the screen, and a failure is a notice."""
        from practice_tui.journal.daily_backup import take_daily_backup

        try:
            take_daily_backup(path, today)
        except JournalError as error:
            self.announce(str(error))
        from practice_tui.journal.conflicts import conflict_notice, conflicted_copies

        if notice := conflict_notice(conflicted_copies(path)):
            self.announce(notice)

    def _offer_draft(self, drafts: list[Draft]) -> None:
        """Writing left unsaved by a crash or a closed terminal is offered back, newest first."""
        if not drafts:
            return
        draft = drafts[0]
        from practice_tui.screens.confirm import Confirm

        name = draft.content.ref_name or "it"
        doing = draft.content.doing

        def decided(restore: bool | None) -> None:
            if restore:
                self._restore_draft(draft)

        more = f" ({len(drafts) - 1} more after this one)" if len(drafts) > 1 else ""
        self.push_screen(
            Confirm(
                "Carry on where you left off?",
                f"You were {doing} {name} ({when(draft.updated_at)}) and it was not "
                f"saved. It is kept as a draft{more}.",
                yes="Restore it",
                no="Not now",
            ),
            decided,
        )

    def _restore_draft(self, draft: Draft) -> None:
        """Ask the journal what the draft becomes (off the event loop: it may keep a note),
        and open that (it decides, the App shows)."""
        write_journal(
            self, lambda journal: journal.drafts.restore(draft), self._resume, failed=self._tell
        )

    def _resume(self, restored: Restored) -> None:
        """Open what a draft became: the writing, the change to an entry, or a note kept."""
        from practice_tui.journal.drafts import KeptAsNote, ResumeEdit, ResumeWriting

        if isinstance(restored, ResumeWriting):
            from practice_tui.screens.reflect import ReflectScreen, Writing

            writing = Writing.from_draft(restored.writing, restored.session)
            self.push_screen(
                ReflectScreen(
                    writing,
                    answers=list(restored.writing.answers),
                    actions_text=restored.writing.actions,
                    draft_id=restored.draft_id,
                )
            )
        elif isinstance(restored, ResumeEdit):
            from practice_tui.screens.entry import EntryScreen

            screen = EntryScreen(restored.entry)
            self.push_screen(screen)
            self.call_after_refresh(screen.edit, list(restored.answers), restored.draft_id)
        elif isinstance(restored, KeptAsNote):
            self.notify(restored.notice)

    def on_unmount(self) -> None:
        self.services.close()

    def _terminal_bell(self) -> None:
        """The terminal's own bell, the last sound left; safe to ring from the bell worker."""
        if threading.get_ident() == self._main_thread:
            self.bell()
        else:
            self.call_from_thread(self.bell)

    def _on_notify(self, _: object) -> None:
        """One notice at a time: the last goes as a new one arrives (Textual's own handler,
        on App, runs after this one and puts the new one up), with the holder it was in
        (Textual removes only the notice, and the empty holders pushed a new one down)."""
        self._notifications.clear()
        for rack in self.screen.query(ToastRack):
            rack.remove_children()

    def announce(self, message: str) -> None:
        """Show a calm notice; safe to call from any thread (the bell worker uses it)."""
        if threading.get_ident() == self._main_thread:
            self.notify(message, markup=False, timeout=8)
        else:
            self.call_from_thread(self.notify, message, markup=False, timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A screen can keep the journal key quiet, e.g. while a practice is playing."""
        hooks = hooks_of(self.screen)
        if action in ("open_journal", "open_export"):
            # Not offered on the screen it would open.
            here = type(self.screen).__name__
            if (action, here) in (
                ("open_journal", "JournalScreen"),
                ("open_export", "ExportScreen"),
            ):
                return False
            return hooks.allows_journal
        if action == "help":
            return hooks.allows_help
        if action == "command_palette":
            return palette_allowed(self)
        if action == "keys":
            from practice_tui.screens.keys import KeysScreen

            return not isinstance(self.screen, KeysScreen)
        if action == "settings":
            # Not in the middle of a practice or a timer: a stray key must not break a sit.
            return hooks.allows_journal and hooks.allows_settings
        return True

    async def action_quit(self) -> None:
        """Quit, but never silently drop words that have not been saved."""
        writing = hooks_of(self.screen)
        message = writing.unsaved_work()
        if not message:
            self.exit()
            return
        from practice_tui.screens.confirm import Confirm

        def decided(leave: bool | None) -> None:
            if leave:
                writing.keep_draft()
                self.exit()

        self.push_screen(Confirm("Quit now?", message, yes="Quit", no="Keep writing"), decided)

    def action_settings(self) -> None:
        from practice_tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_help(self) -> None:
        from practice_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_keys(self) -> None:
        """Every key the screen on view accepts, listed over it."""
        from practice_tui.screens.keys import KeysScreen

        self.push_screen(KeysScreen(self.screen))

    def action_support(self) -> None:
        """Support, from anywhere; a practice underneath waits, as it does behind help."""
        from practice_tui.screens.support import SupportScreen

        if not isinstance(self.screen, SupportScreen):
            self.push_screen(SupportScreen())

    def action_open_journal(self) -> None:
        from practice_tui.screens.journal import JournalScreen

        if not isinstance(self.screen, JournalScreen):
            self.push_screen(JournalScreen())

    def action_open_export(self) -> None:
        """Export, with the Journal screen's filters when it opens from there."""
        from practice_tui.screens.export import ExportScreen, export_screen_for

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(export_screen_for(self.screen))
