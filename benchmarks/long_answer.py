"""Opening an entry whose answer is 50 MB, against one of 1 KB, in the real app.

Each journal holds one entry. ``practice-tui journal`` runs on its own pseudo-terminal (100x30,
as in ``startup.py``); once its list shows the entry, Enter is pressed, and the clock runs
until the entry screen is drawn (its heading, "Journal entry", the question and the answer's
first words, once escape sequences are stripped). Then the app's peak memory (VmHWM: this
process alone) is read and it is asked to quit. Runs alternate, small then large.

Targets (issue 12): the 50 MB answer opens in under 2 s and under 200 MB. The ratio to the
1 KB answer shows what the length itself costs on this machine, whatever else it is doing.

Usage:
    python benchmarks/long_answer.py [--runs 3] [--megabytes 50] [--app-cmd "practice-tui"]

Exit status: 0 when both targets are met, 1 when one is missed, 2 when a run failed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import in_scratch, resolve_app_cmd, save_result
from startup import child_env, reap, spawn, strip_ansi

MAKE_JOURNAL = """
import sys
from pathlib import Path
from practice_tui.journal import Answer, Journal

folder, size = Path(sys.argv[1]), int(sys.argv[2])
line = "A long reflection, line after line, of what I noticed today at work. "
words = "Opening words. " + (line * (size // len(line) + 1))[: size - 15]
with Journal.open(folder / "journal.sqlite3") as journal:
    journal.entries.add(answers=[Answer("What did you notice?", words)], practice_name="Long read")
"""


def read_until(master: int, marker: str, timeout: float, seen: bytearray) -> float:
    """Read the terminal until ``marker`` shows (stripped of escapes); when it did."""
    import select

    end = time.perf_counter() + timeout
    if marker in strip_ansi(bytes(seen[-65536:])):
        return time.perf_counter()
    while (left := end - time.perf_counter()) > 0:
        ready, _, _ = select.select([master], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        seen += chunk
        if marker in strip_ansi(bytes(seen[-65536:])):
            return time.perf_counter()
    raise RuntimeError(f"{marker!r} not seen within {timeout:.0f}s")


def peak_mb(pid: int) -> float:
    """The process's own high-water mark of resident memory, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc")


def open_once(app: list[str], env: dict[str, str], timeout: float) -> tuple[float, float]:
    """Seconds from Enter to the entry screen drawn, and the app's peak memory in MB."""
    pid, master = spawn([*app, "journal"], env)
    try:
        seen = bytearray()
        read_until(master, "Long read", timeout, seen)
        time.sleep(0.5)  # let the list settle before the key
        seen.clear()
        began = time.perf_counter()
        os.write(master, b"\r")
        # The heading, the question and the answer's first words (the list shows only the
        # first words): the screen is drawn with its answer.
        for marker in ("Journal entry", "What did you notice?", "Opening words."):
            done = read_until(master, marker, timeout, seen)
        return done - began, peak_mb(pid)
    finally:
        reap(pid, master)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs of each (default 3)")
    parser.add_argument("--megabytes", type=int, default=50, help="the long answer (50 MB)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--app-cmd", help="command for practice-tui (default: beside python)")
    args = parser.parse_args()
    app = resolve_app_cmd(args.app_cmd, "long_answer.py")
    sizes = {"1 KB": 1024, f"{args.megabytes} MB": args.megabytes * 1024 * 1024}

    def report(scratch: Path) -> int:
        envs = {}
        for name, size in sizes.items():
            data = scratch / name.replace(" ", "") / "data"
            data.mkdir(parents=True)
            subprocess.run([sys.executable, "-c", MAKE_JOURNAL, str(data), str(size)], check=True)
            envs[name] = child_env(str(data), str(data.parent / "config"))
        times: dict[str, list[float]] = {name: [] for name in sizes}
        peaks: dict[str, list[float]] = {name: [] for name in sizes}
        for run in range(args.runs):
            for name in sizes:
                seconds, peak = open_once(app, envs[name], args.timeout)
                times[name].append(seconds)
                peaks[name].append(peak)
            print(
                f"  run {run + 1}: "
                + "   ".join(f"{n} {times[n][-1]:.2f} s {peaks[n][-1]:.0f} MB" for n in sizes),
                flush=True,
            )
        small, large = sizes
        open_s = {name: statistics.median(values) for name, values in times.items()}
        peak = {name: max(values) for name, values in peaks.items()}
        ratio = open_s[large] / open_s[small]
        met = open_s[large] < 2.0 and peak[large] < 200
        print(f"\n{'':8} {'open (median)':>14} {'peak memory':>12}")
        for name in sizes:
            print(f"{name:8} {open_s[name]:12.2f} s {peak[name]:9.0f} MB")
        print(f"\nratio of opening times ({large} / {small}): {ratio:.2f}")
        print(f"target: under 2 s and under 200 MB -> {'met' if met else 'MISSED'}")
        path = save_result(
            "long_answer",
            {
                "runs": args.runs,
                "open_s": times,
                "peak_mb": peaks,
                "ratio_of_medians": ratio,
                "target_met": met,
            },
        )
        print(f"wrote {path}")
        return 0 if met else 1

    return in_scratch("long_answer.py", report)


if __name__ == "__main__":
    sys.exit(main())
