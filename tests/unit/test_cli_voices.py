"""``practice-tui voices`` (list, add, test) and the voice lines of ``doctor``, with stand-in
speech programs on PATH and a stand-in sound player."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.speech import NO_VOICE_HINT
from tests.unit.speech_standins import add_piper_voice, calls, install


@pytest.fixture
def path_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Put stand-ins for the named programs, and nothing else, on PATH."""

    def put(*names: str) -> Path:
        _, log = install(tmp_path / "bin", names)
        monkeypatch.setenv("PATH", str(tmp_path / "bin"))
        return log

    return put


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_voices_lists_engines_best_first_with_reasons_and_the_one_in_use(path_with) -> None:
    path_with("piper", "espeak-ng")
    result = run("voices")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[1] == (
        "  Piper: not used: Piper has no voice yet: add one with `practice-tui voices add FILE`."
    )
    assert lines[2] == "* eSpeak NG"
    assert lines[3].split() == ["*", "en-gb", "English", "(Great", "Britain)"]
    assert "  eSpeak: not used: espeak is not installed." in lines
    assert any(line.startswith("  speech-dispatcher: not used:") for line in lines)
    assert "never leave this computer" in result.output
    assert "noise" not in result.output


def test_with_no_engine_voices_says_how_to_get_one(path_with) -> None:
    path_with()
    result = run("voices")
    assert result.exit_code == 0 and NO_VOICE_HINT in result.output
    assert "*" not in result.output.split("\n", 1)[1]
    tested = run("voices", "test")
    assert tested.exit_code == 1


def test_an_added_piper_voice_is_private_listed_and_used(
    path_with, tmp_path: Path, private_folders: Path
) -> None:
    path_with("piper", "espeak-ng")
    model = add_piper_voice(tmp_path / "downloads", "en_GB-alba-medium")
    added = run("voices", "add", str(model))
    assert added.exit_code == 0
    assert "Added the Piper voice alba (English, Great Britain, medium)" in added.output
    folder = private_folders / "voices"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    copied = sorted(folder.iterdir())
    assert [path.name for path in copied] == [
        "en_GB-alba-medium.onnx",
        "en_GB-alba-medium.onnx.json",
    ]
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in copied)
    assert copied[0].read_bytes() == model.read_bytes()
    listed = run("voices").output.splitlines()
    assert listed[1] == "* Piper"
    assert listed[2].split()[:2] == ["*", "en_GB-alba-medium"]
    assert listed[3].startswith("  eSpeak NG: not used: Piper is used instead.")
    # The settings file given instead of the model adds the same voice.
    assert run("voices", "add", str(model) + ".json").exit_code == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "absent.onnx", "absent.onnx was not found"),
        (lambda folder: folder / "notes.txt", "is not a Piper voice"),
        (lambda folder: _without_settings(folder), "alone-low.onnx.json was not found beside it"),
        (lambda folder: _web_page(folder), "may be a web page"),
        (lambda folder: _bad_settings(folder), "is not the settings of a Piper voice"),
    ],
    ids=["missing", "not-a-voice", "no-settings", "web-page", "bad-settings"],
)
def test_voices_add_refuses_what_is_not_a_voice_in_one_sentence(
    tmp_path: Path, private_folders: Path, make, message: str
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "notes.txt").write_text("hello")
    result = CliRunner().invoke(main, ["voices", "add", str(make(folder))])
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith("practice-tui: ") and message in line
    assert not (private_folders / "voices").exists() or not any(
        (private_folders / "voices").iterdir()
    )


def _without_settings(folder: Path) -> Path:
    model = add_piper_voice(folder, "en_GB-alone-low")
    model.with_name(model.name + ".json").unlink()
    return model


def _web_page(folder: Path) -> Path:
    model = add_piper_voice(folder, "en_GB-page-low")
    model.write_text("<!DOCTYPE html><html>Hugging Face</html>")
    return model


def _bad_settings(folder: Path) -> Path:
    model = add_piper_voice(folder, "en_GB-bad-low")
    model.with_name(model.name + ".json").write_text('{"not": "a voice"}')
    return model


