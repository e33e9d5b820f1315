"""Build the app as the command line does, but with a fake clock and bells we can hear."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from practice_tui.anchors import DEFAULT_ANCHOR
from practice_tui.app import PracticeApp, Services, StartAt
from practice_tui.course import load_builtin_course
from practice_tui.journal import Journal

__all__ = ["FakeClock", "PracticeApp", "RecordingBells", "make_app", "settled"]
from practice_tui.preferences import Preferences
from tests.support.clock import FakeClock


@dataclass
class RecordingBells:
    """A BellPlayer that remembers what it was asked to ring, and when (on the fake clock)."""

    clock: FakeClock
    name: str = "recording"
    rung: list[tuple[str, float]] = field(default_factory=list)
    volumes: list[tuple[float, int]] = field(default_factory=list)

    device: str = "recording"

    #: Each speak: the WAV and when; then each pause, resume and stop of the speech, and when.
    spoken: list[tuple[Path, float]] = field(default_factory=list)
    speech_changes: list[tuple[str, float]] = field(default_factory=list)
    preloaded: list[Path] = field(default_factory=list)
    speaking: bool = False

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        self.rung.append((bell, self.clock.monotonic()))
        self.volumes.append((volume, strikes))

    def speak(self, wav: Path, volume: float = 1.0) -> None:
        self.spoken.append((Path(wav), self.clock.monotonic()))
        self.speaking = True

    def pause_speech(self) -> None:
        self._change("pause", speaking=False)

    def resume_speech(self) -> None:
        self._change("resume", speaking=bool(self.spoken))

    def stop_speech(self) -> None:
        self._change("stop", speaking=False)

    def speech_playing(self) -> bool:
        return self.speaking

    def preload_speech(self, wavs: Iterable[Path]) -> None:
        self.preloaded.extend(Path(wav) for wav in wavs)

    def _change(self, what: str, *, speaking: bool) -> None:
        self.speech_changes.append((what, self.clock.monotonic()))
        self.speaking = speaking


class CheckedServices(Services):
    """The app's services, plus the journal on the test's own thread, for checking what the
    app wrote (the app's screens never wait like this: they ask ``journal_access``)."""

    _checking: Journal | None = None

    @property
    def journal(self) -> Journal:
        """Opens once the journal has opened (and migrated) on its own thread."""
        if self._checking is None:
            self.journal_access.open().result()
            self._checking = self.open_journal()
        return self._checking

    def close(self) -> None:
        if self._checking is not None:
            self._checking.close()
            self._checking = None
        super().close()


def make_app(
    data_dir: Path,
    start: StartAt | None = None,
    *,
    clock: FakeClock | None = None,
    patience: float | None = None,
    preferences: Preferences | None = None,
) -> tuple[PracticeApp, FakeClock]:
    """``clock`` replaces the fake clock (say, one that also follows real time);
    ``patience`` is how long a save waits for another program's lock; ``preferences`` are
    the settings the app opens with (no time to settle, unless they say otherwise; an anchor
    already chosen, unless they choose one)."""
    clock = clock or FakeClock()
    bells = RecordingBells(clock)
    preferences = preferences or Preferences(preparation_seconds=0)
    if preferences.anchor is None:
        # The anchor as if chosen already: the first-practice question is tested on its own.
        preferences = preferences._replace(anchor=DEFAULT_ANCHOR)
    services = CheckedServices(
        course=load_builtin_course(),
        clock=clock,
        open_journal=lambda: Journal.open(data_dir / "journal.sqlite3", now=clock.wall),
        open_bells=lambda notice, terminal_bell: bells,
        preferences=preferences,
    )
    if patience is not None:
        services.journal_patience = patience
    return PracticeApp(services, start), clock


async def settled(pilot) -> None:
    """Wait until the journal has answered everything asked of it (it works off the event
    loop), and the screens have drawn the answers."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
