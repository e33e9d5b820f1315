"""The bells and scripts are found where the app runs from: a checkout or an installed wheel."""

from __future__ import annotations

import wave
from pathlib import Path

import practice_tui
from practice_tui.paths import bells_dir, scripts_dir

REPO = Path(__file__).resolve().parents[2]


def test_the_bells_are_found_and_readable() -> None:
    folder = bells_dir()
    for name in (
        "singing-bowl.wav",
        "small-bell.wav",
        "deep-gong.wav",
        "wooden-chime.wav",
        "cue.wav",
    ):
        with wave.open(str(folder / name)) as sound:
            assert sound.getframerate() == 44100


def test_an_installed_package_carries_its_own_bells_and_scripts() -> None:
    package = Path(practice_tui.__file__).resolve().parent
    assert (scripts_dir() / "weeks" / "week-1.toml").exists()
    if not package.is_relative_to(REPO):
        # Installed from a wheel: nothing may be read from the checkout.
        assert bells_dir().is_relative_to(package)
        assert scripts_dir().is_relative_to(package)
