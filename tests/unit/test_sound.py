"""The bell files we ship, and the small rules every player shares (names, volume, strikes).

The players and the chain of backends are in test_sound_chain.py; the real sound path (the
NULL device, ALSA, a machine with no device) is in test_sound_devices.py.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import subprocess
import sys
from array import array
from pathlib import Path
from types import ModuleType

import pytest

from practice_tui.paths import bells_dir
from practice_tui.sound import (
    BELL_ALIASES,
    CUE,
    DEFAULT_BELL,
    NOTICE_NO_BELLS,
    NOTICE_NO_DEVICE,
    NOTICE_STOPPED,
    NOTICE_SWITCHED,
    BellLoadError,
    PlayRequest,
    available_bells,
    bell_label,
    load_bells,
    notice_for,
)
from practice_tui.sound.player import play_request
from tests.sound_fixtures.analysis import dbfs, read_wav, rms, strongest_frequency

ROOT = Path(__file__).resolve().parents[2]
MAKE_BELLS = ROOT / "tools" / "make_bells.py"
RATE = 44100

#: What the README promises: name -> (fundamental in Hz, length in seconds).
PROMISED = {
    "small-bell": (880.0, 5.0),
    "singing-bowl": (528.0, 7.0),
    "deep-gong": (130.0, 8.0),
    "wooden-chime": (660.0, 2.5),
    "cue": (784.0, 2.5),
}


def _load_make_bells() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bells", MAKE_BELLS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_bells = _load_make_bells()
SPECS = {spec.name: spec for spec in make_bells.BELLS}


# -- the shipped files -------------------------------------------------------------------------


def test_every_spec_has_a_file_and_every_file_a_spec() -> None:
    assert {p.stem for p in bells_dir().glob("*.wav")} == set(SPECS) == set(PROMISED)


def test_there_are_four_bells_to_choose_and_a_cue() -> None:
    assert available_bells() == ["deep-gong", "singing-bowl", "small-bell", "wooden-chime"]
    assert available_bells(include_cue=True) == sorted(PROMISED)
    assert DEFAULT_BELL in available_bells()
    assert CUE not in available_bells()


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_bell_file_format_and_length(name: str) -> None:
    params, samples = read_wav(bells_dir() / f"{name}.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, RATE)
    assert params.comptype == "NONE"
    assert len(samples) / RATE == pytest.approx(PROMISED[name][1], abs=0.01)
    assert SPECS[name].duration_s == PROMISED[name][1]


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_bell_peak_is_at_most_minus_one_dbfs(name: str) -> None:
    _, samples = read_wav(bells_dir() / f"{name}.wav")
    peak = max(abs(s) for s in samples)
    assert -20.0 < dbfs(peak) <= -1.0


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_bell_strikes_cleanly_and_ends_in_true_silence(name: str) -> None:
    _, samples = read_wav(bells_dir() / f"{name}.wav")
    peak = max(abs(s) for s in samples)
    # A soft attack: the first millisecond rises from silence instead of jumping (a click)...
    assert abs(samples[0]) <= 1
    assert max(abs(s) for s in samples[:44]) < peak / 10
    # ... but a strike all the same: the peak comes within the first 50 ms.
    assert max(abs(s) for s in samples[: round(0.05 * RATE)]) > peak / 2
    # The end: the last 50 ms are digital silence, so stopping there makes no click.
    assert set(samples[-round(0.05 * RATE) :]) == {0}


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_bell_decays_naturally_to_silence(name: str) -> None:
    _, samples = read_wav(bells_dir() / f"{name}.wav")
    half = RATE // 2
    blocks = [dbfs(rms(samples[i : i + half])) for i in range(0, len(samples) - half, half)]
    # After the strike, each half second is no louder than the last (beating aside: 1 dB)...
    for before, after in itertools.pairwise(blocks[1:]):
        assert after <= before + 1.0
    # ... and the last second before the silent end is far below the strike.
    tail = samples[-round(1.08 * RATE) : -round(0.08 * RATE)]
    assert dbfs(rms(tail)) < blocks[0] - 20.0


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_bell_fundamental_is_the_promised_one(name: str) -> None:
    _, samples = read_wav(bells_dir() / f"{name}.wav")
    found = strongest_frequency(samples, RATE, start_s=0.3)
    assert found == pytest.approx(PROMISED[name][0], rel=0.01)
    assert SPECS[name].fundamental_hz == PROMISED[name][0]


def test_the_fundamental_estimator_works_low_and_high() -> None:
    """The estimator itself, on pure tones from a deep gong's range to above the small bell."""
    for freq in (110.0, 130.0, 528.0, 880.0, 1500.0):
        tone = array(
            "h", (round(9000 * math.sin(2 * math.pi * freq * i / RATE)) for i in range(RATE))
        )
        assert strongest_frequency(tone, RATE, start_s=0.1) == pytest.approx(freq, abs=0.3)


