"""What the rest of the app sees of sound: a player that rings a bell and never gets in the way.

A practice must carry on whatever the sound system does, so a player never blocks and never
raises. This module holds what every backend shares: the protocol, the bell files and their
names, the one-sentence notices, and the silent player that is always there at the end.
"""

from __future__ import annotations

import logging
import sys
import threading
import wave
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from practice_tui.paths import bells_dir

__all__ = [
    "BELL_ALIASES",
    "CUE",
    "DEFAULT_BELL",
    "MAX_STRIKES",
    "NOTICE_NO_BELLS",
    "NOTICE_NO_DEVICE",
    "NOTICE_STOPPED",
    "NOTICE_SWITCHED",
    "SAMPLE_RATE",
    "STRIKE_GAP_S",
    "BellLoadError",
    "BellPlayer",
    "BellSound",
    "FailureCallback",
    "NoticeCallback",
    "PlayRequest",
    "SilentPlayer",
    "SpeechRequest",
    "available_bells",
    "bell_label",
    "load_bells",
    "notice_for",
    "play_request",
    "resolve_bell",
    "speech_request",
]

log = logging.getLogger(__name__)

#: The one sample rate our bells use; the device is opened at this rate too.
SAMPLE_RATE = 44100
#: Seconds between the strikes of one ``play(bell, strikes=2 or 3)``; the first is immediate.
STRIKE_GAP_S = 2.5
MAX_STRIKES = 3

#: The bell for the start and the end of a practice unless the participant chooses another.
DEFAULT_BELL = "singing-bowl"
#: The soft sound for a change of phase; not one of the bells offered as a choice.
CUE = "cue"
#: Older names still accepted by ``play``: ``bell`` was the only bell before there was a choice.
BELL_ALIASES: dict[str, str] = {"bell": DEFAULT_BELL}

# -- notices: one calm sentence, given once, worded by where sound goes next ---------------------

#: Why the chain of backends moved on.
REASON_NO_DEVICE = "no-device"
REASON_STOPPED = "stopped"
REASON_NO_BELLS = "no-bells"

NOTICE_NO_DEVICE = "No sound device found: the words will still guide you."
NOTICE_NO_BELLS = (
    "Sound is off: the bell sounds could not be loaded; the words will still guide you."
)
NOTICE_STOPPED = "Sound is off: the sound device stopped working; the words will still guide you."
NOTICE_SWITCHED = "The bells had a sound problem and now play another way; nothing else changes."

_NOTICES_TERMINAL = {
    REASON_NO_DEVICE: ("No sound device found: the terminal bell will mark the changes."),
    REASON_STOPPED: (
        "Sound is off: the sound device stopped working; the terminal bell will mark the "
        "changes instead."
    ),
    REASON_NO_BELLS: (
        "Sound is off: the bell sounds could not be loaded; the terminal bell will mark the "
        "changes instead."
    ),
}
_NOTICES_SILENT = {
    REASON_NO_DEVICE: NOTICE_NO_DEVICE,
    REASON_STOPPED: NOTICE_STOPPED,
    REASON_NO_BELLS: NOTICE_NO_BELLS,
}


def notice_for(reason: str, now_playing_through: str) -> str:
    """The sentence for moving on because of ``reason`` to the backend named second."""
    if now_playing_through == "terminal":
        return _NOTICES_TERMINAL.get(reason, _NOTICES_TERMINAL[REASON_NO_DEVICE])
    if now_playing_through == "silent":
        return _NOTICES_SILENT.get(reason, NOTICE_NO_DEVICE)
    return NOTICE_SWITCHED


#: Told one calm sentence when sound goes off. It may be called from a worker thread, or from
#: the thread that called ``open_player``; it must not block.
NoticeCallback = Callable[[str], None]


# -- what a play asks for ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlayRequest:
    """One call to ``play``, cleaned up: a known name, a gain in (0, 1], 1..3 strikes."""

    bell: str
    volume: float
    strikes: int


def resolve_bell(name: str) -> str:
    """The file name (stem) for a bell name, following :data:`BELL_ALIASES`."""
    return BELL_ALIASES.get(name, name)


def play_request(bell: str, volume: float = 1.0, strikes: int = 1) -> PlayRequest | None:
    """Clean up the arguments of ``play``; None when there is nothing to ring (volume 0)."""
    try:
        gain = float(volume)
    except (TypeError, ValueError):
        return None
    if not gain > 0.0:  # "not >" also catches NaN
        return None
    try:
        count = int(strikes)
    except (TypeError, ValueError, OverflowError):
        count = 1
    return PlayRequest(resolve_bell(str(bell)), min(1.0, gain), max(1, min(MAX_STRIKES, count)))


@dataclass(frozen=True)
class SpeechRequest:
    """One call to ``speak``, cleaned up; ``start_s`` and ``paused`` carry a speech over to the
    next backend when the one playing it fails, so it goes on from where it had got to."""

    wav: Path
    volume: float
    start_s: float = 0.0
    paused: bool = False


