"""Bells and speech through miniaudio, holding a sound device only while something sounds.

A practice can be twenty silent minutes, so nothing runs between sounds: ``play`` (or
``speak``) wakes a daemon worker that opens a device, lets the bell (and any bell or speech
that joins it) play out, then closes the device and ends. Bells that overlap, the later strikes
of a bell struck two or three times, and the words being spoken are mixed into the one open
device (:mod:`practice_tui.sound.mixer`) rather than opening a second one, which a bare ALSA
device would refuse.

Backends are named explicitly per platform: miniaudio's own default order would fall back to
JACK (whose library prints to stderr, over the screen) or to the NULL backend (silent, but
"working", so nobody would be told that sound is off).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Mapping
from pathlib import Path

import miniaudio

from practice_tui.sound.alsa import silence_alsa_errors
from practice_tui.sound.mixer import Mixer, SpeechVoice, Voice
from practice_tui.sound.player import (
    SAMPLE_RATE,
    STRIKE_GAP_S,
    BellSound,
    FailureCallback,
    PlayRequest,
    SpeechRequest,
    play_request,
    speech_request,
)
from practice_tui.sound.speech_wavs import DecodedSpeech, SpeechWavs

__all__ = ["MiniaudioPlayer", "default_backends"]

log = logging.getLogger(__name__)

#: A device that takes no audio for this long (twice over) is judged broken.
STALL_CHECK_S = 2.0
#: How much audio the device asks for at a time, for bells alone: few wake-ups, little CPU.
PERIOD_MS = 100
#: ... and while speech is expected. Speech starts on the chunk after ``speak``, so this bounds
#: its delay (100 ms chunks would make it 50 ms late on average), at the cost of more wake-ups.
SPEECH_PERIOD_MS = 20
#: Speech is expected for this long after a ``speak`` or ``preload_speech``.
SPEECH_EXPECTED_S = 30 * 60.0
#: How long the device stays open once everything has played: a step's words follow its cue
#: within this without opening the device again.
LINGER_S = 0.5


def default_backends() -> list[miniaudio.Backend]:
    """The backends worth trying here, best first; never JACK, never NULL."""
    B = miniaudio.Backend
    if sys.platform.startswith("linux"):
        wanted = [B.PULSEAUDIO, B.ALSA]
    elif sys.platform == "darwin":
        wanted = [B.COREAUDIO]
    elif sys.platform == "win32":
        wanted = [B.WASAPI, B.DSOUND, B.WINMM]
    else:  # the BSDs
        wanted = [B.PULSEAUDIO, B.SNDIO, B.AUDIO4, B.OSS]
    return [b for b in wanted if miniaudio.is_backend_enabled(b)]


class _DeviceError(Exception):
    """The device could not be opened or stopped working."""


class _Session:
    """One open device. Once inactive, its audio thread stops taking sound from the mixer."""

    active: bool = True


def decode_speech(path: Path) -> DecodedSpeech:
    """A speech WAV as mono 16-bit samples at the device's rate (resampled by miniaudio, in C)."""
    decoded = miniaudio.decode_file(
        str(path), miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=SAMPLE_RATE
    )
    return DecodedSpeech(decoded.samples, 1, SAMPLE_RATE)


