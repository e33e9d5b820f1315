"""Start-up time: process start to the home screen drawn, practice-tui against a bare Textual app.

Each app is spawned under its own pseudo-terminal (100x30, TERM=xterm-256color). The clock
starts just before the fork and stops when a marker string appears in the terminal output
with ANSI escape sequences stripped: "The six weeks" for practice-tui's home screen,
"BareAppReady" for ``benchmarks/bare_app.py`` (Header + Static + Footer). The app is then
asked to quit with ctrl+q (SIGTERM, then SIGKILL, if it does not) and reaped.

Runs alternate (bare, app, bare, app, ...) after one unrecorded warm-up of each, so both
see the same machine state. The figure that matters is the ratio of the medians.

Usage:
    python benchmarks/startup.py [--runs 15] [--app-cmd "practice-tui"] [--target 1.25]

Exit status: 0 when the ratio of medians is within the target, 1 when it is missed, 2 when
a run failed (the marker never appeared). Stdlib only.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import shlex
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import HERE, RESULTS, machine, resolve_app_cmd

COLUMNS, ROWS = 100, 30

APP_MARKER = "The six weeks"
BARE_MARKER = "BareAppReady"

#: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/APC/PM/SOS strings, two-byte escapes.
ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*\x1b\\"
    r"|\x1b[@-Z\\-_]"
    r"|[\x00-\x08\x0b-\x1f\x7f]"
)
#: How much already-seen output is re-stripped with each new chunk, so a marker split
#: across reads (or an escape sequence split across reads) is still found.
OVERLAP = 4096


@dataclass
class Run:
    marker_s: float  # process start -> marker drawn
    first_byte_s: float  # process start -> first byte written to the terminal
    bytes_read: int
    exit_how: str
    cpu_s: float  # CPU time the app had used (all threads) when the marker was seen


def cpu_seconds(pid: int) -> float:
    """CPU time a live process has used so far, every thread, from the scheduler's ns counters.

    Steadier than wall time when other work shares the machine: waiting for a core is not
    counted. Threads that have already ended are missed (none have by the first frame).
    """
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e9


def strip_ansi(data: bytes) -> str:
    return ANSI.sub("", data.decode("utf-8", "replace"))


def spawn(argv: list[str], env: dict[str, str]) -> tuple[int, int]:
    """Fork ``argv`` onto a new pseudo-terminal of COLUMNS x ROWS; return (pid, master fd)."""
    pid, master = pty.fork()
    if pid == 0:  # child: fd 0/1/2 are the pty's slave side, and it is our controlling tty
        try:
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, master


def drain(master: int, timeout: float) -> bytes:
    """Read whatever the child writes for up to ``timeout`` seconds (stops at EOF)."""
    out = bytearray()
    end = time.perf_counter() + timeout
    while (left := end - time.perf_counter()) > 0:
        ready, _, _ = select.select([master], [], [], left)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the slave side closed
            break
        if not chunk:
            break
        out += chunk
    return bytes(out)


def reap(pid: int, master: int) -> str:
    """Ask the app to quit (ctrl+q), escalating to SIGTERM and SIGKILL; always reap it."""
    how = "ctrl+q"
    for action, grace in (("ctrl+q", 5.0), ("SIGTERM", 3.0), ("SIGKILL", 3.0)):
        try:
            if action == "ctrl+q":
                os.write(master, b"\x11")
            else:
                os.kill(pid, getattr(signal, action))
        except OSError:
            pass
        how = action
        end = time.perf_counter() + grace
        while time.perf_counter() < end:
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                os.close(master)
                return how
            drain(master, 0.05)  # keep the pty drained so the child never blocks writing
    os.waitpid(pid, 0)
    os.close(master)
    return how


def measure(argv: list[str], env: dict[str, str], marker: str, timeout: float) -> Run:
    start = time.perf_counter()
    pid, master = spawn(argv, env)
    raw = bytearray()
    first_byte = None
    found = None
    cpu = 0.0
    try:
        while found is None:
            left = start + timeout - time.perf_counter()
            if left <= 0:
                break
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            now = time.perf_counter()
            if not chunk:
                break
            if first_byte is None:
                first_byte = now
            seen = len(raw)
            raw += chunk
            window = raw[max(0, seen - OVERLAP) :]
            if marker in strip_ansi(bytes(window)):
                found = now
                cpu = cpu_seconds(pid)
    finally:
        exit_how = reap(pid, master)
    if found is None:
        tail = strip_ansi(bytes(raw))[-600:]
        raise RuntimeError(
            f"{shlex.join(argv)}: marker {marker!r} not seen within {timeout:.0f}s; "
            f"last output (stripped): {tail!r}"
        )
    assert first_byte is not None
    return Run(found - start, first_byte - start, len(raw), exit_how, cpu)


def child_env(data_dir: str, config_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        COLUMNS=str(COLUMNS),
        LINES=str(ROWS),
        PRACTICE_TUI_DATA_DIR=data_dir,
        PRACTICE_TUI_CONFIG_DIR=config_dir,
        # The course cache is filled by the warm-up run, as by a participant's first start.
        PRACTICE_TUI_CACHE_DIR=os.path.join(os.path.dirname(config_dir), "cache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # use (and keep) .pyc files, as an install would
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs of each (default 15)")
    parser.add_argument("--target", type=float, default=1.25, help="max ratio of medians (1.25)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a marker")
    parser.add_argument("--app-cmd", help="command for practice-tui (default: beside python)")
    parser.add_argument("--output", type=Path, default=RESULTS / "startup.json")
    args = parser.parse_args()

    app_argv = resolve_app_cmd(args.app_cmd, "startup.py")
    bare_argv = [sys.executable, str(HERE / "bare_app.py")]
    contenders = {
        "bare": (bare_argv, BARE_MARKER),
        "practice-tui": (app_argv, APP_MARKER),
    }
    runs: dict[str, list[Run]] = {name: [] for name in contenders}

    with tempfile.TemporaryDirectory(prefix="practice-tui-bench-") as tmp:
        env = child_env(os.path.join(tmp, "data"), os.path.join(tmp, "config"))
        print(f"startup: {args.runs} runs each, alternating, after one warm-up each")
        print(f"  bare:         {shlex.join(bare_argv)}")
        print(f"  practice-tui: {shlex.join(app_argv)}")
        try:
            for argv, marker in contenders.values():  # warm-up, not recorded
                measure(argv, env, marker, args.timeout)
            for i in range(args.runs):
                for name, (argv, marker) in contenders.items():
                    run = measure(argv, env, marker, args.timeout)
                    runs[name].append(run)
                print(
                    f"  run {i + 1:>2}: bare {runs['bare'][-1].marker_s * 1000:7.1f} ms   "
                    f"practice-tui {runs['practice-tui'][-1].marker_s * 1000:7.1f} ms",
                    flush=True,
                )
        except RuntimeError as error:
            print(f"startup.py: FAILED: {error}", file=sys.stderr)
            return 2

    def summary(name: str) -> dict[str, Any]:
        marks = [r.marker_s for r in runs[name]]
        firsts = [r.first_byte_s for r in runs[name]]
        cpus = [r.cpu_s for r in runs[name]]
        return {
            "cpu_median_s": statistics.median(cpus),
            "median_s": statistics.median(marks),
            "min_s": min(marks),
            "max_s": max(marks),
            "stdev_s": statistics.stdev(marks) if len(marks) > 1 else 0.0,
            "first_byte_median_s": statistics.median(firsts),
            "bytes_median": statistics.median(r.bytes_read for r in runs[name]),
            "exits": sorted({r.exit_how for r in runs[name]}),
            "runs_s": marks,
            "first_byte_runs_s": firsts,
        }

    results = {name: summary(name) for name in contenders}
    bare, app = results["bare"], results["practice-tui"]
    ratio = app["median_s"] / bare["median_s"]
    ratio_min = app["min_s"] / bare["min_s"]
    ratio_cpu = app["cpu_median_s"] / bare["cpu_median_s"]
    ok = ratio <= args.target

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:8.1f}"

    print()
    print(
        f"{'':14} {'median ms':>10} {'min ms':>10} {'max ms':>10} {'1st byte ms':>12} {'CPU ms':>8}"
    )
    for name, r in results.items():
        print(
            f"{name:14} {ms(r['median_s']):>10} {ms(r['min_s']):>10} {ms(r['max_s']):>10} "
            f"{ms(r['first_byte_median_s']):>12} {ms(r['cpu_median_s']):>8}"
        )
    print()
    print(f"ratio of medians (practice-tui / bare): {ratio:.2f}   (of minimums: {ratio_min:.2f})")
    print(f"ratio of CPU time to the marker (medians): {ratio_cpu:.2f}   (steadier under load)")
    print(f"extra over bare (medians): {(app['median_s'] - bare['median_s']) * 1000:.0f} ms")
    verdict = "met" if ok else "MISSED"
    print(f"target: ratio <= {args.target}  ->  {verdict}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "benchmark": "startup",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "terminal": {"columns": COLUMNS, "rows": ROWS, "term": "xterm-256color"},
        "commands": {"bare": bare_argv, "practice-tui": app_argv},
        "markers": {"bare": BARE_MARKER, "practice-tui": APP_MARKER},
        "runs": args.runs,
        "results": results,
        "ratio_of_medians": ratio,
        "ratio_of_minimums": ratio_min,
        "ratio_of_cpu_medians": ratio_cpu,
        "target_ratio": args.target,
        "target_met": ok,
    }
    args.output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    if not ok:
        print(f"startup.py: target missed: ratio {ratio:.2f} > {args.target}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
