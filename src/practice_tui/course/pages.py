"""The app's two pages of plain words, kept as Markdown beside the scripts: help, and support.

Support is its own page (one key opens it from anywhere, and every week card prints it), and
help ends with it, so the numbers to call are written once.
"""

from __future__ import annotations

from practice_tui.paths import scripts_dir

#: The key that opens support from any screen (F2 as well, where a text box takes letters).
SUPPORT_KEY = "h"
#: Said at the start of a practice that turns towards something hard (and kept in view).
SUPPORT_NOTE = (
    f"Support is here if you need it: press {SUPPORT_KEY} at any moment, and the practice waits."
)


def support_text() -> str:
    """Where to find support in each of the four UK nations, at work and in an emergency."""
    return (scripts_dir() / "support.md").read_text(encoding="utf-8")


def help_text() -> str:
    """The help page: the keys and what to do if a practice stirs things up, then support."""
    own = (scripts_dir() / "help.md").read_text(encoding="utf-8")
    return f"{own.rstrip()}\n\n{support_text()}"
