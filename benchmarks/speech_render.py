"""Speech render: the time to render every step of the 10-minute Affectionate breathing with
espeak-ng, through practice-tui's cache (a cold cache each run), against espeak-ng itself.

practice-tui: ``render_all`` of the practice's steps (planned for 10 minutes, at the slow
speed) into an empty ``SpeechCache``: one espeak-ng process per step, each WAV checked, made
private and renamed into place. Baseline, in the same run: the same espeak-ng command line for
each step, run straight into a temporary file, so the ratio is what the cache adds to the
engine's own work. A warm run (every step already cached) is timed as well: the cost of
starting a practice the second time.

Usage:
    python benchmarks/speech_render.py [--runs 5] [--target-seconds 3]

Exit status: 0 when the median cold render is within the target, 1 when it is missed, 2 when
the run could not be made (espeak-ng missing). Linux; needs espeak-ng and practice-tui.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import save_result

from practice_tui.course.loader import load_course
from practice_tui.paths import scripts_dir
from practice_tui.speech import SpeechCache, Speed, render_all
from practice_tui.speech.system import EspeakEngine, one_line

PRACTICE, MINUTES = "affectionate-breathing", 10


def _steps() -> list[str]:
    practice = load_course(scripts_dir()).practice(PRACTICE)
    return [step.words for step in practice.plan(MINUTES)]


def _ours(engine: EspeakEngine, texts: list[str], folder: Path) -> tuple[float, float]:
    """Seconds for a cold render into an empty cache, then for a warm one."""
    cache = SpeechCache(folder)
    began = time.perf_counter()
    render_all(texts, engine, None, Speed.SLOW, cache)
    cold = time.perf_counter() - began
    began = time.perf_counter()
    render_all(texts, engine, None, Speed.SLOW, cache)
    return cold, time.perf_counter() - began


def _bare(program: str, texts: list[str], folder: Path) -> float:
    """Seconds for espeak-ng alone, the same command line for each step."""
    speed = str(EspeakEngine.WORDS_PER_MINUTE[Speed.SLOW])
    began = time.perf_counter()
    for index, text in enumerate(texts):
        out = folder / f"{index}.wav"
        args = [program, "-b", "1", "-v", "en-gb", "-s", speed, "-w", str(out), "--stdin"]
        subprocess.run(args, input=one_line(text), text=True, capture_output=True, check=True)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--target-seconds", type=float, default=3.0)
    options = parser.parse_args()
    program = shutil.which("espeak-ng")
    if program is None:
        print("speech_render: espeak-ng is not installed", file=sys.stderr)
        return 2
    texts = _steps()
    engine = EspeakEngine(program, "espeak-ng")
    cold, warm, bare = [], [], []
    for _ in range(options.runs):  # alternate, so both meet the same conditions
        with tempfile.TemporaryDirectory(prefix="speech-render-") as scratch:
            ours = _ours(engine, texts, Path(scratch) / "speech")
            cold.append(ours[0])
            warm.append(ours[1])
            bare.append(_bare(program, texts, Path(scratch)))
    median = statistics.median(cold)
    ratio = median / statistics.median(bare)
    met = median <= options.target_seconds
    words = sum(len(text.split()) for text in texts)
    print(f"{PRACTICE}, {MINUTES} min: {len(texts)} steps, {words} words, slow speed")
    print(f"{'':<28}{'median':>10}{'worst':>10}")
    for label, times in (("practice-tui, cold cache", cold), ("espeak-ng alone", bare)):
        print(f"{label:<28}{statistics.median(times):>9.2f}s{max(times):>9.2f}s")
    print(f"{'practice-tui, warm cache':<28}{statistics.median(warm) * 1000:>8.1f}ms")
    print(f"ratio (cold / espeak-ng alone): {ratio:.2f}")
    verdict = "met" if met else "MISSED"
    print(f"target: median cold render ≤ {options.target_seconds:g} s: {verdict}")
    save_result(
        "speech_render",
        {
            "practice": PRACTICE,
            "minutes": MINUTES,
            "steps": len(texts),
            "words": words,
            "cold_s": cold,
            "warm_s": warm,
            "espeak_alone_s": bare,
            "ratio": ratio,
            "target_s": options.target_seconds,
            "met": met,
        },
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
