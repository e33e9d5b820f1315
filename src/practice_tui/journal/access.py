"""The journal for a program that must never wait on the disk: work runs on threads of its own.

An app cannot let its event loop wait while another program (a CLI import in another
terminal) holds the journal's write lock: keys would go unanswered and bells ring late.
:class:`JournalAccess` owns two threads, each with its own connection (an SQLite connection
never crosses threads):

- the writer opens and migrates the journal first, then does every write in the order it
  was asked for (a draft kept a moment ago never lands after the save that replaced it), and
  waits patiently for the lock: up to :data:`PATIENCE_SECONDS`;
- the reader reads (pages, counts, progress), which WAL lets it do while another program
  writes.

Each call returns a :class:`concurrent.futures.Future`; the shell awaits it and carries on.
Plain Python: the command line could use it too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from typing import TYPE_CHECKING, TypeVar

from practice_tui.journal.errors import JournalError

if TYPE_CHECKING:
    from pathlib import Path

    from practice_tui.journal.store import Journal

T = TypeVar("T")
#: What the journal is asked to do: given its connection on this thread, return an answer.
Job = Callable[["Journal"], T]

#: How long a save waits for another program to let go of the journal before giving up.
PATIENCE_SECONDS = 30.0


class JournalAccess:
    """The journal on a writer thread and a reader thread, opened on the writer first."""

    def __init__(
        self, open_journal: Callable[[], Journal], *, patience: float = PATIENCE_SECONDS
    ) -> None:
        self._open_journal = open_journal
        self.patience = patience
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="journal-writer")
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="journal-reader")
        self._local = threading.local()
        self._opened: Future[None] | None = None
        #: The journal file, once it has opened.
        self.path: Path | None = None

    # -- opening and closing -------------------------------------------------------------

    def open(self) -> Future[None]:
        """Open (and migrate) the journal on the writer; the future raises JournalError if it
        cannot be. After a failure, the next call tries again (say, once a backup is back)."""
        opened = self._opened
        if opened is None or (opened.done() and opened.exception() is not None):
            opened = self._opened = self._writer.submit(self._open_writer)
        return opened

    @property
    def is_open(self) -> bool:
        """Whether the journal has opened (without waiting for it)."""
        opened = self._opened
        return opened is not None and opened.done() and opened.exception() is None

    def reset(self) -> None:
        """Let go of the file (a backup is about to replace it): the next call opens anew."""
        for pool in (self._writer, self._reader):
            pool.submit(self._close_here).result()
        self._opened = None

    def close(self) -> None:
        """Finish what was asked (a last draft is never dropped), then close both threads'
        connections; closing twice is harmless."""
        for pool in (self._writer, self._reader):
            with suppress(RuntimeError):  # shut down already
                pool.submit(self._close_here)
            pool.shutdown(wait=True)

    # -- work ------------------------------------------------------------------------------

    def read(self, job: Job[T]) -> Future[T]:
        """Run ``job`` on the reader's connection, once the journal is open."""
        opened = self.open()
        return self._reader.submit(self._on_reader, opened, job)

    def write(self, job: Job[T]) -> Future[T]:
        """Run ``job`` on the writer's connection, after every write asked for before it;
        it waits up to :attr:`patience` seconds for another program's lock."""
        self.open()
        return self._writer.submit(self._on_writer, job)

    # -- on the threads ------------------------------------------------------------------

    def _open_writer(self) -> None:
        """Open on the writer thread, waiting out another program's lock while migrating."""
        if getattr(self._local, "journal", None) is not None:
            return
        deadline = time.monotonic() + self.patience
        while True:
            try:
                journal = self._open_journal()
            except JournalError as error:
                if error.reason != "busy" or time.monotonic() >= deadline:
                    raise
                continue
            journal.wait_for_lock(self.patience)
            self._local.journal = journal
            self.path = journal.path
            return

    def _on_writer(self, job: Job[T]) -> T:
        self._open_writer()
        return job(self._local.journal)

    def _on_reader(self, opened: Future[None], job: Job[T]) -> T:
        opened.result()  # the writer opened and migrated it, or this raises why not
        if getattr(self._local, "journal", None) is None:
            self._local.journal = self._open_journal()
        return job(self._local.journal)

    def _close_here(self) -> None:
        journal: Journal | None = getattr(self._local, "journal", None)
        if journal is not None:
            self._local.journal = None
            journal.close()
