"""The journal's records as plain frozen values, free of SQL, for screens and exports."""

from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"


@dataclass(frozen=True)
class Answer:
    """One reflection question and what the person wrote in reply, both kept verbatim."""

    question: str
    answer: str

    @property
    def is_blank(self) -> bool:
        return not self.answer.strip()


@dataclass(frozen=True)
class PracticeSession:
    """One time a practice was done: when, for how long, and whether it ran to the end."""

    id: str
    practice_id: str
    practice_name: str
    week: int | None
    kind: str
    started_at: str
    ended_at: str
    planned_seconds: int
    practised_seconds: float
    completed: bool


@dataclass(frozen=True)
class Entry:
    """A journal entry: the answers to one set of reflection or exercise questions.

    ``kind`` is ``"reflection"`` or ``"exercise"``; ``practice_id`` and ``practice_name`` hold
    the practice reflected on or, for an exercise, the exercise's own id and name.
    ``practised_seconds`` comes from the linked practice session, if there is one, so a list of
    entries can say how long the practice lasted without a second query. ``edited_at`` is when
    the words last changed after writing; ``deleted_at`` set means it is in the trash;
    ``tags`` and ``source`` come with imported entries (from jrnl, say).
    """

    id: str
    session_id: str | None
    kind: str
    practice_id: str | None
    practice_name: str | None
    week: int | None
    created_at: str
    updated_at: str
    answers: tuple[Answer, ...]
    practised_seconds: float | None
    starred: bool = False
    deleted_at: str | None = None
    edited_at: str | None = None
    tags: tuple[str, ...] = ()
    source: str | None = None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    @property
    def text(self) -> str:
        """Every non-blank answer, separated by a blank line: for search and previews."""
        return "\n\n".join(item.answer for item in self.answers if not item.is_blank)

    def opening_words(self, n_chars: int = 80) -> str:
        """The first non-blank answer on one line, cut to ``n_chars`` with an ellipsis.

        The cut falls between words when one ends in the second half of the allowance.
        """
        if n_chars < 1:
            raise ValueError("n_chars must be at least 1")
        words = next(
            (" ".join(item.answer.split()) for item in self.answers if not item.is_blank), ""
        )
        if len(words) <= n_chars:
            return words
        cut = words[: n_chars - 1]
        space = cut.rfind(" ")
        if space >= n_chars // 2:
            cut = cut[:space]
        return cut.rstrip() + ELLIPSIS


@dataclass(frozen=True)
class Action:
    """Something the person chose to do, set in an exercise and ticked off later.

    ``entry_id`` is the exercise entry it was written in; ``done_at`` is when it was ticked
    off (``None`` while still to do), so the journal remembers when, not just whether.
    """

    id: str
    entry_id: str | None
    week: int | None
    text: str
    created_at: str
    updated_at: str
    done_at: str | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True)
class WritingDraft:
    """New writing in progress: a reflection after a practice or the timer, or an exercise.

    It holds what the writing screen showed (heading, summary, questions), where the entry
    will go (``ref_id``/``ref_name``, ``week``, ``kind``, ``session_id``), and the words so
    far: one answer per question, and the actions typed (one a line) for an exercise that
    sets them. ``collects`` is the screen's word for what it asks for.
    """

    heading: str
    summary: str
    questions: tuple[str, ...]
    ref_id: str
    ref_name: str
    week: int | None
    answers: tuple[str, ...]
    actions: str = ""
    kind: str = "reflection"
    collects: str = "answers"
    session_id: str | None = None

    @property
    def doing(self) -> str:
        return "writing about"


@dataclass(frozen=True)
class EditDraft:
    """A change in progress to the words of entry ``entry_id``, one text per answer."""

    entry_id: str
    ref_name: str
    answers: tuple[str, ...]

    @property
    def doing(self) -> str:
        return "changing"


@dataclass(frozen=True)
class LooseDraft:
    """Words alone, with nothing to say where they belong: a draft whose other details
    could not be read back (a damaged row), or one kept by a caller with no screen.

    Restoring one keeps the words as a note, so they are never lost.
    """

    answers: tuple[str, ...]
    ref_name: str = "a note"

    @property
    def doing(self) -> str:
        return "writing"


#: What a draft holds.
DraftContent = WritingDraft | EditDraft | LooseDraft


@dataclass(frozen=True)
class Draft:
    """Writing in progress, kept so that a crash or a closed terminal loses nothing."""

    id: str
    content: DraftContent
    created_at: str
    updated_at: str
