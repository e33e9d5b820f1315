"""Bells through miniaudio, holding a sound device only while a bell is ringing.

A practice can be twenty silent minutes, so nothing runs between bells: ``play`` wakes a
daemon worker that opens a device, lets the bell (and any bell that joins it) ring out, then
closes the device and ends. Bells that overlap, and the later strikes of a bell struck
two or three times, are mixed into the one open device rather than opening a second one, which
a bare ALSA device would refuse.

Backends are named explicitly per platform: miniaudio's own default order would fall back to
JACK (whose library prints to stderr, over the screen) or to the NULL backend (silent, but
"working", so nobody would be told that sound is off).
"""

from __future__ import annotations

import contextlib
import logging
import operator
import sys
import threading
from array import array
from collections import deque
from collections.abc import Generator, Iterable, Mapping
from dataclasses import dataclass

import miniaudio

from practice_tui.sound.alsa import silence_alsa_errors
from practice_tui.sound.player import (
    SAMPLE_RATE,
    STRIKE_GAP_S,
    BellSound,
    FailureCallback,
    PlayRequest,
    play_request,
)

__all__ = ["MiniaudioPlayer", "default_backends"]

log = logging.getLogger(__name__)

#: Strikes sounding or waiting at once; a further one drops the oldest (only reachable by
#: frantic skipping).
MAX_VOICES = 8
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
    """One strike of a bell: where it has got to (below 0 while waiting its turn), how loud."""

    samples: array
    gain: float
    request: PlayRequest
    position: int = 0

    def remaining(self) -> int:
        return len(self.samples) - self.position

    def segment(self, frames: int) -> array:
        """The next ``frames`` samples (fewer at the end), with silence while still waiting."""
        start, end = self.position, self.position + frames
        if start >= 0:
            return self.samples[start:end]
        if end <= 0:
            return array("h", bytes(2 * frames))
        out = array("h", bytes(-2 * start))
        out.extend(self.samples[:end])
        return out


@dataclass
class _Session:
    """One open device. Once inactive, its audio thread stops taking bells off the queue."""

    active: bool = True


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
        buffer_ms: int = 100,
        strike_gap_s: float = STRIKE_GAP_S,
    ) -> None:
        #: miniaudio's name for the backend in use (e.g. "PulseAudio"), once a device opened.
        self.backend: str | None = None
        #: The sound device's name, once one opened and if miniaudio can tell; else "".
        self.device = ""
        #: Why sound went off, for logs and the doctor.
        self.failure: BaseException | None = None
        #: The last bells whose every sample went to the device, oldest first (for tests).
        self.finished: deque[str] = deque(maxlen=32)
        self._bells = dict(bells)
        self._on_failure = on_failure
        self._backends = list(backends) if backends is not None else default_backends()
        self._buffer_ms = buffer_ms
        self._gap_frames = round(strike_gap_s * SAMPLE_RATE)
        self._failed = False
        self._opened = False  # a device opened at least once: a later failure is a "stop"
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
                for k in range(request.strikes):
                    voice = _Voice(sound.samples, request.volume, request, -k * self._gap_frames)
                    self._voices.append(voice)
                del self._voices[:-MAX_VOICES]
                self._idle.clear()
                if self._worker is None:
                    self._worker = threading.Thread(
                        target=self._run, name="practice-tui-bell", daemon=True
                    )
                    self._worker.start()
        except Exception as exc:
            self._fail(exc, [request] if request is not None else [])

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
        """Wait until no bell is ringing and the device is closed; False on timeout."""
        return self._idle.wait(timeout)

    # -- worker thread -------------------------------------------------------------------------

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
                if voice.position + frames > 0:  # silent until a later strike's turn comes
                    parts.append((voice.segment(frames), voice.gain))
                voice.position += frames
                if voice.remaining() <= 0:
                    self.finished.append(voice.request.bell)
            self._frames_served += frames
            self._voices = [v for v in self._voices if v.remaining() > 0]
            if not self._voices:
                self._drained.set()
        if not parts:
            return bytes(2 * frames)
        if len(parts) == 1:
            segment, gain = parts[0]
            out = segment if gain == 1.0 else array("h", [int(s * gain) for s in segment])
        else:
            out = array("h", _sum(parts, frames))
        if len(out) < frames:
            out.frombytes(bytes(2 * (frames - len(out))))
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

    def _fail(self, exc: BaseException, also: list[PlayRequest] | None = None) -> None:
        """Play nothing more, and tell the chain once, with the strikes left unplayed."""
        with self._lock:
            if self._failed:
                return
            self._failed = True
            self.failure = exc
            owed: dict[int, list] = {}
            for voice in self._voices:
                entry = owed.setdefault(id(voice.request), [voice.request, 0])
                entry[1] += 1
            self._voices.clear()
        pending = [PlayRequest(r.bell, r.volume, count) for r, count in owed.values()]
        pending.extend(r for r in also or [] if all(r is not p for p, _ in owed.values()))
        log.debug("miniaudio cannot play: %r", exc)
        if self._on_failure is not None:
            try:
                self._on_failure(self, exc, self._opened, pending)
            except Exception:
                log.debug("sound failure callback failed", exc_info=True)


def _sum(parts: list[tuple[array, float]], frames: int) -> list[int]:
    """Mix segments (each scaled by its gain) into ``frames`` samples, clipped to 16 bits.

    Written with ``map`` and list comprehensions, not a per-sample loop: strikes of one bell
    overlap, so this runs for most of a struck-three-times bell, in the audio callback.
    """
    total: list[float] = [0.0] * frames
    for segment, gain in parts:
        values: Iterable[float] = segment if gain == 1.0 else [s * gain for s in segment]
        head = list(map(operator.add, total, values))  # stops at the shorter: the segment
        total[: len(head)] = head
    if max(total) > 32767 or min(total) < -32768:
        return [-32768 if s < -32768 else 32767 if s > 32767 else int(s) for s in total]
    return list(map(int, total))


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
