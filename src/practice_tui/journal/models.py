"""The journal's records as plain frozen values, free of SQL, for screens and exports.

Named tuples, not frozen dataclasses: nearly every command reads these, and a named tuple
costs a tenth of the time to create (start-up).
"""

from __future__ import annotations

import re
from typing import Any

from practice_tui.records import Record

ELLIPSIS = "…"


class Answer(Record):
    """One reflection question and what the person wrote in reply, both kept verbatim."""

    question: str
    answer: str

    @property
    def is_blank(self) -> bool:
        return not self.answer or self.answer.isspace()  # strip() would copy a long answer


class PracticeSession(Record):
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


class Entry(Record):
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
            (_first_words(item.answer, n_chars) for item in self.answers if not item.is_blank),
            "",
        )
        if len(words) <= n_chars:
            return words
        cut = words[: n_chars - 1]
        space = cut.rfind(" ")
        if space >= n_chars // 2:
            cut = cut[:space]
        return cut.rstrip() + ELLIPSIS


def _first_words(text: str, n_chars: int) -> str:
    """``" ".join(text.split())`` as far as its first ``n_chars + 1`` characters: the same
    opening whatever follows, without splitting a 50 MB answer into millions of words."""
    words: list[str] = []
    length = -1
    for match in _WORD.finditer(text):
        start = match.start()
        words.append(text[start : min(match.end(), start + n_chars + 1)])
        length += len(words[-1]) + 1
        if length > n_chars:
            break
    return " ".join(words)


#: A word as ``str.split()`` finds them (``\s`` is the same whitespace as ``str.isspace``).
_WORD = re.compile(r"\S+")


class Revision(Record):
    """Words an entry held before they were changed, kept so that no change loses them.

    ``written_at`` is when these words were written; ``kept_at`` when they were set aside;
    ``reason`` why: ``"edit"``, ``"import"`` (a newer copy came in), ``"conflict"`` (both
    copies had changed; this one was the older) or ``"restore"`` (an earlier version was
    brought back over these words).
    """

    id: str
    entry_id: str
    answers: tuple[Answer, ...]
    written_at: str
    kept_at: str
    reason: str

    @property
    def text(self) -> str:
        """Every non-blank answer, separated by a blank line."""
        return "\n\n".join(item.answer for item in self.answers if not item.is_blank)


class Action(Record):
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


#: The drafts' records, in a module of their own: a dataclass costs ~0.7 ms to create, and
#: the command line never reads a draft. Named here too, for the callers that import them so.
_DRAFT_RECORDS = frozenset({"WritingDraft", "EditDraft", "LooseDraft", "DraftContent", "Draft"})


def __getattr__(name: str) -> Any:
    if name in _DRAFT_RECORDS:
        # Here: loading the draft records on first use pays for the command line's start-up.
        from practice_tui.journal import draft_models

        return getattr(draft_models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
