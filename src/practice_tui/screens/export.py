"""Export: choose a format and filters, see the start of the file, and write it somewhere.

The preview is the real export, cut short, and shown literally: what the person wrote never
becomes markup here either. Writing happens in a worker thread with its own connection to
the journal, beside the target and renamed into place (owner-only), so a long journal never
holds up the screen and a failure never leaves half a file. An existing file is replaced
only after the person says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Header, Input, ProgressBar, Static

from practice_tui.journal import Journal, JournalError
from practice_tui.journal.export import (
    default_filename,
    describe_query,
    export_size,
    practice_name_for,
    write_export,
)
from practice_tui.journal.html_text import html_as_text
from practice_tui.journal.query import NO_WEEK, EntryQuery
from practice_tui.paths import private_atomic_writer
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.journal import JournalScreen
from practice_tui.screens.journal_work import read_journal
from practice_tui.widgets.choice_row import ChoiceRow
from practice_tui.widgets.form_scroll import FormScroll
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.wording import literal

if TYPE_CHECKING:
    from practice_tui.journal import Journal

FORMATS = [("Markdown", "md"), ("HTML", "html"), ("JSON", "json"), ("CSV", "csv")]
WEEKS: list[tuple[str, int | None]] = [
    ("any", None),
    *((str(n), n) for n in range(1, 7)),
    ("notes not tied to a week", NO_WEEK),
]
#: How much of the export the preview shows, in characters.
PREVIEW_CHARS = 4000
#: Typing in the search or path box updates the preview this long after the last key.
PREVIEW_DELAY_SECONDS = 0.3
_EXTENSIONS = {".md", ".html", ".json", ".csv"}


def default_folder(last: str | None = None) -> Path:
    """The folder of the last export if it is still there, else Documents in the home
    folder if there is one, else the home folder itself."""
    if last is not None and Path(last).is_dir():
        return Path(last)
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class _Enough(Exception):
    """The preview has all it will show."""


class _Preview:
    """A text stream that keeps the first ``limit`` characters, then stops the writer."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= self.limit:
            raise _Enough
        return len(text)

    @property
    def text(self) -> str:
        whole = "".join(self.parts)
        return whole if len(whole) <= self.limit else whole[: self.limit] + "\n…"


