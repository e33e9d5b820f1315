"""The sound layer: the shipped bell files, the players, and silence on a machine without sound.

The machine that runs these tests may have no sound card, so the full play path is exercised
with miniaudio's NULL backend, and the "no device" path is checked in a subprocess whose
stderr must stay empty (Textual draws the screen there).
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
import threading
import wave
from array import array
from pathlib import Path
from types import ModuleType

import miniaudio
import pytest

from practice_tui.settings import bells_dir
from practice_tui.sound import (
    NOTICE_NO_BELLS,
    NOTICE_NO_DEVICE,
    NOTICE_STOPPED,
    BellPlayer,
    BellSound,
    SilentPlayer,
    load_bells,
    open_player,
)
from practice_tui.sound.miniaudio_backend import MiniaudioPlayer

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
MAKE_BELLS = ROOT / "tools" / "make_bells.py"
FULL_SCALE = 32768
WAIT_S = 10.0  # generous upper bound for threads; tests finish as soon as the event fires


def _load_make_bells() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bells", MAKE_BELLS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_bells = _load_make_bells()
SPECS = {spec.name: spec for spec in make_bells.BELLS}


def _read(path: Path) -> tuple[wave._wave_params, array]:
    with wave.open(str(path), "rb") as source:
        params = source.getparams()
        samples = array("h", source.readframes(source.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return params, samples


def _dbfs(level: float) -> float:
    return 20 * math.log10(max(level, 1e-9) / FULL_SCALE)


def _goertzel_power(samples: list[float], freq: float, rate: int) -> float:
    coeff = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for value in samples:
        s1, s2 = value + coeff * s1 - s2, s1
    return s1 * s1 + s2 * s2 - coeff * s1 * s2


def _strongest_frequency(samples: array, rate: int, start_s: float) -> float:
    """Peak of a Hann-windowed DFT over ~93 ms: coarse 10 Hz steps, then 0.5 Hz around the peak."""
    n = 4096
    first = round(start_s * rate)
    window = [
        s * (0.5 - 0.5 * math.cos(2 * math.pi * i / (n - 1)))
        for i, s in enumerate(samples[first : first + n])
    ]
    coarse = max(range(100, 2001, 10), key=lambda f: _goertzel_power(window, f, rate))
    fine = [coarse - 10 + 0.5 * k for k in range(41)]
    return max(fine, key=lambda f: _goertzel_power(window, f, rate))


def _short_bell(seconds: float = 0.15) -> dict[str, BellSound]:
    """A tiny tone, so the real-time NULL device finishes quickly."""
    rate = 44100
    samples = array(
        "h",
        (round(8000 * math.sin(2 * math.pi * 660 * i / rate)) for i in range(int(seconds * rate))),
    )
    return {"bell": BellSound("bell", samples, rate), "cue": BellSound("cue", samples, rate)}


class Notices:
    """Collects notices and lets a test wait for the first one."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.arrived = threading.Event()

    def __call__(self, text: str) -> None:
        self.texts.append(text)
        self.arrived.set()


def _bell_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "practice-tui-bell"]


# -- the shipped files -------------------------------------------------------------------------


