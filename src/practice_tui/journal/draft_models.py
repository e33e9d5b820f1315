"""The drafts' records: writing in progress, kept so that a crash or a closed terminal loses
nothing. Apart from :mod:`practice_tui.journal.models` so the command line never builds them."""

from __future__ import annotations

from dataclasses import dataclass


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
