"""Bells through simpleaudio (the optional ``simpleaudio`` extra, built as
``simpleaudio-patched``): the second choice, for machines where miniaudio cannot play.

simpleaudio opens the system's default output for each sound it plays (ALSA's ``default`` on
Linux, CoreAudio, WinMM) and mixes nothing itself, so each strike is its own play object, and
so is the speech (:mod:`practice_tui.sound.simpleaudio_speech`).
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from practice_tui.sound.alsa import silence_alsa_errors
from practice_tui.sound.player import (
    SAMPLE_RATE,
    STRIKE_GAP_S,
    BellSound,
    FailureCallback,
    PlayRequest,
    SpeechRequest,
    play_request,
    scaled,
)
from practice_tui.sound.simpleaudio_speech import SpeechLine
from practice_tui.sound.worker import StrikeScheduler

__all__ = ["SimpleaudioPlayer", "import_simpleaudio"]

log = logging.getLogger(__name__)

#: Bells sounding at once; the oldest is stopped to make room (only frantic skipping gets here).
MAX_VOICES = 6
#: The probe plays this much silence: enough to open and drive the device, too little to hear.
PROBE_S = 0.02


def import_simpleaudio() -> ModuleType | None:
    """The simpleaudio module, or None where the extra is not installed (or will not load)."""
    silence_alsa_errors()  # before libasound is loaded and used by the extension
    try:
        return importlib.import_module("simpleaudio")
    except Exception:
        log.debug("simpleaudio is not available", exc_info=True)
        return None


class SimpleaudioPlayer:
    """A :class:`~practice_tui.sound.player.BellPlayer` on simpleaudio.

    ``module`` is the imported ``simpleaudio`` (tests pass a fake one). Strikes are played
    from a worker thread; the worker stays until the last one has finished sounding.
    """

    name = "simpleaudio"
    #: simpleaudio plays to the system's default output and cannot tell which device that is.
    device = ""

    def __init__(
        self,
        bells: Mapping[str, BellSound],
        module: ModuleType | Any,
        on_failure: FailureCallback | None = None,
        *,
        strike_gap_s: float = STRIKE_GAP_S,
    ) -> None:
        self._bells = dict(bells)
        self._sa = module
        self._on_failure = on_failure
        self.failure: BaseException | None = None
        self._worked = False
        self._lock = threading.Lock()
        self._voices: list[Any] = []  # play objects that may still be sounding
        self._cache: dict[tuple[str, float], bytes] = {}
        self._scheduler = StrikeScheduler(
            self._strike, self._failed, gap_s=strike_gap_s, busy=self._sounding
        )
        self._speech = SpeechLine(module, self._speech_failed)
        self._reported = False  # the chain has been told of a failure
        self._speech_poll = threading.Event()  # never set: waited on between looks at the speech

    @property
    def failed(self) -> bool:
        return self._scheduler.stopped or self._reported

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        request = play_request(bell, volume, strikes)
        if request is None or request.bell not in self._bells:
            if request is not None:
                log.debug("no bell sound named %r", bell)
            return
        self._scheduler.add(request)

    # -- speech ----------------------------------------------------------------------------------

    def speak(self, wav: Path, volume: float = 1.0, *, start_s: float = 0.0) -> None:
        """Start speaking ``wav`` now (from ``start_s`` into it), replacing any speech."""
        self._speech.speak(wav, volume, start_s=start_s)

    def pause_speech(self) -> None:
        self._speech.pause()

    def resume_speech(self) -> None:
        self._speech.resume()

    def stop_speech(self) -> None:
        self._speech.stop()

    def speech_playing(self) -> bool:
        return self._speech.playing()

    def preload_speech(self, wavs: Iterable[Path]) -> None:
        self._speech.preload(wavs)

    def probe(self) -> bool:
        """Play a moment of silence to learn whether the device opens. Blocks briefly."""
        if self.failed:
            return False
        try:
            silence_alsa_errors()
            frames = round(PROBE_S * SAMPLE_RATE)
            self._sa.play_buffer(bytes(2 * frames), 1, 2, SAMPLE_RATE).wait_done()
        except Exception as exc:
            log.debug("simpleaudio cannot open a device: %r", exc)
            self.failure = exc
            return False
        self._worked = True
        return True

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no bell and no speech is sounding; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout

        def left() -> float | None:
            return None if deadline is None else max(0.0, deadline - time.monotonic())

        if not (self._scheduler.wait_idle(left()) and self._speech.wait_done(left())):
            return False
        while self._speech.playing():
            if deadline is not None and time.monotonic() >= deadline:
                return False
            self._speech_poll.wait(0.02)
        return True

    # -- worker thread -------------------------------------------------------------------------

    def _pcm(self, request: PlayRequest) -> bytes:
        key = (request.bell, request.volume)
        pcm = self._cache.get(key)
        if pcm is None:
            samples = scaled(self._bells[request.bell].samples, request.volume)
            if sys.byteorder == "big":
                samples = type(samples)("h", samples)
                samples.byteswap()
            pcm = samples.tobytes()
            if len(self._cache) > 8:
                self._cache.clear()
            self._cache[key] = pcm
        return pcm

    def _strike(self, request: PlayRequest) -> None:
        silence_alsa_errors()
        voice = self._sa.play_buffer(self._pcm(request), 1, 2, SAMPLE_RATE)
        self._worked = True
        with self._lock:
            self._voices = [v for v in self._voices if v.is_playing()]
            self._voices.append(voice)
            oldest = self._voices[:-MAX_VOICES]
            del self._voices[:-MAX_VOICES]
        for old in oldest:
            old.stop()

    def _sounding(self) -> bool:
        with self._lock:
            self._voices = [v for v in self._voices if v.is_playing()]
            return bool(self._voices)

    def _failed(self, exc: BaseException, pending: list[PlayRequest]) -> None:
        """The bells' side failed: stop the speech too, and hand on what was left of both."""
        owed = self._speech.abandon()
        self._report(exc, [*pending, *([owed] if owed is not None else [])])

    def _speech_failed(self, exc: BaseException, owed: SpeechRequest | None) -> None:
        self._report(exc, [owed] if owed is not None else [])

    def _report(self, exc: BaseException, pending: list[PlayRequest | SpeechRequest]) -> None:
        with self._lock:
            if self._reported:
                return
            self._reported = True
        self.failure = exc
        log.debug("simpleaudio failed: %r", exc)
        if self._on_failure is not None:
            self._on_failure(self, exc, self._worked, pending)
