"""``practice-tui`` with a fast fake clock, for testing ``play --plain`` through real pipes.

Run as ``python -m tests.support.plain_runner play ID --plain``: everything is the real
command, except that sleeping moves a fake clock (a 3-minute practice takes a moment), the
bells and spoken words are written to standard error (``bell: NAME xSTRIKES at SECONDS``,
``speak: .wav at SECONDS``) instead of sounded, and the only voices are the stand-in programs
in ``PLAIN_RUNNER_SPEECH_DIR``, if set. ``PLAIN_RUNNER_STOP_AFTER=N`` presses Ctrl+C (raises
KeyboardInterrupt) at the Nth sleep, as a person would in the middle of the practice.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from practice_tui.cli import plain
from practice_tui.paths import Paths
from practice_tui.speech import EngineStatus
from tests.support.clock import FakeClock


class FastClock(FakeClock):
    """Sleeping moves the clock at once; at the Nth sleep, Ctrl+C."""

    def __init__(self, stop_after: int | None) -> None:
        super().__init__()
        self.sleeps = 0
        self.stop_after = stop_after

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        if self.stop_after is not None and self.sleeps >= self.stop_after:
            raise KeyboardInterrupt
        self.advance(seconds)


class PrintedBells:
    """A bell player that says what it rings, and when, on standard error."""

    name = device = "printed"

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.start = clock.monotonic()

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        at = self.clock.monotonic() - self.start
        print(f"bell: {bell} x{strikes} at {at:.3f}", file=sys.stderr, flush=True)

    def speak(self, wav: Path, volume: float = 1.0) -> None:
        at = self.clock.monotonic() - self.start
        print(f"speak: {Path(wav).suffix} at {at:.3f}", file=sys.stderr, flush=True)

    def pause_speech(self) -> None: ...
    def resume_speech(self) -> None: ...
    def stop_speech(self) -> None: ...
    def speech_playing(self) -> bool:
        return False

    def preload_speech(self, wavs: Iterable[Path]) -> None: ...


def fake_surroundings(paths: Paths) -> plain.Surroundings:
    stop = os.environ.get("PLAIN_RUNNER_STOP_AFTER")
    clock = FastClock(int(stop) if stop else None)

    def open_bells(notice: Callable[[str], None]) -> PrintedBells:
        return PrintedBells(clock)

    def find_speech() -> list[EngineStatus]:
        """The stand-in programs in PLAIN_RUNNER_SPEECH_DIR (tests/unit/speech_standins.py),
        and nothing else; no voice at all without it."""
        folder = os.environ.get("PLAIN_RUNNER_SPEECH_DIR")
        if not folder:
            return []
        from practice_tui.speech import find_engines

        def which(name: str) -> str | None:
            program = Path(folder) / name
            return str(program) if program.exists() else None

        return find_engines(voices_dir=paths.voices_dir, which=which, has_module=lambda _: False)

    return plain.Surroundings(clock, clock.sleep, open_bells, find_speech)


if __name__ == "__main__":
    plain.surroundings = fake_surroundings
    from practice_tui.cli.commands import main

    try:
        main()
    finally:
        loaded = sorted(name for name in sys.modules if name.split(".")[0] == "textual")
        print(f"textual loaded: {bool(loaded)}", file=sys.stderr, flush=True)
