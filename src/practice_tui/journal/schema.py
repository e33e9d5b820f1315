"""The journal's schema: numbered migrations, with ``PRAGMA user_version`` as the version.

``MIGRATIONS[i]`` moves a file from version ``i`` to ``i + 1``. Each one runs inside one
transaction together with the version bump, so a file is always at exactly one version.
Migrations are written as plain SQL through ``Database.execute`` rather than sqlite-utils'
table helpers: their output must never change with the library's version, and in sqlite-utils
3.x those helpers commit on their own, which would split a migration in two.

Once released, a migration is never edited; a change to the schema is a new migration.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

Migration = Callable[[Database], None]


def _create_sessions_and_entries(db: Database) -> None:
    """Version 1: practice sessions, and the reflections written after them."""
    db.execute(
        """
        CREATE TABLE practice_sessions (
            id TEXT PRIMARY KEY NOT NULL,
            practice_id TEXT NOT NULL,
            practice_name TEXT NOT NULL,
            week INTEGER,
            kind TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL,
            planned_seconds INTEGER NOT NULL,
            practised_seconds REAL NOT NULL,
            completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE entries (
            id TEXT PRIMARY KEY NOT NULL,
            session_id TEXT REFERENCES practice_sessions(id),
            kind TEXT NOT NULL,
            practice_id TEXT,
            practice_name TEXT,
            week INTEGER,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            answers TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_entries_created_at ON entries(created_at)")
    db.execute("CREATE INDEX idx_entries_week ON entries(week)")
    db.execute("CREATE INDEX idx_entries_session_id ON entries(session_id)")
    db.execute("CREATE INDEX idx_practice_sessions_started_at ON practice_sessions(started_at)")


MIGRATIONS: list[Migration] = [
    _create_sessions_and_entries,
]

#: The version this code writes; a file with a higher ``user_version`` is left alone.
SCHEMA_VERSION = len(MIGRATIONS)


def read_version(db: Database) -> int:
    """The schema version recorded in the file (0 for a new, empty file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> int:
    """Bring the file up to the newest version, one transaction per migration.

    The version is read again inside each write transaction, so two processes opening the
    same new file at once do not both run a migration. Returns the version reached.
    The connection must be in autocommit mode (``isolation_level=None``).
    """
    conn = db.conn
    target = len(MIGRATIONS)
    while (version := read_version(db)) < target:
        conn.execute("BEGIN IMMEDIATE")
        with conn:  # commits, or rolls back if the migration fails
            version = read_version(db)
            if version >= target:
                break
            MIGRATIONS[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1:d}")
    return version
