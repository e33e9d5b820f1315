"""Another program holding the journal's write lock, as a CLI import in another terminal does."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class LockHolder:
    """A second connection that runs ``BEGIN IMMEDIATE`` and keeps the write lock until
    :meth:`release` (or, with ``seconds``, until that long has passed)."""

    def __init__(self, path: Path, seconds: float | None = None) -> None:
        self._path = path
        self._seconds = seconds
        self._taken = threading.Event()
        self._release = threading.Event()
        self._thread = threading.Thread(target=self._hold, name="lock-holder", daemon=True)

    def __enter__(self) -> LockHolder:
        self._thread.start()
        self._taken.wait(10)
        return self

    def __exit__(self, *_: object) -> None:
        self.release()
        self._thread.join(10)

    def release(self) -> None:
        self._release.set()

    def release_after(self, seconds: float) -> None:
        """Let go that long from now, from a thread of its own (as the other program would)."""
        releaser = threading.Timer(seconds, self.release)
        releaser.daemon = True
        releaser.start()

    @property
    def held(self) -> bool:
        return self._taken.is_set() and self._thread.is_alive()

    def _hold(self) -> None:
        conn = sqlite3.connect(self._path, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            self._taken.set()
            self._release.wait(self._seconds)
            conn.execute("ROLLBACK")
        finally:
            conn.close()
