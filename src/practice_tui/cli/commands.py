"""The command line: the ``practice-tui`` group, and every command added to it in one place.

Only the commands that open the app import Textual. Each command (or group of subcommands)
lives in a module of its own and imports what it shares from :mod:`practice_tui.cli.context`.

Exit codes: 0 done, 1 a problem explained in one sentence, 2 wrong usage.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import click

from practice_tui import __version__
from practice_tui.cli.context import quiet_stdout, run_app
from practice_tui.cli.output import output_checked, refuse_what_is_not_text, told_literally

#: Every command, by name, with the first paragraph of its help. ``--help`` lists the commands
#: from here, so a command's module (and what it imports) loads only when that command runs:
#: ``journal search`` never pays for ``doctor``. A test checks these lines against the commands.
SUMMARIES: dict[str, str] = {
    "play": "Open the app straight on a practice (handy for a shell alias).",
    "timer": "A plain meditation timer with interval bells.",
    "journal": "Your journal. With no command, open the app on the Journal screen.",
    "practices": "List the guided practices with their ids, weeks and lengths, then your own.",
    "show": "Print a practice's timed plan: each step's start time, phase and words.",
    "week": "Open the app on a week; with --print, write the week's one-page card.",
    "stats": "Minutes and sessions each week, home tasks ticked, and your streak.",
    "today": "One line for a shell prompt: the week, today's practice and your streak.",
    "export": "Write the journal as a reflection log (Markdown or HTML), or as JSON or CSV.",
    "import": "Bring in a practice-tui export or journal file, or a jrnl export.",
    "backups": "List the daily backups of the journal, with their dates and sizes.",
    "restore-backup": "Put a daily backup back in place of the journal (the newest, or DATE).",
    "doctor": (
        "Say which sound backend and device are in use and where your data lives; ring a bell."
    ),
    "validate": "Check script files (weeks, practices, exercises) or folders of them.",
    "voices": (
        "List the speech engines and voices found, marking the one in use; add or test a voice."
    ),
}


def load_command(name: str) -> click.Command | None:
    """The command called ``name`` (None if there is none), its module imported now."""
    # Imports here, not at the top: each command loads its own module alone (start-up time).
    if name in ("play", "timer"):
        from practice_tui.cli import play as module
    elif name == "journal":
        from practice_tui.cli import journal as module
    elif name in ("practices", "validate"):
        from practice_tui.cli import practices as module
    elif name in ("show", "week"):
        from practice_tui.cli import paper as module
    elif name in ("stats", "today"):
        from practice_tui.cli import stats as module
    elif name in ("export", "import"):
        from practice_tui.cli import transfer as module
    elif name in ("backups", "restore-backup"):
        from practice_tui.cli import backups as module
    elif name == "doctor":
        from practice_tui.cli import doctor as module
    elif name == "voices":
        from practice_tui.cli import voices as module
    else:
        return None
    return next(
        command
        for command in vars(module).values()
        if isinstance(command, click.Command) and command.name == name
    )


class _CommandTable(MutableMapping[str, click.Command]):
    """The group's commands by name: every name known, each command loaded when looked up.

    As a mapping, it answers click wherever click reads ``group.commands`` (listing them,
    suggesting one for a mistyped name) without importing any command's module.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            command = load_command(name) if name in SUMMARIES else None
            if command is None:
                raise KeyError(name)
            self._loaded[name] = command
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(SUMMARIES)

    def __len__(self) -> int:
        return len(SUMMARIES)

    def __setitem__(self, name: str, command: click.Command) -> None:
        raise TypeError("commands are added to SUMMARIES and load_command, not at run time")

    def __delitem__(self, name: str) -> None:
        raise TypeError("the commands are fixed")


class _Commands(click.Group):
    """The commands, loaded one at a time as they are asked for.

    One whose reader stops early (``| head``) has done its job: exit 0.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.commands = _CommandTable()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands in ``--help``, worded as click words it, from the summaries."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [
            (name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit))
            for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run a command; standard output that fails (a full disk) is one sentence, exit 1."""
        with output_checked():
            return super().main(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Refuse an argument that is not UTF-8 text: no command could use it as words."""
        refuse_what_is_not_text(args)
        with told_literally():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            with told_literally():
                return super().invoke(ctx)
        except BrokenPipeError:
            quiet_stdout()
            ctx.exit(0)


@click.group(
    cls=_Commands,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="PRACTICE_TUI_DATA_DIR",
    help="Keep the journal in this folder instead of the usual one.",
)
@click.version_option(__version__, "--version", prog_name="practice-tui")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None) -> None:
    """A calm companion for the six-week Compassionate Leadership programme.

    Run with no command to open the app.
    """
    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = data_dir
    if ctx.invoked_subcommand is None:
        run_app(ctx)
