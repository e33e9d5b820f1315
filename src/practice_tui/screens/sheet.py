"""Saving an answer sheet (the course feedback) as a file to hand to the facilitator."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from practice_tui.journal import Entry
from practice_tui.journal.sheet import write_answer_sheet
from practice_tui.paths import private_atomic_writer
from practice_tui.screens.base import BaseModalScreen, services


def default_sheet_path(entry: Entry, today: date) -> Path:
    name = entry.practice_id or "answers"
    return Path.home() / f"practice-tui-{name}-{today.isoformat()}.md"


class SheetExportScreen(BaseModalScreen[Path | None]):
    """Ask where to save the sheet; never replace a file without asking."""

    BINDINGS = [Binding("escape", "cancel", "Not now", show=False)]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry
        self._confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        today = services(self).clock.wall().date()
        with Vertical(id="confirm"):
            yield Static(Content.assemble(("Save an answer sheet?", "bold")), classes="title")
            yield Static(
                Content(
                    "Your answers are in your journal. You can also save them as a file "
                    "to print or send to your facilitator."
                )
            )
            yield Input(str(default_sheet_path(self.entry, today)), id="sheet-path")
            yield Static(id="sheet-message")
            with Horizontal(classes="buttons"):
                yield Button("Not now", id="cancel")
                yield Button("Save file", id="save", variant="primary")

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _say(self, message: str) -> None:
        self.query_one("#sheet-message", Static).update(Content(message))

    def _save(self) -> None:
        raw = self.query_one("#sheet-path", Input).value.strip()
        if not raw:
            self._say("Type where to save the file.")
            return
        path = Path(raw).expanduser()
        if path.exists() and self._confirm_replace != path:
            self._confirm_replace = path
            self._say(f"{path.name} already exists. Press Save again to replace it.")
            return
        try:
            with private_atomic_writer(path) as stream:
                write_answer_sheet(self.entry, stream)
        except OSError as error:
            self._say(f"The file could not be saved: {error.strerror or error}.")
            return
        self.app.notify(f"Saved {path}", markup=False)
        self.dismiss(path)
