"""The journal's schema: numbered migrations, with ``PRAGMA user_version`` as the version.

``MIGRATIONS[i]`` moves a file from version ``i`` to ``i + 1``. Each one runs inside one
transaction together with the version bump, so a file is always at exactly one version.
Migrations are plain SQL on the stdlib connection rather than sqlite-utils' table helpers:
their output must never change with the library's version, and those helpers may commit on
their own, which would split a migration in two.

Once released, a migration is never edited; a change to the schema is a new migration. So
each migration's SQL is literal text, frozen as it shipped: nothing here imports a constant
that later code might change (a test checks that this module imports nothing of the app).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _create_sessions_and_entries(db: sqlite3.Connection) -> None:
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


def _add_home_task_ticks_and_actions(db: sqlite3.Connection) -> None:
    """Version 2: ticked home tasks, and the actions a "Next steps" exercise sets.

    Entries themselves are unchanged: an exercise is an entry of kind ``"exercise"`` whose
    ``practice_id`` and ``practice_name`` hold the exercise's id and name. A home task is
    ticked at most once a day, so ``(task_id, day)`` is unique; ``day`` is a local date.
    """
    db.execute(
        """
        CREATE TABLE home_task_ticks (
            id TEXT PRIMARY KEY NOT NULL,
            week INTEGER NOT NULL,
            task_id TEXT NOT NULL,
            day TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (task_id, day)
        )
        """
    )
    db.execute("CREATE INDEX idx_home_task_ticks_day ON home_task_ticks(day)")
    db.execute(
        """
        CREATE TABLE actions (
            id TEXT PRIMARY KEY NOT NULL,
            entry_id TEXT REFERENCES entries(id),
            week INTEGER,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            done_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX idx_actions_done_at ON actions(done_at)")
    db.execute("CREATE INDEX idx_actions_entry_id ON actions(entry_id)")


def _add_drafts(db: sqlite3.Connection) -> None:
    """Version 3: drafts of writing in progress, so nothing typed is lost to a crash.

    ``content`` is JSON kept for the screen that wrote it (what was being written, and the
    words so far); the journal only stores it, dates it, and deletes it when the entry is
    saved, in the same transaction.
    """
    db.execute(
        """
        CREATE TABLE drafts (
            id TEXT PRIMARY KEY NOT NULL,
            content TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )


def _add_stars_trash_tags_and_search(db: sqlite3.Connection) -> None:
    """Version 4: starred entries, a trash, edits, tags, and a full-text index.

    ``deleted_at`` set means the entry is in the trash; ``edited_at`` is when its words
    last changed; ``tags`` is a JSON list (jrnl's tags arrive here); ``source`` says where
    an imported entry came from. ``entries_fts`` is an FTS5 index whose rowid is the
    entry's rowid, kept by triggers so that every writer, old or new, keeps it right.
    Backups are page copies (SQLite's backup API), which keep rowids as they are.
    """
    for statement in _VERSION_4:
        db.execute(statement)


# Version 4's triggers that keep the index as entries are written, as they shipped (version 9
# sets the second aside and puts it back). Reading each entry's answers with ``json_each``,
# they also make SQLite refuse answers that are not JSON ("malformed JSON"), from any program.
_VERSION_4_INSERT_TRIGGER = """
    CREATE TRIGGER entries_fts_after_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts (rowid, words) VALUES (new.rowid,
            coalesce((SELECT group_concat(json_extract(value, '$.answer'), char(10))
                      FROM json_each(new.answers)), '')
            || char(10) ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(new.tags)), ''));
    END
    """
_VERSION_4_UPDATE_TRIGGER = """
    CREATE TRIGGER entries_fts_after_update AFTER UPDATE OF answers, tags ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, words) VALUES ('delete', old.rowid,
            coalesce((SELECT group_concat(json_extract(value, '$.answer'), char(10))
                      FROM json_each(old.answers)), '')
            || char(10) ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(old.tags)), ''));
        INSERT INTO entries_fts (rowid, words) VALUES (new.rowid,
            coalesce((SELECT group_concat(json_extract(value, '$.answer'), char(10))
                      FROM json_each(new.answers)), '')
            || char(10) ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(new.tags)), ''));
    END
    """

# Version 4's SQL as it shipped, frozen: the calendar-week expression is spelt out here
# rather than taken from ``query.CALENDAR_WEEK`` (the list's queries must still spell it so;
# a test checks that they do), and the words the index holds are written out for each row.
_VERSION_4 = (
    "ALTER TABLE entries ADD COLUMN starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1))",
    "ALTER TABLE entries ADD COLUMN deleted_at TEXT",
    "ALTER TABLE entries ADD COLUMN edited_at TEXT",
    "ALTER TABLE entries ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE entries ADD COLUMN source TEXT",
    # Live entries newest first, and by programme week (no week last), without a sort.
    "CREATE INDEX idx_entries_live_time ON entries(julianday(created_at)) WHERE deleted_at IS NULL",
    "CREATE INDEX idx_entries_live_week ON entries(coalesce(week, 0), julianday(created_at)) "
    "WHERE deleted_at IS NULL",
    # Calendar weeks (the Monday of the local day of writing), counted from the index alone.
    "CREATE INDEX idx_entries_live_calendar ON entries("
    "date(substr(created_at, 1, 10), 'weekday 0', '-6 days'), julianday(created_at)) "
    "WHERE deleted_at IS NULL",
    # The trash, newest first; partial, so it never tempts the planner for live entries.
    "CREATE INDEX idx_entries_trash ON entries(julianday(deleted_at)) WHERE deleted_at IS NOT NULL",
    # The practices written about, with their names, counted from the index alone.
    "CREATE INDEX idx_entries_live_practice ON entries(practice_id, practice_name) "
    "WHERE deleted_at IS NULL",
    # The latest programme week practised (Home's suggestion) is then one index lookup.
    "CREATE INDEX idx_practice_sessions_week ON practice_sessions(week)",
    "CREATE VIRTUAL TABLE entries_fts USING fts5("
    "words, content = '', tokenize = 'unicode61 remove_diacritics 2')",
    # The words of an entry, as the index holds them: every answer, then the tags.
    """
    INSERT INTO entries_fts (rowid, words) SELECT rowid,
        coalesce((SELECT group_concat(json_extract(value, '$.answer'), char(10))
                  FROM json_each(entries.answers)), '')
        || char(10) ||
        coalesce((SELECT group_concat(value, ' ') FROM json_each(entries.tags)), '')
    FROM entries
    """,
    _VERSION_4_INSERT_TRIGGER,
    # A contentless index keeps no second copy of the words (a third of the file); to
    # forget an entry it is told the words it indexed, which the old row still gives.
    """
    CREATE TRIGGER entries_fts_after_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, words) VALUES ('delete', old.rowid,
            coalesce((SELECT group_concat(json_extract(value, '$.answer'), char(10))
                      FROM json_each(old.answers)), '')
            || char(10) ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(old.tags)), ''));
    END
    """,
    _VERSION_4_UPDATE_TRIGGER,
)


def _mark_as_ours(db: sqlite3.Connection) -> None:
    """Version 5: mark the file as a practice-tui journal (``PRAGMA application_id``).

    The mark is how an opening tells our journal from another program's database placed at
    its path; a journal from before it (our tables, no mark) is adopted by this migration.
    The number spells "PTUI" in ASCII, frozen here as it shipped.
    """
    db.execute("PRAGMA application_id = 1347704137")


def _give_the_journal_its_own_id(db: sqlite3.Connection) -> None:
    """Version 6: a random id for this journal, and a log of its recent write transactions.

    Each write transaction adds a random token to the log (the last 2,000 are kept), so a
    ``-wal`` replayed onto the journal must carry the journal's own latest token: one from
    another practice-tui journal (another id), or from a copy of this one that went its own
    way on another computer (a sync tool pairing this journal with that one's ``-wal``), does
    not, and is refused before SQLite replays it. Frozen SQL.
    """
    db.execute(
        "CREATE TABLE journal_identity ("
        " one INTEGER PRIMARY KEY CHECK (one = 1),"
        " journal_id TEXT NOT NULL)"
    )
    db.execute(
        "INSERT INTO journal_identity (one, journal_id) VALUES (1, lower(hex(randomblob(16))))"
    )
    db.execute("CREATE TABLE journal_write_log (n INTEGER PRIMARY KEY, token TEXT NOT NULL)")
    db.execute("INSERT INTO journal_write_log (token) VALUES (lower(hex(randomblob(8))))")


def _add_entry_revisions(db: sqlite3.Connection) -> None:
    """Version 7: the earlier words of entries, so no change ever loses what was there.

    An edit, an import or a restore that changes an entry's words keeps the words it
    replaces here: ``written_at`` is when they were written, ``kept_at`` when they were set
    aside, and ``reason`` why (``edit``, ``import``, ``conflict``, ``restore``). ``answers``
    is JSON as in ``entries``. Deleting an entry for good deletes its history with it.
    """
    db.execute(
        """
        CREATE TABLE entry_revisions (
            id TEXT PRIMARY KEY NOT NULL,
            entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            answers TEXT NOT NULL,
            written_at TEXT NOT NULL,
            kept_at TEXT NOT NULL,
            reason TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE INDEX idx_entry_revisions_entry ON entry_revisions(entry_id, julianday(kept_at))"
    )


def _skipped_through_is_not_completed(db: sqlite3.Connection) -> None:
    """Version 8: a practice skipped through to its end bell is not completed.

    Until now the end bell marked a session completed however it was reached. Skipping
    ahead cuts the plan short, and the time practised is the plan less what was skipped,
    so a finished session practised a second or more short of its plan was skipped through.
    Frozen here as it shipped.
    """
    db.execute(
        "UPDATE practice_sessions SET completed = 0 "
        "WHERE completed = 1 AND planned_seconds > 0 "
        "AND practised_seconds <= planned_seconds - 1"
    )


def _compact_answers_and_index_session_times(db: sqlite3.Connection) -> None:
    """Version 9: answers stored compact, with no space after ``,`` and ``:``, and the
    sessions indexed in time order.

    The JSON export writes answers compact; stored so, they are copied as they are instead
    of SQLite writing every one again (a tenth of a long export's time). ``json()`` keeps
    every string as it was written, escapes included, so only the spaces go; answers that
    are not valid JSON (another program's) are left as they are. The words are the same, so
    the search index's update trigger is set aside meanwhile (re-indexing every entry would
    take seconds on a long journal) and put back as version 4 made it. The sessions' index
    on the moment they started gives the export (and the latest sessions) their order
    without a sort: ``started_at``'s own index is not the time order, since a journal mixes
    offsets (``+00:00`` and ``+01:00``). Frozen SQL.
    """
    compacted = "SET answers = json(answers) WHERE json_valid(answers) AND answers <> json(answers)"
    db.execute("DROP TRIGGER IF EXISTS entries_fts_after_update")
    db.execute(f"UPDATE entries {compacted}")
    db.execute(_VERSION_4_UPDATE_TRIGGER)
    db.execute(f"UPDATE entry_revisions {compacted}")
    db.execute(
        "CREATE INDEX idx_practice_sessions_time ON practice_sessions(julianday(started_at))"
    )


MIGRATIONS: list[Migration] = [
    _create_sessions_and_entries,
    _add_home_task_ticks_and_actions,
    _add_drafts,
    _add_stars_trash_tags_and_search,
    _mark_as_ours,
    _give_the_journal_its_own_id,
    _add_entry_revisions,
    _skipped_through_is_not_completed,
    _compact_answers_and_index_session_times,
]

#: The triggers (by name, with their SQL) under which every entry's stored answers are valid
#: JSON: version 4 indexed every existing entry through ``json_each``, and they read every
#: answer list written since.
_ANSWERS_KEPT_JSON_BY = {
    "entries_fts_after_insert": _VERSION_4_INSERT_TRIGGER,
    "entries_fts_after_update": _VERSION_4_UPDATE_TRIGGER,
}


def answers_kept_json(db: sqlite3.Connection) -> bool:
    """Whether SQLite itself keeps every entry's answers valid JSON in this journal: the
    triggers that do so are there exactly as shipped (not dropped or changed by another
    program, as a spoilt answer would need), so a reader may copy them unchecked."""
    names = tuple(_ANSWERS_KEPT_JSON_BY)
    found = dict(
        db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries' "
            f"AND name IN ({', '.join('?' * len(names))})",
            names,
        ).fetchall()
    )
    return all(
        " ".join(str(found.get(name, "")).split()) == " ".join(sql.split())
        for name, sql in _ANSWERS_KEPT_JSON_BY.items()
    )


