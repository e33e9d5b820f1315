"""The installed ``practice-tui`` in a real terminal (tmux), read off the screen as a person would.

This machine has no sound card: the screen must show the app and one calm notice, and not a
single "ALSA lib" line drawn over it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


def installed_command() -> str:
    """The console script installed beside this Python, as a user would run it."""
    script = Path(sys.executable).parent / "practice-tui"
    assert script.exists(), f"practice-tui is not installed in {script.parent}"
    return str(script)


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            [TMUX or "tmux", *args], capture_output=True, text=True, check=False, timeout=10
        )
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Poll the screen until ``text`` is drawn (waiting on a real process, not faking time)."""
        tick = threading.Event()
        waited = 0.0
        while waited < timeout:
            screen = self.screen()
            if text in screen:
                return screen
            tick.wait(0.1)
            waited += 0.1
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")


@contextmanager
def open_terminal(tmp_path: Path, *args: str) -> Iterator[Terminal]:
    name = f"pt-{uuid.uuid4().hex[:8]}"
    env_prefix = (
        f"PRACTICE_TUI_DATA_DIR={tmp_path / 'data'} "
        f"PRACTICE_TUI_CONFIG_DIR={tmp_path / 'config'} "
        f"PRACTICE_TUI_CACHE_DIR={tmp_path / 'cache'} TERM=xterm-256color"
    )
    command = f"env {env_prefix} {installed_command()} {' '.join(args)}; echo EXITED-$?; sleep 60"
    term = Terminal(name)
    term.tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", command)
    try:
        yield term
    finally:
        term.tmux("kill-session", "-t", name)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    with open_terminal(tmp_path) as term:
        yield term


def test_a_first_practice_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    screen = terminal.wait_for("The six weeks")
    assert "Week 1" in screen and "Introduction" in screen
    if not Path("/dev/snd").exists():
        screen = terminal.wait_for("No sound device found")
        assert screen.count("No sound device found") == 1
    assert "ALSA" not in terminal.screen()
    assert "Traceback" not in terminal.screen()

    terminal.keys("Enter")
    # Text only the Week screen shows: the Home screen already names "Week 1 · Introduction",
    # so waiting for that raced the next Enter against the Week screen's arrival.
    terminal.wait_for("Works on:")
    terminal.keys("Enter")
    terminal.wait_for("You can open your eyes or stop at any time.")
    terminal.keys("Enter")
    terminal.wait_for("Your anchor")  # asked once, before the first practice
    terminal.keys("Enter")  # the first: the breath
    screen = terminal.wait_for("Phase 1 of 3")
    assert "left" in screen
    terminal.keys("s")
    terminal.wait_for("Stop here?")
    terminal.keys("y")
    terminal.wait_for("Reflect")
    terminal.keys("-l", "Shoulders [bold]tight[/], then softer")
    terminal.keys("C-s")
    terminal.wait_for("Saved to your journal.")
    terminal.keys("j")
    terminal.wait_for("Shoulders [bold]tight[/], then softer")
    terminal.wait_for("Breathing Space")  # once the "saved" notice has faded
    terminal.keys("C-q")
    screen = terminal.wait_for("EXITED-0")
    assert "Traceback" not in screen and "ALSA" not in screen

    data = tmp_path / "data"
    assert oct(data.stat().st_mode & 0o777) == oct(0o700)
    assert oct((data / "journal.sqlite3").stat().st_mode & 0o777) == oct(0o600)
    assert os.path.getsize(data / "journal.sqlite3") > 0


def test_the_timer_from_the_command_line(tmp_path: Path) -> None:
    with open_terminal(tmp_path, "timer", "--minutes", "5", "--interval", "1") as terminal:
        screen = terminal.wait_for("Settle in")
        assert "ALSA" not in screen
        terminal.wait_for("next bell in")  # the 10 s to settle are over: the sit has begun
        terminal.keys("s")
        terminal.wait_for("Stop the timer?")
        terminal.keys("y")
        terminal.wait_for("A note, if you like")
        terminal.keys("-l", "Short but good.")
        terminal.keys("C-s")
        terminal.wait_for("Saved to your journal.")
        terminal.keys("C-q")
        screen = terminal.wait_for("EXITED-0")
        assert "Traceback" not in screen and "ALSA" not in screen
