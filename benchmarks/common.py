"""Helpers shared by the benchmark scripts: finding the app, and describing the machine."""

from __future__ import annotations

import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def textual_version() -> str:
    try:
        from importlib.metadata import version

        return version("textual")
    except Exception:
        return "unknown"


def resolve_app_cmd(cmd: str | None, script: str) -> list[str]:
    """The practice-tui command to measure: ``--app-cmd``, else the one beside this Python."""
    if cmd:
        argv = shlex.split(cmd)
    else:
        beside = Path(sys.executable).parent / "practice-tui"
        argv = [str(beside)] if beside.exists() else ["practice-tui"]
    found = shutil.which(argv[0])
    if found is None:
        sys.exit(f"{script}: cannot find {argv[0]!r}; pass --app-cmd or run with the venv python")
    return [found, *argv[1:]]


@dataclass(frozen=True)
class Finished:
    """One finished run of a command: wall and CPU time, peak memory, exit status, stderr."""

    wall_ms: float
    cpu_ms: float
    max_mb: float
    status: int
    errors: str


def run_once(argv: list[str], env: dict[str, str]) -> Finished:
    """Run ``argv`` to its end, its output read by no one; time from start to exit."""
    began = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - began) * 1000
    errors = ""
    if process.stderr is not None:
        errors = process.stderr.read().decode(errors="replace")
        process.stderr.close()
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return Finished(wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), errors)


def in_scratch(script: str, report: Callable[[Path], int]) -> int:
    """``report(folder)`` in a temporary folder; exit status 2 when the measurement fails."""
    try:
        with tempfile.TemporaryDirectory(prefix=f"{script}-") as scratch:
            return report(Path(scratch))
    except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
        print(f"{script}: the measurement failed: {error}", file=sys.stderr)
        return 2


def machine() -> dict[str, object]:
    """What the figures were measured on, for the JSON record."""
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "textual": textual_version(),
    }


def save_result(name: str, record: dict[str, object]) -> Path:
    """Write ``results/NAME.json``, stamped with when and on what it was measured."""
    import json
    import time

    RESULTS.mkdir(exist_ok=True)
    stamped = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine(), **record}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(stamped, indent=2) + "\n")
    return path
