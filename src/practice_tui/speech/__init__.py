"""Spoken guidance: the engines that speak on this computer, rendering words to WAV ahead of
time, and a private cache of what was rendered. Played through :mod:`practice_tui.sound`.

Core layer: nothing here imports Textual or the screens, and nothing writes to the terminal
(every program is started with its standard streams redirected). No word leaves the computer.

Each name loads its own module on first use: the settings name :class:`Speed`, and reading
them should not pay for subprocess, logging and hashlib (~50 ms) on every command and start.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from practice_tui.speech.base import (
        DirectEngine,
        DirectSpeech,
        EngineStatus,
        SpeechEngine,
        SpeechError,
        Voice,
    )
    from practice_tui.speech.cache import DEFAULT_LIMIT_BYTES, SpeechCache, render_all
    from practice_tui.speech.discovery import (
        NO_VOICE_HINT,
        choose_engine,
        find_engines,
        why_not_used,
    )
    from practice_tui.speech.piper import VoiceFileError, add_voice
    from practice_tui.speech.speed import Speed
    from practice_tui.speech.wav import wav_seconds

#: Where each public name lives.
_HOMES = {
    "DirectEngine": "base",
    "DirectSpeech": "base",
    "EngineStatus": "base",
    "SpeechEngine": "base",
    "SpeechError": "base",
    "Speed": "speed",
    "Voice": "base",
    "DEFAULT_LIMIT_BYTES": "cache",
    "SpeechCache": "cache",
    "render_all": "cache",
    "NO_VOICE_HINT": "discovery",
    "choose_engine": "discovery",
    "find_engines": "discovery",
    "why_not_used": "discovery",
    "VoiceFileError": "piper",
    "add_voice": "piper",
    "wav_seconds": "wav",
}

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


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # the next lookup is a plain one
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
