"""One journal entry, whole and exactly as written; editing it, starring it, deleting it.

Everything the person wrote is drawn as plain text: ``[bold]`` stays ``[bold]``, an escape
character is shown as a symbol rather than obeyed, and an entry of 100 KB scrolls like any
other; a longer answer (50 MB) is shown a part at a time (widgets/long_text.py). Deleting
only moves the entry to the trash, from which it can be brought back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Static, TextArea
from textual.widgets.text_area import Document

from practice_tui.journal import Answer, Entry, JournalError
from practice_tui.journal.errors import NothingToSave
from practice_tui.journal.literal_text import literal_spans
from practice_tui.journal.models import EditDraft
from practice_tui.journal.search import SearchTerms, match_spans, parse_search
from practice_tui.screens.base import BaseModalScreen, BaseScreen
from practice_tui.screens.drafts import KeepsDrafts
from practice_tui.screens.journal_work import write_journal
from practice_tui.screens.versions import VersionsScreen
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.widgets.long_text import answer_text
from practice_tui.wording import duration, literal, week_label, when

if TYPE_CHECKING:
    from practice_tui.journal import Journal

#: What the entry screen hands back to the list: the entry went to the trash, or came back.
EntryOutcome = Literal["trashed", "restored"] | None

#: How the list tells the person a deletion can be undone.
TRASHED_NOTICE = "Moved to the trash. Press u to undo, or find it under Trash (T)."


def highlighted(text: str, terms: SearchTerms) -> Content:
    """User text as literal content, with the words a search matched picked out by style."""
    # Matched in the person's own text (as the index did), then moved to where the words
    # fall once control characters are shown.
    content = Content(literal(text))
    for start, end in literal_spans(text, match_spans(text, terms)):
        content = content.stylize("bold $background on $warning", start, end)
    return content


def describe(entry: Entry) -> str:
    """The line under an entry's title: when, which week, how long, starred, edited."""
    details = [when(entry.created_at), week_label(entry.week)]
    if entry.practised_seconds:
        details.append(f"practised {duration(entry.practised_seconds)}")
    if entry.starred:
        details.append("★ starred")
    if entry.edited_at:
        details.append(f"edited {when(entry.edited_at)}")
    if entry.deleted_at:
        details.append(f"in the trash since {when(entry.deleted_at)}")
    return " · ".join(details)


class EntryScreen(BaseScreen[EntryOutcome]):
    """One reflection, whole, exactly as it was written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("j", "back", "Journal", show=False),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("s", "star", "Star", id="star"),
        Binding("d", "delete", "Trash", id="delete"),
        Binding("r", "restore", "Restore", id="restore"),
        Binding("v", "history", "Earlier versions", id="history"),
    ]

    def __init__(self, entry: Entry, terms: SearchTerms | None = None) -> None:
        super().__init__()
        self.entry = entry
        self._terms = terms or parse_search("")

    def compose(self) -> ComposeResult:
        entry = self.entry
        yield Header()
        with VerticalScroll(id="entry"):
            yield Static(
                Content.assemble((literal(entry.practice_name or "Reflection"), "bold $accent")),
                classes="title",
            )
            yield Static(Content(describe(entry)), id="entry-details", classes="summary")
            for answer in entry.answers:
                yield Static(Content(literal(answer.question)), classes="question")
                if answer.is_blank:
                    yield Static(Content("(not answered)"), classes="answer-text unanswered")
                else:
                    yield answer_text(answer.answer, self._highlighted)
        yield KeyFooter()

    def _highlighted(self, text: str) -> Content:
        return highlighted(text, self._terms)

    def on_mount(self) -> None:
        self.sub_title = "Journal entry"
        self.query_one("#entry", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_trash = self.entry.in_trash
        if action in ("edit", "star", "delete", "history"):
            return not in_trash
        if action == "restore":
            return in_trash
        return True

    def _show_changed(self, entry: Entry, *, words: bool = False) -> None:
        self.entry = entry
        if words:
            self.refresh(recompose=True)
        else:
            self.query_one("#entry-details", Static).update(Content(describe(entry)))
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_star(self) -> None:
        entry_id, starred = self.entry.id, not self.entry.starred

        def shown(entry: Entry) -> None:
            self._show_changed(entry)
            self.notify("Starred." if starred else "Star taken away.")

        self._change(lambda journal: journal.entries.set_starred(entry_id, starred), shown)

    def action_delete(self) -> None:
        entry_id = self.entry.id
        self._change(
            lambda journal: journal.entries.trash(entry_id), lambda _: self.dismiss("trashed")
        )

    def action_restore(self) -> None:
        entry_id = self.entry.id

        def restored(_: Entry) -> None:
            self.notify("Restored to your journal.")
            self.dismiss("restored")

        self._change(lambda journal: journal.entries.restore(entry_id), restored)

    def _change(self, job: Callable[[Journal], Entry], done: Callable[[Entry], None]) -> None:
        """Change the entry off the event loop; one sentence if it cannot be changed
        (EntryNotFound among them: each says what happened)."""
        write_journal(self, job, done, failed=self._problem)

    def _problem(self, error: JournalError) -> None:
        self.notify(str(error), severity="error", markup=False)

    def action_history(self) -> None:
        """The entry's earlier versions; one brought back becomes its words."""

        def chosen(entry: Entry | None) -> None:
            if entry is not None:
                self._show_changed(entry, words=True)
                self.notify("The earlier version is back; the words it replaced are kept too.")

        self.app.push_screen(VersionsScreen(self.entry), chosen)

    def action_edit(self) -> None:
        self.edit()

    def edit(self, answers: list[str] | None = None, draft_id: str | None = None) -> None:
        """Open the editor; ``answers`` and ``draft_id`` carry on a change kept as a draft."""

        def edited(entry: Entry | None) -> None:
            if entry is not None:
                self._show_changed(entry, words=True)
                self.notify("Your changes are saved.")

        self.app.push_screen(EditEntryScreen(self.entry, answers, draft_id), edited)