def test_every_spec_has_a_file_and_every_file_a_spec() -> None:
    assert {p.stem for p in bells_dir().glob("*.wav")} == set(SPECS)
    assert {"bell", "cue"} <= set(SPECS)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_bell_file_format(name: str) -> None:
    params, samples = _read(bells_dir() / f"{name}.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44100)
    assert params.comptype == "NONE"
    assert len(samples) / params.framerate == pytest.approx(SPECS[name].duration_s, abs=0.01)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_bell_levels_and_clean_ends(name: str) -> None:
    _, samples = _read(bells_dir() / f"{name}.wav")
    peak = max(abs(s) for s in samples)
    assert -20.0 < _dbfs(peak) <= -1.0
    last_50ms = samples[-round(0.05 * 44100) :]
    assert _dbfs(max(abs(s) for s in last_50ms)) < -60.0
    # A soft attack: the first millisecond rises from silence instead of jumping (a click).
    assert abs(samples[0]) <= 1
    assert max(abs(s) for s in samples[:44]) < peak / 10


@pytest.mark.parametrize("name", sorted(SPECS))
def test_bell_fundamental_matches_spec(name: str) -> None:
    spec = SPECS[name]
    _, samples = _read(bells_dir() / f"{name}.wav")
    found = _strongest_frequency(samples, 44100, start_s=0.3)
    assert found == pytest.approx(spec.fundamental_hz, rel=0.01)


def test_bell_and_cue_differ() -> None:
    assert SPECS["bell"].fundamental_hz != SPECS["cue"].fundamental_hz
    assert SPECS["cue"].peak_dbfs < SPECS["bell"].peak_dbfs
    assert SPECS["cue"].duration_s < SPECS["bell"].duration_s


def test_make_bells_is_deterministic_and_matches_committed_files(tmp_path: Path) -> None:
    for run in ("one", "two"):
        subprocess.run(
            [sys.executable, str(MAKE_BELLS), "--out", str(tmp_path / run)],
            check=True,
            capture_output=True,
        )
    for name in SPECS:
        first = (tmp_path / "one" / f"{name}.wav").read_bytes()
        assert first == (tmp_path / "two" / f"{name}.wav").read_bytes()
        assert first == (bells_dir() / f"{name}.wav").read_bytes(), (
            f"{name}.wav is stale: run python tools/make_bells.py"
        )


# -- loading and choosing a player ---------------------------------------------------------------


def test_load_bells_decodes_the_shipped_files() -> None:
    bells = load_bells(bells_dir())
    assert set(bells) == set(SPECS)
    assert bells["bell"].duration == pytest.approx(SPECS["bell"].duration_s, abs=0.01)


def test_silent_player_never_raises() -> None:
    player = SilentPlayer()
    assert isinstance(player, BellPlayer)
    assert player.name == "silent"
    for volume in (0.0, 0.5, 1.0, -3.0, 7.0, float("nan")):
        player.play("bell", volume)
    player.play("no such bell")


def test_open_player_without_bells_is_silent_and_says_so_once(tmp_path: Path) -> None:
    notices = Notices()
    player = open_player(notices, sounds_dir=tmp_path / "missing")
    assert isinstance(player, SilentPlayer)
    player.play("bell")
    player.play("cue", 0.3)
    assert notices.texts == [NOTICE_NO_BELLS]


def test_open_player_with_a_bad_file_is_silent(tmp_path: Path) -> None:
    (tmp_path / "bell.wav").write_bytes(b"not a wav file")
    notices = Notices()
    assert isinstance(open_player(notices, sounds_dir=tmp_path), SilentPlayer)
    assert notices.texts == [NOTICE_NO_BELLS]


def test_open_player_can_be_asked_for_silence_without_a_notice() -> None:
    notices = Notices()
    player = open_player(notices, prefer=("silent",))
    assert player.name == "silent"
    assert notices.texts == []


def test_open_player_tolerates_a_broken_callback(tmp_path: Path) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("the app is closing")

    assert isinstance(open_player(broken, sounds_dir=tmp_path), SilentPlayer)


# -- the miniaudio player ----------------------------------------------------------------------


def test_miniaudio_player_plays_to_the_end_on_the_null_backend() -> None:
    notices = Notices()
    player = MiniaudioPlayer(_short_bell(), notices, backends=[miniaudio.Backend.NULL])
    assert isinstance(player, BellPlayer)
    assert player.probe()
    player.play("bell", 0.6)
    player.play("cue")  # overlaps: mixed into the same device
    assert player.wait_idle(WAIT_S)
    assert not player.failed
    assert player.name == "miniaudio"
    assert player.backend == "Null"
    assert notices.texts == []
    # Nothing is left running between bells.
    for thread in _bell_threads():
        thread.join(WAIT_S)
    assert _bell_threads() == []


def test_miniaudio_player_plays_again_after_going_idle() -> None:
    player = MiniaudioPlayer(_short_bell(0.05), backends=[miniaudio.Backend.NULL])
    for volume in (1.0, 0.2):
        player.play("cue", volume)
        assert player.wait_idle(WAIT_S)
    assert not player.failed


def test_miniaudio_player_ignores_odd_requests() -> None:
    notices = Notices()
    player = MiniaudioPlayer(_short_bell(), notices, backends=[miniaudio.Backend.NULL])
    player.play("no such bell")
    player.play("bell", 0.0)
    player.play("bell", -1.0)
    player.play("bell", float("nan"))
    assert player.wait_idle(0)  # none of these started anything
    assert notices.texts == []


def test_miniaudio_player_without_a_backend_goes_silent_once() -> None:
    notices = Notices()
    player = MiniaudioPlayer(_short_bell(), notices, backends=[])
    player.play("bell")
    assert notices.arrived.wait(WAIT_S)
    assert player.wait_idle(WAIT_S)
    assert player.failed
    assert player.name == "silent"
    player.play("bell")
    assert not player.probe()
    assert player.wait_idle(WAIT_S)
    assert notices.texts == [NOTICE_NO_DEVICE]


def test_miniaudio_probe_failure_gives_the_notice_and_silence() -> None:
    notices = Notices()
    player = MiniaudioPlayer(_short_bell(), notices, backends=[])
    player.probe_in_background().join(WAIT_S)
    assert notices.texts == [NOTICE_NO_DEVICE]
    assert player.failed
    assert NOTICE_STOPPED != NOTICE_NO_DEVICE


# -- silence on stderr, in a fresh process -------------------------------------------------------


def _run_python(code: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=env, timeout=60, check=False
    )


def _no_sound_here() -> bool:
    """True on a Linux machine with no sound card and no PulseAudio/PipeWire server."""
    if not sys.platform.startswith("linux"):
        return False
    cards = Path("/proc/asound/cards")
    no_card = not cards.exists() or "no soundcards" in cards.read_text(errors="replace")
    runtime = os.environ.get("XDG_RUNTIME_DIR", "/nonexistent")
    no_server = "PULSE_SERVER" not in os.environ and not Path(runtime, "pulse", "native").exists()
    return no_card and no_server


OPEN_AND_PLAY = """
import json
from practice_tui.sound import open_player
notices = []
def note(text):
    notices.append(text)
player = open_player(note)
player.play("cue", 0.0001)  # the whole path, too quiet to hear where sound works
player.wait_idle(30)
player.play("cue", 0.0001)
player.wait_idle(30)
print(json.dumps({"notices": notices, "name": player.name}))
"""


def test_open_player_and_play_write_nothing_to_stderr() -> None:
    result = _run_python(OPEN_AND_PLAY)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stderr == b""
    report = json.loads(result.stdout)
    if _no_sound_here():
        assert report == {"notices": [NOTICE_NO_DEVICE], "name": "silent"}
    else:
        assert report["notices"] in ([], [NOTICE_NO_DEVICE])


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


@pytest.mark.skipif(not _no_sound_here(), reason="needs a Linux machine without a sound card")
def test_silence_alsa_errors_keeps_a_failing_device_open_quiet() -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    run = [sys.executable, "-c", OPEN_ALSA]
    loud = subprocess.run([*run, "loud"], capture_output=True, env=env, timeout=60, check=False)
    quiet = subprocess.run(
        [*run, "silenced"], capture_output=True, env=env, timeout=60, check=False
    )
    if b"ALSA lib" not in loud.stderr:
        pytest.skip("ALSA prints nothing here even unsilenced, so there is nothing to prove")
    assert quiet.stderr == b""


def test_sound_never_imports_textual() -> None:
    result = _run_python(
        "import sys, practice_tui.sound, practice_tui.sound.miniaudio_backend\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules)\n"
        "assert not any(m.startswith(('practice_tui.screens', 'practice_tui.widgets',"
        " 'practice_tui.app')) for m in sys.modules)\n"
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
