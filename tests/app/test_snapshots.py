"""Pictures of screens, compared with the approved SVGs in ``__snapshots__``."""

from __future__ import annotations

from pathlib import Path

from tests.app.harness import make_app


def test_home_screen(snap_compare, private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    assert snap_compare(app, terminal_size=(100, 30))