class MiniaudioPlayer:
    """A :class:`~practice_tui.sound.player.BellPlayer` on miniaudio.

    After the first failure (no device, or a device that stops taking audio) the player
    plays nothing more and calls ``on_failure`` once, from the thread that found it, with what
    it could not finish: the chain in :mod:`practice_tui.sound.chain` then moves on to the
    next backend. ``backends`` exists for tests: ``[miniaudio.Backend.NULL]`` runs the whole
    play path on a machine without a sound card.
    """

    name = "miniaudio"

    def __init__(
        self,
        bells: Mapping[str, BellSound],
        on_failure: FailureCallback | None = None,
        *,
        backends: Iterable[miniaudio.Backend] | None = None,
        buffer_ms: int = PERIOD_MS,
        speech_buffer_ms: int = SPEECH_PERIOD_MS,
        strike_gap_s: float = STRIKE_GAP_S,
    ) -> None:
        #: miniaudio's name for the backend in use (e.g. "PulseAudio"), once a device opened.
        self.backend: str | None = None
        #: The sound device's name, once one opened and if miniaudio can tell; else "".
        self.device = ""
        #: Why sound went off, for logs and the doctor.
        self.failure: BaseException | None = None
        self._bells = dict(bells)
        self._on_failure = on_failure
        self._backends = list(backends) if backends is not None else default_backends()
        self._buffer_ms = buffer_ms
        self._speech_buffer_ms = speech_buffer_ms
        #: The period of the device opened last, in ms.
        self.period_ms = buffer_ms
        self._speech_asked_at: float | None = None  # monotonic time of the last speak or preload
        self._gap_frames = round(strike_gap_s * SAMPLE_RATE)
        self._failed = False
        self._opened = False  # a device opened at least once: a later failure is a "stop"
        self._mixer = Mixer()
        self._lock = self._mixer.lock  # guards the mixer and the fields below
        self._worker: threading.Thread | None = None
        self._device_lock = threading.Lock()  # one open device at a time (probe or play)
        self._drained = self._mixer.drained  # the audio thread found nothing left to play
        self._idle = threading.Event()  # nothing sounding and no worker running
        self._idle.set()
        self._pause = threading.Event()  # never set: waited on to pause for a moment
        self._speech = SpeechWavs(decode_speech)

    @property
    def failed(self) -> bool:
        return self._failed

    @property
    def finished(self) -> deque[str]:
        """The last bells whose every sample went to the device, oldest first (for tests)."""
        return self._mixer.finished

    @property
    def spoken(self) -> deque[Path]:
        """The last speech WAVs whose every sample went to the device, oldest first."""
        return self._mixer.spoken

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        """Start ringing ``bell`` at ``volume`` (0..1), ``strikes`` times (1..3, the later
        ones ``strike_gap_s`` apart), and return at once."""
        request = None
        try:
            request = play_request(bell, volume, strikes)
            if self._failed or request is None:
                return
            sound = self._bells.get(request.bell)
            if sound is None:
                log.debug("no bell sound named %r", bell)
                return
            with self._lock:
                if self._failed:
                    return
                self._mixer.add_strikes(
                    Voice(sound.samples, request.volume, request, -k * self._gap_frames)
                    for k in range(request.strikes)
                )
                self._wake()
        except Exception as exc:
            self._fail(exc, [request] if request is not None else [])

    # -- speech --------------------------------------------------------------------------------

    def speak(self, wav: Path, volume: float = 1.0, *, start_s: float = 0.0) -> None:
        """Start speaking ``wav`` now (from ``start_s`` into it), replacing any speech."""
        request: SpeechRequest | None = None
        self._speech_asked_at = time.monotonic()
        try:
            request = speech_request(wav, volume, start_s)
            if self._failed:
                return
            decoded = self._speech.get(request.wav) if request is not None else None
            with self._lock:
                if self._failed:
                    return
                position = round(request.start_s * SAMPLE_RATE) if request is not None else 0
                if request is None or decoded is None or position >= decoded.frames:
                    self._mixer.stop_speech()  # a new speak replaces the old even if it cannot play
                    return
                self._mixer.start_speech(
                    SpeechVoice(request.wav, decoded.samples, request.volume, position)
                )
                self._wake()
        except Exception as exc:
            self._fail(exc, [request] if request is not None else [])

    def pause_speech(self) -> None:
        """Hold the speech where it has got to; the device closes if nothing else sounds."""
        with self._lock:
            self._mixer.pause_speech()

    def resume_speech(self) -> None:
        """Carry on speaking from the frame where the speech paused."""
        try:
            with self._lock:
                if not self._failed and self._mixer.resume_speech():
                    self._wake()
        except Exception as exc:
            self._fail(exc)

    def stop_speech(self) -> None:
        """Silence the speech from the next chunk on (after a fade of a few milliseconds)."""
        with self._lock:
            self._mixer.stop_speech()

    def speech_playing(self) -> bool:
        """True while speech is sounding (not paused, not finished)."""
        with self._lock:
            speech = self._mixer.speech
            return speech is not None and not speech.paused

    def preload_speech(self, wavs: Iterable[Path]) -> None:
        """Decode these WAVs at the device's rate in a daemon thread; returns at once. From
        now on devices open with the short period that lets speech start at once."""
        self._speech_asked_at = time.monotonic()
        try:
            self._speech.preload(list(wavs))
        except Exception:
            log.debug("cannot preload speech", exc_info=True)

    def wait_preloaded(self, timeout: float | None = None) -> bool:
        """Wait until every WAV given to :meth:`preload_speech` is decoded (for tests)."""
        return self._speech.wait_loaded(timeout)

    # -- devices, probing ----------------------------------------------------------------------

    def probe(self) -> bool:
        """Open and close a device, to learn whether sound can work here. Blocks briefly."""
        if self._failed:
            return False
        with self._device_lock:
            # Failing while still holding the device means a play waiting behind this probe
            # finds the player already silent and the notice already given.
            try:
                self._close(self._open())
            except Exception as exc:
                self._fail(exc)
                return False
        return True

    def probe_in_background(self) -> threading.Thread:
        """Probe in a daemon thread, so start-up never waits on the sound system."""
        thread = threading.Thread(target=self.probe, name="practice-tui-sound-probe", daemon=True)
        thread.start()
        return thread

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until nothing is sounding and the device is closed; False on timeout."""
        return self._idle.wait(timeout)

    # -- worker thread -------------------------------------------------------------------------

    def _wake(self) -> None:
        """Make sure a worker is feeding a device. Hold the lock."""
        self._idle.clear()
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="practice-tui-bell", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        try:
            with self._device_lock:
                if self._failed:
                    return
                try:
                    device = self._open()
                    try:
                        self._ring(device)
                    finally:
                        self._close(device)
                except Exception as exc:
                    self._fail(exc)
        finally:
            with self._lock:
                if self._worker is threading.current_thread():
                    self._worker = None
                if self._worker is None:
                    self._mixer.voices.clear()  # paused speech stays, to resume later
                    del self._mixer.tail[:]
                    self._idle.set()

    def _ring(self, device: miniaudio.PlaybackDevice) -> None:
        """Feed the device until nothing is left to play, then let its buffer play out."""
        session = _Session()
        self._drained.clear()
        stream = self._stream(session)
        next(stream)
        device.start(stream)
        tail_s = max(LINGER_S, 4 * self.period_ms / 1000 + 0.1)
        served = -1
        while True:
            if not self._drained.wait(STALL_CHECK_S):
                with self._lock:
                    if self._mixer.frames_served == served:
                        raise _DeviceError("the sound device stopped taking audio")
                    served = self._mixer.frames_served
                continue
            self._pause.wait(tail_s)
            with self._lock:
                if not self._mixer.audible():
                    session.active = False
                    self._worker = None
                    return
                self._drained.clear()

    def _stream(self, session: _Session) -> Generator[bytes, int, None]:
        """miniaudio's data callback: sends a frame count, gets that many frames back."""
        frames = yield b""
        while True:
            try:
                chunk = self._mix(session, frames)
            except Exception:
                # Raising here would make cffi print a traceback over the screen.
                chunk = bytes(2 * frames)
            frames = yield chunk

    def _mix(self, session: _Session, frames: int) -> bytes:
        """The next ``frames`` samples of every ringing bell and the speech, mixed."""
        return self._mixer.mix(frames, session.active)

    # -- devices -------------------------------------------------------------------------------

    def _open(self) -> miniaudio.PlaybackDevice:
        if not self._backends:
            raise _DeviceError("no usable audio backend in this miniaudio build")
        silence_alsa_errors()
        asked = self._speech_asked_at
        expected = asked is not None and time.monotonic() - asked < SPEECH_EXPECTED_S
        self.period_ms = self._speech_buffer_ms if expected else self._buffer_ms
        device = miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=SAMPLE_RATE,
            buffersize_msec=self.period_ms,
            backends=self._backends,
            app_name="practice-tui",
        )
        self.backend = device.backend
        self._opened = True
        if not self.device:
            self.device = _device_name(device)
        return device

    @staticmethod
    def _close(device: miniaudio.PlaybackDevice) -> None:
        """Close the device and its context too: pyminiaudio leaves the context (a PulseAudio
        connection) open otherwise, one per bell."""
        context = getattr(device, "_context", None)
        device.close()
        if context is not None:
            with contextlib.suppress(Exception):
                miniaudio.lib.ma_context_uninit(context)
            device._context = None

    def _fail(
        self, exc: BaseException, also: list[PlayRequest | SpeechRequest] | None = None
    ) -> None:
        """Play nothing more, and tell the chain once, with what was left unplayed."""
        with self._lock:
            if self._failed:
                return
            self._failed = True
            self.failure = exc
            pending = self._mixer.owed()
        pending.extend(r for r in also or [] if all(r is not p for p in pending))
        log.debug("miniaudio cannot play: %r", exc)
        if self._on_failure is not None:
            try:
                self._on_failure(self, exc, self._opened, pending)
            except Exception:
                log.debug("sound failure callback failed", exc_info=True)


def _device_name(device: miniaudio.PlaybackDevice) -> str:
    """The name of the device miniaudio opened as the default, or "" if it cannot say.

    Asks the device's context for the default playback device; some backends (ALSA with a
    custom ``default``) answer only through the list of devices, some not at all.
    """
    ffi, lib = miniaudio.ffi, miniaudio.lib
    context = getattr(device, "_context", None)
    if context is None:
        return ""
    try:
        info = ffi.new("ma_device_info*")
        if (
            lib.ma_context_get_device_info(context, lib.ma_device_type_playback, ffi.NULL, info)
            == 0
        ):
            name = ffi.string(info.name).decode(errors="replace")
            if name:
                return name
        with ffi.new("ma_device_info**") as infos, ffi.new("ma_uint32*") as count:
            if lib.ma_context_get_devices(context, infos, count, ffi.NULL, ffi.NULL) == 0:
                for i in range(count[0]):
                    if infos[0][i].isDefault:
                        return ffi.string(infos[0][i].name).decode(errors="replace")
    except Exception:
        log.debug("cannot name the sound device", exc_info=True)
    return ""
