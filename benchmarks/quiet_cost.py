"""Quiet cost: CPU used by practice-tui during a practice, against a bare Textual clock app.

Both apps run at the same time in real terminals: each in its own detached tmux server
(100x30, its own socket, so we can kill exactly what we started and see each terminal's own
cost). practice-tui runs ``practice-tui play breathing-space --minutes 3``; once the practice
screen shows, Enter begins it; the bare app is ``benchmarks/bare_clock_app.py`` (a Static
redrawn once a second by ``set_interval``). After a settle of a few seconds, utime+stime of
each app process is read from /proc/PID/stat, again after ``--seconds`` (60), and

    CPU % of one core = (CPU seconds used) / (wall seconds) * 100

Alongside: context switches (wake-ups) per second summed over the app's threads, per-thread
CPU, bytes written to the terminal per second (tmux pipe-pane), and the CPU of each tmux
server drawing that output. At the end the screen is captured to confirm the practice was
still running ("Phase" shown).

Usage:
    python benchmarks/quiet_cost.py [--seconds 60] [--settle 3] [--target-percent 0.5]

Exit status: 0 when practice-tui is within the target, 1 when it is missed, 2 when the run
could not be made (an app did not show, or the practice was no longer running at the end).
Stdlib only; needs tmux and Linux /proc.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from common import HERE, RESULTS, machine, resolve_app_cmd

COLUMNS, ROWS = 100, 30
TICK = os.sysconf("SC_CLK_TCK")


# ----------------------------------------------------------------------------- /proc readers


def _stat_fields(path: str) -> tuple[str, list[str]]:
    """(comm, fields after comm) of a /proc stat file; comm may hold spaces and parens."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    left, right = text.index("("), text.rindex(")")
    return text[left + 1 : right], text[right + 2 :].split()


def cpu_seconds(pid: int) -> float:
    """utime + stime of the whole process (all its threads, living and ended)."""
    _, rest = _stat_fields(f"/proc/{pid}/stat")
    return (int(rest[11]) + int(rest[12])) / TICK


def threads(pid: int) -> dict[int, tuple[str, float, int]]:
    """Per thread: (name, CPU seconds, voluntary + involuntary context switches)."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            comm, rest = _stat_fields(f"/proc/{pid}/task/{tid}/stat")
            switches = 0
            with open(f"/proc/{pid}/task/{tid}/status", encoding="utf-8") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        switches += int(line.split()[1])
            out[int(tid)] = (comm, (int(rest[11]) + int(rest[12])) / TICK, switches)
        except (FileNotFoundError, ProcessLookupError):
            continue  # the thread ended while we looked
    return out


def run_ns(pid: int) -> int:
    """Nanoseconds on a CPU, summed over the living threads (/proc/PID/task/TID/schedstat).

    Far finer than the clock ticks of /proc/PID/stat, but blind to threads that ended."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat", encoding="utf-8") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
    return total


def comm(pid: int) -> str:
    return _stat_fields(f"/proc/{pid}/stat")[0]


@dataclass
class Sample:
    wall: float
    cpu: float
    run_ns: int
    threads: dict[int, tuple[str, float, int]]
    tmux_cpu: float
    piped_bytes: int


# --------------------------------------------------------------------------------- tmux


@dataclass
class Contender:
    name: str
    command: list[str]
    ready_text: str  # shown once the app is up
    running_text: str  # shown while in the state being measured
    begin_keys: list[str] = field(default_factory=list)  # sent once ready_text shows
    socket: str = ""
    socket_path: str = ""
    pid: int = 0
    tmux_pid: int = 0
    pipe_file: Path = Path()
    before: Sample | None = None
    after: Sample | None = None
    final_screen: str = ""
    sound_off_seen: bool = False

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> str:
        text = self.tmux("capture-pane", "-p", "-t", self.name, check=False)
        self.sound_off_seen |= "Sound is off" in text
        return text

    def sample(self) -> Sample:
        try:
            size = self.pipe_file.stat().st_size
        except FileNotFoundError:
            size = 0
        return Sample(
            wall=time.monotonic(),
            cpu=cpu_seconds(self.pid),
            run_ns=run_ns(self.pid),
            threads=threads(self.pid),
            tmux_cpu=cpu_seconds(self.tmux_pid),
            piped_bytes=size,
        )