class FakePlayer:
    """The sound chain's speech channel (part A's interface), recording what it is given."""

    name = "miniaudio"
    device = "fake"

    def __init__(self) -> None:
        self.spoken: list[tuple[Path, float]] = []
        self.drained = False

    def wait_idle(self, timeout: float | None = None) -> bool:
        self.drained = True  # the words left in the device's buffer are heard to the end
        return True

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        return None

    def speak(self, wav: Path, volume: float = 1.0) -> None:
        self.spoken.append((wav, volume))

    def speech_playing(self) -> bool:
        return False

    def stop_speech(self) -> None:
        return None


def test_voices_test_renders_privately_then_plays_through_the_speech_channel(
    path_with, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = path_with("espeak-ng")
    player = FakePlayer()
    monkeypatch.setattr("practice_tui.sound.open_player", lambda on_notice=None: player)
    result = run("voices", "test")
    assert result.exit_code == 0, result.output
    assert "Speaking one sentence with eSpeak NG" in result.output
    ((wav, volume),) = player.spoken
    assert player.drained, "the player waits for the last of the words to sound"
    assert wav.parent == tmp_path / "cache" / "speech" and wav.suffix == ".wav"
    assert stat.S_IMODE(wav.stat().st_mode) == 0o600
    assert volume == pytest.approx(0.8)
    assert "Take a breath" in calls(log)[-1]["stdin"]
    # The second time, the sentence comes from the cache.
    run("voices", "test")
    assert len(calls(log)) == 1 and player.spoken[1][0] == wav


def test_voices_test_without_a_speaking_device_says_so(
    path_with, monkeypatch: pytest.MonkeyPatch
) -> None:
    path_with("espeak-ng")

    class Silent(FakePlayer):
        name = "silent"

    monkeypatch.setattr("practice_tui.sound.open_player", lambda on_notice=None: Silent())
    result = CliRunner().invoke(main, ["voices", "test"])
    assert result.exit_code == 1
    assert "practice-tui: The voice is ready, but no sound device can play it here." in (
        result.output
    )


def test_voices_test_with_speech_dispatcher_speaks_directly(
    path_with, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = path_with("spd-say")
    monkeypatch.setenv("PRACTICE_TUI_STANDIN_SPEAKS", "briefly")
    result = run("voices", "test")
    assert result.exit_code == 0, result.output
    assert "Speaking one sentence with speech-dispatcher" in result.output
    (call,) = calls(log)
    assert (
        call["args"][-1] == "This is how your practices will sound. Take a breath, and let it go."
    )


def test_doctor_names_the_voice_in_use_and_why_the_others_are_not(path_with) -> None:
    path_with("espeak", "spd-say")
    result = run("doctor", "--no-sound")
    assert result.exit_code == 0
    rows = {line.split("  ", 1)[0]: line for line in result.output.splitlines()}
    assert rows["Voice"].endswith("eSpeak")
    assert "voice not used: Piper: Piper is not installed" in result.output
    assert "voice not used: eSpeak NG: espeak-ng is not installed" in result.output
    assert "voice not used: speech-dispatcher: eSpeak is used instead." in result.output
    assert "Spoken words" in rows


def test_the_voice_chosen_in_settings_is_the_one_marked_and_used(
    path_with, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings the lead adds (voice_engine, voice, voice_speed, voice_volume) are read."""
    from types import SimpleNamespace

    log = path_with("espeak-ng", "espeak")
    chosen = SimpleNamespace(
        voice_engine="espeak", voice="en-us", voice_speed="natural", voice_volume=50
    )
    monkeypatch.setattr("practice_tui.cli.voices._settings", lambda paths: chosen)
    listed = run("voices").output.splitlines()
    assert listed[2] == "  eSpeak NG: not used: eSpeak is used instead."
    assert listed[5] == "* eSpeak"  # after eSpeak NG's two voices, listed unmarked
    marked = [line.split()[1] for line in listed if line.startswith("    * ")]
    assert marked == ["en-us"]
    player = FakePlayer()
    monkeypatch.setattr("practice_tui.sound.open_player", lambda on_notice=None: player)
    assert run("voices", "test").exit_code == 0
    call = calls(log)[-1]
    assert call["program"] == "espeak" and call["args"][call["args"].index("-v") + 1] == "en-us"
    assert call["args"][call["args"].index("-s") + 1] == "165"
    assert player.spoken[0][1] == pytest.approx(0.5)
