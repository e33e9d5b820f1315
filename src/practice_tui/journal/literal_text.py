"""The person's text made safe to show anywhere: control characters shown, never obeyed.

Plain Python, shared by the screens, the command line and the HTML export, so a journal
entry holding ESC, BEL or a C1 control looks the same in all three and acts in none.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import TextIO

_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_CONTROL_PICTURES[0x7F] = "\u2421"
# C1 controls (U+0080-U+009F) have no pictures; each is shown as the ESC sequence it stands
# for (U+009B, CSI, as "␛["), since some terminals obey them even when encoded in UTF-8.
_CONTROL_PICTURES.update({code: "\u241b" + chr(code - 0x40) for code in range(0x80, 0xA0)})


def literal(text: str) -> str:
    """User text made safe to draw: control characters (ESC, CSI) shown, never obeyed.

    Markup is already inert because screens wrap user text in ``Content``; this covers the
    other way text can act on a terminal.
    """
    return text.translate(_CONTROL_PICTURES)


class LiteralStream:
    """A text stream for a terminal: what is written shows its control characters, as
    :func:`literal` does, and never obeys them. A document's own line ends (``\\r\\n`` in
    CSV) are kept; a carriage return on its own is shown.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write("\r\n".join(literal(part) for part in text.split("\r\n")))


_C1 = re.compile("[\x80-\x9f]")


def literal_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of ``text`` (say, where a search matched) moved to where they fall in
    ``literal(text)``: each C1 control before a point becomes two characters, so a match
    after one sits a character further on.
    """
    widened = [match.start() for match in _C1.finditer(text)]
    if not widened:
        return list(spans)

    def moved(offset: int) -> int:
        return offset + bisect_left(widened, offset)

    return [(moved(start), moved(end)) for start, end in spans]
