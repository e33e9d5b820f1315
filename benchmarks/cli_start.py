"""Command-line start: every command but the app, against ``python -c "import sqlite3, click"``.

A command that only reads a little should cost little more than starting Python with the two
libraries the command line cannot do without. Each command below runs in its own process on
two data folders: an empty one (no journal yet) and one holding a small journal (a few
entries from ``make_journal.py``). The folders are found as on a real desk, through
``XDG_DATA_HOME`` (and ``XDG_CONFIG_HOME``, ``XDG_CACHE_HOME``) pointing into a temporary
folder, not through practice-tui's own ``PRACTICE_TUI_*`` overrides. Before each run of a
command, the baseline runs once, so the two are measured side by side, alternately, ``--runs``
times after one unrecorded warm-up of each; the figure is the ratio of their median wall times
(process start to exit), with the median CPU time (user + system, from ``os.wait4``) beside it.

    --help, --version, practices, validate FILE, doctor --no-sound, journal list,
    journal search WORD, journal show ID, stats, today, backups, export --format json -o -,
    import --dry-run FILE

With ``--instructions``, each command and the baseline run once more under valgrind's
callgrind tool, which counts the instructions executed from start to exit: that count hardly
moves with the machine's load, so the ratio of counts is a steady companion to the ratio of
times on a busy machine (it is printed beside it; the verdict stays with the times).

Usage:
    python benchmarks/cli_start.py [--runs 11] [--app-cmd "practice-tui"] [--target 1.5]
        [--only WORD ...] [--instructions]

Exit status: 0 when every command is within the target, 1 when one is not (the script says
which), 2 when a run failed (a traceback, or an exit status other than the one expected).
Stdlib only, plus practice-tui itself to write the small journal.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import HERE, in_scratch, resolve_app_cmd, run_once, save_result

sys.path.insert(0, str(HERE))

import make_journal

TARGET = 1.5
SMALL_ENTRIES = 5
#: A word the small journal holds, and one of the course's own script files.
WORD = make_journal.COMMON_WORD
BASELINE = "import sqlite3, click"


@dataclass(frozen=True)
class Command:
    name: str
    argv: tuple[str, ...]
    #: The exit status expected on an empty data folder (``journal show`` finds nothing there).
    empty_status: int = 0


@dataclass
class Sample:
    wall_ms: float
    cpu_ms: float
    status: int


def commands(script_file: Path, entry_id: str, import_file: Path) -> list[Command]:
    return [
        Command("--help", ("--help",)),
        Command("--version", ("--version",)),
        Command("practices", ("practices",)),
        Command("validate FILE", ("validate", str(script_file))),
        Command("doctor --no-sound", ("doctor", "--no-sound")),
        Command("journal list", ("journal", "list")),
        Command("journal search WORD", ("journal", "search", WORD)),
        Command("journal show ID", ("journal", "show", entry_id), empty_status=1),
        Command("stats", ("stats",)),
        Command("today", ("today",)),
        Command("backups", ("backups",)),
        Command("export --format json -o -", ("export", "--format", "json", "-o", "-")),
        Command("import --dry-run FILE", ("import", "--dry-run", str(import_file))),
    ]


def run(argv: list[str], env: dict[str, str]) -> Sample:
    """One run of ``argv``: wall and CPU time, and its exit status; its output is dropped."""
    done = run_once(argv, env)
    if "Traceback" in done.errors:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.errors}")
    return Sample(done.wall_ms, done.cpu_ms, done.status)


def empty_folder(path: Path) -> Path:
    """``path`` as an empty folder again (a command that reads must leave nothing behind)."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(mode=0o700)
    return path


def home(scratch: Path, name: str, base: dict[str, str]) -> tuple[dict[str, str], Path]:
    """The environment of a person whose files live under ``scratch/name``, and their data
    folder (found the usual way, through ``XDG_DATA_HOME``, as on a real desk)."""
    env = base | {"XDG_DATA_HOME": str(scratch / name / "data")}
    return env, scratch / name / "data" / "practice-tui"


