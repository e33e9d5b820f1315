"""What an import reads: a file, a FIFO or standard input, as events in any order of keys.

A file is read a record at a time (:mod:`journal.json_stream`), never held whole. Our own
export says what it is (``"format"``, ``"version"``) before its lists, and jrnl's begins
with ``"tags"``: those are read in one pass. A file whose keys come in another order (a
tool that sorts keys, say) is read twice: once to find what it is, letting each record go,
and again to import it. Standard input and FIFOs cannot be read twice, so they are first
copied to a private temporary file beside the journal (never into memory).
"""

from __future__ import annotations

import codecs
import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, BinaryIO

from practice_tui.journal.import_records import ImportProblem, kind_of
from practice_tui.journal.import_result import Source
from practice_tui.journal.json_stream import (
    LIST_START,
    JsonSyntaxError,
    ListStart,
    read_object,
    skim,
)

Event = tuple[str, int | None, Any]
#: What says a file is ours (and which layout), read before its lists.
HEADER = ("format", "version")
_NOT_JSON = "this is not JSON (an export begins with “{”; from jrnl, use --export json)"
_COPY_CHUNK = 1 << 20


class _EveryList:
    """Every list at the top level is read an item at a time, whatever its key."""

    def __contains__(self, key: object) -> bool:
        return True


EVERY_LIST = _EveryList()


@contextmanager
def opened(source: Path | BinaryIO, scratch: Path) -> Iterator[tuple[BinaryIO, int | None]]:
    """The bytes to import, seekable, and their size when known at once. A stream
    (standard input, a FIFO) is copied into a private file in ``scratch`` first."""
    if isinstance(source, Path):
        raw = _open_path(source)
        with raw:
            mode = os.fstat(raw.fileno()).st_mode
            if stat.S_ISREG(mode):
                yield raw, os.fstat(raw.fileno()).st_size
                return
            _refuse_a_device(raw, str(source))
            with _copied(raw, scratch) as copy:
                yield copy, None
        return
    _refuse_a_device(source, "standard input")
    with _copied(source, scratch) as copy:
        yield copy, None


def _refuse_a_device(stream: BinaryIO, name: str) -> None:
    """A device other than a terminal (``/dev/zero``, ``/dev/full``) never ends: copying it
    would fill the disk, so it is refused. A pipe, a FIFO or a terminal ends when the writer
    (or Ctrl+D) does."""
    with suppress(OSError, ValueError, io.UnsupportedOperation):
        if stat.S_ISCHR(os.fstat(stream.fileno()).st_mode) and not stream.isatty():
            raise ImportProblem(f"{name} is a device, not a file; nothing was imported.")


def _open_path(path: Path) -> BinaryIO:
    try:
        if path.is_dir():
            raise ImportProblem(f"{path} is a folder, not a file; nothing was imported.")
        return path.open("rb")
    except FileNotFoundError:
        raise ImportProblem(f"There is no file at {path}; nothing was imported.") from None
    except OSError as error:
        reason = error.strerror or "it could not be read"
        raise ImportProblem(f"{path} could not be read ({reason}); nothing was imported.") from None


@contextmanager
def _copied(stream: BinaryIO, scratch: Path) -> Iterator[BinaryIO]:
    """``stream`` copied a piece at a time into a private file that is gone once closed."""
    import shutil  # here, as tempfile below: only standard input or a pipe is copied

    with _scratch_file(scratch) as copy:
        try:
            shutil.copyfileobj(stream, copy, _COPY_CHUNK)
        except OSError as error:
            reason = error.strerror or "it could not be read"
            raise ImportProblem(f"the input could not be read ({reason})") from None
        copy.seek(0)
        yield copy  # type: ignore[misc]


def _scratch_file(scratch: Path) -> BinaryIO:
    """A private file, gone once closed: beside the journal, else in the system's temporary
    folder (a read-only journal's folder), else an :class:`ImportProblem`."""
    import tempfile  # here: a file named on the command line is read in place (start-up)

    for folder in (scratch if scratch.is_dir() else None, None):
        with suppress(OSError):
            return tempfile.TemporaryFile(dir=folder)  # type: ignore[return-value]
    raise ImportProblem("there is no room to keep a private copy of the input while it is read")


