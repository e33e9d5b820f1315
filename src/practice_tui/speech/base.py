"""What every speech engine shares: the speeds, a voice, the engine protocol and its one error.

An engine turns words into a WAV file ahead of time (or, for speech-dispatcher, speaks them
straight away). It runs the speaking program as a separate process, never over the network,
and never writes a byte to the terminal.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

__all__ = [
    "DirectEngine",
    "DirectSpeech",
    "EngineStatus",
    "SpeechEngine",
    "SpeechError",
    "Speed",
    "Voice",
]


class Speed(enum.StrEnum):
    """How fast the words are spoken: slow is the calmer pace, natural an everyday one."""

    SLOW = "slow"
    NATURAL = "natural"


@dataclass(frozen=True)
class Voice:
    """A voice a person can pick: the engine it belongs to, its id for the engine, a label."""

    engine: str
    id: str
    label: str


class SpeechError(Exception):
    """Words could not be spoken or rendered; ``str()`` is one plain sentence."""


@runtime_checkable
class DirectSpeech(Protocol):
    """Words being spoken straight to the speakers by an engine that cannot write a file.

    ``pause`` may stop and ``resume`` may start the step's words again (spd-say cannot pause).
    """

    def stop(self) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def is_playing(self) -> bool: ...


@runtime_checkable
class SpeechEngine(Protocol):
    """One way of speaking found on this computer.

    ``name`` is one of "piper", "say", "sapi", "espeak-ng", "espeak", "spd-say"; ``label`` is
    what a person reads; ``writes_files`` is False only for engines that speak directly.
    """

    name: str
    label: str
    writes_files: bool

    def voices(self) -> list[Voice]: ...

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        """Write the words to ``out`` as a 16-bit PCM WAV, or raise :class:`SpeechError`."""
        ...


@runtime_checkable
class DirectEngine(SpeechEngine, Protocol):
    """An engine that speaks the words itself (``writes_files`` is False)."""

    def speak(self, text: str, voice: str | None, speed: Speed) -> DirectSpeech: ...


@dataclass(frozen=True)
class EngineStatus:
    """An engine looked for: the engine when it can be used, else the reason (one sentence)."""

    name: str
    label: str
    engine: SpeechEngine | None
    reason: str | None
