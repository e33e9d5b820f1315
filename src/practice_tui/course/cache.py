"""A cache of the shipped course, so start-up does not parse thirty TOML files every time.

The cache is keyed on the app's version and the name, size and modification time of every
script file, so any change to a script is read afresh. It is read with an unpickler that
accepts only the course's own data classes and plain values, never arbitrary code. Anything
wrong with the cache (missing, stale, unreadable, from another version) means it is simply
rebuilt: the cache can never make the course wrong, only faster.
"""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path

from practice_tui import __version__
from practice_tui.course.model import Course

_MODEL = "practice_tui.course.model"
_SAFE = {("builtins", "tuple"), ("builtins", "dict"), ("builtins", "list")}


class _CourseUnpickler(pickle.Unpickler):
    """Only the course model's classes may be built from a cache file."""

    def find_class(self, module: str, name: str) -> object:
        if module == _MODEL or (module, name) in _SAFE:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a course")


def _fingerprint(root: Path) -> str:
    """The version, then each script's name, size and modification time: any change shows.

    Walked with ``os.scandir`` rather than ``Path.rglob``: it runs at every start, and makes no
    path object per file.
    """
    found: list[tuple[str, int, int]] = []
    folders = [(str(root), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue  # as with rglob: a folder that is not there holds no scripts
        with entries:
            for entry in entries:
                if entry.is_dir():
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".toml"):
                    status = entry.stat()
                    found.append((f"{prefix}{entry.name}", status.st_size, status.st_mtime_ns))
    found.sort()
    return "\n".join([__version__, *(f"{name}|{size}|{mtime}" for name, size, mtime in found)])


def _cache_file(cache_dir: Path) -> Path:
    return cache_dir / "course.pickle"


def load_cached(root: Path, cache_dir: Path) -> Course | None:
    """The cached course for the scripts under ``root``, or None if it is not (still) good."""
    try:
        data = _cache_file(cache_dir).read_bytes()
        fingerprint, course = _CourseUnpickler(io.BytesIO(data)).load()
    except Exception:
        return None
    if fingerprint != _fingerprint(root) or not isinstance(course, Course):
        return None
    return course


def store(course: Course, root: Path, cache_dir: Path) -> None:
    """Keep ``course`` for next time; a cache that cannot be written is simply skipped."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = pickle.dumps((_fingerprint(root), course), protocol=pickle.HIGHEST_PROTOCOL)
        import tempfile  # here: a command reading a cached course never writes one

        descriptor, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".part")
    except (OSError, pickle.PickleError):
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, _cache_file(cache_dir))
    except OSError:
        Path(temporary).unlink(missing_ok=True)
