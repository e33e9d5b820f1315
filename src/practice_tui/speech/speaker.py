"""The voice of one sitting: the words the engine hands out, heard through the right channel.

An engine that writes files is rendered before the practice begins, and its recordings play
through the bells' sound chain (the same device, its own volume), so pause holds a word and
resume carries on from it. An engine that can only speak aloud (speech-dispatcher) speaks
directly. Either way the screen only says "say these words", "pause", "resume" or "stop".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from practice_tui.speech.base import DirectEngine, DirectSpeech, SpeechError, Speed
from practice_tui.speech.wav import wav_seconds


class SpeechChannel(Protocol):
    """The part of the bell player that plays recorded words (sound/player.py)."""

    def speak(self, wav: Path, volume: float = 1.0) -> None: ...
    def pause_speech(self) -> None: ...
    def resume_speech(self) -> None: ...
    def stop_speech(self) -> None: ...


class Speaker:
    """Says a sitting's words: from ``recordings`` (words -> WAV) through ``channel``, or
    aloud through a ``direct`` engine. Words with nothing recorded are simply not said."""

    def __init__(
        self,
        channel: SpeechChannel,
        *,
        volume: float = 1.0,
        recordings: Mapping[str, Path] | None = None,
        direct: DirectEngine | None = None,
        voice: str | None = None,
        speed: Speed = Speed.SLOW,
    ) -> None:
        self._channel = channel
        self._volume = max(0.0, min(1.0, volume))
        self._recordings = dict(recordings or {})
        self._direct = direct
        self._voice = voice
        self._speed = speed
        self._speaking_directly: DirectSpeech | None = None
        #: Every text begun, in order: what a participant heard (and what the tests check).
        self.said: list[str] = []

    def say(self, text: str) -> None:
        """Begin ``text`` now, silencing whatever was being said."""
        self.stop()
        if self._direct is not None:
            self._speaking_directly = self._direct.speak(text, self._voice, self._speed)
            self.said.append(text)
            return
        recording = self._recordings.get(text)
        if recording is not None and self._volume > 0:
            self._channel.speak(recording, self._volume)
            self.said.append(text)

    def pause(self) -> None:
        if self._speaking_directly is not None:
            self._speaking_directly.pause()
        else:
            self._channel.pause_speech()

    def resume(self) -> None:
        if self._speaking_directly is not None:
            self._speaking_directly.resume()
        else:
            self._channel.resume_speech()

    def stop(self) -> None:
        if self._speaking_directly is not None:
            self._speaking_directly.stop()
            self._speaking_directly = None
        self._channel.stop_speech()


def spoken_lengths(
    recordings: Mapping[str, Path], estimate: Callable[[str], float]
) -> Callable[[str], float]:
    """How long words take to say: a recording's own length, or else the estimate."""
    lengths: dict[str, float] = {}
    for text, path in recordings.items():
        try:
            lengths[text] = wav_seconds(path)
        except SpeechError:
            continue  # unreadable: the estimate stands in, and the words still get room

    def seconds(words: str) -> float:
        if words in lengths:
            return lengths[words]
        return estimate(words) if words.strip() else 0.0

    return seconds
