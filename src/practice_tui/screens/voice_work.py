"""Looking for the speech engines and their voices, off the event loop.

Finding the engines looks along PATH; listing their voices runs the speaking programs. Either
could take a moment on a busy computer, so a screen asks here and is called back on the event
loop with the answer. The engines are looked for once a run (kept in the services).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.worker import get_current_worker

from practice_tui.screens.base import services
from practice_tui.widgets.voice_settings import EngineVoices

if TYPE_CHECKING:
    from practice_tui.services import Services
    from practice_tui.speech import EngineStatus
    from practice_tui.speech.preparing import PreparedVoice, VoiceChoice


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


def get_voice_ready(
    node: DOMNode,
    texts: list[str],
    choice: VoiceChoice,
    *,
    ready: Callable[[PreparedVoice | None], None],
    failed: Callable[[str], None],
    progress: Callable[[int, int], None],
) -> None:
    """Render a sitting's words in a thread, then ``ready(voice)`` on the event loop (None:
    no engine could speak), or ``failed(sentence)`` when the engine or the cache failed.

    ``progress(done, total)`` is called on the event loop after each block. Leaving the screen
    cancels the worker: it stops before its next block, and calls nothing back.
    """
    app_services = services(node)
    engines = app_services.speech_engines
    cache_dir = app_services.speech_cache_dir

    def work() -> None:
        # Here: the engines and the cache load when a spoken sitting begins, not before.
        from practice_tui.paths import resolve_paths
        from practice_tui.speech import SpeechError
        from practice_tui.speech.preparing import prepare_voice

        worker = get_current_worker()

        def back(callback: Callable[..., None], *args: object) -> None:
            if not worker.is_cancelled:
                node.app.call_from_thread(callback, *args)

        try:
            voice = prepare_voice(
                texts,
                choice,
                cache_dir=cache_dir or resolve_paths().speech_cache_dir,
                on_progress=lambda done, total: back(progress, done, total),
                should_stop=lambda: worker.is_cancelled,
                engines=(lambda: engines) if engines is not None else None,
            )
        except SpeechError as error:
            back(failed, str(error))
            return
        except Exception:  # an engine's own fault: the sitting goes on without the voice
            logging.getLogger(__name__).exception("getting the voice ready failed")
            back(failed, "The voice could not get the words ready.")
            return
        back(ready, voice)

    node.run_worker(work, thread=True, group="voice-ready", exclusive=True, exit_on_error=False)
