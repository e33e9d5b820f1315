"""One worker thread that rings strikes at their times, for the backends that play whole sounds.

``play(bell, strikes=3)`` asks for a strike now and two more a little later. The caller must
not wait for them, so each strike goes on a timetable that a daemon worker follows. The worker
runs only while something is due or still sounding, then ends: a twenty-minute practice costs
no thread between its bells.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from practice_tui.sound.player import PlayRequest

__all__ = ["StrikeScheduler"]

log = logging.getLogger(__name__)


@dataclass(order=True)
class _Strike:
    due: float
    seq: int
    request: PlayRequest = field(compare=False)


class StrikeScheduler:
    """Calls ``strike(request)`` once per strike of each request, ``gap_s`` apart.

    ``busy`` says whether sound is still coming out (the worker waits for it, polling every
    ``poll_s``, so :meth:`wait_idle` means "finished"). If ``strike`` raises, the scheduler
    stops for good and ``on_error`` gets the error and what was left to ring (each request
    with the strikes it still owed), from the worker thread, before :meth:`wait_idle` returns.
    """

    def __init__(
        self,
        strike: Callable[[PlayRequest], None],
        on_error: Callable[[BaseException, list[PlayRequest]], None],
        *,
        gap_s: float,
        busy: Callable[[], bool] | None = None,
        poll_s: float = 0.02,
        thread_name: str = "practice-tui-bell",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._strike = strike
        self._on_error = on_error
        self._gap_s = gap_s
        self._busy = busy or (lambda: False)
        self._poll_s = poll_s
        self._thread_name = thread_name
        self._clock = clock
        self._cond = threading.Condition()
        self._heap: list[_Strike] = []
        self._seq = 0
        self._stopped = False
        self._worker: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    @property
    def stopped(self) -> bool:
        return self._stopped

    def add(self, request: PlayRequest) -> None:
        """Put the request's strikes on the timetable (the first one now) and return at once."""
        with self._cond:
            if self._stopped:
                return
            now = self._clock()
            for k in range(request.strikes):
                self._seq += 1
                heapq.heappush(self._heap, _Strike(now + k * self._gap_s, self._seq, request))
            self._idle.clear()
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._run, name=self._thread_name, daemon=True
                )
                self._worker.start()
            else:
                self._cond.notify()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until nothing is due and nothing is sounding; False on timeout."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    item = self._next_due()
                    if item is None:
                        # Hand over in the same breath as deciding to stop: a request added
                        # after this starts a new worker instead of waiting on this one.
                        if self._worker is threading.current_thread():
                            self._worker = None
                        return
                try:
                    self._strike(item.request)
                except Exception as exc:
                    self._give_up(exc, item)
                    return
        finally:
            with self._cond:
                if self._worker is threading.current_thread():
                    self._worker = None
                if self._worker is None:
                    self._idle.set()

    def _next_due(self) -> _Strike | None:
        """Wait (holding the condition) for the next strike; None when all is done."""
        while not self._stopped:
            if self._heap:
                wait = self._heap[0].due - self._clock()
                if wait <= 0:
                    return heapq.heappop(self._heap)
                self._cond.wait(wait)
            elif self._busy_safely():
                self._cond.wait(self._poll_s)
            else:
                return None
        return None

    def _busy_safely(self) -> bool:
        try:
            return bool(self._busy())
        except Exception:
            log.debug("cannot tell whether a bell is still sounding", exc_info=True)
            return False

    def _give_up(self, exc: BaseException, failed: _Strike) -> None:
        with self._cond:
            self._stopped = True
            owed: dict[int, tuple[PlayRequest, int]] = {}
            for item in [failed, *sorted(self._heap)]:
                request, count = owed.get(id(item.request), (item.request, 0))
                owed[id(item.request)] = (request, count + 1)
            self._heap.clear()
        pending = [
            PlayRequest(request.bell, request.volume, count) for request, count in owed.values()
        ]
        try:
            self._on_error(exc, pending)
        except Exception:
            log.debug("sound failure callback failed", exc_info=True)