def test_the_bells_are_clearly_distinct() -> None:
    fundamentals = sorted(freq for freq, _ in PROMISED.values())
    for low, high in itertools.pairwise(fundamentals):
        assert high / low > 1.1
    assert SPECS[CUE].peak_dbfs < min(s.peak_dbfs for n, s in SPECS.items() if n != CUE)


def test_make_bells_is_deterministic_and_matches_committed_files(tmp_path: Path) -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, str(MAKE_BELLS), "--out", str(tmp_path / run)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for run in ("one", "two")
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode(errors="replace")
    for name in SPECS:
        first = (tmp_path / "one" / f"{name}.wav").read_bytes()
        assert first == (tmp_path / "two" / f"{name}.wav").read_bytes()
        assert first == (bells_dir() / f"{name}.wav").read_bytes(), (
            f"{name}.wav is stale: run python tools/make_bells.py"
        )


def test_the_readme_describes_every_sound_and_its_licence() -> None:
    readme = (bells_dir() / "README.md").read_text(encoding="utf-8")
    for name, (freq, _) in PROMISED.items():
        assert f"`{name}.wav`" in readme
        assert f"{freq:g} Hz" in readme
    assert "tools/make_bells.py" in readme
    assert "Licence" in readme
    assert "`bell`" in readme  # the old name, still accepted


# -- loading -----------------------------------------------------------------------------------


def test_load_bells_decodes_the_shipped_files() -> None:
    bells = load_bells(bells_dir())
    assert set(bells) == set(PROMISED)
    for name, (_, length) in PROMISED.items():
        assert bells[name].duration == pytest.approx(length, abs=0.01)


def test_load_bells_refuses_a_missing_folder_and_a_bad_file(tmp_path: Path) -> None:
    with pytest.raises(BellLoadError):
        load_bells(tmp_path / "missing")
    with pytest.raises(BellLoadError):
        load_bells(tmp_path)  # empty
    (tmp_path / "bell.wav").write_bytes(b"not a wav file")
    with pytest.raises(BellLoadError):
        load_bells(tmp_path)


def test_available_bells_of_an_unreadable_folder_is_empty(tmp_path: Path) -> None:
    assert available_bells(tmp_path / "missing") == []


# -- names, volume, strikes, notices -------------------------------------------------------------


def test_the_old_bell_name_means_the_singing_bowl() -> None:
    assert BELL_ALIASES == {"bell": "singing-bowl"}
    request = play_request("bell")
    assert request == PlayRequest("singing-bowl", 1.0, 1)
    assert bell_label("bell") == "Singing bowl"
    assert bell_label("deep-gong") == "Deep gong"


@pytest.mark.parametrize(
    ("volume", "strikes", "expected"),
    [
        (1.0, 1, PlayRequest("cue", 1.0, 1)),
        (0.5, 3, PlayRequest("cue", 0.5, 3)),
        (7.0, 9, PlayRequest("cue", 1.0, 3)),
        (0.2, 0, PlayRequest("cue", 0.2, 1)),
        (0.2, "x", PlayRequest("cue", 0.2, 1)),
        (0.0, 1, None),
        (-1.0, 1, None),
        (float("nan"), 1, None),
        ("loud", 1, None),
    ],
)
def test_play_requests_are_cleaned_up(volume: object, strikes: object, expected: object) -> None:
    assert play_request("cue", volume, strikes) == expected  # type: ignore[arg-type]


def test_notices_are_worded_by_where_sound_goes() -> None:
    assert notice_for("no-device", "silent") == NOTICE_NO_DEVICE
    assert notice_for("stopped", "silent") == NOTICE_STOPPED
    assert notice_for("no-bells", "silent") == NOTICE_NO_BELLS
    assert notice_for("no-device", "simpleaudio") == NOTICE_SWITCHED
    to_terminal = {notice_for(r, "terminal") for r in ("no-device", "stopped", "no-bells")}
    assert len(to_terminal) == 3
    assert all("terminal bell" in text for text in to_terminal)
    assert notice_for("no-device", "terminal") == (
        "No sound device found: the terminal bell will mark the changes."
    )
    for text in (*to_terminal, NOTICE_NO_DEVICE, NOTICE_STOPPED, NOTICE_NO_BELLS):
        assert text.count(".") == 1 and text.endswith(".")  # one calm sentence
