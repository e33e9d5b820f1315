"""The mixer behind the miniaudio backend: every ringing bell and one voice of speech, summed
into each chunk the sound device asks for.

The device's audio thread calls :meth:`Mixer.mix`; the player's methods change what it mixes
under the same lock. Starting, pausing or stopping speech is only a change of a field here, so
it is heard from the very next chunk: no device is opened or reopened for it. Words cut off
mid-word (a pause, a stop, new words) fade out over a few milliseconds, and words resumed fade
back in, so that a cut is never heard as a click in the participant's headphones.
"""

from __future__ import annotations

import operator
import threading
from array import array
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from practice_tui.sound.player import SAMPLE_RATE, PlayRequest, SpeechRequest

__all__ = ["FADE_FRAMES", "MAX_VOICES", "Mixer", "SpeechVoice", "Voice"]

#: Strikes sounding or waiting at once; a further one drops the oldest (only reachable by
#: frantic skipping).
MAX_VOICES = 8
#: Frames over which speech fades out when cut off, and back in when resumed (about 6 ms).
FADE_FRAMES = 256


@dataclass
class Voice:
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
class SpeechVoice:
    """The words being spoken: the WAV's samples at the device's rate, where they have got to
    (the next frame to send), how loud, and whether they are paused there."""

    wav: Path
    samples: array
    gain: float
    position: int = 0
    paused: bool = False
    #: Frames still to fade in (after a resume, or a start part-way through the words).
    fade_in: int = 0

    def remaining(self) -> int:
        return len(self.samples) - self.position

    def request(self) -> SpeechRequest:
        """What is left of this speech, for the next backend when this one fails."""
        return SpeechRequest(self.wav, self.gain, self.position / SAMPLE_RATE, self.paused)