def speech_request(
    wav: Path | str, volume: float = 1.0, start_s: float = 0.0
) -> SpeechRequest | None:
    """Clean up the arguments of ``speak``; None when there is nothing to hear (volume 0)."""
    try:
        gain = float(volume)
        start = float(start_s)
    except (TypeError, ValueError):
        return None
    if not gain > 0.0:  # "not >" also catches NaN
        return None
    start = start if start > 0.0 and start != float("inf") else 0.0
    return SpeechRequest(Path(wav), min(1.0, gain), start)


# -- the protocol and the silent player --------------------------------------------------------


@runtime_checkable
class BellPlayer(Protocol):
    """Rings named bells and speaks rendered words. Every method returns at once and never
    raises into the caller.

    ``name`` is the backend in use (``"miniaudio"``, ``"simpleaudio"``, ``"terminal"``,
    ``"silent"``); ``device`` is the sound device's name, or ``""`` when it is not known.

    The speech channel plays one WAV at a time over (mixed with) the bells: ``speak`` starts
    one now, replacing any speech playing; ``volume`` is the voice's, apart from the bells'.
    ``pause_speech`` and ``resume_speech`` carry on mid-word from where it paused;
    ``stop_speech`` silences it at once. ``preload_speech`` reads WAVs ahead of their moment,
    so that ``speak`` has only to start them. The terminal bell and silence speak nothing.
    """

    name: str
    device: str

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None: ...
    def speak(self, wav: Path, volume: float = 1.0) -> None: ...
    def pause_speech(self) -> None: ...
    def resume_speech(self) -> None: ...
    def stop_speech(self) -> None: ...
    def speech_playing(self) -> bool: ...
    def preload_speech(self, wavs: Iterable[Path]) -> None: ...


#: How a backend tells the chain it can no longer play: itself, the error, whether it had
#: worked before (a device that stopped) or never (no device), and what it could not finish
#: (bells, and the speech it was playing, if any).
FailureCallback = Callable[[object, BaseException, bool, list[PlayRequest | SpeechRequest]], None]


class NoSpeech:
    """The speech channel of a backend that cannot speak: every call does nothing."""

    def speak(self, wav: Path, volume: float = 1.0, *, start_s: float = 0.0) -> None:
        return None

    def pause_speech(self) -> None:
        return None

    def resume_speech(self) -> None:
        return None

    def stop_speech(self) -> None:
        return None

    def speech_playing(self) -> bool:
        return False

    def preload_speech(self, wavs: Iterable[Path]) -> None:
        return None


class SilentPlayer(NoSpeech):
    """The player used when sound is off or cannot work: the session carries on without it."""

    name = "silent"
    device = ""

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        return None

    def probe(self) -> bool:
        return True

    def wait_idle(self, timeout: float | None = None) -> bool:
        return True


# -- the bell files ----------------------------------------------------------------------------


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


def ring_out_seconds(bell: str, strikes: int = 1, folder: Path | None = None) -> float | None:
    """How long ``bell`` sounds, struck ``strikes`` times: when a voice may begin after it.

    Read from the file's header (nothing is decoded); None when the bell cannot be read.
    """
    if folder is None:
        from practice_tui.paths import bells_dir  # here: only a spoken practice asks

        folder = bells_dir()
    try:
        with wave.open(str(folder / f"{resolve_bell(bell)}.wav"), "rb") as source:
            seconds = source.getnframes() / source.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return None
    return seconds + STRIKE_GAP_S * (max(1, strikes) - 1)


def load_bells(folder: Path) -> dict[str, BellSound]:
    """Decode every ``*.wav`` in ``folder`` once, keyed by file stem (``singing-bowl``, ...)."""
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


def available_bells(folder: Path | None = None, *, include_cue: bool = False) -> list[str]:
    """The bells a participant can choose from, sorted (``deep-gong``, ``singing-bowl``, ...).

    Reads only the folder's listing (no decoding), so a settings screen can call it freely.
    The phase cue is left out unless ``include_cue``. Empty if the folder cannot be read.
    """
    try:
        names = sorted(path.stem for path in (folder or bells_dir()).glob("*.wav"))
    except OSError:
        return []
    return [name for name in names if include_cue or name != CUE]


def bell_label(name: str) -> str:
    """A bell's name as a person reads it: ``singing-bowl`` -> ``Singing bowl``."""
    return resolve_bell(name).replace("-", " ").replace("_", " ").capitalize()


# -- shared by the backends ----------------------------------------------------------------------


class OnceNotice:
    """Passes on the first notice only, and never lets the app's callback break a player."""

    def __init__(self, callback: NoticeCallback | None) -> None:
        self._callback = callback
        self._lock = threading.Lock()
        self._sent = False

    @property
    def sent(self) -> bool:
        return self._sent

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


def scaled(samples: array, gain: float) -> array:
    """``samples`` times ``gain`` (0..1), as a new array; the same array when gain is 1."""
    if gain >= 1.0:
        return samples
    return array("h", [int(s * gain) for s in samples])