#: The tables of :func:`_give_the_journal_its_own_id`: bookkeeping, not the person's words.
IDENTITY_TABLE = "journal_identity"
WRITE_LOG_TABLE = "journal_write_log"
#: Run in every write transaction (see :func:`_give_the_journal_its_own_id`).
LOG_WRITE = (
    "INSERT INTO journal_write_log (token) VALUES (lower(hex(randomblob(8))))",
    "DELETE FROM journal_write_log WHERE n <= (SELECT max(n) FROM journal_write_log) - 2000",
)

#: The version this code writes; a file with a higher ``user_version`` is left alone.
SCHEMA_VERSION = len(MIGRATIONS)


def read_version(db: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new, empty file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, *, before: Callable[[int], None] | None = None) -> int:
    """Bring the file up to the newest version, every migration in one write transaction.

    The version is read again inside the transaction, so two processes opening the same old
    or new file at once never both migrate it, and the second never sees it half-way (at a
    version between the two). ``before(version)`` is called inside that transaction, before
    the first migration, so it sees the file exactly as it is about to be migrated (the store
    backs the file up there); if it or a migration raises, nothing is migrated. Returns the
    version reached. The connection must be in autocommit mode (``isolation_level=None``).
    """
    target = len(MIGRATIONS)
    version = read_version(db)
    if version >= target:
        return version
    db.execute("BEGIN IMMEDIATE")
    with db:  # commits, or rolls back every migration if one fails
        version = read_version(db)
        if version < target and before is not None:
            before(version)
        while version < target:
            MIGRATIONS[version](db)
            version += 1
            db.execute(f"PRAGMA user_version = {version:d}")
    return version
