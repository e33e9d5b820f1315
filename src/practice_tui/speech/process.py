"""The one way this package starts a program: no shell, a timeout, no terminal.

Every standard stream is redirected (never inherited), and on POSIX the program starts in a
session of its own, so it has no controlling terminal and cannot draw over the screen even by
opening ``/dev/tty``. On Windows no console window flashes up.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from practice_tui.speech.base import SpeechError

if TYPE_CHECKING:
    import subprocess

__all__ = ["ProgramEngine", "quiet_options", "render_timeout", "run_quietly", "start_quietly"]

#: Seconds a program may take to start and load a voice, before the words' own share.
BASE_TIMEOUT_S = 30.0
#: Seconds allowed for each character of the words (well above any engine's pace).
TIMEOUT_PER_CHARACTER_S = 0.1


def render_timeout(text: str) -> float:
    """How long rendering ``text`` may take before the program is given up on."""
    return float(math.ceil(BASE_TIMEOUT_S + TIMEOUT_PER_CHARACTER_S * len(text)))


def quiet_options(env: Mapping[str, str] | None = None) -> dict[str, object]:
    """The ``subprocess`` options shared by every program we start (streams set by callers)."""
    options: dict[str, object] = {"shell": False, "close_fds": True}
    if env is not None:
        options["env"] = {**os.environ, **env}
    if sys.platform == "win32":
        import subprocess

        options["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        options["start_new_session"] = True
    return options


def _failure(what: str, detail: str) -> SpeechError:
    # Here, not at the top, as `subprocess` below: `doctor` and `voices` find the engines
    # through this module's classes, and need neither (~7 ms of a command's start).
    import logging

    logging.getLogger(__name__).info("%s: %s", what, detail)
    return SpeechError(f"{what}.")


def run_quietly(
    args: Sequence[str],
    *,
    what: str,
    input_text: str | None = None,
    timeout: float,
    env: Mapping[str, str] | None = None,
) -> str:
    """Run ``args`` to the end and return what it printed.

    Raises :class:`SpeechError` when the program cannot start, fails, or takes longer than
    ``timeout`` seconds: ``what`` is the sentence's start ("Piper could not speak the words"),
    and what the program printed goes to the log, never to the participant.
    """
    import subprocess

    try:
        done = subprocess.run(
            list(args),
            input=input_text,
            stdin=None if input_text is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
            **quiet_options(env),  # type: ignore[arg-type]
        )
    except subprocess.TimeoutExpired:
        raise _failure(f"{what} within {timeout:g} seconds", "timed out") from None
    except OSError as error:
        raise _failure(f"{what}: its program could not be started", str(error)) from None
    if done.returncode != 0:
        raise _failure(what, done.stderr.strip()[-500:] or f"exit status {done.returncode}")
    return done.stdout


def start_quietly(args: Sequence[str], *, what: str) -> subprocess.Popen[bytes]:
    """Start ``args`` without waiting for it, its streams going nowhere near the terminal."""
    import subprocess

    try:
        return subprocess.Popen(
            list(args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **quiet_options(),  # type: ignore[arg-type]
        )
    except OSError as error:
        raise _failure(f"{what}: its program could not be started", str(error)) from None


class ProgramEngine:
    """An engine that runs one program, found on this system at ``program``."""

    def __init__(self, program: str) -> None:
        self.program = program
