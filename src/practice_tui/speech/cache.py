"""A private cache of spoken words, so each block of words is rendered once.

Files are WAVs named by a hash of the words, the engine, the voice and the speed, readable by
their owner alone (the words are the participant's practice, and may be their own). A file is
rendered beside its final name and renamed into place, so a file under its name is always
whole. Past the size limit the least recently used files go first; using a file counts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from practice_tui.paths import PRIVATE_FILE_MODE, ensure_private_dir
from practice_tui.speech.base import SpeechEngine, SpeechError, Speed
from practice_tui.speech.wav import check_wav

__all__ = ["DEFAULT_LIMIT_BYTES", "SpeechCache", "render_all"]

DEFAULT_LIMIT_BYTES = 200 * 1024 * 1024
#: Changes when the way words are rendered changes, so older files are not used.
CACHE_FORMAT = 1
SUFFIX = ".wav"
PARTIAL_MARK = ".part"
#: A partial file this old was left by a render that never finished (the computer stopped).
ABANDONED_AFTER_S = 3600.0


def _voice_of(engine: SpeechEngine, voice: str | None) -> str:
    """The voice actually used: an engine's own choice of default counts as its name."""
    if voice:
        return voice
    default = getattr(engine, "default_voice", None)
    return str(default() or "") if callable(default) else ""


class SpeechCache:
    """WAV files of spoken words in ``folder`` (0700), at most ``limit_bytes`` in all."""

    def __init__(self, folder: Path, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> None:
        self.folder = folder
        self.limit_bytes = limit_bytes

    def key(self, text: str, engine: SpeechEngine | str, voice: str | None, speed: Speed) -> str:
        """The file name's stem for these words spoken this way."""
        name = engine if isinstance(engine, str) else engine.name
        described = json.dumps([CACHE_FORMAT, name, voice or "", str(speed), text])
        return hashlib.sha256(described.encode("utf-8")).hexdigest()

    def _path(self, text: str, engine: SpeechEngine, voice: str | None, speed: Speed) -> Path:
        return self.folder / (self.key(text, engine, _voice_of(engine, voice), speed) + SUFFIX)

    def get(self, text: str, engine: SpeechEngine, voice: str | None, speed: Speed) -> Path | None:
        """The cached WAV of these words, marked as just used; None if there is none."""
        path = self._path(text, engine, voice, speed)
        try:
            os.utime(path)
        except OSError:
            return None
        return path

    def render(self, engine: SpeechEngine, text: str, voice: str | None, speed: Speed) -> Path:
        """The WAV of these words, rendered into the cache first if it is not there.

        Raises :class:`SpeechError` when the engine cannot render them, or the cache folder
        cannot be written; nothing partial is ever left under a cached name.
        """
        found = self.get(text, engine, voice, speed)
        if found is not None:
            return found
        path = self._path(text, engine, voice, speed)
        try:
            ensure_private_dir(self.folder)
        except OSError as error:
            raise SpeechError(
                f"The folder for spoken words, {self.folder}, could not be made ({error.strerror})."
            ) from None
        owner = f"{os.getpid()}.{threading.get_ident():x}"
        partial = path.with_name(f".{path.stem}.{owner}{PARTIAL_MARK}{SUFFIX}")
        try:
            # Created private and empty first: an engine writing over it keeps its mode.
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE))
            engine.render(text, voice, speed, partial)
            os.chmod(partial, PRIVATE_FILE_MODE)
            check_wav(partial)
            os.replace(partial, path)
        except OSError as error:
            raise SpeechError(
                f"The spoken words could not be saved in {self.folder} ({error.strerror})."
            ) from None
        finally:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
        self.trim(keep=path)
        return path

    def trim(self, keep: Path | None = None) -> None:
        """Remove the least recently used files until the cache is within its limit, and any
        partial file a render left behind when the computer stopped mid-way."""
        files: list[tuple[float, int, Path]] = []
        abandoned = time.time() - ABANDONED_AFTER_S
        try:
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    if not entry.name.endswith(SUFFIX):
                        continue
                    stat = entry.stat()
                    if not entry.name.startswith("."):
                        files.append((stat.st_mtime, stat.st_size, Path(entry.path)))
                    elif PARTIAL_MARK in entry.name and stat.st_mtime < abandoned:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
        except OSError:
            return
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files, key=lambda file: file[0]):
            if total <= self.limit_bytes:
                break
            if path == keep:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size


def render_all(
    texts: Iterable[str],
    engine: SpeechEngine,
    voice: str | None,
    speed: Speed,
    cache: SpeechCache,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, Path]:
    """Render every block of words (once each; blank ones have nothing to say) into the cache.

    Meant for a worker: ``on_progress(done, total)`` after each block, and ``should_stop()``
    checked before each, which ends early with what is done. A :class:`SpeechError` from the
    engine is raised to the caller, who carries on without a voice.
    """
    unique = list(dict.fromkeys(text for text in texts if text.strip()))
    rendered: dict[str, Path] = {}
    for done, text in enumerate(unique, start=1):
        if should_stop is not None and should_stop():
            break
        rendered[text] = cache.render(engine, text, voice, speed)
        if on_progress is not None:
            on_progress(done, len(unique))
    return rendered
