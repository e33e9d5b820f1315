"""Drafts: writing in progress, kept so that a crash or a closed terminal loses nothing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from practice_tui.journal.connection import Connection
from practice_tui.journal.errors import SAVE_DRAFT
from practice_tui.journal.models import Draft
from practice_tui.journal.rows import new_id


class Drafts:
    """Writing never saved nor discarded: ``journal.drafts``."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def save(self, content: Mapping[str, Any], draft_id: str | None = None) -> str:
        """Keep writing in progress (new, or replacing draft ``draft_id``); returns its id."""
        text = json.dumps(content, ensure_ascii=False)
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
            Draft(r["id"], json.loads(r["content"]), r["created_at"], r["updated_at"]) for r in rows
        ]

    def discard(self, draft_id: str) -> None:
        """Forget a draft (nothing happens if it has already gone)."""
        with self._db.writing(SAVE_DRAFT) as conn:
            conn.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
