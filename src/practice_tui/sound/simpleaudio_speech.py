"""Speech through simpleaudio: one play object at a time, started from where the words had got to.

simpleaudio can neither mix nor pause: each ``play_buffer`` opens the system's default output
for one sound. So speech is its own play object beside the bells' (the system mixes them), a
pause stops it and remembers how far it had played (by the clock, at the WAV's own rate), and
a resume starts the rest. Opening the output can take a moment, so every call is handed to a
daemon worker, in order, and the caller never waits.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from practice_tui.sound.alsa import silence_alsa_errors
from practice_tui.sound.player import SpeechRequest, speech_request
from practice_tui.sound.speech_wavs import DecodedSpeech, SpeechWavs, read_wav_pcm16

__all__ = ["SpeechLine"]

log = logging.getLogger(__name__)


@dataclass
class _Speech:
    """The speech being played: its samples, how loud, the frame its play object started
    from, when (on the clock), and whether it is paused (then ``start`` is where it stopped)."""

    request: SpeechRequest
    decoded: DecodedSpeech
    start: int
    started_at: float = 0.0
    paused: bool = False

    def position(self, now: float) -> int:
        """The frame being heard now."""
        if self.paused:
            return self.start
        played = round((now - self.started_at) * self.decoded.rate)
        return min(self.decoded.frames, self.start + max(0, played))


class SpeechLine:
    """The speech channel of the simpleaudio backend.

    ``on_error(exc, owed)`` is called once, from the worker, if simpleaudio fails; ``owed`` is
    the speech it was playing, from where it had got to. Nothing plays after that.
    """

    def __init__(
        self,
        module: Any,
        on_error: Callable[[BaseException, SpeechRequest | None], None],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sa = module
        self._on_error = on_error
        self._clock = clock
        self._wavs = SpeechWavs(read_wav_pcm16)
        self._lock = threading.Lock()  # guards the fields below
        self._jobs: deque[Callable[[], None]] = deque()
        self._worker: threading.Thread | None = None
        self._done = threading.Event()  # no job waiting or running
        self._done.set()
        self._failed = False
        self._wanted = False  # what the last call asked for: speech sounding or not
        self._current: _Speech | None = None
        self._playing: Any = None  # the play object of the current speech

    # -- called from any thread; each returns at once ---------------------------------------------

    def speak(self, wav: Path, volume: float = 1.0, *, start_s: float = 0.0) -> None:
        request = speech_request(wav, volume, start_s)
        self._submit(lambda: self._start(request), wanted=request is not None)

    def pause(self) -> None:
        self._submit(self._pause, wanted=False)

    def resume(self) -> None:
        self._submit(self._resume, wanted=True)

    def stop(self) -> None:
        self._submit(self._stop, wanted=False)

    def preload(self, wavs: Iterable[Path]) -> None:
        self._wavs.preload(wavs)

    def playing(self) -> bool:
        """True while speech sounds, or a speak or resume is on its way to sounding."""
        with self._lock:
            if self._failed or not self._wanted:
                return False
            if self._jobs or self._worker is not None:
                return True
            obj = self._playing
        try:
            return bool(obj is not None and obj.is_playing())
        except Exception:
            return False

    def wait_done(self, timeout: float | None = None) -> bool:
        """Wait until every call so far has been carried out (for tests); False on timeout."""
        return self._done.wait(timeout)

    # -- the worker --------------------------------------------------------------------------------

    def _submit(self, job: Callable[[], None], *, wanted: bool) -> None:
        with self._lock:
            if self._failed:
                return
            self._wanted = wanted
            self._jobs.append(job)
            self._done.clear()
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._work, name="practice-tui-speech", daemon=True
                )
                self._worker.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._jobs or self._failed:
                    self._jobs.clear()
                    self._worker = None
                    self._done.set()
                    return
                job = self._jobs.popleft()
            try:
                job()
            except Exception as exc:
                self._give_up(exc)

    def _start(self, request: SpeechRequest | None) -> None:
        self._halt()
        self._current = None
        if request is None:
            return  # muted: a new speak still silences the old one
        decoded = self._wavs.get(request.wav)
        if decoded is None:
            return
        start = round(request.start_s * decoded.rate)
        if start >= decoded.frames:
            return
        self._current = _Speech(request, decoded, start)
        self._play_from_start_frame()

    def _pause(self) -> None:
        current = self._current
        if current is None or current.paused:
            return
        current.start = current.position(self._clock())
        current.paused = True
        self._halt()

    def _resume(self) -> None:
        current = self._current
        if current is None or not current.paused:
            return
        current.paused = False
        self._play_from_start_frame()

    def _stop(self) -> None:
        self._halt()
        self._current = None

    def _halt(self) -> None:
        obj, self._playing = self._playing, None
        if obj is not None:
            obj.stop()

    def _play_from_start_frame(self) -> None:
        current = self._current
        assert current is not None
        decoded = current.decoded
        samples = decoded.samples[current.start * decoded.channels :]
        gain = current.request.volume
        if gain < 1.0:
            samples = array("h", [int(s * gain) for s in samples])
        if sys.byteorder == "big":
            samples = array("h", samples)
            samples.byteswap()
        silence_alsa_errors()
        current.started_at = self._clock()
        self._playing = self._sa.play_buffer(samples.tobytes(), decoded.channels, 2, decoded.rate)

    def abandon(self) -> SpeechRequest | None:
        """Play no more (the bells' side failed): stop, and say what was left of the speech."""
        with self._lock:
            if self._failed:
                return None
            self._failed = True
            self._jobs.clear()
        return self._owed()

    def _owed(self) -> SpeechRequest | None:
        current, self._current = self._current, None
        try:
            self._halt()
        except Exception:
            log.debug("cannot stop the speech", exc_info=True)
        if current is None:
            return None
        position = current.position(self._clock())
        request = current.request
        return SpeechRequest(
            request.wav, request.volume, position / current.decoded.rate, current.paused
        )

    def _give_up(self, exc: BaseException) -> None:
        with self._lock:
            if self._failed:
                return
            self._failed = True
            self._jobs.clear()
        owed = self._owed()
        log.debug("simpleaudio cannot speak: %r", exc)
        try:
            self._on_error(exc, owed)
        except Exception:
            log.debug("sound failure callback failed", exc_info=True)
