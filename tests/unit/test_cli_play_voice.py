"""``practice-tui play ID --voice/--no-voice``: spoken or not for this run only; and doctor
says when the voice is turned off in Settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.start import StartAt


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[StartAt | None]:
    opened: list[StartAt | None] = []
    monkeypatch.setattr(
        "practice_tui.cli.play.run_app", lambda ctx, start=None: opened.append(start)
    )
    return opened


@pytest.mark.parametrize(
    ("flags", "voice"), [((), None), (("--voice",), True), (("--no-voice",), False)]
)
def test_play_passes_the_voice_for_this_run_only(
    started: list[StartAt | None], flags: tuple[str, ...], voice: bool | None
) -> None:
    result = CliRunner().invoke(main, ["play", "breathing-space", "--minutes", "6", *flags])
    assert result.exit_code == 0, result.output
    assert started == [StartAt("breathing-space", 6, None, voice=voice, return_to_shell=True)]


def test_the_last_of_voice_and_no_voice_is_the_one_kept(started: list[StartAt | None]) -> None:
    result = CliRunner().invoke(main, ["play", "breathing-space", "--voice", "--no-voice"])
    assert result.exit_code == 0, result.output
    assert started[0] is not None and started[0].voice is False


def test_play_s_help_names_the_voice_choice() -> None:
    result = CliRunner().invoke(main, ["play", "--help"])
    assert "--voice / --no-voice" in result.output
    assert "this time only" in result.output


def test_the_settings_keep_their_own_voice_whatever_play_is_told(
    started: list[StartAt | None],
) -> None:
    from practice_tui.paths import resolve_paths
    from practice_tui.preferences import load_preferences, preferences_path

    CliRunner().invoke(main, ["play", "breathing-space", "--no-voice"])
    prefs, _ = load_preferences(preferences_path(resolve_paths()))
    assert prefs.voice_on is None and prefs.voice_by_practice == {}


def test_doctor_says_when_the_voice_is_turned_off_in_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from practice_tui.paths import resolve_paths
    from practice_tui.preferences import Preferences, preferences_path, save_preferences
    from tests.unit.speech_standins import install

    install(tmp_path / "bin", ("espeak-ng",))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    file = preferences_path(resolve_paths())

    def voice_row() -> str:
        result = CliRunner().invoke(main, ["doctor", "--no-sound"])
        assert result.exit_code == 0, result.output
        return next(line for line in result.output.splitlines() if line.startswith("Voice "))

    assert voice_row().endswith("eSpeak NG")
    save_preferences(file, Preferences(voice_on=False))
    assert voice_row().endswith("eSpeak NG (turned off in Settings)")
