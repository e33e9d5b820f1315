"""Helpers for the import tests: a clock that moves on by itself, a journal's whole content
as SQL, and a JSON export written to a file."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from practice_tui.journal import Journal, PracticeSession
from practice_tui.journal.export import write_export


class Clock:
    """A wall clock that moves on a minute each time it is read."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


def dump(path: Path) -> list[str]:
    """The whole file as SQL, search index included: equal dumps hold the same content."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def export_json(journal: Journal, target: Path) -> Path:
    with target.open("w", encoding="utf-8", newline="") as stream:
        write_export(journal, "json", stream)
    return target


def breathing_space(journal: Journal, start: datetime) -> PracticeSession:
    """A six-minute practice of week 1, begun at ``start`` and done to the end."""
    return journal.sessions.record(
        practice_id="breathing-space",
        practice_name="Breathing Space",
        week=1,
        started_at=start,
        ended_at=start + timedelta(minutes=6),
        planned_seconds=360,
        practised_seconds=360,
        completed=True,
    )
