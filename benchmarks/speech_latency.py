"""Speech latency: from ``speak()`` to the first sample of the speech reaching the audio callback.

A step's words must start when the step says so, not a beat later. The player is opened as the
app opens it (``practice_tui.sound.open_player``), on miniaudio's NULL backend, which pulls
audio in real time without a sound card, so the whole path runs: the chain, the worker, the
device, the mixer. The device's data callback is instrumented: the moment the mixer hands it
a chunk holding the first sample of a speech is recorded, and

    latency = (that moment) - (the moment speak() was called)

The WAVs are rendered (pre-rendered, as in a practice: tones of 1 s at 22050 Hz, like
espeak-ng's and Piper's) and preloaded before the measuring begins. Three situations, taken
in turn, each ``--runs`` times, at random moments against the device's period:

- ``after-cue``: the step's cue is still ringing (the device is open) when its words start;
- ``from-quiet``: nothing has sounded for a while (the device is closed and must open);
- ``replacing``: the words of the step before are still being spoken.

For reference, in the same run: the same measure for a bell (``play()`` to its first sample
in the callback) from quiet. Targets, over all speech: median ≤ 30 ms, worst ≤ 60 ms.

Then, for information, the CPU the process uses while words are spoken without a pause (a
cue rings under the first of them): ``time.process_time()`` over wall time, as a % of a core.
A practice speaks for only part of its length, so its average is lower.

Usage:
    python benchmarks/speech_latency.py [--runs 10]     # about 7 s a run

Exit status: 0 when both targets are met, 1 when one is missed, 2 when the run could not be
made.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import threading
import time
import wave
from array import array
from pathlib import Path
from typing import Any

from common import save_result

from practice_tui.sound import FallbackPlayer, open_player

MEDIAN_MS = 30.0
WORST_MS = 60.0
RATE = 22050
WAIT_S = 10.0


def render(folder: Path, count: int) -> list[Path]:
    """``count`` WAVs of one second each, 16-bit mono at 22050 Hz."""
    paths = []
    for n in range(count):
        hz = 200 + 10 * n
        samples = array(
            "h", (round(6000 * math.sin(2 * math.pi * hz * i / RATE)) for i in range(RATE))
        )
        path = folder / f"step-{n:03d}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(samples.tobytes())
        paths.append(path)
    return paths


class Instrumented:
    """Wraps the miniaudio backend's mixer call (made from the device's callback) and records
    when the first sample of each new speech, and of each new bell, went out."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.mix = backend._mix
        self.first_speech: dict[Path, float] = {}  # the speech's WAV -> perf_counter
        self.first_bell: list[float] = []
        self.lock = threading.Lock()
        backend._mix = self

    def __call__(self, session: Any, frames: int) -> bytes:
        mixer = self.backend._mixer
        speech = mixer.speech
        starting = speech is not None and not speech.paused and speech.position == 0
        bells = [v for v in mixer.voices if v.position == 0]
        chunk = self.mix(session, frames)
        now = time.perf_counter()
        with self.lock:
            if starting and speech is not None and speech.position > 0:
                self.first_speech.setdefault(speech.wav, now)
            if bells and any(v.position > 0 for v in bells):
                self.first_bell.append(now)
        return chunk

    def speech_started(self, wav: Path, timeout: float = WAIT_S) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if wav in self.first_speech:
                    return self.first_speech[wav]
            time.sleep(0.001)
        raise RuntimeError("the speech never reached the device")


def open_null() -> FallbackPlayer:
    import miniaudio

    if not miniaudio.is_backend_enabled(miniaudio.Backend.NULL):
        raise RuntimeError("this miniaudio build has no NULL backend")
    player = open_player(prefer=("miniaudio",), miniaudio_backends=[miniaudio.Backend.NULL])
    if not player.wait_ready(WAIT_S) or player.name != "miniaudio":
        raise RuntimeError(f"miniaudio's NULL backend did not open: {player.failures}")
    return player


def measure_speech(player: FallbackPlayer, probe: Instrumented, wav: Path) -> tuple[float, float]:
    """Speak ``wav`` (each WAV is spoken once); its latency and how long the speak() call
    itself took, in ms."""
    asked = time.perf_counter()
    player.speak(wav, 0.8)
    returned = time.perf_counter()
    first = probe.speech_started(wav)
    return (first - asked) * 1000, (returned - asked) * 1000


def settle(player: FallbackPlayer) -> None:
    player.stop_speech()
    if not player.wait_idle(WAIT_S):
        raise RuntimeError("the device did not close")