class Mixer:
    """The bells ringing and the speech playing, and how much audio the device has taken.

    ``lock`` guards every field; the player holds it too when it changes them.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.voices: list[Voice] = []
        self.speech: SpeechVoice | None = None
        #: Grows while a device pulls audio; shows a stall when it doesn't.
        self.frames_served = 0
        #: The last bells whose every sample went to the device, oldest first (for tests).
        self.finished: deque[str] = deque(maxlen=32)
        #: The last speech WAVs whose every sample went to the device, oldest first (enough
        #: for every step of a long practice).
        self.spoken: deque[Path] = deque(maxlen=256)
        #: Set by the audio thread when it found nothing left to play.
        self.drained = threading.Event()
        #: The fading end of words cut off, still to play (already scaled).
        self.tail = array("h")

    def audible(self) -> bool:
        """Whether anything is left to play: a bell, speech that is not paused, or the fading
        end of words cut off. Hold the lock."""
        return (
            bool(self.voices)
            or bool(self.tail)
            or (self.speech is not None and not self.speech.paused)
        )

    # -- the speech: every method is called holding the lock -----------------------------------

    def start_speech(self, voice: SpeechVoice | None) -> None:
        """Speak ``voice`` from the next chunk (None: nothing), cutting off any speech."""
        self._cut()
        if voice is not None and voice.position > 0:
            voice.fade_in = FADE_FRAMES  # starting mid-word
        self.speech = voice

    def pause_speech(self) -> None:
        if self.speech is not None and not self.speech.paused:
            self._cut()
            self.speech.paused = True

    def resume_speech(self) -> bool:
        """Carry on from the frame where the speech paused; whether there was one to resume."""
        speech = self.speech
        if speech is None or not speech.paused:
            return False
        speech.paused = False
        speech.fade_in = FADE_FRAMES if speech.position > 0 else 0
        return True

    def stop_speech(self) -> None:
        self._cut()
        self.speech = None

    def _cut(self) -> None:
        """Fade out the words being heard, over their next frames (which a resume replays)."""
        speech = self.speech
        if speech is None or speech.paused or speech.position == 0:
            return  # nothing heard yet, or already faded when it paused
        segment = _faded_in(speech)[:FADE_FRAMES]
        fading = [int(s * (FADE_FRAMES - i) / FADE_FRAMES) for i, s in enumerate(segment)]
        if self.tail:
            fading = _sum(
                [(self.tail, 1.0), (array("h", fading), 1.0)], max(len(self.tail), len(fading))
            )
        self.tail = array("h", fading)

    def add_strikes(self, voices: Iterable[Voice]) -> None:
        """Ring these strikes too, dropping the oldest past :data:`MAX_VOICES`. Hold the lock."""
        self.voices.extend(voices)
        del self.voices[:-MAX_VOICES]

    def owed(self) -> list[PlayRequest | SpeechRequest]:
        """Everything not yet played, each bell with the strikes it still owes, then the speech;
        and nothing is left to play. Hold the lock."""
        counts: dict[int, list] = {}
        for voice in self.voices:
            entry = counts.setdefault(id(voice.request), [voice.request, 0])
            entry[1] += 1
        owed: list[PlayRequest | SpeechRequest] = [
            PlayRequest(r.bell, r.volume, count) for r, count in counts.values()
        ]
        if self.speech is not None:
            owed.append(self.speech.request())
        self.voices.clear()
        self.speech = None
        del self.tail[:]
        return owed

    def mix(self, frames: int, active: bool = True) -> bytes:
        """The next ``frames`` samples of every ringing bell and of the speech, each scaled by
        its volume and summed; silence once ``active`` is False (a device being closed)."""
        with self.lock:
            if not active or not self.audible():
                self.drained.set()
                return bytes(2 * frames)
            parts = []
            for voice in self.voices:
                if voice.position + frames > 0:  # silent until a later strike's turn comes
                    parts.append((voice.segment(frames), voice.gain))
                voice.position += frames
                if voice.remaining() <= 0:
                    self.finished.append(voice.request.bell)
            if self.tail:
                parts.append((self.tail[:frames], 1.0))
                del self.tail[:frames]
            speech = self.speech
            if speech is not None and not speech.paused:
                if speech.fade_in > 0:
                    parts.append((array("h", _faded_in(speech, frames)), 1.0))
                    speech.fade_in = max(0, speech.fade_in - frames)
                else:
                    start = speech.position
                    parts.append((speech.samples[start : start + frames], speech.gain))
                speech.position += frames
                if speech.remaining() <= 0:
                    self.spoken.append(speech.wav)
                    self.speech = None
            self.frames_served += frames
            self.voices = [v for v in self.voices if v.remaining() > 0]
            if not self.audible():
                self.drained.set()
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


def _faded_in(speech: SpeechVoice, frames: int = FADE_FRAMES) -> list[int]:
    """The speech's next ``frames`` samples with its gain, and the rest of its fade-in."""
    start, gain = speech.position, speech.gain
    done = FADE_FRAMES - speech.fade_in  # frames of the fade-in already played
    return [
        int(s * gain * min(1.0, (done + i + 1) / FADE_FRAMES)) if speech.fade_in else int(s * gain)
        for i, s in enumerate(speech.samples[start : start + frames])
    ]


def _sum(parts: list[tuple[array, float]], frames: int) -> list[int]:
    """Mix segments (each scaled by its gain) into ``frames`` samples, clipped to 16 bits.

    Written with ``map`` and list comprehensions, not a per-sample loop: strikes of one bell
    overlap, and speech runs under the bells, so this runs in the audio callback often.
    """
    total: list[float] = [0.0] * frames
    for segment, gain in parts:
        values: Iterable[float] = segment if gain == 1.0 else [s * gain for s in segment]
        head = list(map(operator.add, total, values))  # stops at the shorter: the segment
        total[: len(head)] = head
    if max(total) > 32767 or min(total) < -32768:
        return [-32768 if s < -32768 else 32767 if s > 32767 else int(s) for s in total]
    return list(map(int, total))
