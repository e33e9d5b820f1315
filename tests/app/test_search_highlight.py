"""Search matches are picked out on the very words that matched, whatever control
characters come before them (each C1 control is shown as two characters)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.journal import Answer, Entry
from practice_tui.journal.search import match_spans, parse_search, snippet
from practice_tui.screens.entry import highlighted
from practice_tui.widgets.entry_list import WORDS_KEPT, EntryRow
from practice_tui.wording import literal

_CONTROLS = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.characters(
    min_codepoint=0x7F, max_codepoint=0x9F
)
_ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8") | _CONTROLS, max_size=60)
_WORD = st.sampled_from(["kindness", "care", "listen", "Compassion"])
#: What may stand between a word and the text before it: a space, or a control character.
_GAP = st.sampled_from([" ", "\n", "\x1b", "\x85", "\x9b", "\x9d"])


def _entry(text: str) -> Entry:
    return Entry(
        id="e1",
        session_id=None,
        kind="reflection",
        practice_id=None,
        practice_name="Reflection",
        week=1,
        created_at="2026-03-02T09:00:00+00:00",
        updated_at="2026-03-02T09:00:00+00:00",
        answers=(Answer("What did you notice?", text),),
        practised_seconds=None,
    )


def _list_highlights(text: str, search: str) -> tuple[list[str], list[str]]:
    """What the list picks out, and the literal words that matched in its snippet."""
    terms = parse_search(search)
    row = EntryRow.of(_entry(text), terms)
    shown = [row.words[start:end] for start, end in row.matches]
    raw = snippet(_entry(text).text, terms, WORDS_KEPT)
    return shown, [literal(raw[start:end]) for start, end in match_spans(raw, terms)]


def _entry_view_highlights(text: str, search: str) -> tuple[list[str], list[str]]:
    """What the entry view picks out, and the literal words that matched."""
    terms = parse_search(search)
    content = highlighted(text, terms)
    shown = [content.plain[span.start : span.end] for span in content.spans]
    return shown, [literal(text[start:end]) for start, end in match_spans(text, terms)]


def test_a_match_after_a_csi_is_picked_out_whole_in_the_list() -> None:
    shown, _ = _list_highlights("a\x9bb kindness here", "kindness")
    assert shown == ["kindness"]


def test_a_match_after_a_next_line_control_is_picked_out_in_the_entry_view() -> None:
    shown, _ = _entry_view_highlights("a\x85kindness and \x9bcare", "kindness care")
    assert shown == ["kindness", "care"]


@pytest.mark.parametrize("highlights", [_list_highlights, _entry_view_highlights])
@given(before=_ANY_TEXT, gap=_GAP, word=_WORD, after=_ANY_TEXT)
def test_the_words_picked_out_are_exactly_the_words_that_matched(
    highlights: Callable[[str, str], tuple[list[str], list[str]]],
    before: str,
    gap: str,
    word: str,
    after: str,
) -> None:
    # The word is well within the line the list keeps, so it is always there to pick out.
    shown, matched = highlights(f"{before}{gap}{word} {after}", word)
    assert shown == matched
    assert any(match.casefold().startswith(word.casefold()) for match in shown)