def small_journal(folder: Path, app: list[str], env: dict[str, str]) -> tuple[str, Path]:
    """A data folder with a few entries; returns the newest entry's id and a JSON export."""
    folder.mkdir(mode=0o700, parents=True)
    make_journal.write_journal(folder / "journal.sqlite3", SMALL_ENTRIES, years=1)
    exported = folder.parent / "small-export.json"
    subprocess.run([*app, "export", "--format", "json", "-o", str(exported)], env=env, check=True)
    listed = subprocess.run(
        [*app, "journal", "list", "--limit", "1"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return listed.stdout.split()[0], exported


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions ``argv`` executes from start to exit, counted by callgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind counted nothing for {' '.join(argv)}:\n{done.stderr}")
    return int(found.group(1))


def measure(
    command: Command,
    app: list[str],
    baseline: list[str],
    env: dict[str, str],
    runs: int,
    reset: Path | None,
    count: bool = False,
) -> dict[str, Any]:
    """The command and the baseline, alternately; ``reset`` is emptied before every run."""
    expected = command.empty_status if reset is not None else 0
    argv = [*app, *command.argv]
    mine: list[Sample] = []
    theirs: list[Sample] = []
    for index in range(runs + 1):
        other = run(baseline, env)
        if reset is not None:
            empty_folder(reset)
        sample = run(argv, env)
        if sample.status != expected:
            raise RuntimeError(f"{' '.join(argv)} exited {sample.status}, not {expected}")
        if index:  # the first of each is a warm-up
            theirs.append(other)
            mine.append(sample)
    ours_ms = statistics.median(s.wall_ms for s in mine)
    base_ms = statistics.median(s.wall_ms for s in theirs)
    ours_cpu = statistics.median(s.cpu_ms for s in mine)
    base_cpu = statistics.median(s.cpu_ms for s in theirs)
    counted: dict[str, Any] = {}
    if count:
        base_ir = instructions(baseline, env)
        if reset is not None:
            empty_folder(reset)
        ours_ir = instructions(argv, env)
        counted = {"ours_ir": ours_ir, "baseline_ir": base_ir, "ir_ratio": ours_ir / base_ir}
    return counted | {
        "ours_ms": ours_ms,
        "baseline_ms": base_ms,
        "ratio": ours_ms / base_ms,
        "ours_cpu_ms": ours_cpu,
        "baseline_cpu_ms": base_cpu,
        "cpu_ratio": ours_cpu / base_cpu,
        "ours_all_ms": [round(s.wall_ms, 2) for s in mine],
        "baseline_all_ms": [round(s.wall_ms, 2) for s in theirs],
    }


def _bracketed(ratio: float) -> str:
    return f"{'[' + format(ratio, '.2f') + ']':>7}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs of each command")
    parser.add_argument("--app-cmd", help="the practice-tui command (default: beside python)")
    parser.add_argument("--target", type=float, default=TARGET)
    parser.add_argument(
        "--only", nargs="*", help="measure only the commands whose names hold one of these words"
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions under callgrind (steady on a busy machine)",
    )
    args = parser.parse_args()
    return in_scratch("cli_start", lambda scratch: report(args, scratch))


def report(args: argparse.Namespace, scratch: Path) -> int:
    app = resolve_app_cmd(args.app_cmd, "cli_start.py")
    baseline = [sys.executable, "-c", BASELINE]
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PRACTICE_TUI_", "XDG_"))}
    base.pop("PYTHONDONTWRITEBYTECODE", None)  # use (and keep) .pyc files, as an install would
    base |= {
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "XDG_CACHE_HOME": str(scratch / "cache"),
        "COLUMNS": "100",
    }
    small_env, small_folder = home(scratch, "small", base)
    entry_id, exported = small_journal(small_folder, app, small_env)
    script_file = next((Path(make_journal.__file__).parents[1] / "src").rglob("week-1*.toml"))
    empty_env, empty_data = home(scratch, "empty", base)
    empty_data.mkdir(parents=True)
    folders: dict[str, tuple[dict[str, str], Path | None]] = {
        "empty": (empty_env, empty_data),
        "small": (small_env, None),
    }
    chosen = [
        c
        for c in commands(script_file, entry_id, exported)
        if not args.only or any(w in c.name for w in args.only)
    ]
    print(
        f"\nbaseline: python -c {BASELINE!r}; medians of {args.runs} runs; ms of wall time, "
        "the ratio, and (in brackets) the ratio of CPU times\n"
    )
    ir_head = f"{'[ir]':>7}" if args.instructions else ""
    heads = "".join(f"{label:>9}{'base':>8}{'ratio':>7}{'(cpu)':>7}{ir_head}" for label in folders)
    print(f"{'command':<28}{heads}")
    rows = []
    for command in chosen:
        row: dict[str, Any] = {"name": command.name, "argv": list(command.argv)}
        for label, (env, reset) in folders.items():
            row[label] = measure(
                command, app, baseline, env, args.runs, reset, count=args.instructions
            )
        rows.append(row)
        print(
            f"{command.name:<28}"
            + "".join(
                f"{row[k]['ours_ms']:>9.1f}{row[k]['baseline_ms']:>8.1f}{row[k]['ratio']:>7.2f}"
                f"{'(' + format(row[k]['cpu_ratio'], '.2f') + ')':>7}"
                + (_bracketed(row[k]["ir_ratio"]) if args.instructions else "")
                for k in folders
            )
        )
    missed = [
        f"{row['name']} ({label})"
        for row in rows
        for label in folders
        if row[label]["ratio"] > args.target
    ]
    print()
    if missed:
        print(f"MISSED: over {args.target}× the baseline: {', '.join(missed)}")
    else:
        print(f"met: every command within {args.target}× the baseline")
    save_result(
        "cli_start",
        {"runs": args.runs, "baseline": BASELINE, "target": args.target, "rows": rows},
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
