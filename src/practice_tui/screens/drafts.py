"""Writing kept as a draft a moment after each key, for every screen where people write.

A reflection, an exercise and a change to an entry are all words that must survive a crash,
a closed terminal or ``kill -9``. A screen mixes :class:`KeepsDrafts` in, says what its draft
holds and whether there is anything worth keeping, and calls :meth:`KeepsDrafts.schedule_draft`
on each change; saving passes ``draft_id`` to the journal, so the draft goes in the same
transaction as the words it held.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from textual.css.query import NoMatches
from textual.timer import Timer

from practice_tui.journal import JournalError
from practice_tui.journal.models import DraftContent
from practice_tui.screens.base import BaseScreen, services

#: A draft is kept this long after the last key (well within the two seconds promised).
DRAFT_DELAY_SECONDS = 1.0


class KeepsDrafts(BaseScreen[Any]):
    """A screen whose writing is kept as a draft until it is saved or thrown away."""

    def init_drafts(self, draft_id: str | None) -> None:
        """Call from ``__init__``; ``draft_id`` carries on a draft brought back."""
        self.draft_id = draft_id
        self._draft_alarm: Timer | None = None
        self._draft_warned = False
        self._done = False

    def draft_content(self) -> DraftContent:
        """What the draft holds: enough to put the screen back as it was."""
        raise NotImplementedError

    def worth_keeping(self) -> bool:
        """Whether there is anything a draft should keep."""
        raise NotImplementedError

    def schedule_draft(self) -> None:
        """After a key: keep a draft a moment later, so a crash loses at most that moment."""
        if self._done:
            return
        if self._draft_alarm is not None:
            self._draft_alarm.stop()
        self._draft_alarm = self.set_timer(DRAFT_DELAY_SECONDS, self.keep_draft)

    def keep_draft(self) -> None:
        """Write the draft now (or drop it, once there is nothing left worth keeping)."""
        self._stop_alarm()
        if self._done:
            return
        journal = services(self).journal
        try:
            if self.worth_keeping():
                self.draft_id = journal.drafts.save(self.draft_content(), self.draft_id)
            elif self.draft_id is not None:
                journal.drafts.discard(self.draft_id)
                self.draft_id = None
        except JournalError as error:
            if not self._draft_warned:
                self._draft_warned = True
                self.notify(str(error), severity="warning", markup=False, timeout=15)

    def drop_draft(self) -> None:
        """The writing is finished with (thrown away on purpose): no draft is kept."""
        self._done = True
        self._stop_alarm()
        if self.draft_id is not None:
            # If this fails the draft stays and is offered again: the safe side.
            with suppress(JournalError):
                services(self).journal.drafts.discard(self.draft_id)
            self.draft_id = None

    def saved_with_draft(self) -> None:
        """The words were saved, and the draft went with them in the same transaction."""
        self._done = True
        self._stop_alarm()
        self.draft_id = None

    def on_unmount(self) -> None:
        """Leaving the app from here keeps the words as a draft (if the boxes can still be
        read; if not, the draft kept a moment after the last key stands)."""
        with suppress(NoMatches):
            if not self._done and self.worth_keeping():
                self.keep_draft()

    def _stop_alarm(self) -> None:
        if self._draft_alarm is not None:
            self._draft_alarm.stop()
            self._draft_alarm = None
