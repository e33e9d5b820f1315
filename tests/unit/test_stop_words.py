"""What the stop dialogs promise to keep, in words a person reads at a glance."""

from __future__ import annotations

from practice_tui.wording import kept_sentence


def test_time_kept_is_said_in_plain_words() -> None:
    assert kept_sentence(185, "practised", "in your journal") == (
        "The 3 min 5 s you have practised will be kept in your journal."
    )
    assert kept_sentence(42, "sat") == "The 42 s you have sat will be kept."


def test_nothing_yet_is_not_called_zero_seconds() -> None:
    for seconds in (0, 0.4, 0.99):
        sentence = kept_sentence(seconds, "practised", "in your journal")
        assert "0 s" not in sentence
        assert sentence == "You have only just begun, so there is no time to keep yet."
