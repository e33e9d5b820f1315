"""Journal entries: writing, starring, the trash, and reading lists, pages and searches."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from practice_tui.journal.connection import Connection
from practice_tui.journal.errors import (
    SAVE_EDIT,
    SAVE_ENTRY,
    SAVE_EXERCISE,
    SAVE_STAR,
    SAVE_TRASH,
    EntryNotFound,
    InvalidArgument,
    NothingToSave,
    NotInTrash,
    SessionNotFound,
)
from practice_tui.journal.models import Answer, Entry
from practice_tui.journal.query import CALENDAR_WEEK, EntryQuery, Grouping, order_by, where_clause
from practice_tui.journal.revisions import replace_words
from practice_tui.journal.rows import (
    ENTRY_KINDS,
    check_action_texts,
    check_answers,
    check_bool,
    check_choice,
    check_text,
    check_week,
    decode_entry,
    encode_answers,
    entry_row,
    insert_sql,
    new_action_row,
    new_id,
    sql_limit,
)
from practice_tui.journal.times import to_iso

if TYPE_CHECKING:
    import sqlite3

ENTRY_SELECT = """
    SELECT e.id, e.session_id, e.kind, e.practice_id, e.practice_name, e.week,
           e.created_at, e.updated_at, e.answers, s.practised_seconds AS practised_seconds,
           e.starred, e.deleted_at, e.edited_at, e.tags, e.source
    FROM entries AS e
    LEFT JOIN practice_sessions AS s ON s.id = e.session_id
