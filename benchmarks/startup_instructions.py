"""Start-up as instructions counted: practice-tui to its first frame, against the bare app.

``startup.py`` times the two apps on the wall clock, which is the figure a person feels but is
easily disturbed by whatever else the machine is doing. This script counts the instructions
each app executes from process start to its first frame, under valgrind's callgrind tool:
the count hardly moves with the machine's load (a fraction of a percent between runs, from
hash randomisation), so a change of a few percent in start-up work shows reliably, and two
versions can be compared on a busy machine.

Each app runs on its own pseudo-terminal (100x30, as in ``startup.py``) and exits at once
after its first frame: the bare app from a ``call_after_refresh`` in its ``on_mount``,
practice-tui from the callback it already runs after its first frame (the one that turns
garbage collection back on). A warm-up run of each fills the byte-code and course caches.

Usage:
    python benchmarks/startup_instructions.py [--runs 2] [--pythonpath SRC]

``--pythonpath`` measures another copy of practice-tui's source (e.g. ``git archive``d), with
the Python that runs this script. Needs valgrind (Debian: ``apt install valgrind``); prints
the instructions of each run, the medians and their ratio. Exit status 0 always when the
measurement worked (this figure is a guide, the target is on time), 2 when it failed.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import HERE, save_result

COLUMNS, ROWS = 100, 30

BARE_DRIVER = f"""
import os, sys
sys.path.insert(0, {str(HERE)!r})
from bare_app import BareApp

class FirstFrameOnly(BareApp):
    def on_mount(self) -> None:
        self.call_after_refresh(lambda: os._exit(0))

FirstFrameOnly().run()
"""

APP_DRIVER = """
import os, sys
sys.argv = ["practice-tui"]
import practice_tui.cli.opening as opening
opening._resume_gc = lambda: os._exit(0)  # the app calls it once its first frame is drawn
from practice_tui.cli.launch import main
main()
"""


def run_counted(driver: str, env: dict[str, str], out_dir: Path, name: str) -> int:
    """Run ``driver`` under callgrind on a pseudo-terminal; the instructions it executed."""
    out_file = out_dir / f"{name}.callgrind"
    log_file = out_dir / f"{name}.log"
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out_file}",
        f"--log-file={log_file}",
        sys.executable,
        "-c",
        driver,
    ]
    # `script` gives the child a terminal of its own, so Textual draws as in a real one.
    inner = f"stty cols {COLUMNS} rows {ROWS}; {shlex.join(command)}"
    subprocess.run(
        ["script", "-qec", inner, "/dev/null"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    match = re.search(r"Collected : (\d+)", log_file.read_text(errors="replace"))
    if match is None:
        raise RuntimeError(f"{name}: callgrind reported nothing; see {log_file}")
    return int(match.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2, help="counted runs of each (default 2)")
    parser.add_argument("--pythonpath", help="practice-tui's source folder to measure instead")
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("script") is None:
        print("startup_instructions.py: needs valgrind and script (util-linux)", file=sys.stderr)
        return 2

    counts: dict[str, list[int]] = {"bare": [], "practice-tui": []}
    with tempfile.TemporaryDirectory(prefix="practice-tui-ir-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env.update(
            TERM="xterm-256color",
            COLORTERM="truecolor",
            PRACTICE_TUI_DATA_DIR=os.path.join(tmp, "data"),
            PRACTICE_TUI_CONFIG_DIR=os.path.join(tmp, "config"),
            PRACTICE_TUI_CACHE_DIR=os.path.join(tmp, "cache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if args.pythonpath:
            env["PYTHONPATH"] = args.pythonpath
        drivers = {"bare": BARE_DRIVER, "practice-tui": APP_DRIVER}
        try:
            for name, driver in drivers.items():  # warm-up: byte-code and course caches
                run_counted(driver, env, Path(tmp), f"{name}-warm")
            for i in range(args.runs):
                for name, driver in drivers.items():
                    counts[name].append(run_counted(driver, env, Path(tmp), f"{name}-{i}"))
                print(
                    f"  run {i + 1}: bare {counts['bare'][-1]:,}   "
                    f"practice-tui {counts['practice-tui'][-1]:,}",
                    flush=True,
                )
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            print(f"startup_instructions.py: FAILED: {error}", file=sys.stderr)
            return 2

    bare = statistics.median(counts["bare"])
    app = statistics.median(counts["practice-tui"])
    ratio = app / bare
    print(f"\ninstructions to the first frame (medians): bare {bare:,.0f}, practice-tui {app:,.0f}")
    print(f"ratio (practice-tui / bare): {ratio:.3f}")
    written = save_result(
        "startup_instructions",
        {
            "benchmark": "startup_instructions",
            "pythonpath": args.pythonpath,
            "runs": counts,
            "median": {"bare": bare, "practice-tui": app},
            "ratio": ratio,
        },
    )
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
