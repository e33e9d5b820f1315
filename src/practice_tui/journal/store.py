"""The journal: one private SQLite file of practice sessions, reflections, exercises,
ticked home tasks and actions, behind a small facade.

Plain Python on the stdlib ``sqlite3``, so the CLI can use it without Textual (and without
paying to import sqlite-utils). The work is done by the parts, each an attribute:
``journal.entries``, ``journal.revisions``, ``journal.sessions``, ``journal.drafts``,
``journal.tasks`` and ``journal.bulk``. Every public method either works or raises
:class:`JournalError` or one of its kinds (one sentence for the person: ``EntryNotFound``,
``NothingToSave``, ...), or :class:`InvalidArgument`/``TypeError`` (a mistake by the
caller); raw sqlite3 errors never escape.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from practice_tui.journal.connection import Connection
from practice_tui.journal.errors import JournalError

if TYPE_CHECKING:
    from practice_tui.journal.bulk import Bulk
    from practice_tui.journal.drafts import Drafts
    from practice_tui.journal.entries import Entries
    from practice_tui.journal.revisions import Revisions
    from practice_tui.journal.sessions import Sessions
    from practice_tui.journal.tasks import Tasks

__all__ = ["Journal", "JournalError"]


class Journal:
    """A private reflection journal kept in one SQLite file. Use :meth:`Journal.open`."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    # Each part's module loads when the part is first used, so a command that only reads
    # entries never imports the drafts, tasks or bulk code (start-up time).

    @cached_property
    def entries(self) -> Entries:
        from practice_tui.journal.entries import Entries

        return Entries(self._db)

    @cached_property
    def revisions(self) -> Revisions:
        from practice_tui.journal.revisions import Revisions

        return Revisions(self._db, self.entries.get)

    @cached_property
    def sessions(self) -> Sessions:
        from practice_tui.journal.sessions import Sessions

        return Sessions(self._db)

    @cached_property
    def drafts(self) -> Drafts:
        from practice_tui.journal.drafts import Drafts

        return Drafts(self._db, self.entries, self.sessions)

    @cached_property
    def tasks(self) -> Tasks:
        from practice_tui.journal.tasks import Tasks

        return Tasks(self._db)

    @cached_property
    def bulk(self) -> Bulk:
        from practice_tui.journal.bulk import Bulk

        return Bulk(self._db)

    @classmethod
    def open(cls, path: Path | str, *, now: Callable[[], datetime] | None = None) -> Journal:
        """Open the journal at ``path``, creating it (owner-only) and migrating it as needed.

        ``now`` gives the wall-clock time used to stamp rows; tests pass a fixed clock.
        """
        return cls(Connection.open(Path(path).expanduser().absolute(), now))

    @classmethod
    def open_or_empty(
        cls, path: Path | str, *, now: Callable[[], datetime] | None = None
    ) -> Journal:
        """The journal at ``path`` if it exists; if not, an empty one held in memory.

        For commands that only read (``stats``, ``today`` in a shell prompt): before the first
        practice they see an honest empty history, and no file or folder is created.
        """
        path = Path(path).expanduser().absolute()
        if path.exists():
            return cls.open(path, now=now)
        return cls(Connection.in_memory(path, now))

    def close(self) -> None:
        """Close the file; closing twice is harmless."""
        self._db.close()

    def wait_for_lock(self, seconds: float) -> None:
        """How long a write waits for another program's lock before giving up (the app's
        writer thread is patient; the command line keeps ``BUSY_TIMEOUT_MS``)."""
        self._db.conn.execute(f"PRAGMA busy_timeout = {round(seconds * 1000):d}")

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self._db.path

    def now(self) -> datetime:
        """The current local time from this journal's clock (aware, checked)."""
        return self._db.now()

    def changes_elsewhere(self) -> int:
        """A number that changes whenever another connection (another window, an import
        from the shell) commits to the file; a screen compares it to know when to re-read."""
        with self._db.reading() as conn:
            return int(conn.execute("PRAGMA data_version").fetchone()[0])
