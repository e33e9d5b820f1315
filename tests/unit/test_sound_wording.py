"""Sound in plain words: doctor and the app agree on what marks the changes, and a backend's
error is said in words, never as a tuple of a message and a code."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.sound.player import (
    NOTICE_NO_DEVICE,
    REASON_NO_DEVICE,
    notice_for,
)
from practice_tui.sound.wording import marks_the_changes, plain_backend_error
from tests.unit.test_cli import run


class MiniaudioError(Exception):
    """Stands in for miniaudio's own: a message and a result code."""


def test_a_device_that_cannot_be_opened_is_said_in_words() -> None:
    words = plain_backend_error(MiniaudioError("failed to init device", -401))
    assert words.startswith("the sound device could not be opened")
    assert "-401" not in words and "(" not in words.split("opened")[0]


def test_a_missing_module_is_not_installed() -> None:
    error = ModuleNotFoundError("No module named 'simpleaudio'", name="simpleaudio")
    assert plain_backend_error(error) == "not installed (simpleaudio is missing)"


@given(message=st.text(min_size=1).filter(str.strip), code=st.integers(-10_000, 10_000))
def test_no_error_is_ever_shown_as_a_tuple(message: str, code: int) -> None:
    words = plain_backend_error(MiniaudioError(message, code))
    assert words.strip() and repr((message, code)) not in words


@pytest.mark.parametrize("backend", ["terminal", "silent"])
def test_the_app_notice_and_doctor_say_the_same(backend: str) -> None:
    assert notice_for(REASON_NO_DEVICE, backend).endswith(f": {marks_the_changes(backend)}.")
    if backend == "silent":
        assert f"No sound device found: {marks_the_changes(backend)}." == NOTICE_NO_DEVICE


class TerminalOnly:
    """A player that fell back to the terminal bell, as on a machine with no sound device."""

    name = "terminal"
    device = ""
    bells = ("singing-bowl",)

    def __init__(self) -> None:
        from practice_tui.sound.chain import BackendFailure

        self.failures = [
            BackendFailure("miniaudio", plain_backend_error(MiniaudioError("failed", -401)))
        ]


def test_doctor_and_the_app_agree_on_what_marks_the_changes(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("practice_tui.sound.open_player", lambda **_: TerminalOnly())
    monkeypatch.setattr("practice_tui.sound.play_test_bell", lambda *_, **__: False)
    code, out, _ = run("doctor")
    assert code == 0
    [row] = [line for line in out.splitlines() if line.startswith("Changes")]
    app_notice = notice_for(REASON_NO_DEVICE, "terminal")
    assert row.split(maxsplit=1)[1] == "The terminal bell will mark the changes."
    assert app_notice.endswith("the terminal bell will mark the changes.")
    assert out.splitlines()[-1] == (
        "No sound device played the bell: the terminal bell will mark the changes."
    )
    assert "not used: miniaudio: the sound device could not be opened" in out
    assert "-401" not in out and "('" not in out


def test_doctor_without_sound_claims_nothing_about_it(private_folders: Path) -> None:
    code, out, _ = run("doctor", "--no-sound")
    assert code == 0
    [row] = [line for line in out.splitlines() if line.startswith("Changes")]
    assert row.endswith("not checked (--no-sound)")
