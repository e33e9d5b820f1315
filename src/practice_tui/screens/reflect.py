"""Reflect: questions answered in the participant's own words, after a practice or as an exercise.

One screen serves both, because both are the same act: read, write, keep. What differs is
described by a :class:`Writing`: the questions, what to call the entry, and whether it also
collects actions to tick off later or makes an answer sheet to hand on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Static, TextArea

from practice_tui.course import Collects, Exercise, Mode, Practice
from practice_tui.engine.timer_plan import TimerPlan
from practice_tui.journal import Answer, Entry, PracticeSession
from practice_tui.journal.errors import NothingToSave
from practice_tui.journal.models import WritingDraft
from practice_tui.screens.confirm import Confirm
from practice_tui.screens.drafts import KeepsDrafts
from practice_tui.screens.sheet import SheetExportScreen
from practice_tui.widgets.key_footer import KeyFooter
from practice_tui.wording import describe_plan, duration

if TYPE_CHECKING:
    from practice_tui.journal import Journal


@dataclass(frozen=True)
class Writing:
    """What is being written, and where it goes in the journal."""

    heading: str
    summary: str
    questions: tuple[str, ...]
    ref_id: str
    ref_name: str
    week: int | None
    kind: str = "reflection"
    collects: Collects = Collects.ANSWERS
    session: PracticeSession | None = None

    @classmethod
    def after_practice(
        cls, practice: Practice, session: PracticeSession | None, mode: Mode | None = None
    ) -> Writing:
        mode = mode or practice.default_mode
        name = f"{practice.name} ({mode.name})" if practice.has_modes else practice.name
        summary = f"{name}."
        if session is not None:
            how = "" if session.completed else " (stopped early)"
            summary = f"{name}: {duration(session.practised_seconds)} practised{how}."
        return cls(
            heading="Reflect",
            summary=f"{summary} Answer any question you like; none is required.",
            questions=mode.questions,
            ref_id=practice.id,
            ref_name=name,
            week=practice.week,
            session=session,
        )

    @classmethod
    def after_timer(cls, plan: TimerPlan, session: PracticeSession | None) -> Writing:
        sat = f"You sat for {duration(session.practised_seconds)}." if session else "Well done."
        return cls(
            heading="A note, if you like",
            summary=f"{sat} A line or two about this sit is kept with it; Escape skips.",
            questions=("Anything you would like to note about this sit?",),
            ref_id="timer",
            ref_name=f"Timer ({describe_plan(plan)})",
            week=None,
            session=session,
        )

    @classmethod
    def from_draft(cls, saved: WritingDraft, session: PracticeSession | None) -> Writing:
        """The writing a draft was made from, as it was on screen."""
        known = saved.collects in {collects.value for collects in Collects}
        return cls(
            heading=saved.heading,
            summary=saved.summary,
            questions=saved.questions,
            ref_id=saved.ref_id,
            ref_name=saved.ref_name,
            week=saved.week,
            kind=saved.kind,
            collects=Collects(saved.collects) if known else Collects.ANSWERS,
            session=session,
        )

    @classmethod
    def exercise(cls, exercise: Exercise) -> Writing:
        return cls(
            heading=exercise.name,
            summary=exercise.intro,
            questions=exercise.questions,
            ref_id=exercise.id,
            ref_name=exercise.name,
            week=exercise.week,
            kind="exercise",
            collects=exercise.collects,
        )


class ReflectScreen(KeepsDrafts):
    """Answer any of the questions, then save them to the journal, or skip."""

    BINDINGS = [
        # Not a priority binding: it must queue behind the keys typed before it.
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "skip", "Back", id="skip"),
    ]

    def __init__(
        self,
        writing: Writing,
        *,
        answers: Sequence[str] = (),
        actions_text: str = "",
        draft_id: str | None = None,
    ) -> None:
        """``answers``, ``actions_text`` and ``draft_id`` bring back a draft after a crash."""
        super().__init__()
        self.writing = writing
        self._prefill = list(answers)
        self._prefill_actions = actions_text
        self.init_drafts(draft_id)

    def compose(self) -> ComposeResult:
        writing = self.writing
        yield Header()
        with VerticalScroll(id="reflect"):
            yield Static(Content.assemble((writing.heading, "bold $accent")), classes="title")
            yield Static(Content(writing.summary), classes="summary")
            for index, question in enumerate(writing.questions):
                yield Static(Content(question), classes="question")
                text = self._prefill[index] if index < len(self._prefill) else ""
                yield TextArea(text, id=f"answer-{index}", classes="answer", soft_wrap=True)
            if writing.collects is Collects.ACTIONS:
                yield Static(
                    Content("Your actions, one a line. You can tick them off later (key a)."),
                    classes="question",
                )
                yield TextArea(
                    self._prefill_actions, id="actions", classes="answer", soft_wrap=True
                )
            with Horizontal(classes="buttons"):
                yield Button("Skip" if writing.kind == "reflection" else "Back", id="skip-button")
                yield Button("Save to journal", id="save-button", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.writing.ref_name
        # The introduction is read first (an exercise's can hold the evidence the questions
        # ask about): the page opens at its top. The first answer takes the focus if it is in
        # sight; if not, the page does (the arrows read on, Tab goes to the answer), so the
        # focus is never somewhere out of sight, and typing still goes into the answer.
        self.query_one("#answer-0", TextArea).focus(scroll_visible=False)
        self.call_after_refresh(self._focus_in_sight)

    def _focus_in_sight(self) -> None:
        answer = self.query_one("#answer-0", TextArea)
        page = self.query_one("#reflect", VerticalScroll)
        if answer.has_focus and not page.region.contains_region(answer.region):
            page.focus(scroll_visible=False)

    def on_key(self, event: events.Key) -> None:
        """Typing while the page has the focus begins the first answer, brought into view
        (a key with a job of its own, such as ? or h, keeps it)."""
        page = self.query_one("#reflect", VerticalScroll)
        bound = event.key in self.app.active_bindings
        if self.focused is page and event.is_printable and event.character and not bound:
            answer = self.query_one("#answer-0", TextArea)
            answer.focus()
            answer.insert(event.character)
            answer.scroll_visible(animate=False)
            event.stop()

    def answers(self) -> list[Answer]:
        return [
            Answer(question, self.query_one(f"#answer-{index}", TextArea).text)
            for index, question in enumerate(self.writing.questions)
        ]

    def actions(self) -> list[str]:
        if self.writing.collects is not Collects.ACTIONS:
            return []
        text = self.query_one("#actions", TextArea).text
        return [line.strip() for line in text.splitlines() if line.strip()]

    def unsaved_work(self) -> str | None:
        """Asked by the app before quitting."""
        if self._has_words():
            return (
                "What you have written is not saved to your journal yet. It is kept as a "
                "draft, and offered again when you next open practice-tui."
            )
        return None

    # ------------------------------------------------------------------------ drafts

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.schedule_draft()
        if event.text_area.has_focus:  # typing brings the answer into view
            event.text_area.scroll_visible(animate=False)

    def draft_content(self) -> WritingDraft:
        writing = self.writing
        return WritingDraft(
            heading=writing.heading,
            summary=writing.summary,
            questions=writing.questions,
            ref_id=writing.ref_id,
            ref_name=writing.ref_name,
            week=writing.week,
            answers=tuple(answer.answer for answer in self.answers()),
            actions=self.query_one("#actions", TextArea).text
            if writing.collects is Collects.ACTIONS
            else "",
            kind=writing.kind,
            collects=writing.collects.value,
            session_id=writing.session.id if writing.session else None,
        )

    def worth_keeping(self) -> bool:
        return self._has_words()

    def _has_words(self) -> bool:
        return bool(self.actions()) or any(answer.answer.strip() for answer in self.answers())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-button":
            self.action_save()
        else:
            self.action_skip()

    def action_save(self) -> None:
        if not self._has_words():
            self.notify("There is nothing written yet. Escape leaves without saving.")
            return
        writing = self.writing
        answers, actions = self.answers(), self.actions()

        def save(journal: Journal, draft_id: str | None) -> Entry:
            return journal.entries.add(
                answers=answers,
                session_id=writing.session.id if writing.session else None,
                practice_id=writing.ref_id,
                practice_name=writing.ref_name,
                week=writing.week,
                kind=writing.kind,
                actions=actions,
                draft_id=draft_id,
            )

        what = "your exercise" if writing.kind == "exercise" else "your reflection"
        self.save_politely(what, save, self._saved, self._refused)

    def _saved(self, entry: Entry) -> None:
        self.app.pop_screen()
        if self.writing.collects is Collects.SHEET:
            self._offer_sheet(entry)
        else:
            self.app.notify("Saved to your journal.")

    def _refused(self, _: NothingToSave) -> None:
        self.notify("There is nothing written yet. Escape leaves without saving.")

    def _offer_sheet(self, entry: Entry) -> None:
        self.app.notify("Saved to your journal.")
        self.app.push_screen(SheetExportScreen(entry))

    def action_skip(self) -> None:
        if not self._has_words():
            self.drop_draft()
            self.app.pop_screen()
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self.drop_draft()
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
