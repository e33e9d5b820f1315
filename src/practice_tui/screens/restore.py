"""When the journal looks damaged: say so in one sentence, and offer the newest backup.

Nothing is decided for the person. "Not now" leaves everything as it is; using the backup
keeps the damaged file beside the journal under a new name (see journal/restore.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from practice_tui.journal import JournalError
from practice_tui.journal.errors import OFFERS_BACKUP
from practice_tui.journal.restore import backup_contents, newest_usable_backup, restore_backup
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.journal_work import open_journal
from practice_tui.screens.problem import ProblemScreen
from practice_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from practice_tui.journal.daily_backup import DailyBackup

#: Said when the person chooses "Not now", so they know the offer does not go away.
LATER_HINT = "To use a backup later, run practice-tui restore-backup."


class RestoreOffer(BaseScreen[bool]):
    """Shown instead of the app when the journal cannot be opened because it looks damaged,
    or is not our journal (see ``OFFERS_BACKUP``)."""

    DEFAULT_CSS = """
    RestoreOffer .restore-hint { color: $text-muted; max-width: 88; }
    RestoreOffer #restore-choices { height: auto; padding: 1 0 0 0; }
    RestoreOffer #restore-choices Button { margin: 0 2 0 0; }
    """

    BINDINGS = [Binding("escape", "answer(False)", "Not now", id="restore-not-now")]

    #: Nothing behind this screen can work until the journal opens, so the key stays quiet.
    allows_journal = False

    def __init__(self, journal_path: Path, backup: DailyBackup, problem: str | None = None) -> None:
        super().__init__()
        self.journal_path = journal_path
        self.backup = backup
        #: Why the journal did not open, when it is not damaged but not our journal.
        self.problem = problem or (
            f"The journal at {journal_path} looks damaged, so it has been left exactly as it is."
        )
        self.kept_file = "the file there now" if problem else "the damaged file"

    def _backup_summary(self) -> str:
        """When the backup was taken and what it holds: restoring goes back to that moment."""
        try:
            taken, entries = backup_contents(self.backup)
        except OSError:
            return "The backup is from the day shown."
        held = ""
        if entries is not None:
            held = f" and holds {entries} {'entry' if entries == 1 else 'entries'}"
        return f"The backup was taken at {taken:%H:%M} on {self.backup.day_label}{held}."

    def compose(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Static(Content.assemble(("Your journal needs your attention", "bold $warning")))
            yield Static(
                Content(self.problem),
                classes="problem-message",
            )
            yield Static(
                Content(
                    f"{self._backup_summary()} Using it keeps {self.kept_file} too, under a new "
                    "name beside it, so anything written since is not thrown away."
                ),
                classes="restore-hint",
            )
            with Horizontal(id="restore-choices"):
                yield Button(
                    f"Use the backup from {self.backup.day_label}",
                    id="use-backup",
                    variant="primary",
                )
                yield Button("Not now", id="not-now")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#use-backup", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "use-backup")

    def action_answer(self, use_backup: bool) -> None:
        self.dismiss(use_backup)


def report_journal_problem(
    app: App[Any], error: JournalError, reopened: Callable[[], None]
) -> None:
    """Show why the journal did not open; for a damaged one, or one that is not our journal,
    offer its newest usable backup.

    ``reopened`` is called once the backup is in place and the journal has opened.
    """
    path = error.path
    backup = None
    if error.reason in OFFERS_BACKUP and path is not None:
        backup = newest_usable_backup(path)
    if path is None or backup is None:
        app.push_screen(ProblemScreen(str(error)))
        return

    def decided(use_backup: bool | None) -> None:
        if not use_backup:
            app.push_screen(ProblemScreen(f"{error} {LATER_HINT}"))
            return
        shared = services(app)
        try:
            label = "damaged" if problem is None else "replaced"
            kept = restore_backup(path, backup, shared.clock.wall(), label=label)
        except JournalError as failure:
            app.push_screen(ProblemScreen(str(failure)))
            return

        def opened() -> None:
            shared.on_notice(
                f"Your journal is back as it was on {backup.day_label}; "
                f"{kept_file} is kept at {kept}."
            )
            reopened()

        open_journal(app, opened, lambda failure: app.push_screen(ProblemScreen(str(failure))))

    problem = None if error.reason == "damaged" else str(error)
    kept_file = "the damaged file" if problem is None else "the file that was there"
    app.push_screen(RestoreOffer(path, backup, problem), decided)
