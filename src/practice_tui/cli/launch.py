"""The ``practice-tui`` console entry point.

Plain ``practice-tui`` is what people type every day, so it opens the app without loading
the command-line library; anything with arguments goes to :mod:`practice_tui.cli.commands`.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    """The ``practice-tui`` command."""
    if len(sys.argv) > 1:
        # A command's start builds tens of thousands of objects and frees almost none, so the
        # collector's passes over them are wasted (~5 ms, a tenth of a command's start). A
        # command ends soon after; the two that run on (the app, ``play --plain``) turn it
        # back on once started.
        gc.disable()
        # Here, not at the top: the plain ``practice-tui`` opens the app without loading click.
        from practice_tui.cli.commands import main as command_line

        command_line()
        return
    # Here, not at the top: a command with arguments never pays for what opening the app needs.
    from practice_tui.cli.opening import NoTerminal, open_app
    from practice_tui.cli.problems import describe_problem

    try:
        code = open_app()
    except NoTerminal as refused:
        sys.stderr.write(f"practice-tui: {refused}\n")
        code = refused.exit_code
    except Exception as error:
        message = describe_problem(error)
        if message is None:
            raise
        sys.stderr.write(f"practice-tui: {message}\n")
        code = 1
    sys.exit(code)
