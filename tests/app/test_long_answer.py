"""An answer far too long to draw at once (50 MB) opens at once, a part at a time, and every
part can be reached: the parts together are the answer exactly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Button, Static

from practice_tui.screens.entry import EntryScreen
from practice_tui.widgets.long_text import PART_CHARS, LongText, part_bounds
from tests.app.harness import make_app
from tests.app.journal_fixtures import Written, write


@given(
    text=st.text(st.sampled_from("ab \n🙂\r\t\u2028"), max_size=400),
    size=st.integers(1, 60),
)
def test_the_parts_are_the_text_in_order_each_within_the_size(text: str, size: int) -> None:
    bounds = part_bounds(text, size)
    assert "".join(text[start:end] for start, end in bounds) == text
    assert all(0 < end - start <= size for start, end in bounds) or bounds == [(0, 0)]
    for start, end in bounds[:-1]:
        cut_at_space = any(mark in text[start + size // 2 : end] for mark in " \n")
        if cut_at_space:  # a word is never cut where a space could be used instead
            assert text[end - 1] in " \n"


def parts_shown(long_text: LongText) -> str:
    return str(long_text.query_one(".answer-text", Static).render())


async def test_a_very_long_answer_opens_a_part_at_a_time(private_folders: Path) -> None:
    line = "I noticed [bold]tension[/] and then \x1b[31m softness 🙂. "
    words = "".join(f"{n}: {line}\n" for n in range(6_000))  # 330,000 characters
    write(private_folders, [Written(words)])
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("enter")
        while not isinstance(app.screen, EntryScreen):
            await pilot.pause(0.05)
        await pilot.pause()
        long_text = app.screen.query_one(LongText)
        first = parts_shown(long_text)
        assert first.startswith("0: I noticed [bold]tension[/] and then ␛[31m softness")
        assert len(first) <= PART_CHARS and first.endswith("\n")
        count = len(long_text.bounds)
        note = str(long_text.query_one(".long-text-note", Static).render())
        assert f"part 1 of {count}" in note and count > 2
        previous = long_text.query_one("#previous-part", Button)
        following = long_text.query_one("#next-part", Button)
        assert previous.disabled and not following.disabled
        seen = [long_text.shown_text]
        for _ in range(count - 1):
            following.press()
            await pilot.pause()
            seen.append(long_text.shown_text)
        assert "".join(seen) == words
        assert following.disabled and not previous.disabled
        assert f"Part {count} of {count}" in str(
            long_text.query_one(".long-text-where", Static).render()
        )
        assert parts_shown(long_text).endswith(
            "5999: I noticed [bold]tension[/] and then ␛[31m softness 🙂. \n"
        )
        previous.press()
        await pilot.pause()
        assert long_text.shown_text == seen[-2]
