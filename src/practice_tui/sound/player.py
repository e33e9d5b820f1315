"""What the rest of the app sees of sound: a player that rings a bell and never gets in the way.

A practice must carry on whatever the sound system does, so a player never blocks and never
raises. When sound cannot work (no bell files, no device), the app is told once, in one calm
sentence, and the player goes quiet.
"""

from __future__ import annotations

import logging
import sys
import threading
import wave
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from practice_tui.settings import bells_dir
from practice_tui.sound.alsa import silence_alsa_errors

__all__ = [
    "NOTICE_NO_BELLS",
    "NOTICE_NO_DEVICE",
    "NOTICE_STOPPED",
    "SAMPLE_RATE",
    "BellLoadError",
    "BellPlayer",
    "BellSound",
    "NoticeCallback",
    "SilentPlayer",
    "load_bells",
    "open_player",
]

log = logging.getLogger(__name__)

#: The one sample rate our bells use; the device is opened at this rate too.
SAMPLE_RATE = 44100

NOTICE_NO_DEVICE = "Sound is off: no sound device was found. The words will still guide you."
NOTICE_NO_BELLS = (
    "Sound is off: the bell sounds could not be loaded. The words will still guide you."
)
NOTICE_STOPPED = "Sound is off: the sound device stopped working. The words will still guide you."

#: Told one calm sentence when sound goes off. It may be called from a worker thread, or from
#: the thread that called :func:`open_player`; it must not block.
NoticeCallback = Callable[[str], None]


@runtime_checkable
class BellPlayer(Protocol):
    """Rings named bells. ``play`` returns at once and never raises into the caller."""

    name: str

    def play(self, bell: str, volume: float = 1.0) -> None: ...


class SilentPlayer:
    """The player used when sound is off or cannot work: the session carries on without it."""

    name = "silent"

    def play(self, bell: str, volume: float = 1.0) -> None:
        return None


@dataclass(frozen=True)
class BellSound:
    """One decoded bell: mono, signed 16-bit samples in this machine's byte order."""

    name: str
    samples: array
    sample_rate: int = SAMPLE_RATE

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


class BellLoadError(Exception):
    """The bell folder is missing, empty, or holds a file we cannot play."""


def _read_wav(path: Path) -> BellSound:
    with wave.open(str(path), "rb") as source:
        channels = source.getnchannels()
        width = source.getsampwidth()
        rate = source.getframerate()
        if (channels, width, rate) != (1, 2, SAMPLE_RATE):
            raise BellLoadError(
                f"{path.name}: expected mono 16-bit {SAMPLE_RATE} Hz, "
                f"got {channels} channel(s), {8 * width}-bit, {rate} Hz"
            )
        samples = array("h", source.readframes(source.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return BellSound(name=path.stem, samples=samples, sample_rate=rate)


def load_bells(folder: Path) -> dict[str, BellSound]:
    """Decode every ``*.wav`` in ``folder`` once, keyed by file stem (``bell``, ``cue``, ...)."""
    try:
        paths = sorted(folder.glob("*.wav"))
        bells = {path.stem: _read_wav(path) for path in paths}
    except BellLoadError:
        raise
    except (OSError, EOFError, wave.Error) as exc:
        raise BellLoadError(f"cannot read bells in {folder}: {exc}") from exc
    if not bells:
        raise BellLoadError(f"no bell sounds in {folder}")
    return bells


class _OnceNotice:
    """Passes on the first notice only, and never lets the app's callback break a player."""

    def __init__(self, callback: NoticeCallback | None) -> None:
        self._callback = callback
        self._lock = threading.Lock()
        self._sent = False

    def __call__(self, text: str) -> None:
        with self._lock:
            if self._sent:
                return
            self._sent = True
        if self._callback is None:
            return
        try:
            self._callback(text)
        except Exception:
            log.debug("sound notice callback failed", exc_info=True)


def open_player(
    on_notice: NoticeCallback | None = None,
    *,
    prefer: Sequence[str] = ("miniaudio",),
    sounds_dir: Path | None = None,
) -> BellPlayer:
    """Return a player at once, without waiting for a sound device.

    ``prefer`` lists backends by name, best first (``"miniaudio"``, ``"silent"``). The device is
    probed in a background thread: if it fails there or on a later play, ``on_notice`` is
    called once (possibly from that worker thread) and the player goes silent. If the bell
    files cannot be loaded, ``on_notice`` is called at once, from this thread.
    """
    notice = _OnceNotice(on_notice)
    silence_alsa_errors()
    try:
        bells = load_bells(sounds_dir if sounds_dir is not None else bells_dir())
    except BellLoadError:
        log.debug("bell sounds not loaded", exc_info=True)
        notice(NOTICE_NO_BELLS)
        return SilentPlayer()

    for backend in prefer:
        if backend == "silent":
            return SilentPlayer()
        if backend == "miniaudio":
            player = _open_miniaudio(bells, notice)
            if player is not None:
                return player
    notice(NOTICE_NO_DEVICE)
    return SilentPlayer()


def _open_miniaudio(bells: Mapping[str, BellSound], notice: NoticeCallback) -> BellPlayer | None:
    try:
        from practice_tui.sound.miniaudio_backend import MiniaudioPlayer

        player = MiniaudioPlayer(bells, on_notice=notice)
        player.probe_in_background()
    except Exception:
        # No miniaudio wheel for this platform, or no thread to probe with: try the next one.
        log.debug("miniaudio backend unavailable", exc_info=True)
        return None
    return player
