"""The terminal bell: the last way left to mark a change when there is no sound device.

This backend never writes to the terminal itself: Textual owns the screen, and a stray byte
on stdout or stderr would draw over it. It calls the ``ring`` it is given (the app passes
``App.bell``, made safe to call from a worker thread), once per strike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from practice_tui.sound.player import (
    STRIKE_GAP_S,
    FailureCallback,
    NoSpeech,
    PlayRequest,
    play_request,
)
from practice_tui.sound.worker import StrikeScheduler

__all__ = ["TerminalBellPlayer"]

log = logging.getLogger(__name__)


class TerminalBellPlayer(NoSpeech):
    """A :class:`~practice_tui.sound.player.BellPlayer` that rings ``ring()`` once per strike.

    Every bell sounds the same here; a volume of 0 (mute) rings nothing. ``ring`` is called
    from a worker thread, never from the thread that called :meth:`play`. It cannot speak:
    its speech channel does nothing, and the words stay on the screen.
    """

    name = "terminal"
    device = ""

    def __init__(
        self,
        ring: Callable[[], None],
        on_failure: FailureCallback | None = None,
        *,
        strike_gap_s: float = STRIKE_GAP_S,
    ) -> None:
        self._ring = ring
        self._on_failure = on_failure
        self._rung = False
        self.failure: BaseException | None = None
        self._scheduler = StrikeScheduler(self._strike, self._failed, gap_s=strike_gap_s)

    @property
    def failed(self) -> bool:
        return self._scheduler.stopped

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        request = play_request(bell, volume, strikes)
        if request is not None:
            self._scheduler.add(request)

    def probe(self) -> bool:
        """True: there is nothing to open, and ringing to find out would be heard."""
        return not self.failed

    def wait_idle(self, timeout: float | None = None) -> bool:
        return self._scheduler.wait_idle(timeout)

    def _strike(self, request: PlayRequest) -> None:
        self._ring()
        self._rung = True

    def _failed(self, exc: BaseException, pending: list[PlayRequest]) -> None:
        self.failure = exc
        log.debug("the terminal bell failed: %r", exc)
        if self._on_failure is not None:
            self._on_failure(self, exc, self._rung, pending)
