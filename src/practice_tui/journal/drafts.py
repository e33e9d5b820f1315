"""Drafts: writing in progress, kept so that a crash or a closed terminal loses nothing.

A draft is a typed value (:class:`WritingDraft`, :class:`EditDraft`), stored as JSON in the
shape earlier versions wrote, so a draft left by an older practice-tui is still offered back.
Restoring one (:meth:`Drafts.restore`) turns it back into what to show: the writing screen
as it was, the entry being changed with the changed words, or, when that entry has gone,
a note holding the words. The App only asks, and opens the screen it is told.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from practice_tui.journal.connection import Connection
from practice_tui.journal.draft_models import (
    Draft,
    DraftContent,
    EditDraft,
    LooseDraft,
    WritingDraft,
)
from practice_tui.journal.errors import SAVE_DRAFT, JournalError, NothingToSave
from practice_tui.journal.models import Answer, Entry, PracticeSession
from practice_tui.journal.rows import new_id

if TYPE_CHECKING:
    from practice_tui.journal.entries import Entries
    from practice_tui.journal.sessions import Sessions

#: What a change to an entry that has since gone becomes: a note with the same words.
GONE_ENTRY_NOTICE = "The entry you were changing is gone, so your words are kept as a note."
LOOSE_NOTICE = "The words of an unfinished draft are kept in your journal as a note."


@dataclass(frozen=True)
class ResumeWriting:
    """Open the writing screen as it was, with the words so far."""

    draft_id: str
    writing: WritingDraft
    session: PracticeSession | None


@dataclass(frozen=True)
class ResumeEdit:
    """Open ``entry`` and its editor again, holding the changed words."""

    draft_id: str
    entry: Entry
    answers: tuple[str, ...]


@dataclass(frozen=True)
class KeptAsNote:
    """The words were saved as a note (the draft went with it); ``notice`` says so."""

    note: Entry
    notice: str


@dataclass(frozen=True)
class NothingToRestore:
    """The draft held no words, so it was let go."""


Restored = ResumeWriting | ResumeEdit | KeptAsNote | NothingToRestore


class Drafts:
    """Writing never saved nor discarded: ``journal.drafts``."""

    def __init__(self, db: Connection, entries: Entries, sessions: Sessions) -> None:
        self._db = db
        self._entries = entries
        self._sessions = sessions

    def save(self, content: DraftContent, draft_id: str | None = None) -> str:
        """Keep writing in progress (new, or replacing draft ``draft_id``); returns its id."""
        text = json.dumps(encode_content(content), ensure_ascii=False)
        stamp = self._db.stamp()
        kept_id = draft_id or new_id()
        with self._db.writing(SAVE_DRAFT) as conn:
            conn.execute(
                "INSERT INTO drafts (id, content, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET content = excluded.content, "
                "updated_at = excluded.updated_at",
                [kept_id, text, stamp, stamp],
            )
        return kept_id

    def all(self) -> list[Draft]:
        """Writing that was never saved nor discarded, newest first."""
        with self._db.reading():
            rows = self._db.rows("SELECT * FROM drafts ORDER BY updated_at DESC, rowid DESC")
        return [
            Draft(r["id"], decode_content(r["content"]), r["created_at"], r["updated_at"])
            for r in rows
        ]

    def discard(self, draft_id: str) -> None:
        """Forget a draft (nothing happens if it has already gone)."""
        with self._db.writing(SAVE_DRAFT) as conn:
            conn.execute("DELETE FROM drafts WHERE id = ?", [draft_id])

    def restore(self, draft: Draft) -> Restored:
        """What to show to carry on with ``draft``; raises :class:`JournalError` if unreadable.

        A change to an entry that has gone meanwhile (another window emptied the trash) is
        saved as a new note, in the same transaction that lets the draft go, rather than lost.
        """
        content = draft.content
        if isinstance(content, WritingDraft):
            session = self._sessions.get(content.session_id) if content.session_id else None
            return ResumeWriting(draft.id, content, session)
        if isinstance(content, EditDraft):
            entry = self._entries.get(content.entry_id)
            if entry is not None:
                return ResumeEdit(draft.id, entry, content.answers)
            name, notice = content.ref_name or "Note", GONE_ENTRY_NOTICE
        else:
            name, notice = "Note", LOOSE_NOTICE
        try:
            note = self._entries.add(
                answers=[Answer("", text) for text in content.answers if text.strip()],
                practice_name=name,
                kind="note",
                draft_id=draft.id,
            )
        except NothingToSave:  # no words left in the draft: nothing to keep
            with suppress(JournalError):  # if it stays, it is offered again: the safe side
                self.discard(draft.id)
            return NothingToRestore()
        return KeptAsNote(note, notice)


def encode_content(content: DraftContent) -> dict[str, Any]:
    """A draft as stored: the JSON shape every version of practice-tui has written."""
    if isinstance(content, WritingDraft):
        return {
            "writing": {
                "heading": content.heading,
                "summary": content.summary,
                "questions": list(content.questions),
                "ref_id": content.ref_id,
                "ref_name": content.ref_name,
                "week": content.week,
                "kind": content.kind,
                "collects": content.collects,
                "session_id": content.session_id,
            },
            "answers": list(content.answers),
            "actions": content.actions,
        }
    if isinstance(content, EditDraft):
        return {
            "edit": {
                "entry_id": content.entry_id,
                "ref_name": content.ref_name,
                "answers": list(content.answers),
            }
        }
    if isinstance(content, LooseDraft):
        return {"answers": list(content.answers)}
    raise TypeError(f"not a draft: {type(content).__name__}")


def decode_content(text: str) -> DraftContent:
    """A stored draft read back. Whatever cannot be placed keeps its words as a
    :class:`LooseDraft`, so no words are ever lost to a damaged row."""
    try:
        raw = json.loads(text)
    except (TypeError, ValueError):
        raw = None
    if not isinstance(raw, Mapping):
        return LooseDraft((raw if isinstance(raw, str) else str(text),))
    edit, writing = raw.get("edit"), raw.get("writing")
    if isinstance(edit, Mapping) and isinstance(edit.get("entry_id"), str):
        return EditDraft(edit["entry_id"], str(edit.get("ref_name") or ""), _texts(edit) or ())
    if isinstance(writing, Mapping):
        with suppress(KeyError, TypeError, ValueError):
            return _writing(writing, raw)
    answers = _texts(raw)
    return LooseDraft(answers if answers is not None else (str(text),))


def _writing(saved: Mapping[str, Any], raw: Mapping[str, Any]) -> WritingDraft:
    week, session_id = saved.get("week"), saved.get("session_id")
    return WritingDraft(
        heading=str(saved["heading"]),
        summary=str(saved["summary"]),
        questions=tuple(str(question) for question in saved["questions"]),
        ref_id=str(saved["ref_id"]),
        ref_name=str(saved["ref_name"]),
        week=week if isinstance(week, int) and not isinstance(week, bool) else None,
        answers=_texts(raw) or (),
        actions=str(raw.get("actions") or ""),
        kind=str(saved.get("kind", "reflection")),
        collects=str(saved.get("collects", "answers")),
        session_id=session_id if isinstance(session_id, str) else None,
    )


def _texts(raw: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The answers a stored draft holds, as text; ``None`` when it holds no list of them."""
    answers, edit = raw.get("answers"), raw.get("edit")
    if isinstance(answers, list):
        return tuple(str(answer) for answer in answers)
    if isinstance(edit, Mapping):
        return _texts(edit)
    return None
