"""Reading back what an engine wrote: its length, and whether it is a WAV we can play."""

from __future__ import annotations

import wave
from pathlib import Path

from practice_tui.speech.base import SpeechError

__all__ = ["check_wav", "wav_seconds"]


def _open_wav(path: Path) -> tuple[int, int, int]:
    """The sample width (bytes), frame rate and frame count of a PCM WAV file."""
    try:
        with wave.open(str(path), "rb") as source:
            return source.getsampwidth(), source.getframerate(), source.getnframes()
    except (OSError, EOFError, wave.Error) as error:
        raise SpeechError(f"The spoken words in {path.name} could not be read ({error}).") from None


def wav_seconds(path: Path) -> float:
    """How long the WAV at ``path`` plays, in seconds."""
    _, rate, frames = _open_wav(path)
    return frames / rate if rate > 0 else 0.0


def check_wav(path: Path) -> None:
    """Raise :class:`SpeechError` unless ``path`` is a 16-bit PCM WAV holding some sound."""
    width, rate, frames = _open_wav(path)
    if width != 2:
        raise SpeechError(f"The voice wrote {8 * width}-bit sound where 16-bit was expected.")
    if rate <= 0 or frames == 0:
        raise SpeechError("The voice wrote an empty sound file.")
