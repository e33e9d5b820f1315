"""Reflect: a few questions after a practice, answered in the participant's own words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static, TextArea

from practice_tui.course import Practice
from practice_tui.journal import Answer, JournalError, PracticeSession
from practice_tui.screens.base import services
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.text import duration


class ReflectScreen(Screen[None]):
    """Answer any of the questions, then save them to the journal, or skip."""

    BINDINGS = [
        # Not a priority binding: it must queue behind the keys typed before it.
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "skip", "Skip", id="skip"),
    ]

    def __init__(self, practice: Practice, session: PracticeSession | None) -> None:
        super().__init__()
        self.practice = practice
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="reflect"):
            yield Static(Content.assemble(("Reflect", "bold $accent")), classes="title")
            yield Static(Content(self._summary()), classes="summary")
            for index, question in enumerate(self.practice.questions):
                yield Static(Content(question), classes="question")
                yield TextArea(id=f"answer-{index}", classes="answer", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Skip", id="skip-button")
                yield Button("Save to journal", id="save-button", variant="primary")
        yield Footer()

    def _summary(self) -> str:
        if self.session is None:
            return f"{self.practice.name}. Answer any question you like; none is required."
        practised = duration(self.session.practised_seconds)
        how = "" if self.session.completed else " (stopped early)"
        return (
            f"{self.practice.name}: {practised} practised{how}. "
            "Answer any question you like; none is required."
        )

    def on_mount(self) -> None:
        self.sub_title = f"Reflect on {self.practice.name}"
        self.query_one("#answer-0", TextArea).focus()

    def answers(self) -> list[Answer]:
        return [
            Answer(question, self.query_one(f"#answer-{index}", TextArea).text)
            for index, question in enumerate(self.practice.questions)
        ]

    def unsaved_work(self) -> str | None:
        """Asked by the app before quitting."""
        if self._has_words():
            return "Your reflection is not saved yet; quitting now would lose it."
        return None

    def _has_words(self) -> bool:
        return any(answer.answer.strip() for answer in self.answers())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-button":
            self.action_save()
        else:
            self.action_skip()

    def action_save(self) -> None:
        if not self._has_words():
            self.notify("There is nothing written yet. Escape skips the reflection.")
            return
        session = self.session
        try:
            services(self).journal.add_entry(
                answers=self.answers(),
                session_id=session.id if session else None,
                practice_id=self.practice.id,
                practice_name=self.practice.name,
                week=self.practice.week,
            )
        except JournalError as error:
            # Nothing is lost: the words stay on screen until a save succeeds.
            self.notify(str(error), severity="error", markup=False, timeout=20)
            return
        self.app.pop_screen()
        self.app.notify("Saved to your journal.")

    def action_skip(self) -> None:
        if not self._has_words():
            self.app.pop_screen()
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(
            Confirm(
                "Leave without saving?",
                "What you have written here will not be kept.",
                yes="Leave",
                no="Keep writing",
            ),
            decided,
        )