class ExportScreen(BaseScreen[None]):
    """Format, filters, where to write; a preview; Export writes the file."""

    # The first row is focused on mount instead (as Settings does): focused before the form
    # is laid out, it was scrolled to the top and the screen's title hidden above it.
    AUTO_FOCUS = None

    DEFAULT_CSS = """
    #export { height: 1fr; }
    #export Input { margin: 0 2; width: 1fr; max-width: 96; }
    #export .label { padding: 1 2 0 2; text-style: bold; }
    #export-summary, #export-result { padding: 1 2 0 2; }
    #export-result.problem { color: $error; }
    #export-progress { padding: 0 2; }
    #export-preview {
        height: 16;
        margin: 0 2 1 2;
        padding: 0 1;
        border: round $panel;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("ctrl+s", "export", "Export", id="export"),
        Binding("up", "app.focus_previous", "Up", show=False, priority=True),
        Binding("down", "app.focus_next", "Down", show=False, priority=True),
    ]

    def __init__(self, query: EntryQuery | None = None) -> None:
        super().__init__()
        self.carried = (query or EntryQuery())._replace(trashed=False)
        self.written: Path | None = None
        self._preview_alarm: Timer | None = None

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        today = services(self).clock.wall().date()
        path = self._folder() / default_filename("md", today)
        yield Header()
        with FormScroll(id="export"):
            yield Static(Content.assemble(("Export your journal", "bold $accent")), classes="title")
            yield Static(
                Content("↑ ↓ move · ← → change · the preview shows the start of the file"),
                classes="hint",
            )
            yield ChoiceRow("Format", FORMATS, "md", id="export-format", label_width=12)
            yield ChoiceRow("Week", WEEKS, self.carried.week, id="export-week", label_width=12)
            yield ChoiceRow(
                "Entries",
                [("all", False), ("starred only", True)],
                self.carried.starred,
                id="export-starred",
                label_width=12,
            )
            if self._other_filters():
                yield ChoiceRow(
                    "Also",
                    [("as on the Journal screen", True), ("nothing more", False)],
                    True,
                    id="export-other",
                    label_width=12,
                )
            yield Static("Words to look for", classes="label")
            yield Input(
                self.carried.search,
                placeholder="Only entries with these words (leave empty for all)",
                id="export-search",
            )
            yield Static("Write to", classes="label")
            yield Input(str(path), id="export-path")
            yield Static(id="export-summary")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export-button", variant="primary")
                yield Button("Show the folder", id="show-folder")
                yield Button("Back", id="back-button")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(id="export-result")
            yield Static("Preview", classes="label")
            with VerticalScroll(id="export-preview"):
                yield Static(id="export-preview-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Export"
        self.query_one("#export-progress", ProgressBar).display = False
        self.query_one("#show-folder", Button).display = False
        # Until there is a result to read, no blank lines between the buttons and the preview.
        self.query_one("#export-result", Static).display = False
        self.query_one("#export-format").focus()
        self.refresh_preview()

    def _folder(self) -> Path:
        return default_folder(services(self).preferences.export_folder)

    # -- what to export ----------------------------------------------------------------------

    def _other_filters(self) -> bool:
        """Whether the Journal screen narrowed the list by practice or days."""
        carried = self.carried
        return any(
            value is not None for value in (carried.practice_id, carried.since, carried.until)
        )

    @property
    def fmt(self) -> str:
        return str(self.query_one("#export-format", ChoiceRow).value)

    @property
    def export_query(self) -> EntryQuery:
        """The filters chosen here, with the Journal screen's practice and days if kept."""
        other = any(row.value for row in self.query("#export-other").results(ChoiceRow))
        return EntryQuery(
            week=self.query_one("#export-week", ChoiceRow).value,
            starred=bool(self.query_one("#export-starred", ChoiceRow).value),
            search=self.query_one("#export-search", Input).value,
            practice_id=self.carried.practice_id if other else None,
            since=self.carried.since if other else None,
            until=self.carried.until if other else None,
        )

    @property
    def target(self) -> Path:
        """Where to write: the path typed (``~`` allowed; relative to the home folder)."""
        text = self.query_one("#export-path", Input).value.strip()
        path = Path(text).expanduser() if text else self._folder()
        if not path.is_absolute():
            path = Path.home() / path
        if path.is_dir():
            path = path / default_filename(self.fmt, services(self).clock.wall().date())
        return path

    # -- keeping the preview and summary up to date -----------------------------------------

    def on_choice_row_changed(self, event: ChoiceRow.Changed[object]) -> None:
        if event.row.id == "export-format":
            self._match_extension()
        self.refresh_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "export-search":
            if self._preview_alarm is not None:
                self._preview_alarm.stop()
            self._preview_alarm = self.set_timer(PREVIEW_DELAY_SECONDS, self.refresh_preview)

    def _match_extension(self) -> None:
        """A file name of ours follows the format: reflection-log.md becomes .html."""
        box = self.query_one("#export-path", Input)
        path = Path(box.value)
        if path.suffix.lower() in _EXTENSIONS:
            box.value = str(path.with_suffix(f".{self.fmt}"))

    def refresh_preview(self) -> None:
        """Count what would be exported off the event loop, then say so and preview it."""
        query, fmt = self.export_query, self.fmt

        def count(journal: Journal) -> tuple[int, str | None]:
            try:
                name = practice_name_for(journal, query)
            except JournalError:
                name = None  # the id still says which practice
            return journal.entries.count(query), name

        def counted(found: tuple[int, str | None]) -> None:
            total, name = found
            about = describe_query(query, practice_name=name)
            noun = "entry" if total == 1 else "entries"
            extra = " and the trash" if fmt == "json" else ""
            self._summary(Content(f"{total:,} {noun}{extra} to export. {about}".strip()))
            self._render_preview(fmt, query)

        read_journal(
            self,
            count,
            counted,
            # One calm sentence, said where the count would be.
            failed=lambda error: self._summary(Content(str(error))),
            group="export-count",
            exclusive=True,
        )

    def _summary(self, content: Content) -> None:
        self.query_one("#export-summary", Static).update(content)

    @work(thread=True, exclusive=True, group="export-preview", exit_on_error=False)
    def _render_preview(self, fmt: str, query: EntryQuery) -> None:
        """In a thread, with a connection of its own: the first part of the real export."""
        # A page's styles come before its words: read more of it, then show only its text.
        preview = _Preview(PREVIEW_CHARS * 4 if fmt == "html" else PREVIEW_CHARS)
        try:
            with Journal.open(self._journal_path, now=services(self).clock.wall) as journal:
                write_export(journal, fmt, preview, query)
        except _Enough:
            pass
        except JournalError as error:
            preview.parts = [str(error)]
            fmt = "text"
        text = preview.text
        if fmt == "html":
            words = html_as_text(text)
            text = words if len(words) <= PREVIEW_CHARS else words[:PREVIEW_CHARS] + "\n…"
        self.app.call_from_thread(self._show_preview, text)

    @property
    def _journal_path(self) -> Path:
        """Where the journal is, once it has opened (asked only in the export's threads,
        which wait for it; raises JournalError if it cannot open)."""
        access = services(self).journal_access
        access.open().result()
        assert access.path is not None  # set as it opened
        return access.path

    def _show_preview(self, text: str) -> None:
        # Literal: the text is a Content (no markup read) with control characters made visible.
        self.query_one("#export-preview-text", Static).update(Content(literal(text)))

    # -- writing ---------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-button":
            self.action_export()
        elif event.button.id == "show-folder":
            self.action_show_folder()
        elif event.button.id == "back-button":
            self.app.pop_screen()

    def action_show_folder(self) -> None:
        """Show the folder the export was written to, in the file manager."""
        show, written = services(self).show_folder, self.written
        if show is None or written is None:
            return
        if not show(written.parent):
            self._result(f"The folder could not be shown here; it is {written.parent}.", True)

    def action_export(self) -> None:
        target = self.target
        if not target.parent.is_dir():
            self._result(f"There is no folder {target.parent}; choose another place.", True)
            return
        if target.exists():

            def decided(replace_it: bool | None) -> None:
                if replace_it:
                    self._start_export(target)

            self.app.push_screen(
                Confirm(
                    "Replace the file?",
                    f"{target} already exists. Replace it with this export?",
                    yes="Replace",
                    no="Keep it",
                ),
                decided,
            )
            return
        self._start_export(target)

    def _start_export(self, target: Path) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._result("Exporting…", False)
        self.query_one("#export-button", Button).disabled = True
        self._write(target, self.fmt, self.export_query)

    @work(thread=True, exclusive=True, group="export-write", exit_on_error=False)
    def _write(self, target: Path, fmt: str, query: EntryQuery) -> None:
        """In a thread: the whole export, written beside the target and renamed into place."""
        call = self.app.call_from_thread
        try:
            with Journal.open(self._journal_path, now=services(self).clock.wall) as journal:
                total = export_size(journal, fmt, query)
                call(self._progress, 0, total)
                with private_atomic_writer(target) as stream:
                    count = write_export(
                        journal, fmt, stream, query, progress=lambda n: call(self._progress, n)
                    )
        except JournalError as error:
            call(self._finished, None, str(error))
        except OSError as error:
            reason = error.strerror or str(error)
            call(self._finished, None, f"The export could not be written to {target}: {reason}.")
        else:
            call(self._finished, target, count)

    def _progress(self, advance: int, total: int | None = None) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        if total is not None:
            bar.update(total=max(total, 1), progress=0)
        else:
            bar.advance(advance)

    def _finished(self, target: Path | None, outcome: int | str) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        self.query_one("#export-button", Button).disabled = False
        if target is None:
            self._result(str(outcome), True)
            return
        self.written = target
        self._result(f"Your export is at {target}.", False)
        app = services(self)
        if app.show_folder is not None:
            self.query_one("#show-folder", Button).display = True
        if app.preferences.export_folder != str(target.parent):
            app.keep_preferences(app.preferences._replace(export_folder=str(target.parent)))

    def _result(self, sentence: str, problem: bool) -> None:
        result = self.query_one("#export-result", Static)
        result.set_class(problem, "problem")
        result.update(Content(literal(sentence)))
        result.display = bool(sentence)


def export_screen_for(screen: Screen[object]) -> ExportScreen:
    """The Export screen, with the filters of the screen it opens from (the Journal's)."""
    if isinstance(screen, JournalScreen) and not screen.in_trash:
        return ExportScreen(screen.query_filters)
    return ExportScreen(None)
