"""The real sound path, on a machine that may have no sound card.

- miniaudio's NULL backend stands in for a device: every shipped sound is played through it to
  its last sample (in real time, so all at once: the longest, the gong, sets the pace);
- an ALSA configuration whose default device is ``type null`` (handed over through
  ``ALSA_CONFIG_PATH``, in a fresh process) runs the ALSA path of miniaudio, and of simpleaudio
  where that extra is installed: bells play there without falling back;
- with no device at all, the fallback is chosen, the app is told once, and not one byte
  reaches stderr (Textual draws the screen there; ALSA would print "ALSA lib ..." lines).
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
import threading
import time
import wave
from array import array
from pathlib import Path
from typing import Any

import miniaudio
import pytest

from practice_tui.paths import bells_dir
from practice_tui.sound import (
    NOTICE_NO_DEVICE,
    BellPlayer,
    BellSound,
    PlayRequest,
    describe_sound,
    load_bells,
    notice_for,
    open_player,
    play_test_bell,
)
from practice_tui.sound.miniaudio_backend import MiniaudioPlayer

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
WAIT_S = 20.0  # an upper bound for threads and devices; tests go on as soon as they are done
NULL = [miniaudio.Backend.NULL]
HAS_SIMPLEAUDIO = importlib.util.find_spec("simpleaudio") is not None
LINUX = sys.platform.startswith("linux")


class Failures:
    """Collects what a backend reports when it can play no more."""

    def __init__(self) -> None:
        self.reports: list[tuple[Any, ...]] = []
        self.arrived = threading.Event()

    def __call__(self, *report: Any) -> None:
        self.reports.append(report)
        self.arrived.set()


def _tone(seconds: float, name: str = "cue") -> dict[str, BellSound]:
    """A short tone, so the real-time NULL device finishes quickly."""
    rate = 44100
    samples = array(
        "h",
        (round(8000 * math.sin(2 * math.pi * 660 * i / rate)) for i in range(int(seconds * rate))),
    )
    return {
        name: BellSound(name, samples, rate),
        "singing-bowl": BellSound("singing-bowl", samples),
    }


def _bell_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "practice-tui-bell"]


# -- miniaudio's NULL backend --------------------------------------------------------------------


def test_the_null_device_plays_every_shipped_sound_to_its_last_sample() -> None:
    notices: list[str] = []
    player = open_player(notices.append, prefer=("miniaudio",), miniaudio_backends=NULL)
    assert player.wait_ready(WAIT_S)
    assert (player.name, player.device) == ("miniaudio", "NULL Playback Device")
    names = sorted(load_bells(bells_dir()))
    for name in names:  # all at once, mixed into the one device
        player.play(name, 0.5)
    assert player.wait_idle(WAIT_S)
    assert sorted(player.backend.finished) == names
    assert player.name == "miniaudio"
    assert player.failures == []
    assert notices == []
    for thread in _bell_threads():  # nothing is left running between bells
        thread.join(WAIT_S)
    assert _bell_threads() == []


def test_strikes_are_spaced_and_all_played_on_the_null_device() -> None:
    player = MiniaudioPlayer(_tone(0.05), backends=NULL, strike_gap_s=0.15)
    started = time.monotonic()
    player.play("cue", 0.8, strikes=3)
    assert player.wait_idle(WAIT_S)
    assert list(player.finished) == ["cue", "cue", "cue"]
    assert time.monotonic() - started >= 2 * 0.15 + 0.05  # the third strike waited its turn


def test_miniaudio_mixes_overlapping_bells_and_plays_again_after_going_idle() -> None:
    failures = Failures()
    player = MiniaudioPlayer(_tone(0.1), failures, backends=NULL)
    assert isinstance(player, BellPlayer)
    assert player.probe()
    assert player.backend == "Null"
    player.play("bell", 0.6)  # the old name: the singing bowl
    player.play("cue")  # overlaps: mixed into the same device
    assert player.wait_idle(WAIT_S)
    player.play("cue", 0.2)
    assert player.wait_idle(WAIT_S)
    assert sorted(player.finished) == ["cue", "cue", "singing-bowl"]
    assert not player.failed
    assert failures.reports == []


def test_miniaudio_ignores_odd_requests() -> None:
    failures = Failures()
    player = MiniaudioPlayer(_tone(0.1), failures, backends=NULL)
    player.play("no such bell")
    player.play("cue", 0.0)
    player.play("cue", -1.0)
    player.play("cue", float("nan"))
    assert player.wait_idle(0)  # none of these started anything
    assert failures.reports == []


def test_miniaudio_without_a_device_reports_once_with_what_it_owed() -> None:
    failures = Failures()
    player = MiniaudioPlayer(_tone(0.1), failures, backends=[])
    player.play("cue", 0.5, strikes=2)
    assert failures.arrived.wait(WAIT_S)
    assert player.wait_idle(WAIT_S)
    assert player.failed
    player.play("cue")
    assert not player.probe()
    assert player.wait_idle(WAIT_S)
    [(backend, error, had_worked, pending)] = failures.reports
    assert backend is player and error is player.failure and not had_worked
    assert pending == [PlayRequest("cue", 0.5, 2)]


def test_miniaudio_probe_failure_is_reported() -> None:
    failures = Failures()
    player = MiniaudioPlayer(_tone(0.1), failures, backends=[])
    player.probe_in_background().join(WAIT_S)
    assert player.failed
    assert [report[3] for report in failures.reports] == [[]]


# -- in a fresh process: ALSA's null device, and no device at all --------------------------------


def _python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``code`` in a fresh Python, with ``env`` added to this environment."""
    environment = dict(os.environ, **env)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(SRC), os.environ.get("PYTHONPATH")])
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )


