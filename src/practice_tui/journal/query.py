"""Which entries to show: the filters of the Journal screen, the CLI and exports, as SQL.

One :class:`EntryQuery` describes a view of the journal (a week, a practice, a range of
days, words searched for, starred only, or the trash); :func:`where_clause` turns it into a
``WHERE`` clause with parameters, so the screen's list, its counts and an export filtered
the same way always agree. Every value goes in as a parameter, never into the SQL text.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from practice_tui.journal.errors import InvalidArgument
from practice_tui.journal.search import SearchTerms, parse_search
from practice_tui.records import FrozenRecord

#: How a list of entries is grouped: by programme week, by calendar week, or not at all.
Grouping = Literal["week", "calendar", "none"]

#: The ``week`` value that means "entries tied to no programme week".
NO_WEEK = 0

#: The Monday of the calendar week an entry was written in, from its local time of writing.
#: Queries must spell it exactly so (naming their own column) for SQLite to use the index.
CALENDAR_WEEK = "date(substr({created_at}, 1, 10), 'weekday 0', '-6 days')"


class EntryQuery(FrozenRecord):
    """A view of the journal. Every field left at its default means "any".

    ``week`` is a programme week, or :data:`NO_WEEK` for entries tied to none. ``since``
    and ``until`` are local days, both included. ``search`` is whatever the person typed.
    ``trashed`` shows the trash instead of the journal.
    """

    week: int | None = None
    practice_id: str | None = None
    since: date | None = None
    until: date | None = None
    search: str = ""
    starred: bool = False
    trashed: bool = False

    def __post_init__(self) -> None:
        if self.week is not None and (
            isinstance(self.week, bool) or not isinstance(self.week, int) or self.week < 0
        ):
            raise InvalidArgument("week must be a programme week (1 or more), 0 for none, or None")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
                raise TypeError(f"{name} must be a date")
        if not isinstance(self.search, str):
            raise TypeError("search must be text")

    @property
    def terms(self) -> SearchTerms:
        return parse_search(self.search)

    @property
    def is_search(self) -> bool:
        return bool(self.search.strip())

    @property
    def is_search_alone(self) -> bool:
        """Whether words are searched for and nothing else narrows the view."""
        return self.is_search and not self._replace(search="").is_filtered

    @property
    def is_filtered(self) -> bool:
        """Whether anything narrows the view (the trash alone does not count)."""
        return (
            self.week is not None
            or self.practice_id is not None
            or self.since is not None
            or self.until is not None
            or self.is_search
            or self.starred
        )


def where_clause(
    query: EntryQuery, *, matches_table: str | None = None
) -> tuple[str, list[object]]:
    """The ``WHERE`` clause (for ``entries AS e``) and its parameters.

    A search whose text holds no words at all (only punctuation, say) matches nothing,
    rather than everything: the person asked for something, and it is not there.
    ``matches_table`` names a table already holding the rowids the search matches (the
    store keeps one per search, so scrolling a long list of results never searches again).
    """
    clauses = ["e.deleted_at IS NOT NULL" if query.trashed else "e.deleted_at IS NULL"]
    params: list[object] = []
    if query.week is not None:
        # Spelt as the list's index spells it, so one week is read from that index alone.
        clauses.append("coalesce(e.week, 0) = ?")
        params.append(query.week)
    if query.practice_id is not None:
        clauses.append("e.practice_id = ?")
        params.append(query.practice_id)
    # Times are stored as local ISO text, so the local day is the text before the "T".
    if query.since is not None:
        clauses.append("e.created_at >= ?")
        params.append(query.since.isoformat())
    if query.until is not None:
        clauses.append("e.created_at < ?")
        params.append(after_day(query.until))
    if query.starred:
        clauses.append("e.starred = 1")
    if query.is_search:
        terms = query.terms
        if terms.is_empty:
            clauses.append("0")
        elif matches_table is not None:
            clauses.append(f"+e.rowid IN {matches_table}")
        else:
            # "+" keeps SQLite reading the list's own index, in order, and checking each
            # entry against the set of matches: fast whether a word is rare or common.
            clauses.append("+e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
            params.append(terms.fts_query())
    return " AND ".join(clauses), params


def order_by(query: EntryQuery, grouping: Grouping) -> str:
    """The ``ORDER BY`` for a list: newest first, inside each group of ``grouping``.

    The expressions match the schema's partial indexes, so a page of a long journal is
    read straight from an index rather than sorted.
    """
    if query.trashed:
        return "ORDER BY julianday(e.deleted_at) DESC, e.rowid DESC"
    if grouping == "week":
        # Weeks count down to 1, and 0 (no week) comes last, as its own heading.
        return "ORDER BY coalesce(e.week, 0) DESC, " + _NEWEST
    if grouping == "calendar":
        # By the week's heading first, so an entry written near midnight on the day the
        # clocks change still sits under the heading of the week it belongs to.
        return f"ORDER BY {CALENDAR_WEEK.format(created_at='e.created_at')} DESC, " + _NEWEST
    if grouping == "none":
        return "ORDER BY " + _NEWEST
    raise InvalidArgument(f"unknown grouping {grouping!r}")


_NEWEST = "julianday(e.created_at) DESC, e.rowid DESC"


def after_day(day: date) -> str:
    """The text every local time on ``day`` sorts below, and no later one: the next day's
    date, or for the calendar's last day (which has no next) the day with a mark after it."""
    if day == date.max:
        return f"{day.isoformat()}~"  # "~" sorts after the "T" of any time that day
    return (day + timedelta(days=1)).isoformat()
