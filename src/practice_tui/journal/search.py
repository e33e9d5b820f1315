"""What the person types in the search box, made safe for FTS5, and where it matched.

FTS5 has a query language of its own (``AND``, ``NEAR``, ``"``, ``*``, ``^``, column
filters), in which a stray quote or colon is a syntax error. People type words, not queries,
so the text is read as words and "quoted phrases" only: every word becomes a quoted prefix
term, every term must match, and nothing the person types can be read as an operator.
Words are found the way the index's ``unicode61`` tokenizer finds them (letters and digits,
with diacritics folded), so what is highlighted is what was matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from practice_tui.records import Record

# unicode61 keeps letters, digits and marks together and splits on everything else.
_WORD = re.compile(r"[^\W_]+(?:[\u0300-\u036f]*[^\W_]*)*", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
#: Words this long or longer also find the words they begin ("kind" finds "kindness");
#: shorter ones only themselves, since "b" would begin nearly every entry of a long journal.
PREFIX_FROM = 3


class SearchTerms(Record):
    """The words of a search: each a group of words that must appear together, in order.

    A plain word is a one-word group; a "quoted phrase" is a group of several.
    """

    groups: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def fts_query(self) -> str:
        """The FTS5 query: every group must match; a lone word is also a prefix."""
        parts = []
        for group in self.groups:
            # Words hold letters and digits only, so they never hold a quote to escape.
            quoted = '"' + " ".join(group) + '"'
            is_prefix = len(group) == 1 and len(group[0]) >= PREFIX_FROM
            parts.append(f"{quoted}*" if is_prefix else quoted)
        return " AND ".join(parts)


def fold(text: str) -> str:
    """Lower case without diacritics, as ``remove_diacritics 2`` compares words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> tuple[str, ...]:
    """The words as typed: the index folds case and accents itself, by its own tables."""
    return tuple(match.group() for match in _WORD.finditer(text))


def parse_search(text: str) -> SearchTerms:
    """Read whatever was typed: "quoted phrases" and words; punctuation is ignored.

    An unmatched quote is read as if it were not there. Text with no words at all (only
    punctuation, emoji or spaces) gives empty terms, which match nothing.
    """
    if not isinstance(text, str):
        raise TypeError("search text must be a str")
    groups: list[tuple[str, ...]] = []
    rest = _PHRASE.sub(" ", text)
    for phrase in _PHRASE.findall(text):
        words = _words(phrase)
        if words:
            groups.append(words)
    groups.extend((word,) for word in _words(rest))
    unique = tuple(dict.fromkeys(groups))  # the same word twice asks nothing more
    return SearchTerms(unique)


def match_spans(text: str, terms: SearchTerms) -> list[tuple[int, int]]:
    """Where the words of ``terms`` appear in ``text``, as sorted, non-overlapping spans.

    Each word of the text that a searched word finds (itself, or one it begins when it is
    long enough) is highlighted whole; words of a phrase are highlighted wherever they
    appear.
    """
    return list(_matching(text, terms))


def _matching(text: str, terms: SearchTerms) -> Iterator[tuple[int, int]]:
    """The spans of :func:`match_spans`, found one at a time (the first costs only the
    words before it)."""
    if terms.is_empty or not text:
        return
    wanted = {fold(word) for group in terms.groups for word in group}
    prefixes = tuple(word for word in wanted if len(word) >= PREFIX_FROM)
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        if folded in wanted or folded.startswith(prefixes):
            yield match.start(), match.end()


#: Longer text than this is not made into one line to find a snippet (50 MB would be millions
#: of words): the snippet comes from the text around its first match alone.
LONG_TEXT = 100_000


def snippet(text: str, terms: SearchTerms, width: int = 80) -> str:
    """One line of ``text`` around its first match (or its opening), about ``width`` long."""
    if len(text) > LONG_TEXT:
        return _snippet_of_long(text, terms, width)
    line = " ".join(text.split())
    spans = match_spans(line, terms)
    if not spans or spans[0][0] < width // 3:
        start = 0
    else:
        start = line.rfind(" ", 0, spans[0][0] - width // 4) + 1
    piece = line[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(line) else ""
    return f"{prefix}{piece}{suffix}"


def _snippet_of_long(text: str, terms: SearchTerms, width: int) -> str:
    """The snippet of the stretch of ``text`` around its first match; an ellipsis says where
    the text goes on beyond it."""
    first = next(_matching(text, terms), None)
    at = first[0] if first is not None else 0
    begin, end = max(0, at - 2 * width), min(len(text), at + 4 * width)
    piece = snippet(text[begin:end], terms, width)
    if begin > 0 and not piece.startswith("…"):
        piece = "…" + piece
    if end < len(text) and not piece.endswith("…"):
        piece += "…"
    return piece
