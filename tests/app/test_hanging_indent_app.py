"""Wrapped notes and home-task descriptions keep a hanging indent: a wrapped line stays under
the first, never back at the margin."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import OptionList, Static

from practice_tui.screens.week import WeekScreen
from practice_tui.wording import hanging
from tests.app.harness import make_app, settled

WORDS = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12)


@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join), st.integers(14, 120))
def test_every_wrapped_line_is_indented_and_fits(text: str, width: int) -> None:
    lines = hanging(text, width, 4).split("\n")
    assert all(line.startswith("    ") and len(line) <= width for line in lines)
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())


@pytest.mark.parametrize("width", [60, 80])
async def test_agenda_notes_and_task_descriptions_hang(private_folders: Path, width: int) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(width, 60)) as pilot:
        await settled(pilot)
        await pilot.press("1")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, WeekScreen)
        agenda = screen.query_one("#agenda", OptionList)
        for index in range(agenda.option_count):
            prompt = str(agenda.get_option_at_index(index).prompt)
            # After the title, every line is indented under it.
            assert all(line.startswith("    ") for line in prompt.split("\n")[1:]), prompt
            assert all(
                len(line) <= agenda.scrollable_content_region.width - 2
                for line in prompt.split("\n")
            )
        descriptions = list(screen.query("#home-tasks .task").results(Static))
        assert descriptions
        for description in descriptions:
            assert description.styles.padding.left == 2
            title = screen.query_one("#home-tasks .task-title")
            assert description.content_region.x == title.content_region.x + 2
