"""The speech engines: found best first with a reason for each one missing, each speaking
through its own program's command line (stand-ins here), and never a byte to the terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import wave
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_tui.speech import (
    EngineStatus,
    SpeechError,
    Speed,
    Voice,
    choose_engine,
    find_engines,
    wav_seconds,
)
from practice_tui.speech.discovery import _has_module
from practice_tui.speech.dispatcher import SpdSayEngine
from practice_tui.speech.piper import PiperEngine, find_piper
from practice_tui.speech.process import run_quietly
from practice_tui.speech.system import one_line
from tests.unit.speech_standins import add_piper_voice, calls, install, which_of

LINUX = ["piper", "espeak-ng", "espeak", "spd-say"]


@pytest.fixture
def standins(tmp_path: Path) -> tuple[dict[str, Path], Path]:
    return install(tmp_path / "bin")


@pytest.fixture
def voices_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "voices"
    add_piper_voice(folder)
    return folder


def _find(programs: dict[str, Path], voices: Path, platform: str = "linux") -> list[EngineStatus]:
    return find_engines(
        voices_dir=voices,
        which=which_of(programs),
        platform=platform,
        executable=str(voices / "no-python"),
        has_module=lambda name: False,
    )


def test_linux_engines_come_best_first(standins, voices_dir: Path) -> None:
    programs, _ = standins
    statuses = _find(programs, voices_dir)
    assert [status.name for status in statuses] == LINUX
    assert all(status.engine is not None and status.reason is None for status in statuses)
    assert [status.engine.name for status in statuses if status.engine] == LINUX
    assert choose_engine(statuses).name == "piper"  # type: ignore[union-attr]


@pytest.mark.parametrize("missing", [*LINUX, "piper's voice"])
def test_the_chain_with_each_engine_missing_in_turn(standins, tmp_path: Path, missing: str) -> None:
    programs, _ = standins
    voices = tmp_path / ("no-voices" if missing == "piper's voice" else "voices")
    add_piper_voice(tmp_path / "voices")
    present = {name: path for name, path in programs.items() if name != missing}
    statuses = _find(present, voices)
    gone = "piper" if missing == "piper's voice" else missing
    assert [status.name for status in statuses] == LINUX
    for status in statuses:
        if status.name == gone:
            assert status.engine is None
            assert status.reason and status.reason.endswith(".") and "\n" not in status.reason
        else:
            assert status.engine is not None and status.reason is None
    expected = next(name for name in LINUX if name != gone)
    assert choose_engine(statuses).name == expected  # type: ignore[union-attr]
    if missing == "piper's voice":
        assert "voices add" in (statuses[0].reason or "")
    elif missing == "piper":
        assert "[voice]" in (statuses[0].reason or "")


@pytest.mark.parametrize(
    ("platform", "names", "system"),
    [
        ("darwin", ("say",), "say"),
        ("win32", ("powershell",), "sapi"),
        ("win32", ("pwsh",), "sapi"),
    ],
)
def test_macos_and_windows_have_their_own_speech(
    tmp_path: Path, platform: str, names: tuple[str, ...], system: str
) -> None:
    programs, _ = install(tmp_path / "bin", names)
    statuses = _find(programs, tmp_path / "voices", platform)
    assert [status.name for status in statuses] == ["piper", system]
    assert choose_engine(statuses).name == system  # type: ignore[union-attr]
    none_found = _find({}, tmp_path / "voices", platform)
    assert choose_engine(none_found) is None
    assert none_found[1].reason and none_found[1].engine is None


def test_with_no_engine_at_all_each_says_why(tmp_path: Path) -> None:
    statuses = _find({}, tmp_path / "voices")
    assert choose_engine(statuses) is None
    reasons = [status.reason for status in statuses]
    assert all(reason and reason.endswith(".") and "\n" not in reason for reason in reasons)
    assert len(set(reasons)) == len(reasons)


def test_a_preferred_engine_is_chosen_when_it_can_be_used(standins, voices_dir: Path) -> None:
    programs, _ = standins
    statuses = _find(programs, voices_dir)
    assert choose_engine(statuses, "espeak").name == "espeak"  # type: ignore[union-attr]
    assert choose_engine(statuses, "say").name == "piper"  # type: ignore[union-attr]
    without_piper = _find(programs, voices_dir.parent / "empty")
    assert choose_engine(without_piper, "piper").name == "espeak-ng"  # type: ignore[union-attr]


def _engine(statuses: list[EngineStatus], name: str):
    return next(status.engine for status in statuses if status.name == name)


@pytest.mark.parametrize(
    ("platform", "name", "voice"),
    [
        ("linux", "piper", None),
        ("linux", "espeak-ng", None),
        ("linux", "espeak", "en-us"),
        ("darwin", "say", "Daniel"),
        ("darwin", "say", None),
        ("win32", "sapi", "Microsoft Hazel Desktop"),
    ],
)
@pytest.mark.parametrize("speed", list(Speed))
def test_each_engine_renders_through_its_command_line(
    standins, voices_dir: Path, tmp_path: Path, platform: str, name: str, voice, speed: Speed
) -> None:
    programs, log = standins
    engine = _engine(_find(programs, voices_dir, platform), name)
    out = tmp_path / "words.wav"
    words = "Let the breath\n  find its own rhythm."
    engine.render(words, voice, speed, out)

    assert wav_seconds(out) == pytest.approx(0.4, abs=0.01)
    (call,) = calls(log)
    args = call["args"]
    assert call["tty"] is False  # no controlling terminal to write to
    if name == "sapi":
        assert call["env"]["PRACTICE_TUI_TEXT"] == "Let the breath find its own rhythm."
        assert call["env"]["PRACTICE_TUI_OUT"] == str(out)
        assert call["env"]["PRACTICE_TUI_VOICE"] == (voice or "")
        assert call["env"]["PRACTICE_TUI_RATE"] == {"slow": "-2", "natural": "0"}[speed]
        assert words not in " ".join(args)
        return
    assert call["stdin"].strip() == "Let the breath find its own rhythm."
    if name == "piper":
        assert args[args.index("-m") + 1] == str(voices_dir / "en_GB-alba-medium.onnx")
        scale = float(args[args.index("--length_scale") + 1])
        assert scale == pytest.approx(1.2 if speed is Speed.SLOW else 1.0)
    elif name == "say":
        rate = int(args[args.index("-r") + 1])
        assert rate == {"slow": 150, "natural": 180}[speed]
        assert ("-v" in args) == (voice is not None)
    else:
        assert args[args.index("-v") + 1] == (voice or "en-gb")
        assert int(args[args.index("-s") + 1]) == {"slow": 140, "natural": 165}[speed]


def test_piper_keeps_the_voice_own_pace_and_slows_from_it(tmp_path: Path, standins) -> None:
    programs, log = standins
    folder = tmp_path / "slow-voices"
    add_piper_voice(folder, "en_GB-northern_english_male-medium", scale=1.1)
    engine = _engine(_find(programs, folder), "piper")
    engine.render("Breathe.", None, Speed.SLOW, tmp_path / "a.wav")
    engine.render("Breathe.", None, Speed.NATURAL, tmp_path / "b.wav")
    scales = [float(c["args"][c["args"].index("--length_scale") + 1]) for c in calls(log)]
    assert scales == pytest.approx([1.32, 1.1])


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=60))
def test_any_words_reach_the_engine_literally_and_never_as_arguments(
    words: str, standins, voices_dir: Path, tmp_path: Path
) -> None:
    """Words that look like options, quotes or shell syntax are still just words."""
    programs, log = standins
    log.unlink(missing_ok=True)
    statuses = _find(programs, voices_dir)
    spoken = one_line(words)
    if not spoken or "FAIL" in spoken:
        return
    for name in ("piper", "espeak-ng"):
        _engine(statuses, name).render(
            f"-rf $(x) `y` '{words}'", None, Speed.SLOW, tmp_path / "w.wav"
        )
    for call in calls(log):
        assert call["stdin"].strip() == one_line(f"-rf $(x) `y` '{words}'")
        assert all(spoken not in arg for arg in call["args"] if len(spoken) > 3)


def test_a_failing_program_gives_one_plain_sentence(standins, voices_dir: Path, tmp_path: Path):
    programs, _ = standins
    statuses = _find(programs, voices_dir)
    for name in ("piper", "espeak-ng"):
        with pytest.raises(SpeechError) as failed:
            _engine(statuses, name).render("FAIL now", None, Speed.SLOW, tmp_path / "x.wav")
        assert str(failed.value).endswith("could not speak the words.")
        assert "\n" not in str(failed.value)
        assert "noise" not in str(failed.value)  # what it printed is logged, not shown


def test_a_program_that_vanished_or_hangs_gives_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(SpeechError) as gone:
        run_quietly([str(tmp_path / "gone")], what="The voice could not speak", timeout=5)
    assert str(gone.value) == "The voice could not speak: its program could not be started."
    sleeper = [sys.executable, "-c", "import signal; signal.pause()"]  # hangs until killed
    with pytest.raises(SpeechError) as slow:
        run_quietly(sleeper, what="The voice could not speak", timeout=0.3)
    assert str(slow.value) == "The voice could not speak within 0.3 seconds."


def test_voices_are_listed_from_each_engine(standins, voices_dir: Path) -> None:
    programs, _ = standins
    linux = _find(programs, voices_dir)
    assert _engine(linux, "espeak-ng").voices() == [
        Voice("espeak-ng", "en-gb", "English (Great Britain)"),
        Voice("espeak-ng", "en-us", "English (America)"),
    ]
    assert [v.id for v in _engine(linux, "spd-say").voices()] == ["english"]
    (piper,) = _engine(linux, "piper").voices()
    assert piper.id == "en_GB-alba-medium" and "alba" in piper.label
    say = _engine(_find(programs, voices_dir, "darwin"), "say")
    assert [v.id for v in say.voices()] == ["Daniel", "Bad News"]
    sapi = _engine(_find(programs, voices_dir, "win32"), "sapi")
    assert [v.id for v in sapi.voices()] == ["Microsoft Hazel Desktop"]


def test_piper_is_found_on_path_beside_python_or_as_a_module(tmp_path: Path) -> None:
    programs, _ = install(tmp_path / "bin", ("piper",))
    python = tmp_path / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    assert find_piper(which_of(programs), str(python)) == (str(programs["piper"]),)
    assert find_piper(which_of({}), str(python), lambda name: False) is None
    assert find_piper(which_of({}), str(python), lambda name: name == "piper") == (
        str(python),
        "-m",
        "piper",
    )
    beside = python.parent / "piper"
    shutil.copy(programs["piper"], beside)
    assert find_piper(which_of({}), str(python), lambda name: True) == (str(beside),)
    assert _has_module("wave") and not _has_module("no_such_module_here")


def test_piper_prefers_a_british_voice_and_refuses_one_it_does_not_have(
    tmp_path: Path, standins
) -> None:
    programs, _ = standins
    folder = tmp_path / "mixed"
    add_piper_voice(folder, "de_DE-thorsten-medium")
    add_piper_voice(folder, "en_GB-cori-high")
    (folder / "en_US-lonely-low.onnx").write_bytes(b"model without its settings")
    engine = PiperEngine((str(programs["piper"]),), folder)
    assert [voice.id for voice in engine.voices()] == ["de_DE-thorsten-medium", "en_GB-cori-high"]
    assert engine.default_voice() == "en_GB-cori-high"
    with pytest.raises(SpeechError, match="not among your voices"):
        engine.render("Hello.", "en_US-lonely-low", Speed.SLOW, tmp_path / "x.wav")


def test_spd_say_speaks_directly_and_pause_stops_then_resume_starts_again(standins, tmp_path):
    programs, log = standins
    engine = SpdSayEngine(str(programs["spd-say"]))
    assert engine.writes_files is False
    with pytest.raises(SpeechError, match="cannot write a file"):
        engine.render("Hello.", None, Speed.SLOW, tmp_path / "x.wav")
    speech = engine.speak("-n Breathe in,\n breathe out.", "english", Speed.SLOW)
    try:
        first = speech.process
        assert speech.is_playing() and first is not None
        assert first.args[-2:] == ["--", "-n Breathe in, breathe out."]
        assert first.args[first.args.index("-y") + 1] == "english"
        speech.pause()
        assert not speech.is_playing() and first.poll() is not None
        speech.resume()
        assert speech.is_playing() and speech.process is not first
        assert speech.process.args == first.args
    finally:
        speech.stop()
    assert not speech.is_playing()
    speech.resume()  # a stopped speech stays stopped
    assert not speech.is_playing()
    assert [c["args"] for c in calls(log) if c["args"] == ["--cancel"]] == [["--cancel"]] * 2


CHILD = """
import sys
from pathlib import Path
from practice_tui.speech import Speed, find_engines
from tests.unit.speech_standins import add_piper_voice, install, which_of