def wait_for(contender: Contender, text: str, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text in contender.screen():
            return
        if not os.path.exists(f"/proc/{contender.pid}"):
            break
        time.sleep(0.1)
    raise RuntimeError(
        f"{contender.name}: {text!r} did not show within {timeout:.0f}s; screen:\n"
        + contender.screen()
    )


def start(contender: Contender, env: dict[str, str], workdir: Path) -> None:
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # exec: the pane's process IS the app, so #{pane_pid} is the pid to measure.
    shell_cmd = f"exec env {exports} {shlex.join(contender.command)}"
    contender.tmux(
        "new-session", "-d", "-s", contender.name, "-x", str(COLUMNS), "-y", str(ROWS), shell_cmd
    )
    server = contender.tmux("display-message", "-p", "#{pid} #{socket_path}").strip()
    pid_text, contender.socket_path = server.split(" ", 1)
    contender.tmux_pid = int(pid_text)
    contender.pid = int(
        contender.tmux("list-panes", "-t", contender.name, "-F", "#{pane_pid}").split()[0]
    )
    contender.pipe_file = workdir / f"{contender.name}.out"
    contender.tmux(
        "pipe-pane", "-o", "-t", contender.name, f"cat >> {shlex.quote(str(contender.pipe_file))}"
    )


def stop_all(contenders: list[Contender]) -> None:
    """Kill our own tmux servers (and so the apps in them); make sure the apps are gone."""
    for c in contenders:
        if c.socket:
            c.tmux("kill-server", check=False)
        if c.socket:  # tmux leaves its socket file behind
            default_dir = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
            Path(c.socket_path or default_dir / c.socket).unlink(missing_ok=True)
    deadline = time.monotonic() + 3
    for c in contenders:
        while c.pid and os.path.exists(f"/proc/{c.pid}") and time.monotonic() < deadline:
            try:
                if os.waitpid(c.pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:
                pass
            time.sleep(0.05)
        if c.pid and os.path.exists(f"/proc/{c.pid}"):
            with contextlib.suppress(ProcessLookupError):
                os.kill(c.pid, signal.SIGKILL)


# --------------------------------------------------------------------------------- report


def figures(c: Contender) -> dict[str, object]:
    assert c.before is not None and c.after is not None
    wall = c.after.wall - c.before.wall
    cpu = c.after.cpu - c.before.cpu
    per_thread = []
    for tid, (name, t_cpu, t_sw) in sorted(c.after.threads.items()):
        _, b_cpu, b_sw = c.before.threads.get(tid, (name, 0.0, 0))
        per_thread.append(
            {
                "tid": tid,
                # Python threads carry no OS name: the main thread runs the asyncio loop;
                # Textual's input thread is the one waking ~10 times a second (select, 0.1 s).
                "name": "main" if tid == c.pid else f"thread {tid}",
                "cpu_s": round(t_cpu - b_cpu, 3),
                "switches_per_s": round((t_sw - b_sw) / wall, 2),
                "new": tid not in c.before.threads,
            }
        )
    gone = [
        {"tid": tid, "name": name}
        for tid, (name, _, _) in c.before.threads.items()
        if tid not in c.after.threads
    ]
    switches = sum(t["switches_per_s"] for t in per_thread)
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "cpu_percent_of_core": 100 * cpu / wall,
        "cpu_percent_schedstat": 100 * (c.after.run_ns - c.before.run_ns) / 1e9 / wall,
        "wakeups_per_s": round(switches, 2),
        "threads": per_thread,
        "threads_ended": gone,
        "terminal_bytes_per_s": round((c.after.piped_bytes - c.before.piped_bytes) / wall, 1),
        "tmux_server_cpu_percent": 100 * (c.after.tmux_cpu - c.before.tmux_cpu) / wall,
    }


#: practice-tui with miniaudio's null device as its only sound device (see --null-device).
NULL_DEVICE_DRIVER = """
import sys
import miniaudio
import practice_tui.sound.miniaudio_backend as backend
backend.default_backends = lambda: [miniaudio.Backend.NULL]
from practice_tui.cli.launch import main
sys.argv = ["practice-tui", *sys.argv[1:]]
main()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="measured stretch (60)")
    parser.add_argument("--settle", type=float, default=3.0, help="wait after Enter (3)")
    parser.add_argument("--minutes", type=int, default=3, help="practice length (3)")
    parser.add_argument("--practice", default="breathing-space")
    parser.add_argument("--target-percent", type=float, default=0.5, help="max CPU %% (0.5)")
    parser.add_argument("--app-cmd", help="command for practice-tui (default: beside python)")
    parser.add_argument(
        "--voice",
        action="store_true",
        help="speak the practice (espeak-ng or another engine must be installed); default: "
        "--no-voice, the words and bells alone",
    )
    parser.add_argument(
        "--null-device",
        action="store_true",
        help="play through miniaudio's null device, which asks for sound at a real device's "
        "pace and plays it to nobody, so bells and words cost what they cost on a desk "
        "(runs practice-tui from this Python)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "quiet_cost.json")
    args = parser.parse_args()

    if shutil.which("tmux") is None:
        sys.exit("quiet_cost.py: tmux is not installed")
    if args.settle + args.seconds > args.minutes * 60 - 10:
        sys.exit("quiet_cost.py: --seconds too long for the practice; raise --minutes")
    app_base = resolve_app_cmd(args.app_cmd, "quiet_cost.py")
    if args.null_device:
        # Not ALSA's "type null": miniaudio spins on it at a whole core. Its own null backend
        # keeps a real device's time.
        app_base = [sys.executable, "-c", NULL_DEVICE_DRIVER]

    tag = f"ptui-bench-{os.getpid()}"
    app = Contender(
        name="practice",
        command=[
            *app_base,
            "play",
            args.practice,
            "--minutes",
            str(args.minutes),
            "--voice" if args.voice else "--no-voice",
        ],
        ready_text="to begin",
        running_text="Phase",
        begin_keys=["Enter"],
        socket=f"{tag}-app",
    )
    bare = Contender(
        name="clock",
        command=[sys.executable, str(HERE / "bare_clock_app.py")],
        ready_text="BareClock",
        running_text="BareClock",
        socket=f"{tag}-bare",
    )
    contenders = [bare, app]

    # SIGTERM/SIGHUP should still clean up: turn them into an exception.
    def _bail(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, _bail)
    signal.signal(signal.SIGHUP, _bail)

    workdir = Path(tempfile.mkdtemp(prefix="practice-tui-quiet-"))
    env = {
        "TERM": "tmux-256color",
        "COLORTERM": "truecolor",
        "PRACTICE_TUI_DATA_DIR": str(workdir / "data"),
        "PRACTICE_TUI_CONFIG_DIR": str(workdir / "config"),
        "PRACTICE_TUI_CACHE_DIR": str(workdir / "cache"),
    }

    print(f"quiet_cost: {args.seconds:.0f}s measured, both apps at once in tmux {COLUMNS}x{ROWS}")
    try:
        for c in contenders:
            start(c, env, workdir)
        for c in contenders:
            wait_for(c, c.ready_text, 30)
            print(f"  {c.name:9} pid {c.pid} ({comm(c.pid)}): {shlex.join(c.command)}")
            for key in c.begin_keys:
                c.tmux("send-keys", "-t", c.name, key)
            wait_for(c, c.running_text, 30)  # after the time to settle (10 s by default)
        print(f"  practice begun; settling {args.settle:.0f}s, then measuring {args.seconds:.0f}s")
        time.sleep(args.settle)
        for c in contenders:
            c.before = c.sample()
        time.sleep(args.seconds)
        for c in contenders:
            c.after = c.sample()
            c.final_screen = c.screen()
    except (RuntimeError, KeyboardInterrupt) as error:
        print(f"quiet_cost.py: FAILED: {error}", file=sys.stderr)
        return 2
    finally:
        stop_all(contenders)
        shutil.rmtree(workdir, ignore_errors=True)

    results = {c.name: figures(c) for c in contenders}
    still_running = app.running_text in app.final_screen
    phase_line = next(
        (line.strip() for line in app.final_screen.splitlines() if "Phase" in line), ""
    )
    sound_off = app.sound_off_seen
    a, b = results["practice"], results["clock"]
    ratio = a["cpu_percent_of_core"] / b["cpu_percent_of_core"] if b["cpu_s"] else float("inf")
    ratio_precise = a["cpu_percent_schedstat"] / b["cpu_percent_schedstat"]
    ok = a["cpu_percent_of_core"] <= args.target_percent

    print()
    header = (
        f"{'':14} {'CPU % core':>10} {'(schedstat)':>11} {'CPU s':>7} {'wall s':>7} "
        f"{'wakeups/s':>10} {'term B/s':>9} {'tmux %':>7}"
    )
    print(header)
    for label, r in (("practice-tui", a), ("bare clock", b)):
        print(
            f"{label:14} {r['cpu_percent_of_core']:10.3f} {r['cpu_percent_schedstat']:11.3f} "
            f"{r['cpu_s']:7.2f} {r['wall_s']:7.1f} "
            f"{r['wakeups_per_s']:10.1f} {r['terminal_bytes_per_s']:9.0f} "
            f"{r['tmux_server_cpu_percent']:7.3f}"
        )
    print()
    for label, r in (("practice-tui", a), ("bare clock", b)):
        busy = sorted(r["threads"], key=lambda t: -t["cpu_s"])
        parts = ", ".join(
            f"{t['name']} {t['cpu_s']:.2f}s/{t['switches_per_s']:.1f}sw/s" for t in busy
        )
        print(f"  threads of {label}: {parts}")
        if r["threads_ended"]:
            print(f"    ended during the window: {r['threads_ended']}")
    print()
    print(f"ratio (practice-tui / bare clock): {ratio:.1f}x  (schedstat: {ratio_precise:.1f}x)")
    print(
        f"practice still running at the end: {'yes' if still_running else 'NO'} "
        f"({phase_line or 'no Phase line'})"
    )
    if sound_off:
        print("note: practice-tui showed 'Sound is off' (no sound device here), so no bells rang")
    verdict = "met" if ok else "MISSED"
    print(f"target: practice-tui <= {args.target_percent}% of a core  ->  {verdict}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "benchmark": "quiet_cost",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            **machine(),
            "tmux": subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip(),
        },
        "terminal": {"columns": COLUMNS, "rows": ROWS, "term": env["TERM"]},
        "voice": args.voice,
        "null_device": args.null_device,
        "commands": {"practice-tui": app.command, "bare clock": bare.command},
        "seconds": args.seconds,
        "settle_s": args.settle,
        "results": {"practice-tui": a, "bare clock": b},
        "ratio": ratio,
        "ratio_schedstat": ratio_precise,
        "practice_still_running": still_running,
        "phase_line": phase_line,
        "sound_off_notice": sound_off,
        "final_screen": app.final_screen,
        "target_percent": args.target_percent,
        "target_met": ok,
    }
    args.output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    if not still_running:
        print("quiet_cost.py: the practice was not running at the end", file=sys.stderr)
        return 2
    if not ok:
        print(
            f"quiet_cost.py: target missed: practice-tui used "
            f"{a['cpu_percent_of_core']:.2f}% > {args.target_percent}% of a core",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
