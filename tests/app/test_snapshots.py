"""Pictures of screens, compared with the approved SVGs in ``__snapshots__``."""

from __future__ import annotations

from pathlib import Path

from tests.app.harness import make_app


def test_home_screen(snap_compare, private_folders: Path) -> None:
    app, _ = make_app(private_folders)
    assert snap_compare(app, terminal_size=(100, 30))


def test_keys_list_over_home(snap_compare, private_folders: Path) -> None:
    """? lists the screen's keys over it, dimmed beneath."""
    app, _ = make_app(private_folders)
    assert snap_compare(app, terminal_size=(80, 24), press=["question_mark"])


def test_week_read_down_to_its_agenda_at_60_columns(snap_compare, private_folders: Path) -> None:
    """The highlight on the first practice, in sight, and the footer says what Enter does."""
    app, _ = make_app(private_folders)

    async def read_down(pilot) -> None:
        await pilot.press("1")
        await pilot.pause()
        while pilot.app.screen.query_one("#agenda").highlighted is None:
            await pilot.press("down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(60, 20), run_before=read_down)


def test_timer_settings_at_60_columns(snap_compare, private_folders: Path) -> None:
    """Option rows wrap between choices, never inside one."""
    app, _ = make_app(private_folders)
    assert snap_compare(app, terminal_size=(60, 20), press=["t"])
