"""Bells through miniaudio, holding a sound device only while a bell is ringing.

A practice can be twenty silent minutes, so nothing runs between bells: ``play`` wakes a
daemon worker that opens a device, lets the bell (and any bell that joins it) ring out, then
closes the device and ends. Bells that overlap are mixed into the one open device rather than
opening a second one, which a bare ALSA device would refuse.

Backends are named explicitly per platform: miniaudio's own default order would fall back to
JACK (whose library prints to stderr, over the screen) or to the NULL backend (silent, but
"working", so nobody would be told that sound is off).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from array import array
from collections.abc import Generator, Iterable, Mapping
from dataclasses import dataclass

import miniaudio

from practice_tui.sound.alsa import silence_alsa_errors
from practice_tui.sound.player import (
    NOTICE_NO_DEVICE,
    NOTICE_STOPPED,
    SAMPLE_RATE,
    BellSound,
    NoticeCallback,
)

__all__ = ["MiniaudioPlayer", "default_backends"]

log = logging.getLogger(__name__)

#: Bells ringing at once; a further bell drops the oldest (only reachable by frantic skipping).
MAX_VOICES = 4
#: A device that takes no audio for this long (twice over) is judged broken.
STALL_CHECK_S = 2.0


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


@dataclass
class _Voice:
    """One bell being played: where it has got to, and how loud."""

    samples: array
    gain: float
    position: int = 0

    def remaining(self) -> int:
        return len(self.samples) - self.position


@dataclass
class _Session:
    """One open device. Once inactive, its audio thread stops taking bells off the queue."""

    active: bool = True


class MiniaudioPlayer:
    """A :class:`~practice_tui.sound.player.BellPlayer` on miniaudio.

    ``name`` is ``"miniaudio"`` while sound works and becomes ``"silent"`` after the first
    failure, when ``on_notice`` is called once (from a worker thread) and every later ``play``
    does nothing. ``backends`` exists for tests: ``[miniaudio.Backend.NULL]`` runs the whole
    play path on a machine without a sound card.
    """

    def __init__(
        self,
        bells: Mapping[str, BellSound],
        on_notice: NoticeCallback | None = None,
        *,
        backends: Iterable[miniaudio.Backend] | None = None,
        buffer_ms: int = 100,
    ) -> None:
        self.name = "miniaudio"
        #: miniaudio's name for the backend in use (e.g. "PulseAudio"), once a device opened.
        self.backend: str | None = None
        #: Why sound went off, for logs and the settings screen.
        self.failure: BaseException | None = None
        self._bells = dict(bells)
        self._on_notice = on_notice
        self._backends = list(backends) if backends is not None else default_backends()
        self._buffer_ms = buffer_ms
        self._failed = False
        self._lock = threading.Lock()  # guards the fields below
        self._voices: list[_Voice] = []
        self._frames_served = 0  # grows while a device pulls audio; shows a stall when it doesn't
        self._worker: threading.Thread | None = None
        self._device_lock = threading.Lock()  # one open device at a time (probe or play)
        self._drained = threading.Event()  # the audio thread found nothing left to play
        self._idle = threading.Event()  # no bell ringing and no worker running
        self._idle.set()
        self._pause = threading.Event()  # never set: waited on to pause for a moment

    @property
    def failed(self) -> bool:
        return self._failed

    def play(self, bell: str, volume: float = 1.0) -> None:
        """Start ringing ``bell`` at ``volume`` (0..1) and return at once."""
        try:
            sound = self._bells.get(bell)
            gain = float(volume)
            if self._failed or sound is None or not gain > 0.0:  # "not >" also catches NaN
                if sound is None and not self._failed:
                    log.debug("no bell sound named %r", bell)
                return
            gain = min(1.0, gain)
            with self._lock:
                if self._failed:
                    return
                self._voices.append(_Voice(sound.samples, gain))
                del self._voices[:-MAX_VOICES]
                self._idle.clear()
                if self._worker is None:
                    self._worker = threading.Thread(
                        target=self._run, name="practice-tui-bell", daemon=True
                    )
                    self._worker.start()
        except Exception as exc:
            self._fail(exc, NOTICE_STOPPED)

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
                self._fail(exc, NOTICE_NO_DEVICE)
                return False
        return True

    def probe_in_background(self) -> threading.Thread:
        """Probe in a daemon thread, so start-up never waits on the sound system."""
        thread = threading.Thread(target=self.probe, name="practice-tui-sound-probe", daemon=True)
        thread.start()
        return thread

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no bell is ringing and the device is closed; False on timeout."""
        return self._idle.wait(timeout)

    # -- worker thread -------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            with self._device_lock:
                if self._failed:
                    return
                notice = NOTICE_NO_DEVICE
                try:
                    device = self._open()
                    notice = NOTICE_STOPPED
                    try:
                        self._ring(device)
                    finally:
                        self._close(device)
                except Exception as exc:
                    self._fail(exc, notice)
        finally:
            with self._lock:
                if self._worker is threading.current_thread():
                    self._worker = None
                if self._worker is None:
                    self._voices.clear()
                    self._idle.set()

    def _ring(self, device: miniaudio.PlaybackDevice) -> None:
        """Feed the device until no bell is left, then let its buffer play out."""
        session = _Session()
        self._drained.clear()
        stream = self._stream(session)
        next(stream)
        device.start(stream)
        tail_s = 4 * self._buffer_ms / 1000 + 0.1
        served = -1
        while True:
            if not self._drained.wait(STALL_CHECK_S):
                with self._lock:
                    if self._frames_served == served:
                        raise _DeviceError("the sound device stopped taking audio")
                    served = self._frames_served
                continue
            self._pause.wait(tail_s)
            with self._lock:
                if not self._voices:
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
        """The next ``frames`` samples of every ringing bell, scaled by volume and summed."""
        with self._lock:
            if not session.active or not self._voices:
                self._drained.set()
                return bytes(2 * frames)
            parts = []
            for voice in self._voices:
                parts.append((voice.samples[voice.position : voice.position + frames], voice.gain))
                voice.position += frames
            self._frames_served += frames
            self._voices = [v for v in self._voices if v.remaining() > 0]
            if not self._voices:
                self._drained.set()
        if len(parts) == 1:
            segment, gain = parts[0]
            out = segment if gain == 1.0 else array("h", [int(s * gain) for s in segment])
        else:
            total = [0.0] * frames
            for segment, gain in parts:
                for i, sample in enumerate(segment):
                    total[i] += sample * gain
            out = array("h", [max(-32768, min(32767, int(s))) for s in total])
        if len(out) < frames:
            out.extend([0] * (frames - len(out)))
        return out.tobytes()

    # -- devices -------------------------------------------------------------------------------

    def _open(self) -> miniaudio.PlaybackDevice:
        if not self._backends:
            raise _DeviceError("no usable audio backend in this miniaudio build")
        silence_alsa_errors()
        device = miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=SAMPLE_RATE,
            buffersize_msec=self._buffer_ms,
            backends=self._backends,
            app_name="practice-tui",
        )
        self.backend = device.backend
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

    def _fail(self, exc: BaseException, notice: str) -> None:
        """Go silent for good, and say so once."""
        with self._lock:
            if self._failed:
                return
            self._failed = True
            self.name = "silent"
            self.failure = exc
            self._voices.clear()
        log.debug("sound is off: %r", exc)
        if self._on_notice is not None:
            try:
                self._on_notice(notice)
            except Exception:
                log.debug("sound notice callback failed", exc_info=True)