def edit_draft(entry: Entry, answers: list[str]) -> EditDraft:
    """What a draft of a change to ``entry`` holds: enough to offer it back after a crash."""
    return EditDraft(entry.id, entry.practice_name or "an entry", tuple(answers))


class EditEntryScreen(KeepsDrafts):
    """Change the words of an entry: one box per answer. Ctrl+S saves; Escape asks.

    Like new writing, a change is kept as a draft a moment after each key, so a crash or a
    closed terminal never loses it; saving or discarding the change removes the draft.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "leave", "Back", id="leave"),
    ]

    #: Keys of the app (the journal, settings) stay quiet while words are being changed.
    allows_journal = False

    def __init__(
        self, entry: Entry, answers: list[str] | None = None, draft_id: str | None = None
    ) -> None:
        """``answers`` and ``draft_id`` bring back a change kept as a draft."""
        super().__init__()
        self.entry = entry
        self._start_texts = [
            answers[index] if answers is not None and index < len(answers) else answer.answer
            for index, answer in enumerate(entry.answers)
        ]
        # The editor shows a lone CR, a vertical tab or U+2028 as a line break, and gives it
        # back as one: each answer as the editor gives it back unchanged.
        self._as_edited = [Document(answer.answer).text for answer in entry.answers]
        self.init_drafts(draft_id)

    def compose(self) -> ComposeResult:
        entry = self.entry
        yield Header()
        with VerticalScroll(id="reflect"):
            yield Static(
                Content.assemble(
                    ("Editing: ", "bold $accent"),
                    (literal(entry.practice_name or "Reflection"), "bold $accent"),
                ),
                classes="title",
            )
            yield Static(
                Content(f"Written {when(entry.created_at)}. Ctrl+S saves; Escape leaves."),
                classes="summary",
            )
            for index, answer in enumerate(entry.answers):
                yield Static(Content(literal(answer.question)), classes="question")
                yield TextArea(
                    self._start_texts[index],
                    id=f"answer-{index}",
                    classes="answer",
                    soft_wrap=True,
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Editing an entry"
        areas = self.query(TextArea)
        if areas:
            areas.first().focus()

    def answers(self) -> list[Answer]:
        """The answers as they now stand; one left alone keeps its own line ends exactly."""
        answers = []
        for index, answer in enumerate(self.entry.answers):
            text = self.query_one(f"#answer-{index}", TextArea).text
            if text == self._as_edited[index]:
                text = answer.answer
            answers.append(Answer(answer.question, text))
        return answers

    def changed(self) -> bool:
        return tuple(self.answers()) != self.entry.answers

    def unsaved_work(self) -> str | None:
        """Asked by the app before quitting."""
        if self.changed():
            return (
                "Your changes to this entry are not saved yet. They are kept as a draft, "
                "and offered again when you next open practice-tui."
            )
        return None

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        self.schedule_draft()

    def worth_keeping(self) -> bool:
        """A change undone by hand needs no draft."""
        return self.changed()

    def draft_content(self) -> EditDraft:
        return edit_draft(self.entry, [answer.answer for answer in self.answers()])

    def _finish(self, result: Entry | None) -> None:
        """Leave; a change not saved is thrown away on purpose, with its draft."""
        if result is None:
            self.drop_draft()
        self.dismiss(result)

    def action_save(self) -> None:
        if not self.changed():
            self._finish(None)
            return
        entry_id, answers = self.entry.id, self.answers()

        def save(journal: Journal, draft_id: str | None) -> Entry:
            return journal.entries.update(entry_id, answers, draft_id=draft_id)

        self.save_politely("your change to this entry", save, self._finish, self._refused)

    def _refused(self, _: NothingToSave) -> None:
        self.notify(
            "An entry needs some words. To remove it, leave and press d to move it to the trash.",
            severity="warning",
        )

    def action_leave(self) -> None:
        if not self.changed():
            self._finish(None)
            return

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self._finish(None)

        self.app.push_screen(LeaveEditing(), decided)


class LeaveEditing(BaseModalScreen[str | None]):
    """Keep the changes, throw them away, or carry on editing (Escape)."""

    DEFAULT_CSS = """
    LeaveEditing { align: center middle; }
    LeaveEditing Button { min-width: 10; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('edit')", "Keep editing", show=False),
        Binding("s", "choose('save')", "Save", show=False),
        Binding("d", "choose('discard')", "Discard", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content.assemble(("Keep your changes?", "bold")), classes="title")
            yield Static(Content("You have changed this entry since it was last saved."))
            with Horizontal(classes="buttons"):
                yield Button("Keep editing", id="edit")
                yield Button("Discard", id="discard", variant="warning")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
