"""Journal work for screens, off the event loop: the one way a screen asks the journal.

The journal answers on threads of its own (:class:`~practice_tui.journal.access.JournalAccess`),
so keys are answered and bells ring on time while another program holds the journal's lock.
A screen (or the app) hands over a job, a function of the journal, and says what to do with
the answer; this runs a Textual worker that awaits it on the event loop and calls back there:

    read_journal(self, lambda journal: journal.tasks.actions(), self._show)

A read that is slow to come calls ``slow`` after :data:`PLACEHOLDER_AFTER` seconds (a calm
placeholder, never a flicker for a quick one); a write that waits on the lock calls
``slow`` after :data:`WAITING_AFTER` seconds, which is when a screen says it is waiting.
A :class:`JournalError` goes to ``failed`` (by default, a calm notice).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, TypeVar

from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker

from practice_tui.journal import JournalError
from practice_tui.screens.base import services

if TYPE_CHECKING:
    from practice_tui.journal import Journal

T = TypeVar("T")

#: A page or a chart says it is being read only once the reading takes this long.
PLACEHOLDER_AFTER = 0.2
#: A save says it is waiting for the journal once it has waited this long.
WAITING_AFTER = 0.5
#: What a screen says while a page or a chart is slow to come.
READING = "Reading your journal…"
#: What a screen says while a save waits for another program's lock.
WAITING_WORDS = "Waiting for the journal: another program is using it…"


def read_journal(
    node: DOMNode,
    job: Callable[[Journal], T],
    done: Callable[[T], None],
    *,
    failed: Callable[[JournalError], None] | None = None,
    slow: Callable[[], None] | None = None,
    group: str = "journal-read",
    exclusive: bool = False,
) -> Worker[None]:
    """Read on the journal's reader thread; ``done(answer)`` runs on the event loop.

    With ``exclusive``, a newer read in the same ``group`` replaces one not yet answered
    (a list asked for again before the last answer came).
    """
    access = services(node).journal_access
    # Asked for when the worker starts: a read replaced before then is never made.
    return _await(
        node, lambda: access.read(job), done, failed, slow, PLACEHOLDER_AFTER, group, exclusive
    )


def open_journal(
    node: DOMNode, done: Callable[[], None], failed: Callable[[JournalError], None]
) -> Worker[None]:
    """Open (and migrate) the journal on its writer thread; ``done()`` once it is open."""
    future = services(node).journal_access.open()
    return _await(node, lambda: future, lambda _: done(), failed, None, 0.0, "journal-open", False)


def write_journal(
    node: DOMNode,
    job: Callable[[Journal], T],
    done: Callable[[T], None] | None = None,
    *,
    failed: Callable[[JournalError], None] | None = None,
    slow: Callable[[], None] | None = None,
) -> Worker[None]:
    """Write on the journal's writer thread, after every write asked for before it.

    The write goes ahead even if ``node`` goes away first (words are never dropped); only
    the answer is then left unheard.
    """
    # Asked for at once, so writes reach the journal in the order they were asked for.
    future = services(node).journal_access.write(job)
    return _await(
        node, lambda: future, done, failed, slow, WAITING_AFTER, "journal-write", False, shield=True
    )


def _await(
    node: DOMNode,
    ask: Callable[[], Future[T]],
    done: Callable[[T], None] | None,
    failed: Callable[[JournalError], None] | None,
    slow: Callable[[], None] | None,
    slow_after: float,
    group: str,
    exclusive: bool,
    *,
    shield: bool = False,
) -> Worker[None]:
    async def answer() -> None:
        alarm = node.set_timer(slow_after, slow) if slow is not None else None
        waiting = asyncio.wrap_future(ask())
        try:
            result = await (asyncio.shield(waiting) if shield else waiting)
        except JournalError as error:
            if shield or still_open(node):
                (failed or _notice(node))(error)
            return
        finally:
            if alarm is not None:
                alarm.stop()
        if done is not None and (shield or still_open(node)):
            done(result)

    return node.run_worker(answer, group=group, exclusive=exclusive, exit_on_error=True)


def still_open(node: DOMNode) -> bool:
    """Whether ``node``'s screen is still open: a person may leave it while the journal is
    reading for it (quickly through the Journal, say), and a read's answer for a screen being
    taken apart would meet widgets already gone. A write's answer is always heard."""
    try:
        screen = node if isinstance(node, Screen) else node.screen
        return node.is_attached and screen in node.app.screen_stack
    except Exception:  # no screen or app any more: as closed as can be
        return False


def _notice(node: DOMNode) -> Callable[[JournalError], None]:
    def tell(error: JournalError) -> None:
        node.app.notify(str(error), severity="error", markup=False, timeout=15)

    return tell