def _no_sound_here() -> bool:
    """True on a Linux machine with no sound card and no PulseAudio/PipeWire server."""
    if not LINUX:
        return False
    cards = Path("/proc/asound/cards")
    no_card = not cards.exists() or "no soundcards" in cards.read_text(errors="replace")
    runtime = os.environ.get("XDG_RUNTIME_DIR", "/nonexistent")
    no_server = "PULSE_SERVER" not in os.environ and not Path(runtime, "pulse", "native").exists()
    return no_card and no_server


def _alsa_config(tmp_path: Path, pcm: str) -> str:
    """A whole ALSA configuration (it replaces the system's) with ``pcm`` as the default."""
    path = tmp_path / "asound.conf"
    path.write_text(f"pcm.!default {{\n    {pcm}\n}}\n", encoding="utf-8")
    return str(path)


#: No PulseAudio or PipeWire server for the process: ALSA is its only way to a device.
NO_SERVER = {"PULSE_SERVER": "unix:/nonexistent/practice-tui-test", "PIPEWIRE_REMOTE": "none"}

PLAY_EVERYTHING = """
import json, sys, wave
from pathlib import Path
from practice_tui.paths import bells_dir
from practice_tui.sound import describe_sound, load_bells, open_player
notices, rings = [], []
player = open_player(
    notices.append, prefer=tuple(sys.argv[1].split(",")), terminal_bell=lambda: rings.append(1)
)
words = Path(sys.argv[2])  # a rendered step's words: 0.2 s of 22050 Hz silence
with wave.open(str(words), "wb") as out:
    out.setnchannels(1); out.setsampwidth(2); out.setframerate(22050)
    out.writeframes(bytes(2 * 4410))
player.preload_speech([words])
for name in sorted(load_bells(bells_dir())):
    player.play(name, 0.0001)  # the whole path, too quiet to hear if sound does work
player.speak(words, 0.0001)  # ... and the words, mixed with them
idle = player.wait_idle(30)
report = describe_sound(player)
finished = sorted(getattr(player.backend, "finished", []))
spoken = [Path(p).name for p in getattr(player.backend, "spoken", [])]
print(json.dumps({"idle": idle, "notices": notices, "rings": len(rings), "finished": finished,
                  "spoken": spoken, "speaking": player.speech_playing(), **report}))
"""

ALL_SOUNDS = sorted(p.stem for p in bells_dir().glob("*.wav"))
REAL_BACKENDS = [
    "miniaudio",
    pytest.param(
        "simpleaudio",
        marks=pytest.mark.skipif(
            not HAS_SIMPLEAUDIO, reason="the simpleaudio extra is not installed"
        ),
    ),
]


@pytest.mark.skipif(not LINUX, reason="ALSA is Linux's")
@pytest.mark.parametrize("backend", REAL_BACKENDS)
def test_an_alsa_null_device_plays_every_sound_without_falling_back(
    tmp_path: Path, backend: str
) -> None:
    config = _alsa_config(tmp_path, "type null")
    words = str(tmp_path / "words.wav")
    result = _python(PLAY_EVERYTHING, backend, words, ALSA_CONFIG_PATH=config, **NO_SERVER)
    assert result.stderr == b""
    report = json.loads(result.stdout)
    assert report["idle"] is True
    assert report["backend"] == backend
    assert report["notices"] == [] and report["failures"] == [] and report["rings"] == 0
    assert report["speaking"] is False  # the words were played out, or are being
    if backend == "miniaudio":
        assert report["system"] == "ALSA"
        assert report["finished"] == ALL_SOUNDS  # every sample of every sound went out
        assert report["spoken"] == ["words.wav"]  # and every sample of the words


