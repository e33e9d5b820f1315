"""A cache of the shipped course, so start-up does not parse thirty TOML files every time.

Parsing and checking the scripts costs ~35 ms, a fifth of a bare Textual app's start-up;
reading this cache back costs under 2 ms (benchmarks/README.md, "The course cache").

The cache is plain JSON, rebuilt into the course's records by a reader that checks every
value's type: a file in the cache folder is only ever data, never code (a pickle, even with a
class filter, could call what the filter let through). It is keyed on the app's version, the
records' fields and the name, size and modification time of every script file, so any change
is read afresh. Anything wrong with the cache (missing, stale, damaged, hand-made, from
another version) means it is simply rebuilt: the cache can never make the course wrong, only
faster.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from practice_tui import __version__
from practice_tui.course.model import (
    AgendaItem,
    AgendaKind,
    Collects,
    Course,
    Exercise,
    HomeTask,
    Mode,
    Phase,
    Practice,
    PromptCard,
    Step,
    Week,
)
from practice_tui.paths import ensure_private_dir

CACHE_NAME = "course.json"
#: What earlier versions kept; removed when the cache is next written, never read.
_OLD_CACHE_NAME = "course.pickle"

_Read = Callable[[Any], Any]
#: The records kept; their fields are part of the key, so a change to one is never misread.
_KINDS = (Course, Week, AgendaItem, HomeTask, Practice, Mode, Phase, Step, Exercise, PromptCard)


class _Damaged(Exception):
    """The cache holds something the course could not: it is rebuilt."""


def _of_type(*kinds: type) -> _Read:
    """A value of exactly one of ``kinds`` (so never a flag where a number belongs)."""

    def read(value: Any) -> Any:
        if type(value) not in kinds:
            raise _Damaged
        return value

    return read


_text = _of_type(str)
_whole = _of_type(int)
_number = _of_type(float, int)
_flag = _of_type(bool)


def _optional(read: _Read) -> _Read:
    return lambda value: None if value is None else read(value)


def _choice(kind: Callable[[str], Any]) -> _Read:
    def read(value: Any) -> Any:
        try:
            return kind(_text(value))
        except ValueError:
            raise _Damaged from None

    return read


def _many(read: _Read) -> _Read:
    def read_all(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _Damaged
        return tuple(read(item) for item in value)

    return read_all


def _record(kind: Any, *fields: _Read) -> _Read:
    """A named tuple stored as the list of its fields, each read by its own reader."""
    if len(fields) != len(kind._fields):
        raise TypeError(f"{kind.__name__} has {len(kind._fields)} fields")  # a bug, seen at import

    def read(value: Any) -> Any:
        if type(value) is not list or len(value) != len(fields):
            raise _Damaged
        return kind._make([field(item) for field, item in zip(fields, value, strict=True)])

    return read


_texts = _many(_text)
_step = _record(Step, _text, _number, _flag, _texts)
_mode = _record(
    Mode, _text, _text, _text, _many(_whole), _many(_record(Phase, _text, _many(_step))), _texts
)
_practice = _record(
    Practice,
    _text,
    _text,
    _optional(_whole),
    _text,
    _text,
    _text,
    _many(_mode),
    _text,
    _flag,
    _flag,
    _optional(_record(PromptCard, _text, _texts)),
)
_exercise = _record(
    Exercise, _text, _text, _optional(_whole), _text, _texts, _choice(Collects), _text
)
_week = _record(
    Week,
    _whole,
    _text,
    _text,
    _text,
    _texts,
    _many(_record(AgendaItem, _text, _choice(AgendaKind), _optional(_text), _text)),
    _many(_record(HomeTask, _text, _text, _text, _optional(_text))),
    _text,
)


def _course(value: Any) -> Course:
    """The course from its stored form: the weeks, the practices and the exercises."""
    if type(value) is not list or len(value) != 3:
        raise _Damaged
    weeks, practices, exercises = value
    return Course(
        weeks=_many(_week)(weeks),
        practices={practice.id: practice for practice in _many(_practice)(practices)},
        exercises={exercise.id: exercise for exercise in _many(_exercise)(exercises)},
    )


def _fingerprint(root: Path) -> str:
    """The version, the records' fields, then each script's name, size and modification
    time: any change shows.

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
    fields = [",".join(kind._fields) for kind in _KINDS]
    return "\n".join(
        [__version__, *fields, *(f"{name}|{size}|{mtime}" for name, size, mtime in found)]
    )


def load_cached(root: Path, cache_dir: Path) -> Course | None:
    """The cached course for the scripts under ``root``, or None if it is not (still) good."""
    try:
        with open(cache_dir / CACHE_NAME, "rb") as stream:
            stored = json.load(stream)
        if type(stored) is not dict or stored.get("fingerprint") != _fingerprint(root):
            return None
        return _course(stored.get("course"))
    except (OSError, ValueError, RecursionError, _Damaged):
        return None  # ValueError: not JSON, or not UTF-8


def _stored_form(course: Course) -> dict[str, Any]:
    """The course as JSON values: each record a list of its fields (enums are strings)."""
    return {
        "course": [course.weeks, list(course.practices.values()), list(course.exercises.values())]
    }


def store(course: Course, root: Path, cache_dir: Path) -> None:
    """Keep ``course`` for next time; a cache that cannot be written is simply skipped.

    A course with problems (a participant's own files) is never cached: only the shipped one.
    """
    if course.problems:
        return
    try:
        ensure_private_dir(cache_dir)
        stored = {"fingerprint": _fingerprint(root), **_stored_form(course)}
        payload = json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode()
        import tempfile  # here: a command reading a cached course never writes one

        descriptor, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".part")
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, cache_dir / CACHE_NAME)
        (cache_dir / _OLD_CACHE_NAME).unlink(missing_ok=True)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
