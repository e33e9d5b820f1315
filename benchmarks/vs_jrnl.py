"""practice-tui against jrnl 4.x on the same thirty years of journal, side by side.

The same generated entries (``make_journal.py``, 100,000 by default, whose answers average
``--answer-bytes`` 500 bytes) are kept twice: as
practice-tui's journal, and as a plain-text jrnl journal (no encryption) named by a jrnl
config in a temporary ``XDG_CONFIG_HOME``. jrnl runs from its own venv,
``benchmarks/.venv-jrnl`` (made here with ``jrnl>=4,<5`` from PyPI when missing). Each pair
of commands runs alternately, ``--runs`` times; the figures are medians, and the ratio is
practice-tui's over the other's:

- ``practice-tui journal search WORD --limit 5`` vs ``jrnl -contains WORD -n 5``
  (a rare word, one in a third of the entries, and one in most): target ≤ 1/25 of jrnl's time;
- ``practice-tui export --format json`` vs ``jrnl --export json`` (each with its standard
  output on ``/dev/null``): target ≤ 1/12;
- peak memory (``ru_maxrss`` of the finished process) of the searches: target ≤ 1/3.

The cost of starting each command at all is ``cli_start.py``'s.

Exit status 0 when every target is met, 1 when one is missed, 2 when the run failed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import HERE, in_scratch, resolve_app_cmd, run_once, save_result

sys.path.insert(0, str(HERE))

import make_journal

JRNL_VENV = HERE / ".venv-jrnl"
JRNL_REQUIREMENT = "jrnl>=4,<5"
TARGETS = {"search": 1 / 25, "export": 1 / 12, "search_memory": 1 / 3}
ANSWER_BYTES = 500


def jrnl_venv() -> tuple[Path, str]:
    """jrnl's command and version, installing it into its own venv on first use."""
    jrnl = JRNL_VENV / "bin" / "jrnl"
    python = JRNL_VENV / "bin" / "python"
    if not jrnl.exists():
        print(f"making {JRNL_VENV} with {JRNL_REQUIREMENT} …")
        subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", JRNL_REQUIREMENT]
        subprocess.run(pip, check=True)
    version = subprocess.run(
        [str(python), "-c", "import jrnl; print(jrnl.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return jrnl, version


def jrnl_text(folder: Path, entries: int, seed: int, answer_bytes: int | None) -> Path:
    """The same entries as a jrnl file, next to the journal and kept with it."""
    path = folder / "jrnl.txt"
    if not (folder / "jrnl-done").exists():
        began = time.perf_counter()
        count = make_journal.write_jrnl(path, entries, seed, answer_bytes=answer_bytes)
        print(f"wrote {count:,} jrnl entries in {time.perf_counter() - began:.1f} s: {path}")
        (folder / "jrnl-done").write_text("")
    return path


def journals(args: argparse.Namespace) -> tuple[Path, Path]:
    """The data folder and the jrnl file, made (once) by a child process.

    A process starts with its parent's peak memory as its own (``ru_maxrss`` keeps the
    high-water mark across fork and exec), so this one must stay small for the memory
    figures of the commands it runs to be theirs alone.
    """
    made = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import vs_jrnl, make_journal\n"
        "from pathlib import Path\n"
        f"folder = make_journal.cached_journal({args.entries}, {args.seed}, "
        f"Path({str(args.cache)!r}), {args.answer_bytes!r})\n"
        f"vs_jrnl.jrnl_text(folder, {args.entries}, {args.seed}, {args.answer_bytes!r})\n"
        "print(folder)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", made], stdout=subprocess.PIPE, text=True, check=True
    )
    *said, last = done.stdout.strip().splitlines()
    for line in said:  # what was made, if anything
        print(line)
    folder = Path(last)
    return folder, folder / "jrnl.txt"


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time (ms), peak resident memory (MB) and exit status of one run of ``argv``."""
    done = run_once(argv, env)
    if done.status != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.status}):\n{done.errors}")
    return done.wall_ms, done.max_mb, done.status


def compare(
    name: str,
    ours: tuple[list[str], dict[str, str]],
    theirs: tuple[list[str], dict[str, str]],
    runs: int,
) -> dict[str, Any]:
    """Both commands, alternately: one unrecorded warm-up each, then ``runs`` of each."""
    timed(*theirs)
    timed(*ours)
    mine: list[tuple[float, float, int]] = []
    other: list[tuple[float, float, int]] = []
    for _ in range(runs):
        other.append(timed(*theirs))
        mine.append(timed(*ours))
    row = {
        "name": name,
        "ours_ms": statistics.median(r[0] for r in mine),
        "theirs_ms": statistics.median(r[0] for r in other),
        "ours_mb": statistics.median(r[1] for r in mine),
        "theirs_mb": statistics.median(r[1] for r in other),
        "ours_all_ms": [r[0] for r in mine],
        "theirs_all_ms": [r[0] for r in other],
    }
    row["time_ratio"] = row["ours_ms"] / row["theirs_ms"]
    row["memory_ratio"] = row["ours_mb"] / row["theirs_mb"]
    print(
        f"{name:<44}{row['ours_ms']:>10.1f}{row['theirs_ms']:>11.1f}{row['time_ratio']:>8.3f}"
        f"{row['ours_mb']:>9.1f}{row['theirs_mb']:>9.1f}{row['memory_ratio']:>7.2f}"
    )
    return row


def export_json_supported(app: list[str], env: dict[str, str]) -> bool:
    helped = subprocess.run([*app, "export", "--help"], capture_output=True, text=True, env=env)
    return "json" in helped.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=make_journal.DEFAULT_ENTRIES)
    parser.add_argument("--seed", type=int, default=make_journal.DEFAULT_SEED)
    parser.add_argument(
        "--answer-bytes",
        type=int,
        default=ANSWER_BYTES,
        help=f"what an entry's answers average, in bytes (default {ANSWER_BYTES})",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command")
    parser.add_argument("--app-cmd", help="the practice-tui command (default: beside python)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "practice-tui-bench",
        help="where the generated journals are kept between runs",
    )
    args = parser.parse_args()
    return in_scratch("vs_jrnl", lambda scratch: report(args, scratch))


def report(args: argparse.Namespace, scratch: Path) -> int:
    app = resolve_app_cmd(args.app_cmd, "vs_jrnl.py")
    jrnl, jrnl_version = jrnl_venv()
    folder, text = journals(args)
    work = scratch
    (work / "xdg-config" / "jrnl").mkdir(parents=True)
    (work / "xdg-config" / "jrnl" / "jrnl.yaml").write_text(
        make_journal.jrnl_config(text, jrnl_version)
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PRACTICE_TUI_", "XDG_"))}
    base.pop("PYTHONDONTWRITEBYTECODE", None)  # use (and keep) .pyc files, as an install would
    base |= {"PRACTICE_TUI_CONFIG_DIR": str(work / "config"), "COLUMNS": "100"}
    base |= {"PRACTICE_TUI_CACHE_DIR": str(work / "cache")}
    ours = base | {"PRACTICE_TUI_DATA_DIR": str(folder)}
    theirs = base | {
        "XDG_CONFIG_HOME": str(work / "xdg-config"),
        "XDG_DATA_HOME": str(work / "xdg-data"),
    }
    print(
        f"\n{args.entries:,} entries, answers averaging {args.answer_bytes} bytes; "
        f"jrnl {jrnl_version}; medians of {args.runs} runs\n"
    )
    print(
        f"{'':<44}{'ours ms':>10}{'theirs ms':>11}{'ratio':>8}{'ours MB':>9}{'thrs MB':>9}"
        f"{'ratio':>7}"
    )
    rows = []
    for word in (make_journal.RARE_WORD, make_journal.THIRD_WORD, make_journal.COMMON_WORD):
        rows.append(
            compare(
                f"search {word!r}, 5 shown",
                ([*app, "journal", "search", word, "--limit", "5"], ours),
                ([str(jrnl), "-contains", word, "-n", "5"], theirs),
                args.runs,
            )
        )
    exported = None
    if export_json_supported(app, ours):
        exported = compare(
            "export, JSON, to stdout",
            ([*app, "export", "--format", "json"], ours),
            ([str(jrnl), "--export", "json"], theirs),
            args.runs,
        )
        rows.append(exported)
    else:
        print("export, JSON: practice-tui has no JSON export yet; not measured")

    searches = rows[:3]
    checks = {
        "search time ≤ 1/25 of jrnl's": all(r["time_ratio"] <= TARGETS["search"] for r in searches),
        "search peak memory ≤ 1/3 of jrnl's": all(
            r["memory_ratio"] <= TARGETS["search_memory"] for r in searches
        ),
    }
    if exported is not None:
        checks["JSON export ≤ 1/12 of jrnl's"] = exported["time_ratio"] <= TARGETS["export"]
    print()
    for name, met in checks.items():
        print(f"{'met   ' if met else 'MISSED'} {name}")
    record = {
        "jrnl": jrnl_version,
        "entries": args.entries,
        "answer_bytes": args.answer_bytes,
        "runs": args.runs,
        "rows": rows,
        "targets": TARGETS,
        "targets_met": checks,
    }
    save_result("vs_jrnl", record)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
