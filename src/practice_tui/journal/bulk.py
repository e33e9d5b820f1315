"""Many rows in one transaction, for the journal's own import and export modules."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from practice_tui.journal.connection import Connection
from practice_tui.journal.errors import SAVE_IMPORT, Activity


class Bulk:
    """Transactions over the raw connection: ``journal.bulk``. Raises :class:`JournalError`."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    @contextmanager
    def write(self, activity: Activity = SAVE_IMPORT) -> Iterator[sqlite3.Connection]:
        """One write transaction for many rows (an import): all of it is kept, or none."""
        with self._db.writing(activity) as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction for many queries (an export): every row as of one moment."""
        with self._db.reading() as conn:
            conn.execute("BEGIN")
            with conn:  # ends the read transaction, whatever happens
                yield conn
