"""User text drawn on the terminal: every control character is shown, never obeyed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from practice_tui.journal.literal_text import literal_spans
from practice_tui.wording import literal


def test_c0_controls_are_shown_as_their_pictures() -> None:
    assert literal("red \x1b[31m bell \x07") == "red \u241b[31m bell \u2407"


def test_newlines_and_tabs_stay_as_they_are() -> None:
    assert literal("one\ntwo\tthree") == "one\ntwo\tthree"


def test_c1_controls_are_shown_as_the_escape_they_stand_for() -> None:
    # U+009B is CSI and U+009D is OSC: some terminals obey them even in UTF-8, so
    # "\x9d0;title\x9c" could retitle the window and "\x9b2J" clear the screen.
    assert (
        literal("a\x9b2J b\x9d0;title\x9c c\x85") == "a\u241b[2J b\u241b]0;title\u241b\\ c\u241bE"
    )


def test_every_control_character_is_made_visible() -> None:
    controls = [chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\n\t"]
    shown = literal("".join(controls))
    assert not any(ch in shown for ch in controls)


# Any text at all, with control characters (C0, DEL, C1) mixed in anywhere.
_ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.characters(min_codepoint=0, max_codepoint=0x20),
        st.characters(min_codepoint=0x7F, max_codepoint=0xA0),
    )
)


@given(_ANY_TEXT, st.data())
def test_a_span_of_the_text_is_the_same_words_once_shown(text: str, data: st.DataObject) -> None:
    ends = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2)))
    start, end = ends
    [(shown_start, shown_end)] = literal_spans(text, [(start, end)])
    assert literal(text)[shown_start:shown_end] == literal(text[start:end])


def test_a_match_after_a_c1_control_moves_one_character_on() -> None:
    assert literal_spans("a\x9bb kindness here", [(5, 13)]) == [(6, 14)]
    assert literal_spans("plain kindness", [(6, 14)]) == [(6, 14)]
