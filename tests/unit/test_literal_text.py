"""User text drawn on the terminal: every control character is shown, never obeyed."""

from __future__ import annotations

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
