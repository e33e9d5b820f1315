"""The command line: the ``practice-tui`` group, and every command added to it in one place.

Only the commands that open the app import Textual. Each command (or group of subcommands)
lives in a module of its own and imports what it shares from :mod:`practice_tui.cli.context`.

Exit codes: 0 done, 1 a problem explained in one sentence, 2 wrong usage.
"""

from __future__ import annotations

from pathlib import Path

import click

from practice_tui import __version__
from practice_tui.cli.backups import backups, restore_backup
from practice_tui.cli.context import quiet_stdout, run_app
from practice_tui.cli.doctor import doctor
from practice_tui.cli.journal import journal
from practice_tui.cli.play import play, timer
from practice_tui.cli.practices import practices, validate
from practice_tui.cli.stats import stats, today
from practice_tui.cli.transfer import export, import_journal

COMMANDS: tuple[click.Command, ...] = (
    play,
    timer,
    journal,
    practices,
    stats,
    today,
    export,
    import_journal,
    backups,
    restore_backup,
    doctor,
    validate,
)


class _Commands(click.Group):
    """The commands; one whose reader stops early (``| head``) has done its job: exit 0."""

    def invoke(self, ctx: click.Context) -> object:
        try:
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


for _command in COMMANDS:
    main.add_command(_command)
