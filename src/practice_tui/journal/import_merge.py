"""Merging the rows of an import into the journal, a batch at a time, in one transaction.

Every row has a UUID. A row not in the journal is added. An entry or action already here
takes the file's row when the file's ``updated_at`` is the later instant (compared as
moments, so a file written in another time zone merges the same); a tie keeps the
journal's. Practice sessions never change once kept; a home task ticked on a day stays
ticked.

No words are ever dropped. When an entry's words differ, the words that lose (the
journal's or the file's) are kept as a revision of the entry, unless they are in its
history already: then one side simply had the later edit. Otherwise both sides had changed
it, which the summary counts. The file's own revisions are merged by their words, the same
words once per entry, so importing a file twice changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from practice_tui.journal.import_records import ImportProblem, shown
from practice_tui.journal.import_result import ImportResult, Tally
from practice_tui.journal.revisions import is_kept, keep_words, same_words, written_at
from practice_tui.journal.rows import insert_sql, new_id

if TYPE_CHECKING:
    from collections.abc import Callable
    from sqlite3 import Connection

#: The tables an import fills, in the order their rows go in.
TABLES = ("practice_sessions", "entries", "actions", "home_task_ticks", "entry_revisions")
_BATCH = 500
#: The links between rows, each checked once every row is in: (table, column, target, noun).
_LINKS = (
    ("entries", "session_id", "practice_sessions", "practice session"),
    ("actions", "entry_id", "entries", "entry"),
    ("entry_revisions", "entry_id", "entries", "entry"),
)


class Merger:
    """Rows gathered into batches and merged into the journal inside one transaction."""

    def __init__(
        self,
        db: Connection,
        result: ImportResult,
        read_so_far: Callable[[], None],
        stamp: str,
        *,
        same_words_unchanged: bool = False,
        dry_run: bool = False,
    ) -> None:
        """``stamp`` is now, for the revisions kept; with ``same_words_unchanged`` (jrnl),
        an entry already here with the same words is left as it is, whatever its time. A
        ``dry_run``'s rows are rolled back, so they go in as plain inserts (see
        :func:`_insert`)."""
        self._db = db
        self._insert = _insert_scratch if dry_run else _insert
        self.result = result
        self._read_so_far = read_so_far
        self._stamp = stamp
        self._same_words_unchanged = same_words_unchanged
        self._pending: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
        #: Where each row was in the file, by table and id: for twins and broken links.
        self._places: dict[str, dict[str, str]] = {table: {} for table in TABLES}
        #: Entries whose words here lost to the file's and were kept as a revision: by
        #: entry id, that revision's id. The file's own history may hold those words too
        #: (further on), which shows the file's words were a later edit, not a conflict.
        self._open_conflicts: dict[str, str] = {}

    def add(
        self, table: str, where: str, row: dict[str, Any], *, same_is_one: bool = False
    ) -> None:
        """Take a row; ``same_is_one``: a row twice in the file is kept once (jrnl's twins)."""
        places = self._places[table]
        earlier = places.get(row["id"])
        if earlier is not None:
            if same_is_one:
                self.result.tally(table).unchanged += 1
                return
            raise ImportProblem(f"{where}.id: {shown(row['id'])} is in the file twice ({earlier})")
        places[row["id"]] = where
        pending = self._pending[table]
        pending.append(row)
        if len(pending) >= _BATCH:
            self._flush(table)

    def finish(self) -> None:
        for table in TABLES:
            self._flush(table)
        for table, column, target, noun in _LINKS:
            self._check_link(table, column, target, noun)
        self.result.conflicts += len(self._open_conflicts)

    def _flush(self, table: str) -> None:
        rows, self._pending[table] = self._pending[table], []
        if not rows:
            return
        tally = self.result.tally(table)
        if table == "home_task_ticks":
            _insert_ticks(self._db, rows, tally)
        elif table == "entries":
            self._merge_entries(rows, tally)
        elif table == "entry_revisions":
            self._merge_revisions(rows, tally)
        else:
            _upsert(self._db, table, rows, tally, self._insert, table != "practice_sessions")
        self._read_so_far()

    def _merge_entries(self, rows: list[dict[str, Any]], tally: Tally) -> None:
        """Add new entries; for those here, the newer wins and the other words are kept."""
        db = self._db
        marks = ", ".join("?" for _ in rows)
        here = {
            found["id"]: found
            for found in _dicts(db, f"SELECT * FROM entries WHERE id IN ({marks})", _ids(rows))
        }
        self._insert(db, "entries", [row for row in rows if row["id"] not in here])
        tally.added += len(rows) - len(here)
        newer = []
        for row in rows:
            old = here.get(row["id"])
            if old is None:
                continue
            same = same_words(row["answers"], old["answers"])
            if same and self._same_words_unchanged:
                tally.unchanged += 1
            elif _later(row, old["updated_at"]):
                newer.append(row)
                if not same:
                    self._journal_words_lost(old)
            else:
                tally.unchanged += 1
                if not same:
                    self._file_words_lost(row)
        _update(db, "entries", newer)
        tally.updated += len(newer)

    def _journal_words_lost(self, old: dict[str, Any]) -> None:
        """The file's words win: the journal's are kept, unless its history has them."""
        if is_kept(self._db, old["id"], old["answers"]):
            return  # the file's words are a later edit of these
        kept = self._keep(old["id"], old["answers"], written_at(old), "conflict")
        if kept is not None:
            self._open_conflicts[old["id"]] = kept

    def _file_words_lost(self, row: dict[str, Any]) -> None:
        """The journal's words win: the file's are kept, unless its history has them."""
        if not is_kept(self._db, row["id"], row["answers"]):
            self._keep(row["id"], row["answers"], written_at(row), "conflict")
            self.result.conflicts += 1

    def _keep(self, entry_id: str, answers: str, written: str, reason: str) -> str | None:
        return keep_words(
            self._db, entry_id, answers, written_at=written, kept_at=self._stamp, reason=reason
        )

    def _merge_revisions(self, rows: list[dict[str, Any]], tally: Tally) -> None:
        """The file's earlier versions, merged by their words."""
        for row in rows:
            if is_kept(self._db, row["entry_id"], row["answers"]):
                tally.unchanged += 1
                self._settle(row)
                continue
            taken = self._db.execute("SELECT 1 FROM entry_revisions WHERE id = ?", [row["id"]])
            if taken.fetchone() is not None:  # the same id with other words: keep both
                row = {**row, "id": new_id()}
            self._db.execute(insert_sql("entry_revisions", list(row)), list(row.values()))
            tally.added += 1

    def _settle(self, row: dict[str, Any]) -> None:
        """The file's history holds the words the journal lost to it: no conflict after all,
        only a later edit in the file."""
        kept = self._open_conflicts.get(row["entry_id"])
        if kept is None:
            return
        found = self._db.execute("SELECT answers FROM entry_revisions WHERE id = ?", [kept])
        answers = found.fetchone()
        if answers is not None and same_words(answers[0], row["answers"]):
            self._db.execute("UPDATE entry_revisions SET reason = 'import' WHERE id = ?", [kept])
            del self._open_conflicts[row["entry_id"]]

    def _check_link(self, table: str, column: str, target: str, noun: str) -> None:
        """Every row that names another names one in the file or the journal."""
        sql = (
            f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL "
            f"AND {column} NOT IN (SELECT id FROM {target}) LIMIT 1"
        )
        broken = self._db.execute(sql).fetchone()
        if broken is not None:
            where = self._places[table].get(broken[0], table)
            raise ImportProblem(
                f"{where}.{column}: no {noun} with id {shown(broken[1])} is in the file "
                "or the journal"
            )


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["id"] for row in rows]


