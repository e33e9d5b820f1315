"""Looking for the speech engines and their voices, off the event loop.

Finding the engines looks along PATH; listing their voices runs the speaking programs. Either
could take a moment on a busy computer, so a screen asks here and is called back on the event
loop with the answer. The engines are looked for once a run (kept in the services).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.dom import DOMNode

from practice_tui.screens.base import services
from practice_tui.widgets.voice_settings import EngineVoices

if TYPE_CHECKING:
    from practice_tui.services import Services
    from practice_tui.speech import EngineStatus


def _looked_up(app_services: Services) -> list[EngineStatus]:
    """In a thread: the engines, found once a run. A lookup that fails finds none."""
    found = app_services.speech_engines
    if found is None:
        try:
            found = app_services.find_speech()
        except OSError:
            found = []
        app_services.speech_engines = found
    return found


def find_speech(node: DOMNode, done: Callable[[list[EngineStatus]], None]) -> None:
    """``done(engines)`` on the event loop: at once when they are known, else after a worker."""
    known = services(node).speech_engines
    if known is not None:
        done(known)
        return

    async def look() -> None:
        done(await asyncio.to_thread(_looked_up, services(node)))

    node.run_worker(look(), group="find-speech", exit_on_error=False)


def _voices_of(app_services: Services) -> EngineVoices:
    """In a thread: each usable engine with its voices (none listed if it cannot say)."""
    from practice_tui.speech import SpeechError

    found: EngineVoices = []
    for status in _looked_up(app_services):
        if status.engine is None:
            continue
        try:
            voices = status.engine.voices()
        except SpeechError:
            voices = []
        found.append((status, voices))
    return found


def find_voices(node: DOMNode, done: Callable[[EngineVoices], None]) -> None:
    """``done(engines with their voices)`` on the event loop, after a worker runs them."""

    async def look() -> None:
        done(await asyncio.to_thread(_voices_of, services(node)))

    node.run_worker(look(), group="find-voices", exit_on_error=False)
