"""An exercise's introduction is read before its questions: the page opens at its top."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from practice_tui.screens.reflect import ReflectScreen, Writing
from tests.app.harness import make_app


async def test_the_evidence_is_on_view_first_and_typing_brings_the_answer_into_view(
    private_folders: Path,
) -> None:
    app, _ = make_app(private_folders)
    async with app.run_test(size=(100, 30)) as pilot:
        exercise = app.services.course.exercise("research-evidence")
        await app.push_screen(ReflectScreen(Writing.exercise(exercise)))
        await pilot.pause()
        page = app.screen.query_one("#reflect")
        answer = app.screen.query_one("#answer-0", TextArea)
        assert page.scroll_y == 0  # the introduction's top is on view
        assert answer.region.y >= app.screen.size.height  # the question waits below it
        assert app.focused is page  # so the focus is never out of sight (screens/reflect.py)
        await pilot.press(*"Forty seconds")
        await pilot.pause()
        assert answer.text == "Forty seconds"
        assert page.scroll_y > 0 and 0 <= answer.region.y < app.screen.size.height