folder = Path(sys.argv[1])
programs, _ = install(folder / "bin")
voices = folder / "voices"
add_piper_voice(voices)
for platform in ("linux", "darwin", "win32"):
    statuses = find_engines(voices_dir=voices, which=which_of(programs), platform=platform)
    for status in statuses:
        engine = status.engine
        engine.voices()
        if engine.writes_files:
            engine.render("Breathe in.", None, Speed.NATURAL, folder / f"{engine.name}.wav")
            try:
                engine.render("FAIL", None, Speed.NATURAL, folder / "fail.wav")
            except Exception:
                pass
        else:
            speech = engine.speak("Breathe in.", None, Speed.NATURAL)
            speech.pause()
            speech.resume()
            speech.stop()
"""


def test_no_engine_writes_a_byte_to_the_terminal(tmp_path: Path) -> None:
    """Every engine, run in a process of its own: nothing reaches its fds 1 and 2."""
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(tmp_path)],
        capture_output=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    made = sorted(path.name for path in tmp_path.glob("*.wav"))
    assert made == ["espeak-ng.wav", "espeak.wav", "piper.wav", "sapi.wav", "say.wav"]
    log = calls(tmp_path / "bin" / "calls.jsonl")
    assert len(log) > 10 and not any(call["tty"] for call in log)


def test_the_real_piper_understands_every_option_we_give_it() -> None:
    """Piper reads an option it does not know as words to speak: each one must be its own."""
    command = find_piper(shutil.which, sys.executable, _has_module)
    if command is None:
        pytest.skip('the real Piper is not installed (pip install ".[voice]")')
    usage = run_quietly([*command, "--help"], what="Piper could not start", timeout=60)
    for option in ("-m MODEL", "-c CONFIG", "-f OUTPUT_FILE", "--length_scale"):
        assert option in usage


def test_the_real_piper_speaks_when_it_and_a_voice_are_here(tmp_path: Path) -> None:
    command = find_piper(shutil.which, sys.executable, _has_module)
    if command is None:
        pytest.skip('the real Piper is not installed (pip install ".[voice]")')
    model = os.environ.get("PRACTICE_TUI_TEST_PIPER_VOICE")
    if not model:
        pytest.skip("no Piper voice to test with: set PRACTICE_TUI_TEST_PIPER_VOICE to a .onnx")
    folder = tmp_path / "voices"
    folder.mkdir()
    for suffix in ("", ".json"):
        shutil.copy(model + suffix, folder / (Path(model).name + suffix))
    out = tmp_path / "real.wav"
    PiperEngine(command, folder).render("Breathe in, and breathe out.", None, Speed.SLOW, out)
    with wave.open(str(out), "rb") as written:
        assert written.getsampwidth() == 2 and written.getnframes() > 0
