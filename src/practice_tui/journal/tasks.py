"""Home tasks ticked day by day, and the actions ("next steps") an exercise sets."""

from __future__ import annotations

from datetime import date

from practice_tui.journal.connection import Connection
from practice_tui.journal.errors import SAVE_ACTION, SAVE_HOME_TASK, ActionNotFound
from practice_tui.journal.models import Action
from practice_tui.journal.rows import (
    action_from_row,
    check_bool,
    check_text,
    check_week,
    day_iso,
    new_id,
)

# Actions still to do come first. Actions set in one exercise share a moment; among those
# the order they were written in is kept, so a list reads as the person wrote it.
_ACTIONS_ORDER = "ORDER BY done_at IS NOT NULL, julianday(created_at) DESC, rowid ASC"


class Tasks:
    """Home tasks and actions: ``journal.tasks``."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    # -- home tasks ----------------------------------------------------------------------

    def set_home_task(self, *, week: int, task_id: str, day: date, done: bool) -> None:
        """Tick a home task for a local day, or untick it.

        Idempotent, so a screen can simply send the checkbox's state: a task is ticked at
        most once a day, and unticking a task that is not ticked changes nothing.
        """
        if week is None:
            raise TypeError("week must be an int")
        check_week(week)
        check_text(task_id, "task_id")
        day_text = day_iso(day, "day")
        check_bool(done, "done")
        with self._db.writing(SAVE_HOME_TASK) as conn:
            if done:
                conn.execute(
                    "INSERT INTO home_task_ticks (id, week, task_id, day, created_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (task_id, day) DO NOTHING",
                    [new_id(), week, task_id, day_text, self._db.stamp()],
                )
            else:
                conn.execute(
                    "DELETE FROM home_task_ticks WHERE task_id = ? AND day = ?",
                    [task_id, day_text],
                )

    def home_task_days(
        self, *, since: date, until: date, week: int | None = None
    ) -> set[tuple[str, date]]:
        """The ``(task_id, day)`` pairs ticked from ``since`` to ``until``, both included.

        ``week`` keeps only that course week's tasks. An empty range (``since`` after
        ``until``) has no ticks.
        """
        check_week(week)
        sql = "SELECT task_id, day FROM home_task_ticks WHERE day BETWEEN ? AND ?"
        params: list[object] = [day_iso(since, "since"), day_iso(until, "until")]
        if week is not None:
            sql += " AND week = ?"
            params.append(week)
        with self._db.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return {(task_id, self._day(day)) for task_id, day in rows}

    def home_tasks_done(self, *, since: date | None = None, until: date | None = None) -> int:
        """How many home-task ticks fall in the range (both ends included; ``None`` is open)."""
        sql = "SELECT count(*) FROM home_task_ticks WHERE 1"
        params: list[str] = []
        if since is not None:
            sql += " AND day >= ?"
            params.append(day_iso(since, "since"))
        if until is not None:
            sql += " AND day <= ?"
            params.append(day_iso(until, "until"))
        with self._db.reading() as conn:
            return int(conn.execute(sql, params).fetchone()[0])

    # -- actions -------------------------------------------------------------------------

    def set_action_done(self, action_id: str, done: bool) -> Action:
        """Tick an action off (``done_at`` is now) or put it back on the list, and return it.

        Setting the state it already has changes nothing, so the moment it was first ticked
        off is kept. Raises :class:`ActionNotFound` for an unknown id.
        """
        check_bool(done, "done")
        with self._db.writing(SAVE_ACTION) as conn:
            rows = self._db.rows("SELECT * FROM actions WHERE id = ?", [action_id])
            if not rows:
                raise ActionNotFound(action_id, path=self._db.path)
            row = rows[0]
            if (row["done_at"] is not None) != done:
                stamp = self._db.stamp()
                row = {**row, "done_at": stamp if done else None, "updated_at": stamp}
                conn.execute(
                    "UPDATE actions SET done_at = ?, updated_at = ? WHERE id = ?",
                    [row["done_at"], row["updated_at"], action_id],
                )
        return action_from_row(row)

    def actions(self, *, include_done: bool = True, entry_id: str | None = None) -> list[Action]:
        """Actions still to do first, then those done; newest first within each.

        ``entry_id`` keeps only the actions set in that entry.
        """
        clauses, params = ["1"], []
        if not include_done:
            clauses.append("done_at IS NULL")
        if entry_id is not None:
            clauses.append("entry_id = ?")
            params.append(entry_id)
        sql = f"SELECT * FROM actions WHERE {' AND '.join(clauses)} {_ACTIONS_ORDER}"
        with self._db.reading():
            rows = self._db.rows(sql, params)
        return [action_from_row(row) for row in rows]

    def _day(self, text: str) -> date:
        """A stored local day, read back; anything else means the file was damaged."""
        try:
            return date.fromisoformat(text)
        except (TypeError, ValueError) as exc:
            raise self._db.damaged() from exc
