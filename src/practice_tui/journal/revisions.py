"""The earlier words of entries: kept by every change of words, listed, and brought back.

An edit, an import or a restore that changes an entry's words first keeps the words it
replaces as a revision (:func:`keep_words`), in the same transaction, so a change never
loses what was there. Revisions are told apart by their words: the same words are kept
once per entry, which is what makes importing a file twice add nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from practice_tui.journal.connection import Connection
from practice_tui.journal.errors import SAVE_RESTORE_VERSION, EntryNotFound, RevisionNotFound
from practice_tui.journal.models import Answer, Entry, Revision
from practice_tui.journal.rows import insert_sql, new_id

if TYPE_CHECKING:
    import sqlite3

#: Why words were set aside (see :class:`Revision`).
REASONS = ("edit", "import", "conflict", "restore")
REVISION_COLUMNS = ("id", "entry_id", "answers", "written_at", "kept_at", "reason")
#: Why a version was kept, in words for the person (the screen and ``journal show``).
_WHY = {
    "edit": "kept when the entry was edited",
    "import": "kept when an import brought newer words",
    "conflict": "changed in another copy too; kept beside the newer words",
    "restore": "kept when an earlier version was brought back",
}


def why_kept(reason: str) -> str:
    """Why a version was kept, in words: ``kept when the entry was edited``."""
    return _WHY.get(reason, "kept")


def same_words(first: str, second: str) -> bool:
    """Whether two ``answers`` columns hold the same words, however each was encoded."""
    if first == second:
        return True
    try:
        return bool(json.loads(first) == json.loads(second))
    except ValueError:
        return False


def is_kept(conn: sqlite3.Connection, entry_id: str, answers: str) -> bool:
    """Whether these words are kept already as a revision of the entry."""
    found = conn.execute(
        "SELECT 1 FROM entry_revisions WHERE entry_id = ? AND answers = ? LIMIT 1",
        [entry_id, answers],
    )
    return found.fetchone() is not None


def keep_words(
    conn: sqlite3.Connection,
    entry_id: str,
    answers: str,
    *,
    written_at: str,
    kept_at: str,
    reason: str,
) -> str | None:
    """Keep ``answers`` (JSON, as stored) as a revision of the entry, inside the caller's
    transaction; the new revision's id, or ``None`` when those words were kept already."""
    if is_kept(conn, entry_id, answers):
        return None
    revision_id = new_id()
    conn.execute(
        insert_sql("entry_revisions", REVISION_COLUMNS),
        [revision_id, entry_id, answers, written_at, kept_at, reason],
    )
    return revision_id


def replace_words(
    conn: sqlite3.Connection, row: Mapping[str, Any], answers: str, *, stamp: str, reason: str
) -> None:
    """Give the entry in ``row`` new words, keeping the words it had as a revision first;
    ``edited_at`` and ``updated_at`` become ``stamp``."""
    if not same_words(row["answers"], answers):
        keep_words(
            conn,
            row["id"],
            row["answers"],
            written_at=written_at(row),
            kept_at=stamp,
            reason=reason,
        )
    conn.execute(
        "UPDATE entries SET answers = ?, edited_at = ?, updated_at = ? WHERE id = ?",
        [answers, stamp, stamp, row["id"]],
    )


def written_at(row: Mapping[str, Any]) -> str:
    """When an entry's current words were written: its last edit, else its writing."""
    return str(row["edited_at"] or row["created_at"])


def decode_revision(row: Mapping[str, Any]) -> Revision:
    """A revision read back; raises ``ValueError``/``TypeError``/``KeyError`` if damaged."""
    answers = tuple(Answer(item["question"], item["answer"]) for item in json.loads(row["answers"]))
    if not all(isinstance(a.question, str) and isinstance(a.answer, str) for a in answers):
        raise TypeError("answers must be text")
    return Revision(
        id=row["id"],
        entry_id=row["entry_id"],
        answers=answers,
        written_at=row["written_at"],
        kept_at=row["kept_at"],
        reason=row["reason"],
    )


class Revisions:
    """The earlier versions of entries: ``journal.revisions``."""

    def __init__(self, db: Connection, get_entry: Callable[[str], Entry | None]) -> None:
        """``get_entry`` reads an entry back (``journal.entries.get``)."""
        self._db = db
        self._get_entry = get_entry

    def of(self, entry_id: str) -> list[Revision]:
        """The earlier versions of an entry, the most recently set aside first."""
        sql = (
            "SELECT * FROM entry_revisions WHERE entry_id = ? "
            "ORDER BY julianday(kept_at) DESC, rowid DESC"
        )
        with self._db.reading():
            rows = self._db.rows(sql, [entry_id])
        try:
            return [decode_revision(row) for row in rows]
        except (ValueError, TypeError, KeyError) as exc:
            raise self._db.damaged() from exc

    def bring_back(self, entry_id: str, revision_id: str) -> Entry:
        """Make an earlier version the entry's words; the words it had are kept in turn.

        Raises :class:`EntryNotFound` or :class:`RevisionNotFound` when either has gone.
        """
        stamp = self._db.stamp()
        with self._db.writing(SAVE_RESTORE_VERSION) as conn:
            found = self._db.rows("SELECT * FROM entries WHERE id = ?", [entry_id])
            if not found:
                raise EntryNotFound(entry_id, path=self._db.path)
            entry = found[0]
            kept = self._db.rows(
                "SELECT answers FROM entry_revisions WHERE id = ? AND entry_id = ?",
                [revision_id, entry_id],
            )
            if not kept:
                raise RevisionNotFound(revision_id, path=self._db.path)
            replace_words(conn, entry, kept[0]["answers"], stamp=stamp, reason="restore")
        found_entry = self._get_entry(entry_id)
        if found_entry is None:
            raise EntryNotFound(entry_id, path=self._db.path)
        return found_entry