"""
#: An entry with its rowid, to put a page's entries in order; how many rowids one query asks.
_PAGE_SELECT = ENTRY_SELECT.replace("SELECT", "SELECT e.rowid AS page_rowid,", 1)
_ROWIDS_AT_ONCE = 500
# julianday() reads the UTC offset, so entries written before and after a change of clocks
# still sort by the moment they were written, not by their wall-clock text.
_NEWEST_FIRST = "ORDER BY julianday(e.created_at) DESC, e.rowid DESC"


class Entries:
    """The reflections, exercises and notes of the journal: ``journal.entries``."""

    def __init__(self, db: Connection) -> None:
        self._db = db
        self._matches_key: tuple[str, int, int] | None = None

    # -- writing -------------------------------------------------------------------------

    def add(
        self,
        *,
        answers: Sequence[Answer],
        session_id: str | None = None,
        practice_id: str | None = None,
        practice_name: str | None = None,
        week: int | None = None,
        created_at: datetime | None = None,
        kind: str = "reflection",
        actions: Sequence[str] = (),
        draft_id: str | None = None,
    ) -> Entry:
        """Save a reflection or an exercise, with the actions it sets, and return the entry.

        For an exercise, ``practice_id`` and ``practice_name`` are the exercise's id and name.
        An entry tied to a session takes the session's practice and week unless they are
        given. Each non-blank text in ``actions`` becomes an :class:`Action` (stripped), saved
        in the same transaction as the entry, so neither is ever kept without the other.
        Raises :class:`NothingToSave` when every answer is blank and no action is given,
        :class:`SessionNotFound` for an unknown ``session_id``. ``draft_id`` names the draft
        this entry came from: it is deleted in the same transaction, so the words are always
        in exactly one of the two places.
        """
        answers = check_answers(answers)
        action_texts = check_action_texts(actions)
        if not action_texts and all(item.is_blank for item in answers):
            raise NothingToSave(
                "There is nothing to save: every answer is blank and no action is set."
            )
        for value, name in ((practice_id, "practice_id"), (practice_name, "practice_name")):
            if value is not None:
                check_text(value, name)
        check_week(week)
        check_choice(kind, ENTRY_KINDS, "kind")
        db = self._db
        stamp = to_iso(created_at if created_at is not None else db.now(), name="created_at")
        practised_seconds: float | None = None
        with db.writing(SAVE_EXERCISE if kind == "exercise" else SAVE_ENTRY) as conn:
            if session_id is not None:
                found = db.rows("SELECT * FROM practice_sessions WHERE id = ?", [session_id])
                if not found:
                    raise SessionNotFound(session_id, path=db.path)
                session = found[0]
                practice_id = practice_id if practice_id is not None else session["practice_id"]
                if practice_name is None:
                    practice_name = session["practice_name"]
                week = week if week is not None else session["week"]
                practised_seconds = session["practised_seconds"]
            entry = Entry(
                id=new_id(),
                session_id=session_id,
                kind=kind,
                practice_id=practice_id,
                practice_name=practice_name,
                week=week,
                created_at=stamp,
                updated_at=stamp,
                answers=answers,
                practised_seconds=practised_seconds,
            )
            row = entry_row(entry)
            conn.execute(insert_sql("entries", list(row)), list(row.values()))
            if action_texts:
                rows = [new_action_row(entry, text) for text in action_texts]
                conn.executemany(
                    insert_sql("actions", list(rows[0])), [list(r.values()) for r in rows]
                )
            if draft_id is not None:
                conn.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        return entry

    def update(
        self, entry_id: str, answers: Sequence[Answer], *, draft_id: str | None = None
    ) -> Entry:
        """Change the words of an entry; ``edited_at`` and ``updated_at`` become now.

        The words it had are kept as a revision (``journal.revisions``) in the same
        transaction, so an edit never loses what was there.

        Raises :class:`EntryNotFound` for an unknown id, :class:`NothingToSave` when every
        answer would be blank (an entry with no words goes in the trash instead, so it can
        still be restored).
        ``draft_id`` names the draft of this change: it goes in the same transaction.
        """
        checked = check_answers(answers)
        if all(item.is_blank for item in checked):
            raise NothingToSave()
        stamp = self._db.stamp()
        words = encode_answers(checked)
        with self._db.writing(SAVE_EDIT) as conn:
            row = self._require(entry_id)
            replace_words(conn, row, words, stamp=stamp, reason="edit")
            if draft_id is not None:
                conn.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        return self._reread(entry_id)

    def set_starred(self, entry_id: str, starred: bool) -> Entry:
        """Star an entry, or take its star away; returns the entry as it now is."""
        check_bool(starred, "starred")
        with self._db.writing(SAVE_STAR) as conn:
            self._require(entry_id)
            conn.execute(
                "UPDATE entries SET starred = ?, updated_at = ? WHERE id = ? AND starred != ?",
                [int(starred), self._db.stamp(), entry_id, int(starred)],
            )
        return self._reread(entry_id)

    def trash(self, entry_id: str) -> Entry:
        """Put an entry in the trash, from which :meth:`restore` brings it back."""
        stamp = self._db.stamp()
        with self._db.writing(SAVE_TRASH) as conn:
            self._require(entry_id)
            conn.execute(
                "UPDATE entries SET deleted_at = ?, updated_at = ? "
                "WHERE id = ? AND deleted_at IS NULL",
                [stamp, stamp, entry_id],
            )
        return self._reread(entry_id)

    def restore(self, entry_id: str) -> Entry:
        """Take an entry out of the trash, back to where it was in the journal."""
        with self._db.writing(SAVE_TRASH) as conn:
            self._require(entry_id)
            conn.execute(
                "UPDATE entries SET deleted_at = NULL, updated_at = ? "
                "WHERE id = ? AND deleted_at IS NOT NULL",
                [self._db.stamp(), entry_id],
            )
        return self._reread(entry_id)

    def delete_forever(self, entry_id: str) -> None:
        """Delete an entry that is in the trash, for good. Its actions are kept, unlinked.

        Raises :class:`NotInTrash` for an entry that is not in the trash: nothing is deleted
        for good without passing through the trash first.
        """
        with self._db.writing(SAVE_TRASH) as conn:
            row = self._require(entry_id)
            if row["deleted_at"] is None:
                raise NotInTrash(entry_id, path=self._db.path)
            conn.execute("UPDATE actions SET entry_id = NULL WHERE entry_id = ?", [entry_id])
            conn.execute("DELETE FROM entry_revisions WHERE entry_id = ?", [entry_id])
            conn.execute("DELETE FROM entries WHERE id = ?", [entry_id])

    def empty_trash(self) -> int:
        """Delete every entry in the trash for good; returns how many there were."""
        with self._db.writing(SAVE_TRASH) as conn:
            conn.execute(
                "UPDATE actions SET entry_id = NULL WHERE entry_id IN "
                "(SELECT id FROM entries WHERE deleted_at IS NOT NULL)"
            )
            conn.execute(
                "DELETE FROM entry_revisions WHERE entry_id IN "
                "(SELECT id FROM entries WHERE deleted_at IS NOT NULL)"
            )
            cursor = conn.execute("DELETE FROM entries WHERE deleted_at IS NOT NULL")
            return int(cursor.rowcount)

    # -- reading -------------------------------------------------------------------------

    def newest(self, *, limit: int | None = None) -> list[Entry]:
        """Entries not in the trash, newest first (ties: the later saved first)."""
        sql = f"{ENTRY_SELECT} WHERE e.deleted_at IS NULL {_NEWEST_FIRST} LIMIT ?"
        with self._db.reading():
            rows = self._db.rows(sql, [sql_limit(limit)])
        return [self._decode(row) for row in rows]

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id (in the trash or not), or ``None``."""
        with self._db.reading():
            rows = self._db.rows(f"{ENTRY_SELECT} WHERE e.id = ?", [entry_id])
        return self._decode(rows[0]) if rows else None

    def count(self, query: EntryQuery | None = None) -> int:
        """How many entries ``query`` finds (by default, every entry not in the trash)."""
        query = query or EntryQuery()
        with self._db.reading() as conn:
            where, params = self._where(query)
            if query.is_search_alone and not query.trashed and not query.terms.is_empty:
                return self._count_live_matches(conn)
            row = conn.execute(f"SELECT count(*) FROM entries AS e WHERE {where}", params)
            return int(row.fetchone()[0])

    def _count_live_matches(self, conn: sqlite3.Connection) -> int:
        """The kept matches less those in the trash: a common word is counted without
        reading the whole journal's index (each entry has one row in the search index, kept
        by the schema's triggers, so every match is an entry)."""
        matches = conn.execute("SELECT count(*) FROM temp.search_matches").fetchone()[0]
        trashed = conn.execute(
            "SELECT count(*) FROM entries AS e "
            "WHERE e.deleted_at IS NOT NULL AND +e.rowid IN temp.search_matches"
        ).fetchone()[0]
        return int(matches) - int(trashed)

    def page(
        self,
        query: EntryQuery | None = None,
        *,
        grouping: Grouping = "week",
        offset: int = 0,
        limit: int = 50,
    ) -> list[Entry]:
        """One page of the entries ``query`` finds, in the order of ``grouping``.

        The Journal screen asks for pages as they scroll into view, so a list of any length
        costs one page of memory. ``offset`` counts entries, not group headings.
        """
        query = query or EntryQuery()
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise InvalidArgument("offset must be a whole number, 0 or more")
        order = order_by(query, grouping)
        # The page's rows are found in the index first, so skipping far down a long list
        # never reads the entries skipped; then only the page itself is read whole, and put
        # in order here: sorting the whole rows in SQL would copy every answer into the
        # sorter (a page holding an answer of 50 MB took 270 MB, now 120 MB).
        with self._db.reading() as conn:
            where, params = self._where(query)
            found = conn.execute(
                f"SELECT e.rowid FROM entries AS e WHERE {where} {order} LIMIT ? OFFSET ?",
                [*params, sql_limit(limit), offset],
            )
            place = {rowid: index for index, (rowid,) in enumerate(found)}
            rows: list[dict[str, Any]] = []
            rowids = list(place)
            for start in range(0, len(rowids), _ROWIDS_AT_ONCE):
                some = rowids[start : start + _ROWIDS_AT_ONCE]
                marks = ", ".join("?" * len(some))
                rows += self._db.rows(f"{_PAGE_SELECT} WHERE e.rowid IN ({marks})", some)
        rows.sort(key=lambda row: place[row["page_rowid"]])
        return [self._decode(row) for row in rows]

    def stream(
        self, query: EntryQuery | None = None, *, log_order: bool = False, batch: int = 500
    ) -> Iterator[Entry]:
        """Every entry ``query`` finds, read ``batch`` at a time: an export costs one batch.

        Oldest first; with ``log_order``, as a log reads: programme weeks 1 up, then the
        entries tied to no week, oldest first in each. Inside ``journal.bulk.read()`` the
        entries agree with whatever else is read there.
        """
        query = query or EntryQuery()
        where, params = where_clause(query)
        oldest = "julianday(e.created_at), e.rowid"
        if log_order:
            parts = [
                (f"{where} AND coalesce(e.week, 0) > 0", f"coalesce(e.week, 0), {oldest}"),
                (f"{where} AND coalesce(e.week, 0) = 0", oldest),
            ]
        else:
            parts = [(where, oldest)]
        with self._db.reading() as conn:
            for part_where, order in parts:
                cursor = conn.execute(f"{ENTRY_SELECT} WHERE {part_where} ORDER BY {order}", params)
                names = [column[0] for column in cursor.description]
                while rows := cursor.fetchmany(batch):
                    for row in rows:
                        yield self._decode(dict(zip(names, row, strict=True)))

    def group_counts(
        self, query: EntryQuery | None = None, *, grouping: Grouping = "week"
    ) -> list[tuple[int | str | None, int]]:
        """The groups of the entries ``query`` finds, in list order, with their sizes.

        By ``"week"``: programme weeks, newest first, then ``None`` for entries tied to no
        week. By ``"calendar"``: the Monday (``YYYY-MM-DD``) of each calendar week of
        writing, newest first. By ``"none"``: one group, ``None``, holding them all.
        """
        query = query or EntryQuery()
        if grouping == "none":
            total = self.count(query)
            return [(None, total)] if total else []
        with self._db.reading():
            where, params = self._where(query)
        if grouping == "week":
            sql = (
                f"SELECT coalesce(e.week, 0) AS g, count(*) FROM entries AS e WHERE {where} "
                "GROUP BY g ORDER BY g DESC"
            )
        elif grouping == "calendar":
            sql = (
                f"SELECT {CALENDAR_WEEK.format(created_at='e.created_at')} AS g, "
                f"count(*) FROM entries AS e WHERE {where} GROUP BY g ORDER BY g DESC"
            )
        else:
            raise InvalidArgument(f"unknown grouping {grouping!r}")
        with self._db.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        if grouping == "week":
            return [(int(key) or None, int(count)) for key, count in rows]
        return [(key, int(count)) for key, count in rows]

    def practice_name(self, practice_id: str) -> str | None:
        """The name entries give a practice or exercise id, or ``None`` if none do."""
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT max(practice_name) FROM entries WHERE practice_id = ?", [practice_id]
            ).fetchone()
        return None if row is None else row[0]

    def practices(self) -> list[tuple[str, str, int]]:
        """``(practice_id, name, entries)`` for each practice or exercise written about."""
        sql = (
            "SELECT practice_id, max(practice_name), count(*) FROM entries "
            "WHERE deleted_at IS NULL AND practice_id IS NOT NULL "
            "GROUP BY practice_id ORDER BY max(practice_name) COLLATE NOCASE"
        )
        with self._db.reading() as conn:
            rows = conn.execute(sql).fetchall()
        return [(pid, name or pid, int(count)) for pid, name, count in rows]

    def ids_starting(self, prefix: str, *, limit: int = 2) -> list[str]:
        """Ids of entries (in the trash or not) that begin with ``prefix``, in order.

        For an id typed by hand, shortened: two results mean the prefix is not unique.
        Ids are compared as written (lower-case UUIDs), through the primary key's index.
        """
        if not isinstance(prefix, str) or not prefix:
            raise InvalidArgument("prefix must be non-empty text")
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        sql = "SELECT id FROM entries WHERE id >= ? AND id < ? ORDER BY id LIMIT ?"
        with self._db.reading() as conn:
            rows = conn.execute(sql, [prefix, after, sql_limit(limit)]).fetchall()
        return [row[0] for row in rows]

    # -- plumbing ------------------------------------------------------------------------

    def _where(self, query: EntryQuery) -> tuple[str, list[object]]:
        """The ``WHERE`` clause for ``query``, with a search's matches read once and kept.

        A list of search results asks for its groups, then page after page; matching every
        time would cost a common word tens of milliseconds each. The matching rowids are
        kept in a temporary table (this connection's alone, in memory) until the search,
        this journal, or the file (``PRAGMA data_version``: another window wrote) changes.
        """
        terms = query.terms
        if not query.is_search or terms.is_empty:
            return where_clause(query)
        fts = terms.fts_query()
        conn = self._db.conn
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        key = (fts, version, self._db.writes)
        if key != self._matches_key:
            self._matches_key = None
            conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS search_matches (rowid INTEGER PRIMARY KEY)"
            )
            conn.execute("DELETE FROM temp.search_matches")
            conn.execute(
                "INSERT INTO temp.search_matches "
                "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?",
                [fts],
            )
            self._matches_key = key
        return where_clause(query, matches_table="temp.search_matches")

    def _require(self, entry_id: str) -> dict[str, Any]:
        rows = self._db.rows("SELECT * FROM entries WHERE id = ?", [entry_id])
        if not rows:
            raise EntryNotFound(entry_id, path=self._db.path)
        return rows[0]

    def _reread(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        if entry is None:  # another window deleted it for good a moment ago
            raise EntryNotFound(entry_id, path=self._db.path)
        return entry

    def _decode(self, row: Mapping[str, Any]) -> Entry:
        try:
            return decode_entry(row)
        except (ValueError, TypeError, KeyError) as exc:
            raise self._db.damaged() from exc
