"""Reading one large JSON object a piece at a time: an import of any length in little memory.

An export is an object whose big values are lists (``"entries": [...]``). :func:`read_object`
yields the object's values one by one, and the items of chosen lists one by one, each parsed
by the standard library's decoder from a window of the file that slides forward. A mistake is
reported as :class:`JsonSyntaxError` with the line and column where it is, like
:class:`json.JSONDecodeError`, and a file that stops early says so.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Container, Iterator
from typing import Any, TextIO

#: Read this many characters at a time; an item longer than this is read in growing steps.
CHUNK_CHARS = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
#: What may follow a number's first digits and still belong to it.
_NUMBER_GOES_ON = re.compile(r"[0-9.eE+\-]*")


class _Constant(ValueError):
    """NaN or Infinity: Python reads them, but they are not JSON."""


def _no_constant(name: str) -> Any:
    raise _Constant(name)


class BigNumber:
    """A whole number too long for Python to read (over :data:`LONGEST_WHOLE` digits):
    kept as its digits, so the record that holds it can be named and refused."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"BigNumber({len(self.digits)} digits)"


#: Python refuses to read a whole number longer than this (``sys.int_info``'s default limit).
LONGEST_WHOLE = 4300


def _whole_number(digits: str) -> int | BigNumber:
    return int(digits) if len(digits) <= LONGEST_WHOLE else BigNumber(digits)


_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_int=_whole_number)
#: A mistake found this far before the end of what has been read is a mistake in the file,
#: not a value cut short by the window: it is told at once, without reading the rest.
_NEAR_THE_END = 64


class JsonSyntaxError(ValueError):
    """Broken JSON at ``line``/``column`` (both from 1); ``cut_short`` when the file stops."""

    def __init__(self, message: str, line: int, column: int, *, cut_short: bool = False):
        super().__init__(message)
        self.message, self.line, self.column, self.cut_short = message, line, column, cut_short


class ListStart:
    """Yielded when a chosen list begins, so an empty one is seen too."""


LIST_START = ListStart()


class _Window:
    """The part of the file being read, with where it is in the whole file."""

    def __init__(self, stream: TextIO, chunk: int = CHUNK_CHARS) -> None:
        self._stream = stream
        self.chunk = chunk
        self.text = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # the line on which text[0] stands
        self._line_start = 0  # where that line begins, counted from text[0] (may be negative)

    def more(self, chars: int | None = None) -> bool:
        """Drop what has been read and read on; False at the end of the file."""
        if self.eof:
            return False
        done = self.text[: self.pos]
        newlines = done.count("\n")
        if newlines:
            self._line += newlines
            self._line_start = done.rfind("\n") + 1
        self._line_start -= self.pos
        self.text = self.text[self.pos :]
        self.pos = 0
        chunk = self._stream.read(chars or self.chunk)
        if not chunk:
            self.eof = True
            return False
        self.text += chunk
        return True

    def where(self, index: int) -> tuple[int, int]:
        """The line and column of ``text[index]``."""
        newlines = self.text.count("\n", 0, index)
        if newlines:
            return self._line + newlines, index - self.text.rfind("\n", 0, index)
        return self._line, index - self._line_start + 1

    def error(self, message: str, index: int | None = None) -> JsonSyntaxError:
        at = self.pos if index is None else index
        line, column = self.where(at)
        cut_short = self.eof and not self.text[at:].strip()
        return JsonSyntaxError(message, line, column, cut_short=cut_short)

    def skip_space(self) -> str:
        """Move past white space; the next character, or ``""`` at the end of the file."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def closes(self, closer: str) -> bool:
        """Whether the list or object ends at once (and if so, move past its end)."""
        if self.skip_space() == closer:
            self.pos += 1
            return True
        return False

    def goes_on(self, closer: str) -> bool:
        """After a member: past a comma (True, another follows) or the ``closer`` (False)."""
        following = self.skip_space()
        self.pos += 1
        if following == closer:
            return False
        if following != ",":
            raise self.error("expecting ',' delimiter", self.pos - 1)
        return True

    def take(self, char: str, message: str) -> None:
        if self.skip_space() != char:
            raise self.error(message)
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, read on as far as it needs."""
        step = self.chunk
        while True:
            self.skip_space()
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if not self.eof and _may_go_on(error, len(self.text)):
                    # perhaps the value goes on beyond the window: read on
                    self.more(step)
                    step *= 2
                    continue
                raise self.error(_message(error.msg), error.pos) from None
            except _Constant as error:
                name = re.escape(str(error))
                found = re.compile(rf"[:\[,]\s*({name})").search(self.text, self.pos)
                at = found.start(1) if found else self.pos
                raise self.error(f"{error} is not a number JSON allows", at) from None
            except RecursionError:
                raise self.error("the JSON is nested too deeply to be an export") from None
            if not self.eof and _NUMBER_GOES_ON.fullmatch(self.text, end):  # 1.5e3 cut at "1."
                self.more(step)
                step *= 2
                continue
            self.pos = end
            return value


def _may_go_on(error: json.JSONDecodeError, read: int) -> bool:
    """Whether a mistake may only be the end of what has been read so far."""
    return error.pos >= read - _NEAR_THE_END or error.msg.startswith("Unterminated string")


def _message(msg: str) -> str:
    """Python's words for the mistake, minus the ``at`` its own position would follow."""
    msg = msg.removesuffix(" at")
    return msg[:1].lower() + msg[1:]


def read_object(
    stream: TextIO, lists: Container[str], *, chunk: int = CHUNK_CHARS
) -> Iterator[tuple[str, int | None, Any]]:
    """``(key, None, value)`` for each member of the top-level object, in file order.

    A member whose key is in ``lists`` and whose value is a list comes as ``(key, None,
    LIST_START)`` and then ``(key, index, item)`` for each item. Raises
    :class:`JsonSyntaxError` for broken JSON, or ``ValueError`` when the top level is not an
    object (the caller reads such a file whole, to say what it is).
    """
    window = _Window(stream, chunk)
    if window.skip_space() != "{":
        raise ValueError("not an object")
    window.pos += 1
    if not window.closes("}"):
        while True:
            if window.skip_space() != '"':
                raise window.error("expecting property name enclosed in double quotes")
            key = window.value()
            window.take(":", "expecting ':' delimiter")
            if key in lists and window.skip_space() == "[":
                window.pos += 1
                yield key, None, LIST_START
                if not window.closes("]"):
                    index = 0
                    while True:
                        yield key, index, window.value()
                        index += 1
                        if not window.goes_on("]"):
                            break
            else:
                yield key, None, window.value()
            if not window.goes_on("}"):
                break
    if window.skip_space():
        raise window.error("extra data after the end of the JSON")


def skim(stream: TextIO, *, chunk: int = CHUNK_CHARS) -> Any:
    """A file that is not an object, read through to check it is JSON: its value, or
    :data:`LIST_START` for a list (whose items are read one at a time and let go)."""
    window = _Window(stream, chunk)
    if window.skip_space() == "[":
        window.pos += 1
        if not window.closes("]"):
            while True:
                window.value()
                if not window.goes_on("]"):
                    break
        value: Any = LIST_START
    else:
        value = window.value()
    if window.skip_space():
        raise window.error("extra data after the end of the JSON")
    return value


def load_whole(text: str) -> Any:
    """The whole text as one JSON value; :class:`JsonSyntaxError` says where it is broken."""
    window = _Window(io.StringIO(text))
    window.more(len(text) + 1)
    value = window.value()
    if window.skip_space():
        raise window.error("extra data after the end of the JSON")
    return value