def events(raw: BinaryIO) -> tuple[Iterator[Event], Source]:
    """The file's members as events, with our header first, and what wrote it.

    Raises :class:`ImportProblem` for a file that is not an export, and
    :class:`JsonSyntaxError` or ``UnicodeDecodeError`` for one that is broken.
    """
    stream = read_object(_text(raw), EVERY_LIST)
    head: list[Event] = []
    try:
        for event in stream:
            head.append(event)
            keys = {key for key, _, _ in head}
            if set(HEADER) <= keys:
                return _chain(head, stream), "practice-tui"
            if isinstance(event[2], ListStart) and event[1] is None:
                if "tags" in keys and "format" not in keys:
                    return _chain(head, stream), "jrnl"
                break  # a list before the header: find the header further on
        else:  # the whole file was read: small, and every member is in ``head``
            return _chain(head, iter(())), _source(set(key for key, _, _ in head))
    except ValueError as error:
        if isinstance(error, JsonSyntaxError | UnicodeDecodeError):
            raise
        raw.seek(0)
        return _not_an_object(raw)
    found = _find_header(head, stream)
    raw.seek(0)
    keys = set(found)
    rest = (event for event in read_object(_text(raw), EVERY_LIST) if event[0] not in HEADER)
    header = [(key, None, found[key]) for key in HEADER if key in found]
    return _chain(header, rest), _source(keys)


def _find_header(head: list[Event], stream: Iterator[Event]) -> dict[str, Any]:
    """The rest of the file read through, letting records go: the header's values, and
    every top-level key (``True`` for a key that is not part of the header)."""
    found: dict[str, Any] = {}
    for key, index, value in _chain(head, stream):
        if index is None:
            found[key] = value if key in HEADER else True
    return found


def _source(keys: set[str]) -> Source:
    if "format" in keys:
        return "practice-tui"
    if "entries" in keys:
        return "jrnl"
    raise ImportProblem(
        "the file holds an object, not a practice-tui or jrnl JSON export "
        '(an object with "entries")'
    )


def _not_an_object(raw: BinaryIO) -> tuple[Iterator[Event], Source]:
    """Read through a file that is not an object, to say what it holds."""
    text = _text(raw)
    start = text.read(64)
    if not start.strip():
        raise ImportProblem("the file is empty")
    raw.seek(0)
    try:
        value = skim(_text(raw))
    except JsonSyntaxError as error:
        if error.line == 1 and not start.lstrip().startswith("{"):
            raise ImportProblem(f"line {error.line}, column {error.column}: {_NOT_JSON}") from None
        raise
    what = "a list" if value is LIST_START else kind_of(value)
    raise ImportProblem(
        f'the file holds {what}, not a practice-tui or jrnl JSON export (an object with "entries")'
    )


class _Text(io.TextIOWrapper):
    """The file's bytes as text; letting go of it leaves the file open (it is read twice)."""

    def close(self) -> None:
        with suppress(ValueError):  # detached already
            if not self.closed:
                self.detach()


def _text(raw: BinaryIO) -> io.TextIOWrapper:
    return _Text(raw, encoding="utf-8-sig", newline="")


def _chain(first: list[Event], rest: Iterator[Event]) -> Iterator[Event]:
    yield from first
    yield from rest


def not_utf8(raw: BinaryIO) -> str:
    """Where a file first stops being UTF-8, read a piece at a time: ``line L, column C``."""
    raw.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, line, line_start = 0, 1, 0
    while chunk := raw.read(_COPY_CHUNK):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            at = offset - pending + error.start
            before = chunk[: max(at - offset, 0)]
            line += before.count(b"\n")
            if b"\n" in before:
                line_start = offset + before.rfind(b"\n") + 1
            return f"line {line}, column {at - line_start + 1}: this is not UTF-8 text"
        line += chunk.count(b"\n")
        if b"\n" in chunk:
            line_start = offset + chunk.rfind(b"\n") + 1
        offset += len(chunk)
    return "this is not UTF-8 text"
