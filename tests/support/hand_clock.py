"""A wall clock that a test moves by hand, for journals opened with ``now=``; and the
journal's entries read back in their programme-week groups, as the Journal screen lists them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from practice_tui.journal import Journal

PLUS_ONE = timezone(timedelta(hours=1))
MONDAY_9AM = datetime(2026, 1, 5, 9, 0, tzinfo=PLUS_ONE)


class HandClock:
    """Reads ``moment``; the test sets it to move time on."""

    def __init__(self, moment: datetime = MONDAY_9AM) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def grouped_by_week(journal: Journal) -> list[tuple[int | None, list[str]]]:
    """Entry ids under each programme-week heading, in list order, as the screen reads them:
    the group sizes first, then the entries page by page."""
    page = iter(journal.entries.page(grouping="week", limit=10_000))
    return [
        (week, [next(page).id for _ in range(size)])
        for week, size in journal.entries.group_counts(grouping="week")
    ]
