"""Save SVG screenshots of the main screens for the README (run from the repository root).

python tools/screenshots.py            # writes docs/screenshots/*.svg
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from practice_tui.app import StartAt  # noqa: E402
from practice_tui.journal import Answer  # noqa: E402
from tests.app.harness import make_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


async def shoot() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app, _ = make_app(Path(tempfile.mkdtemp()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.save_screenshot(str(OUT / "home.svg"))
    app, clock = make_app(Path(tempfile.mkdtemp()), StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        clock.advance(70)
        app.screen.wake()  # type: ignore[attr-defined]
        await pilot.pause()
        app.save_screenshot(str(OUT / "practice.svg"))
    app, clock = make_app(Path(tempfile.mkdtemp()))
    app.services.journal.entries.add(
        answers=[Answer("What did you notice?", "Tight shoulders, then a little softer.")],
        practice_id="breathing-space",
        practice_name="Breathing Space",
        week=1,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        app.save_screenshot(str(OUT / "journal.svg"))


if __name__ == "__main__":
    asyncio.run(shoot())
