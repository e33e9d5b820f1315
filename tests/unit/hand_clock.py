"""A wall clock that a test moves by hand, for journals opened with ``now=``."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

PLUS_ONE = timezone(timedelta(hours=1))
MONDAY_9AM = datetime(2026, 1, 5, 9, 0, tzinfo=PLUS_ONE)


class HandClock:
    """Reads ``moment``; the test sets it to move time on."""

    def __init__(self, moment: datetime = MONDAY_9AM) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment
