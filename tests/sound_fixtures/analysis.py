"""Measuring a bell file without numpy: reading it, its levels, and its fundamental frequency."""

from __future__ import annotations

import cmath
import math
import sys
import wave
from array import array
from pathlib import Path

FULL_SCALE = 32768
RATE = 44100


def read_wav(path: Path) -> tuple[wave._wave_params, array]:
    with wave.open(str(path), "rb") as source:
        params = source.getparams()
        samples = array("h", source.readframes(source.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return params, samples


def dbfs(level: float) -> float:
    return 20 * math.log10(max(level, 1e-9) / FULL_SCALE)


def rms(samples: array | list[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if len(samples) else 0.0


def _fft(values: list[float]) -> list[complex]:
    """Iterative radix-2 FFT; ``len(values)`` must be a power of two."""
    n = len(values)
    bits = n.bit_length() - 1
    out = [complex(values[int(format(i, f"0{bits}b")[::-1], 2)]) for i in range(n)]
    size = 2
    while size <= n:
        half = size // 2
        step = cmath.exp(-2j * math.pi / size)
        for start in range(0, n, size):
            w = 1 + 0j
            for k in range(start, start + half):
                t = w * out[k + half]
                out[k + half] = out[k] - t
                out[k] += t
                w *= step
        size *= 2
    return out


def strongest_frequency(
    samples: array,
    rate: int = RATE,
    start_s: float = 0.3,
    n: int = 16384,
    lowest_hz: float = 50.0,
    highest_hz: float = 4000.0,
) -> float:
    """The frequency of the strongest partial in a Hann-windowed stretch of ``n`` samples.

    16384 samples (0.37 s) give bins 2.7 Hz apart, fine enough for a 130 Hz gong; the peak bin
    is refined by fitting a parabola to the log magnitudes around it (error well under 0.1 bin).
    """
    first = round(start_s * rate)
    stretch = samples[first : first + n]
    assert len(stretch) == n, "the sound is too short to measure from there"
    window = [s * (0.5 - 0.5 * math.cos(2 * math.pi * i / (n - 1))) for i, s in enumerate(stretch)]
    spectrum = [abs(c) for c in _fft(window)[: n // 2]]
    low, high = math.ceil(lowest_hz * n / rate), int(highest_hz * n / rate)
    k = max(range(low, high), key=spectrum.__getitem__)
    a, b, c = (math.log(max(spectrum[j], 1e-12)) for j in (k - 1, k, k + 1))
    offset = 0.5 * (a - c) / (a - 2 * b + c)
    return (k + offset) * rate / n