def speaking_cpu(player: FallbackPlayer, wavs: list[Path]) -> float:
    """% of a core used while ``wavs`` are spoken one after another (a cue under the first)."""
    wall, cpu = time.perf_counter(), time.process_time()
    player.play("cue", 0.5)
    for wav in wavs:
        player.speak(wav, 0.8)
        time.sleep(0.02)
        while player.speech_playing():
            time.sleep(0.02)
    settle(player)
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def run(runs: int) -> dict[str, Any]:
    random.seed(11)
    player = open_null()
    probe = Instrumented(player.backend)
    with tempfile.TemporaryDirectory(prefix="speech-latency-") as folder:
        rendered = render(Path(folder), 3 * runs + 6)
        spoken = rendered[-6:]
        wavs = iter(rendered)
        player.preload_speech(rendered)
        if not player.backend.wait_preloaded(60):
            raise RuntimeError("the WAVs were not decoded in time")
        latencies: dict[str, list[float]] = {"after-cue": [], "from-quiet": [], "replacing": []}
        calls: list[float] = []
        bells: list[float] = []
        for _ in range(runs):
            # A cue is ringing: the device is open.
            player.play("cue", 0.5)
            time.sleep(random.uniform(0.05, 0.25))
            latency, call = measure_speech(player, probe, next(wavs))
            latencies["after-cue"].append(latency)
            calls.append(call)
            # The words of the step before are being spoken.
            time.sleep(random.uniform(0.05, 0.25))
            latency, call = measure_speech(player, probe, next(wavs))
            latencies["replacing"].append(latency)
            calls.append(call)
            settle(player)
            # Quiet: the device is closed.
            time.sleep(random.uniform(0.0, 0.05))
            latency, call = measure_speech(player, probe, next(wavs))
            latencies["from-quiet"].append(latency)
            calls.append(call)
            settle(player)
            # The reference: a bell from quiet.
            with probe.lock:
                before = len(probe.first_bell)
            asked = time.perf_counter()
            player.play("cue", 0.5)
            deadline = time.monotonic() + WAIT_S
            while True:
                with probe.lock:
                    if len(probe.first_bell) > before:
                        bells.append((probe.first_bell[before] - asked) * 1000)
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("the bell never reached the device")
                time.sleep(0.001)
            settle(player)
        cpu = speaking_cpu(player, spoken)
    speech = [x for values in latencies.values() for x in values]
    return {
        "runs": runs,
        "period_ms": player.backend.period_ms,
        "speech_ms": {
            "median": statistics.median(speech),
            "worst": max(speech),
            **{
                name: {"median": statistics.median(v), "worst": max(v)}
                for name, v in latencies.items()
            },
        },
        "speak_call_ms": {"median": statistics.median(calls), "worst": max(calls)},
        "bell_from_quiet_ms": {"median": statistics.median(bells), "worst": max(bells)},
        "cpu_percent_while_speaking": cpu,
        "failures": [f"{f.backend}: {f.error}" for f in player.failures],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="times each situation is measured")
    args = parser.parse_args()
    try:
        record = run(max(1, args.runs))
    except Exception as exc:
        print(f"speech_latency: the run could not be made: {exc}", file=sys.stderr)
        return 2
    speech = record["speech_ms"]
    print(f"speak() to the first speech sample in the callback ({record['runs']} runs each,")
    print(f"miniaudio NULL device, {record['period_ms']} ms period):")
    print(f"{'situation':<14}{'median ms':>10}{'worst ms':>10}")
    for name in ("after-cue", "replacing", "from-quiet"):
        print(f"{name:<14}{speech[name]['median']:>10.2f}{speech[name]['worst']:>10.2f}")
    print(f"{'all speech':<14}{speech['median']:>10.2f}{speech['worst']:>10.2f}")
    bell = record["bell_from_quiet_ms"]
    print(f"{'bell (ref.)':<14}{bell['median']:>10.2f}{bell['worst']:>10.2f}")
    call = record["speak_call_ms"]
    print(f"the speak() call itself: median {call['median']:.3f} ms, worst {call['worst']:.3f} ms")
    print(
        f"CPU while speaking 6 s of words: {record['cpu_percent_while_speaking']:.2f} % of a core"
    )
    missed = []
    if speech["median"] > MEDIAN_MS:
        missed.append(f"median {speech['median']:.2f} ms > {MEDIAN_MS} ms")
    if speech["worst"] > WORST_MS:
        missed.append(f"worst {speech['worst']:.2f} ms > {WORST_MS} ms")
    record["targets"] = {"median_ms": MEDIAN_MS, "worst_ms": WORST_MS, "missed": missed}
    path = save_result("speech_latency", record)
    print(f"targets: median <= {MEDIAN_MS} ms, worst <= {WORST_MS} ms: ", end="")
    print("met" if not missed else "MISSED: " + "; ".join(missed))
    print(f"written to {path}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