@pytest.mark.skipif(not LINUX, reason="ALSA is Linux's")
@pytest.mark.parametrize("backend", REAL_BACKENDS)
def test_no_device_falls_back_with_one_notice_and_nothing_on_stderr(
    tmp_path: Path, backend: str
) -> None:
    """A default device that names a card that is not there: what ALSA meets on a machine
    with no sound card, made so on any Linux machine (the next test uses the real one)."""
    config = _alsa_config(tmp_path, "type hw\n    card 31")
    words = str(tmp_path / "words.wav")
    result = _python(
        PLAY_EVERYTHING, f"{backend},terminal", words, ALSA_CONFIG_PATH=config, **NO_SERVER
    )
    assert result.stderr == b""
    report = json.loads(result.stdout)
    assert report["idle"] is True
    assert report["backend"] == "terminal"
    assert report["speaking"] is False  # the terminal bell cannot speak, and says nothing more
    assert report["notices"] == [notice_for("no-device", "terminal")]
    assert report["rings"] == len(ALL_SOUNDS)  # each bell was marked all the same
    assert [f.split(":")[0] for f in report["failures"]] == [backend]


@pytest.mark.skipif(not _no_sound_here(), reason="needs a Linux machine without a sound card")
def test_on_a_machine_without_sound_the_default_setup_is_quiet_and_says_so_once() -> None:
    """The app's own call, on the system's own ALSA configuration."""
    code = """
import json
from practice_tui.sound import open_player, play_test_bell
notices = []
player = open_player(notices.append)
player.play("bell", 0.0001)
player.play("cue", 0.0001, strikes=2)
idle = player.wait_idle(30)
tested = play_test_bell(player, 30)
print(json.dumps({"idle": idle, "notices": notices, "name": player.name, "tested": tested}))
"""
    result = _python(code)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stderr == b""
    report = json.loads(result.stdout)
    assert report == {
        "idle": True,
        "notices": [NOTICE_NO_DEVICE],
        "name": "silent",
        "tested": False,
    }


OPEN_ALSA = """
import sys
import miniaudio
if sys.argv[1] == "silenced":
    from practice_tui.sound.alsa import silence_alsa_errors
    silence_alsa_errors()
    silence_alsa_errors()
try:
    miniaudio.PlaybackDevice(backends=[miniaudio.Backend.ALSA]).close()
except miniaudio.MiniaudioError:
    pass
"""


@pytest.mark.skipif(not LINUX, reason="ALSA is Linux's")
def test_silence_alsa_errors_keeps_a_failing_device_quiet(tmp_path: Path) -> None:
    config = _alsa_config(tmp_path, "type hw\n    card 31")
    loud = _python(OPEN_ALSA, "loud", ALSA_CONFIG_PATH=config)
    quiet = _python(OPEN_ALSA, "silenced", ALSA_CONFIG_PATH=config)
    if b"ALSA lib" not in loud.stderr:
        pytest.skip("ALSA prints nothing here even unsilenced, so there is nothing to prove")
    assert quiet.stderr == b""


def _write_short_bells(folder: Path) -> Path:
    """A bell folder of 0.1 s tones, for tests that wait for a bell to end in real time."""
    folder.mkdir()
    for name, sound in _tone(0.1).items():
        with wave.open(str(folder / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(44100)
            out.writeframes(sound.samples.tobytes())
    return folder


def test_the_doctor_functions_on_the_null_device(tmp_path: Path) -> None:
    folder = _write_short_bells(tmp_path / "bells")
    player = open_player(prefer=("miniaudio",), miniaudio_backends=NULL, sounds_dir=folder)
    report = describe_sound(player)
    assert report["backend"] == "miniaudio" and report["system"] == "Null"
    assert report["device"] == "NULL Playback Device"
    assert play_test_bell(player, WAIT_S, bell="cue", volume=0.1)
    assert player.backend.finished[-1] == "cue"


def test_sound_never_imports_textual() -> None:
    result = _python(
        "import sys, practice_tui.sound, practice_tui.sound.miniaudio_backend\n"
        "import practice_tui.sound.simpleaudio_backend, practice_tui.sound.terminal\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules)\n"
        "assert not any(m.startswith(('practice_tui.screens', 'practice_tui.widgets',"
        " 'practice_tui.app')) for m in sys.modules)\n"
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
