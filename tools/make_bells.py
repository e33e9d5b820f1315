"""Synthesise the app's bell sounds, so every sound we ship is our own and can be rebuilt.

Each sound is a sum of decaying sine partials at bell-like (inharmonic) ratios, with a soft
raised-cosine attack (no click), a natural exponential decay, and a short raised-cosine fade
into a few silent milliseconds at the end. The output is byte-for-byte deterministic: the same
specs always give the same WAV files, so they can be checked in and tested.

To add a sound, add a ``BellSpec`` to ``BELLS`` and run (to remove one, delete its spec and its
file; the tests check that the folder and the specs match)::

    python tools/make_bells.py            # writes into assets/bells/
    python tools/make_bells.py --out DIR  # writes somewhere else (tests use this)

Standard library only (no numpy), so it runs anywhere the app runs.
"""

from __future__ import annotations

import argparse
import math
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 44100
SAMPLE_WIDTH = 2  # bytes: 16-bit PCM
CHANNELS = 1
FULL_SCALE = 32767

#: Where the sounds live in a checkout. The app finds them through ``settings.bells_dir()``;
#: this tool writes into the source tree, so it is located relative to the tool itself.
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "assets" / "bells"


@dataclass(frozen=True)
class Partial:
    """One sine component: frequency as a ratio of the fundamental, its level, its decay.

    ``rise_s`` above zero makes the partial swell in after the strike instead of starting at
    full level: the slow "bloom" of a gong.
    """

    ratio: float
    amplitude: float
    decay_s: float  # time for the amplitude to fall to 1/e
    rise_s: float = 0.0


@dataclass(frozen=True)
class BellSpec:
    """Everything needed to synthesise one sound; the file is ``{name}.wav``."""

    name: str
    description: str
    fundamental_hz: float
    partials: tuple[Partial, ...]
    duration_s: float
    peak_dbfs: float = -3.0
    attack_s: float = 0.008
    fade_s: float = 0.4
    silent_tail_s: float = 0.08


BELLS: tuple[BellSpec, ...] = (
    BellSpec(
        name="small-bell",
        description="A bright small hand bell: a clear, short ring.",
        fundamental_hz=880.0,
        partials=(
            Partial(1.0, 1.00, 1.5),
            Partial(1.0019, 0.22, 1.3),
            Partial(2.76, 0.38, 0.8),
            Partial(2.7642, 0.12, 0.7),
            Partial(5.40, 0.14, 0.35),
            Partial(8.93, 0.05, 0.12),
        ),
        duration_s=5.0,
        peak_dbfs=-4.0,
        attack_s=0.006,
        fade_s=0.6,
    ),
    BellSpec(
        name="singing-bowl",
        description="A clear singing-bowl strike with a slow, calm beating (the default bell).",
        fundamental_hz=528.0,
        partials=(
            # A slightly detuned twin of the fundamental gives the slow, calm beating of a bowl.
            Partial(1.0, 1.00, 2.6),
            Partial(1.0026, 0.30, 2.3),
            Partial(2.71, 0.42, 1.5),
            Partial(2.7155, 0.18, 1.3),
            Partial(5.15, 0.16, 0.7),
            Partial(8.43, 0.06, 0.35),
        ),
        duration_s=7.0,
        peak_dbfs=-3.0,
        attack_s=0.008,
        fade_s=0.8,
    ),
    BellSpec(
        name="deep-gong",
        description="A deep, soft-mallet gong whose upper partials swell after the strike.",
        fundamental_hz=130.0,
        partials=(
            Partial(1.0, 1.00, 2.8),
            Partial(1.0031, 0.32, 2.4),
            Partial(1.52, 0.30, 2.0, rise_s=0.25),
            Partial(2.03, 0.34, 1.8, rise_s=0.4),
            Partial(2.74, 0.24, 1.3, rise_s=0.3),
            Partial(3.61, 0.14, 0.9),
            Partial(4.83, 0.09, 0.5),
            Partial(6.92, 0.04, 0.25),
        ),
        duration_s=8.0,
        peak_dbfs=-2.0,
        attack_s=0.012,
        fade_s=2.0,
    ),
    BellSpec(
        name="wooden-chime",
        description="A soft wooden chime: a warm knock that dies away quickly.",
        fundamental_hz=660.0,
        partials=(
            Partial(1.0, 1.00, 0.45),
            Partial(1.0035, 0.20, 0.38),
            Partial(3.93, 0.35, 0.08),
            Partial(9.2, 0.10, 0.025),
        ),
        duration_s=2.5,
        peak_dbfs=-5.0,
        attack_s=0.006,
        fade_s=0.4,
    ),
    BellSpec(
        name="cue",
        description="A soft, short, glassy tone: a change of phase within a practice.",
        fundamental_hz=784.0,
        partials=(
            Partial(1.0, 1.00, 0.55),
            Partial(1.0040, 0.25, 0.45),
            Partial(2.0, 0.08, 0.25),
        ),
        duration_s=2.5,
        peak_dbfs=-9.0,
        attack_s=0.015,
        fade_s=0.4,
    ),
)


def _raised_cosine(x: float) -> float:
    """0 at x=0 rising smoothly to 1 at x=1, with zero slope at both ends (no click)."""
    return 0.5 - 0.5 * math.cos(math.pi * x)


def synthesise(spec: BellSpec, sample_rate: int = SAMPLE_RATE) -> array:
    """Render ``spec`` to signed 16-bit samples, normalised to its peak level."""
    total = round(spec.duration_s * sample_rate)
    attack = max(1, round(spec.attack_s * sample_rate))
    tail = round(spec.silent_tail_s * sample_rate)
    fade = max(1, round(spec.fade_s * sample_rate))
    fade_end = total - tail
    fade_start = fade_end - fade

    components = [
        (
            2.0 * math.pi * spec.fundamental_hz * p.ratio / sample_rate,
            p.amplitude,
            p.decay_s,
            p.rise_s,
        )
        for p in spec.partials
    ]
    raw = [0.0] * total
    for n in range(fade_end):
        t = n / sample_rate
        value = 0.0
        for omega, amplitude, decay_s, rise_s in components:
            level = amplitude * math.exp(-t / decay_s)
            if rise_s > 0.0:
                level *= 1.0 - math.exp(-t / rise_s)
            value += level * math.sin(omega * n)
        if n < attack:
            value *= _raised_cosine(n / attack)
        if n >= fade_start:
            value *= _raised_cosine((fade_end - n) / fade)
        raw[n] = value

    peak = max(abs(v) for v in raw) or 1.0
    gain = FULL_SCALE * 10.0 ** (spec.peak_dbfs / 20.0) / peak
    return array("h", (round(v * gain) for v in raw))


def write_wav(path: Path, samples: array, sample_rate: int = SAMPLE_RATE) -> None:
    """Write mono 16-bit PCM, little-endian as WAV requires, whatever this machine is."""
    data = array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(CHANNELS)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(sample_rate)
        out.writeframes(data.tobytes())


def make_bells(out_dir: Path, specs: tuple[BellSpec, ...] = BELLS) -> list[Path]:
    """Write every sound in ``specs`` into ``out_dir``; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in specs:
        path = out_dir / f"{spec.name}.wav"
        write_wav(path, synthesise(spec))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    args = parser.parse_args(argv)
    for path in make_bells(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