def _dicts(db: Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, found, strict=True)) for found in cursor.fetchall()]


def _existing(db: Connection, table: str, ids: list[str]) -> dict[str, Any]:
    """``{id: updated_at}`` (``{id: None}`` for sessions) for the ids already in ``table``."""
    stamp = "updated_at" if table in ("entries", "actions") else "NULL"
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT id, {stamp} FROM {table} WHERE id IN ({marks})"
    return dict(db.execute(sql, ids).fetchall())


def _insert(db: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    # Imported here only: sqlite-utils costs ~110 ms to import, which no other command pays.
    from sqlite_utils import Database

    # Its table API writes the rows in chunks that fit SQLite's limit on parameters; in
    # 4.x it nests in the import's transaction (a savepoint), so all is kept or none.
    rows_api = Database(db, recursive_triggers=False, execute_plugins=False)
    rows_api.table(table).insert_all(rows)


def _insert_scratch(db: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """The same rows as :func:`_insert` would add, for a dry run that rolls them back: plain
    inserts, so `import --dry-run` starts as fast as the other commands (sqlite-utils is for
    rows that are kept)."""
    if rows:
        columns = list(rows[0])
        db.executemany(insert_sql(table, columns), [[row[c] for c in columns] for row in rows])


def _update(db: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = [column for column in rows[0] if column != "id"]
    sets = ", ".join(f"{column} = ?" for column in columns)
    db.executemany(
        f"UPDATE {table} SET {sets} WHERE id = ?",
        [[row[column] for column in columns] + [row["id"]] for row in rows],
    )


def _upsert(
    db: Connection,
    table: str,
    rows: list[dict[str, Any]],
    tally: Tally,
    insert: Callable[[Connection, str, list[dict[str, Any]]], None],
    replace: bool,
) -> None:
    """Add rows not here; with ``replace``, replace those here when the file's is newer."""
    here = _existing(db, table, _ids(rows))
    new = [row for row in rows if row["id"] not in here]
    newer = [row for row in rows if replace and row["id"] in here and _later(row, here[row["id"]])]
    insert(db, table, new)
    _update(db, table, newer)
    tally.added += len(new)
    tally.updated += len(newer)
    tally.unchanged += len(rows) - len(new) - len(newer)


def _later(row: dict[str, Any], here: str | None) -> bool:
    """Whether the file's change is a later moment than the journal's (a tie keeps the
    journal's); moments, not their text, so offsets never decide."""
    if here is None:
        return True
    try:
        return datetime.fromisoformat(row["updated_at"]) > datetime.fromisoformat(here)
    except (TypeError, ValueError):  # a damaged time in the journal: the file's is sound
        return True


def _insert_ticks(db: Connection, rows: list[dict[str, Any]], tally: Tally) -> None:
    """A task ticked on a day stays ticked: the same tick (or one on that day) is kept once."""
    columns = list(rows[0])
    sql = insert_sql("home_task_ticks", columns) + " ON CONFLICT DO NOTHING"
    before = db.total_changes
    db.executemany(sql, [list(row.values()) for row in rows])
    added = db.total_changes - before
    tally.added += added
    tally.unchanged += len(rows) - added
