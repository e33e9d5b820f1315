"""Getting a sitting's voice ready before the first bell: find the engine, render every block
of words into the cache, and say how long each takes, so the plan can make room for them.

Runs in a worker (it starts programs and writes files); the screen then builds the plan with
:attr:`PreparedVoice.spoken` and says the words through a :class:`~.speaker.Speaker`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from practice_tui.course.speaking import estimated_spoken_seconds
from practice_tui.records import Record
from practice_tui.speech.base import DirectEngine, EngineStatus, SpeechEngine, SpeechError, Speed
from practice_tui.speech.cache import SpeechCache, render_all
from practice_tui.speech.discovery import choose_engine, find_engines
from practice_tui.speech.speaker import spoken_lengths

#: What a participant sees when there is no voice to speak with (the README says more).
NO_VOICE = (
    "No voice was found on this computer, so the words are shown and the cues mark each "
    "step; `practice-tui voices` says how to add one."
)


class VoiceChoice(Record):
    """What the participant chose in Settings (None: the best engine found, its own voice)."""

    engine: str | None = None
    voice: str | None = None
    speed: Speed = Speed.SLOW


class PreparedVoice(Record):
    """A voice ready to speak a sitting's words."""

    engine: SpeechEngine
    voice: str | None
    speed: Speed
    #: Words -> their recording (empty for an engine that speaks directly).
    recordings: dict[str, Path]
    #: Seconds given words take to say: the recording's length, or an estimate.
    spoken: Callable[[str], float]

    @property
    def direct(self) -> DirectEngine | None:
        """The engine itself when it can only speak aloud (it records nothing)."""
        if self.engine.writes_files:
            return None
        return self.engine  # type: ignore[return-value]  # writes_files False: a DirectEngine


def prepare_voice(
    texts: Iterable[str],
    choice: VoiceChoice,
    *,
    cache_dir: Path,
    voices_dir: Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    engines: Callable[[], list[EngineStatus]] | None = None,
) -> PreparedVoice | None:
    """The voice for ``texts``, rendered ahead; None when no engine can speak here.

    Raises :class:`SpeechError` (one sentence) when the engine fails: the caller carries on
    with the words on screen and the cues.
    """
    statuses = engines() if engines is not None else find_engines(voices_dir=voices_dir)
    engine = choose_engine(statuses, choice.engine)
    if engine is None:
        return None
    voice = choice.voice if engine.name == choice.engine else None
    speed = choice.speed

    def estimate(words: str) -> float:
        return estimated_spoken_seconds(words, speed)

    if not engine.writes_files:
        return PreparedVoice(engine, voice, speed, {}, estimate)
    try:
        recordings = render_all(
            texts,
            engine,
            voice,
            speed,
            SpeechCache(cache_dir),
            on_progress=on_progress,
            should_stop=should_stop,
        )
    except OSError as error:  # the cache folder cannot be written (full disk, read-only)
        raise SpeechError(f"The spoken words could not be kept ({error.strerror}).") from None
    return PreparedVoice(engine, voice, speed, recordings, spoken_lengths(recordings, estimate))
