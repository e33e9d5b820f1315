"""Spoken guidance: the engines that speak on this computer, rendering words to WAV ahead of
time, and a private cache of what was rendered. Played through :mod:`practice_tui.sound`.

Core layer: nothing here imports Textual or the screens, and nothing writes to the terminal
(every program is started with its standard streams redirected). No word leaves the computer.
"""

from practice_tui.speech.base import (
    DirectEngine,
    DirectSpeech,
    EngineStatus,
    SpeechEngine,
    SpeechError,
    Speed,
    Voice,
)
from practice_tui.speech.cache import DEFAULT_LIMIT_BYTES, SpeechCache, render_all
from practice_tui.speech.discovery import NO_VOICE_HINT, choose_engine, find_engines, why_not_used
from practice_tui.speech.piper import VoiceFileError, add_voice
from practice_tui.speech.wav import wav_seconds

__all__ = [
    "DEFAULT_LIMIT_BYTES",
    "NO_VOICE_HINT",
    "DirectEngine",
    "DirectSpeech",
    "EngineStatus",
    "SpeechCache",
    "SpeechEngine",
    "SpeechError",
    "Speed",
    "Voice",
    "VoiceFileError",
    "add_voice",
    "choose_engine",
    "find_engines",
    "render_all",
    "wav_seconds",
    "why_not_used",
]
