"""Helpers shared by the benchmark scripts: finding the app, and describing the machine."""

from __future__ import annotations

import os
import platform
import shlex
import shutil
import sys
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
