"""An HTML export read as its text, as a browser would show it: for the Export screen's
preview, which shows what the page says rather than its tags."""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements that begin on a line of their own.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    ]
)
#: Elements whose content is never shown.
_HIDDEN = frozenset({"head", "script", "style", "template", "title"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag in {"h1", "h2", "h3", "section", "article"} else "\n")
            if tag == "li":
                self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(data)


def html_as_text(markup: str) -> str:
    """The text a page shows, one block a line, headings set apart by a blank line; the
    person's own line breaks kept. A page cut short is read as far as it goes."""
    reader = _Text()
    reader.feed(markup)
    text = "".join(reader.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
