"""Writing kept as a draft a moment after each key, for every screen where people write.

A reflection, an exercise and a change to an entry are all words that must survive a crash,
a closed terminal or ``kill -9``. A screen mixes :class:`KeepsDrafts` in, says what its draft
holds and whether there is anything worth keeping, and calls :meth:`KeepsDrafts.schedule_draft`
on each change, and saves with :meth:`KeepsDrafts.save_politely`, which passes the draft to
the journal so that it goes in the same transaction as the words it held. Every write runs
off the event loop (screens/journal_work.py).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import TextArea

from practice_tui.journal import JournalError
from practice_tui.journal.errors import NothingToSave
from practice_tui.journal.models import DraftContent
from practice_tui.screens.base import BaseScreen, services
from practice_tui.screens.journal_work import WAITING_WORDS, write_journal

if TYPE_CHECKING:
    from practice_tui.journal import Journal

T = TypeVar("T")

#: A draft is kept this long after the last key (well within the two seconds promised).
DRAFT_DELAY_SECONDS = 1.0


@dataclass
class DraftHolder:
    """Which draft holds a screen's writing. Read and changed only on the journal's writer
    thread, where writes run one after another in the order asked: a draft kept a moment
    ago and the save that replaces it can never cross."""

    id: str | None


@dataclass(frozen=True)
class _Refused:
    """The journal would not take the words as they stand (say, an entry left blank)."""

    error: NothingToSave


class KeepsDrafts(BaseScreen[Any]):
    """A screen whose writing is kept as a draft until it is saved or thrown away."""

    def init_drafts(self, draft_id: str | None) -> None:
        """Call from ``__init__``; ``draft_id`` carries on a draft brought back."""
        self._draft = DraftHolder(draft_id)
        self._draft_alarm: Timer | None = None
        self._draft_warned = False
        self._done = False
        self._saving = False

    @property
    def draft_id(self) -> str | None:
        """The draft this writing is kept in, as far as the journal has answered."""
        return self._draft.id

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
        """Write the draft (or drop it, once there is nothing left worth keeping), off the
        event loop: another program holding the journal never holds up the typing."""
        self._stop_alarm()
        if self._done or self._saving:
            return
        content = self.draft_content() if self.worth_keeping() else None
        held = self._draft

        def keep(journal: Journal) -> None:
            if content is not None:
                held.id = journal.drafts.save(content, held.id)
            elif held.id is not None:
                journal.drafts.discard(held.id)
                held.id = None

        write_journal(self, keep, failed=self._draft_failed)

    def _draft_failed(self, error: JournalError) -> None:
        if not self._draft_warned:
            self._draft_warned = True
            self.app.notify(str(error), severity="warning", markup=False, timeout=15)

    def drop_draft(self) -> None:
        """The writing is finished with (thrown away on purpose): no draft is kept."""
        self._done = True
        self._stop_alarm()
        held = self._draft

        def drop(journal: Journal) -> None:
            if held.id is not None:
                journal.drafts.discard(held.id)
                held.id = None

        # If this fails the draft stays and is offered again: the safe side.
        write_journal(self, drop, failed=lambda _: None)

    def save_politely(
        self,
        what: str,
        save: Callable[[Journal, str | None], T],
        saved: Callable[[T], None],
        refused: Callable[[NothingToSave], None],
    ) -> None:
        """Save the words off the event loop, waiting patiently for another program.

        ``save(journal, draft_id)`` runs on the writer, after the words are kept as a draft
        (so if the save fails, the draft holds every word); the draft goes with the save,
        in the same transaction. While it waits the boxes are read-only (a word typed now
        would not be in the save), and after a moment the screen says it is waiting. If it
        fails, one sentence says so and the words stay on screen, still in their draft.
        """
        if self._saving or self._done:
            return
        self._stop_alarm()
        self._saving = True
        self._set_writable(False)
        content = self.draft_content() if self.worth_keeping() else None
        held = self._draft

        def job(journal: Journal) -> T | _Refused:
            if content is not None:
                held.id = journal.drafts.save(content, held.id)
            try:
                result = save(journal, held.id)
            except NothingToSave as error:
                return _Refused(error)
            held.id = None  # it went with the save
            return result

        def done(result: T | _Refused) -> None:
            self._stop_waiting()
            if isinstance(result, _Refused):
                self._set_writable(True)
                refused(result.error)
                return
            self._done = True
            saved(result)

        def failed(error: JournalError) -> None:
            self._stop_waiting()
            self._set_writable(True)
            message = str(error)
            if error.reason == "busy":
                message = (
                    f"Another program kept the journal busy, so {what} is not saved yet; "
                    "your words are still here, and Ctrl+S tries again."
                )
            self.notify(message, severity="error", markup=False, timeout=20)
            self.schedule_draft()  # kept as a draft as soon as the journal lets it

        def waiting() -> None:
            self._waiting_shown = True
            self.notify(WAITING_WORDS, markup=False, timeout=services(self).journal_patience)

        self._waiting_shown = False
        write_journal(self, job, done, failed=failed, slow=waiting)

    def _stop_waiting(self) -> None:
        self._saving = False
        if self._waiting_shown:
            self._waiting_shown = False
            self.app.clear_notifications()

    def _set_writable(self, writable: bool) -> None:
        for area in self.query(TextArea):
            area.read_only = not writable

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
