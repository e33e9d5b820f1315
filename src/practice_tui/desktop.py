"""The desktop around the terminal: showing a folder in the file manager.

Only where there is a desktop to show it on: over SSH or on a console, a file manager
"opener" might start a text browser in this very terminal, over the app's screen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def has_desktop() -> bool:
    """Whether a file manager can be shown: macOS and Windows always; elsewhere only with
    a graphical display."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def show_folder(folder: Path) -> bool:
    """Open ``folder`` in the file manager, never waiting for it and never letting it write
    to the terminal; False if it could not be started."""
    if sys.platform == "darwin":
        command = ["open", str(folder)]
    elif sys.platform == "win32":
        command = ["explorer", str(folder)]
    else:
        command = ["xdg-open", str(folder)]
    try:
        subprocess.Popen(  # a fixed program, the folder as one argument
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True
