"""Which speech engines this computer has, best first, and why any of them cannot be used.

Looking costs no more than a few PATH lookups: no engine is started until it is used.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from practice_tui.speech.base import EngineStatus, SpeechEngine
from practice_tui.speech.dispatcher import SpdSayEngine
from practice_tui.speech.piper import PiperEngine, find_piper, piper_voices
from practice_tui.speech.system import EspeakEngine, SapiEngine, SayEngine

__all__ = ["NO_VOICE_HINT", "choose_engine", "find_engines", "why_not_used"]

#: Said once when no engine can speak: what the participant can do about it.
NO_VOICE_HINT = (
    "No voice was found on this computer: the words stay on screen with a soft cue for each; "
    "`practice-tui voices` says how to add one."
)

PIPER_MISSING = 'Piper is not installed: `pip install "practice-tui[voice]"` adds it.'
PIPER_NO_VOICE = "Piper has no voice yet: add one with `practice-tui voices add FILE`."

Which = Callable[[str], str | None]


def _has_module(name: str) -> bool:
    """Whether a top-level module can be imported, without importing it."""
    from importlib.util import find_spec  # here: only looking for Piper pays for it

    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _piper(
    which: Which, voices_dir: Path, executable: str, has_module: Callable[[str], bool]
) -> EngineStatus:
    command = find_piper(which, executable, has_module)
    if command is None:
        return EngineStatus("piper", PiperEngine.label, None, PIPER_MISSING)
    if not piper_voices(voices_dir):
        return EngineStatus("piper", PiperEngine.label, None, PIPER_NO_VOICE)
    return EngineStatus("piper", PiperEngine.label, PiperEngine(command, voices_dir), None)


def _program(
    which: Which, program: str, make: Callable[[str], SpeechEngine], label: str, missing: str
) -> EngineStatus:
    found = which(program)
    if found is None:
        return EngineStatus(program, label, None, missing)
    return EngineStatus(program, label, make(found), None)


def _system_engines(which: Which, platform: str) -> list[EngineStatus]:
    """The system's own speech for ``platform`` (as ``sys.platform`` names it)."""
    if platform == "darwin":
        return [_program(which, "say", SayEngine, SayEngine.label, "macOS's `say` was not found.")]
    if platform == "win32":
        found = which("powershell") or which("pwsh")
        if found is None:
            reason = "PowerShell was not found, so the Windows voices cannot be used."
            return [EngineStatus("sapi", SapiEngine.label, None, reason)]
        return [EngineStatus("sapi", SapiEngine.label, SapiEngine(found), None)]
    return [
        _program(
            which,
            "espeak-ng",
            lambda found: EspeakEngine(found, "espeak-ng"),
            "eSpeak NG",
            "espeak-ng is not installed (on Debian or Ubuntu: `sudo apt install espeak-ng`).",
        ),
        _program(
            which,
            "espeak",
            lambda found: EspeakEngine(found, "espeak"),
            "eSpeak",
            "espeak is not installed.",
        ),
        _program(
            which,
            "spd-say",
            SpdSayEngine,
            SpdSayEngine.label,
            "speech-dispatcher's `spd-say` is not installed.",
        ),
    ]


def find_engines(
    *,
    voices_dir: Path | None = None,
    which: Which = shutil.which,
    platform: str = sys.platform,
    executable: str = sys.executable,
    has_module: Callable[[str], bool] = _has_module,
) -> list[EngineStatus]:
    """Every engine looked for on this system, best first: Piper, the system's, spd-say.

    ``voices_dir`` holds the Piper voices (the data folder's ``voices/`` when not given).
    """
    if voices_dir is None:
        from practice_tui.paths import resolve_paths  # here: a caller usually passes it

        voices_dir = resolve_paths().voices_dir
    return [_piper(which, voices_dir, executable, has_module), *_system_engines(which, platform)]


def choose_engine(
    statuses: list[EngineStatus], preferred: str | None = None
) -> SpeechEngine | None:
    """The ``preferred`` engine if it can be used, else the best one that can; None if none."""
    usable = [status.engine for status in statuses if status.engine is not None]
    for engine in usable:
        if engine.name == preferred:
            return engine
    return usable[0] if usable else None


def why_not_used(statuses: list[EngineStatus], chosen: SpeechEngine | None) -> dict[str, str]:
    """For each engine other than ``chosen``, by label: why it is not the one speaking."""
    reasons = {}
    for status in statuses:
        if status.engine is None:
            reasons[status.label] = status.reason or "It cannot be used here."
        elif status.engine is not chosen and chosen is not None:
            reasons[status.label] = f"{chosen.label} is used instead."
    return reasons
