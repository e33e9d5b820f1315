"""The command line. Only the commands that open the app import Textual.

Exit codes: 0 done, 1 a problem explained in one sentence, 2 wrong usage.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from practice_tui import __version__
from practice_tui.paths import resolve_paths

if TYPE_CHECKING:
    from practice_tui.cli.launch import StartAt
    from practice_tui.course import Course
    from practice_tui.journal import Journal


class Problem(click.ClickException):
    """A problem the user can act on: one sentence, exit code 1, no traceback."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        click.echo(f"practice-tui: {self.format_message()}", err=True)


@contextmanager
def explained() -> Iterator[None]:
    """Turn the app's own errors into one-sentence messages."""
    from practice_tui.cli.launch import describe_problem

    try:
        yield
    except BrokenPipeError:
        raise  # the reader stopped early: the command group ends quietly
    except Exception as error:
        message = describe_problem(error)
        if message is None:
            raise
        from practice_tui.cli.backups import with_restore_hint

        raise Problem(with_restore_hint(error, message)) from None


def _course(ctx: click.Context) -> Course:
    """The course with the participant's own practices."""
    from practice_tui.course import load_participant_course

    paths = resolve_paths(ctx.obj.get("data_dir"))
    return load_participant_course(paths.own_practices_dir, paths.cache_dir)


def _journal(ctx: click.Context) -> Journal:
    from practice_tui.journal import Journal

    paths = resolve_paths(ctx.obj.get("data_dir"))
    journal = Journal.open(paths.journal_file)
    ctx.call_on_close(journal.close)
    return journal


class _Commands(click.Group):
    """The commands; one whose reader stops early (``| head``) has done its job: exit 0."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            quiet_stdout()
            ctx.exit(0)


def quiet_stdout() -> None:
    """Send what is left of standard output nowhere, so Python does not complain on exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


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
        _run_app(ctx)


def _run_app(ctx: click.Context, start: StartAt | None = None) -> None:
    from practice_tui.cli.launch import open_app

    with explained():
        code = open_app(ctx.obj.get("data_dir"), start)
    if code:
        ctx.exit(code)


@main.command()
@click.argument("practice_id")
@click.option("--minutes", type=click.IntRange(min=1), help="How long, in whole minutes.")
@click.option("--mode", help="Which way to do it, for practices with more than one.")
@click.pass_context
def play(ctx: click.Context, practice_id: str, minutes: int | None, mode: str | None) -> None:
    """Open the app straight on a practice (handy for a shell alias)."""
    with explained():
        course = _course(ctx)
    if practice_id not in course.practices:
        known = ", ".join(sorted(course.practices))
        raise click.BadParameter(
            f"no practice called {practice_id!r}; try one of: {known}", param_hint="PRACTICE_ID"
        )
    practice = course.practice(practice_id)
    modes = [m.id for m in practice.modes]
    if mode is not None and mode not in modes:
        raise click.BadParameter(
            f"{practice.name} can be done as: {', '.join(modes)}", param_hint="--mode"
        )
    if minutes is not None and not practice.fits(minutes, mode):
        raise click.BadParameter(
            f"{practice.name} needs at least {practice.minimum_minutes(mode)} minutes "
            "for its words",
            param_hint="--minutes",
        )
    from practice_tui.cli.launch import StartAt

    _run_app(ctx, StartAt(practice_id, minutes, mode))


@main.command()
@click.option("--minutes", type=click.IntRange(1, 24 * 60), help="How long, in whole minutes.")
@click.option("--open-ended", is_flag=True, help="Count up until you stop.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.25),
    help="A bell every this many minutes (a quarter of a minute at least).",
)
@click.pass_context
def timer(
    ctx: click.Context, minutes: int | None, open_ended: bool, interval: float | None
) -> None:
    """A plain meditation timer with interval bells.

    With --minutes or --open-ended it begins at once (after the time to settle); with neither
    it opens the timer screen to choose.
    """
    if minutes is not None and open_ended:
        raise click.UsageError("choose --minutes or --open-ended, not both")
    if interval is not None and minutes is not None and interval >= minutes:
        raise click.BadParameter(
            f"a bell every {interval:g} minutes would never ring in a {minutes}-minute sit",
            param_hint="--interval",
        )
    from practice_tui.cli.launch import StartAt

    _run_app(ctx, StartAt(minutes=minutes, timer=True, interval=interval, open_ended=open_ended))


@main.command()
@click.option("--no-sound", is_flag=True, help="Do not play the test bell.")
@click.pass_context
def doctor(ctx: click.Context, no_sound: bool) -> None:
    """Say which sound backend and device are in use and where your data lives; ring a bell."""
    from practice_tui.preferences import load_preferences, preferences_path
    from practice_tui.sound import describe_sound, open_player, play_test_bell

    paths = resolve_paths(ctx.obj.get("data_dir"))
    notices: list[str] = []
    player = open_player(on_notice=notices.append)
    sound = describe_sound(player)
    preferences, problem = load_preferences(preferences_path(paths))
    system = f" ({sound['system']})" if sound["system"] else ""
    rows = [
        ("practice-tui", __version__),
        ("Sound", f"{sound['backend']}{system}"),
        ("Device", sound["device"] or "unknown"),
        ("Bells", ", ".join(sound["bells"]) or "none found"),
        ("Volume", "muted" if preferences.muted else f"{preferences.volume} of 100"),
        ("Journal", str(paths.journal_file)),
        ("Settings", str(preferences_path(paths))),
        ("Your practices", str(paths.own_practices_dir)),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        click.echo(f"{label:<{width}}  {value}")
    for failure in sound["failures"]:
        click.echo(f"{'':<{width}}  not used: {failure}")
    for line in [*notices, *([problem] if problem else [])]:
        click.echo(line)
    if no_sound:
        return
    click.echo("Ringing a test bell…")
    if play_test_bell(player, volume=preferences.bell_gain or 0.5):
        click.echo("The bell rang to the end. If you heard nothing, check the volume.")
    else:
        click.echo("No sound device played the bell; practices still work without sound.")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def practices(ctx: click.Context, as_json: bool) -> None:
    """List the guided practices with their ids, weeks and lengths, then your own."""
    with explained():
        course = _course(ctx)
    ordered = sorted(course.practices.values(), key=lambda p: (p.own, p.week or 99, p.name))
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "week": p.week,
            "own": p.own,
            "lengths": list(p.lengths),
            "modes": [{"id": m.id, "name": m.name, "lengths": list(m.lengths)} for m in p.modes],
            "origin": p.origin,
        }
        for p in ordered
    ]
    problems = [str(problem) for problem in course.problems]
    if as_json:
        click.echo(
            json.dumps({"practices": rows, "problems": problems}, indent=2, ensure_ascii=False)
        )
        return
    width = max((len(row["id"]) for row in rows), default=10)
    for practice in ordered:
        where = (
            "my own" if practice.own else f"week {practice.week}" if practice.week else "any time"
        )
        lengths = "; ".join(
            f"{m.name}: {', '.join(map(str, m.lengths))}"
            if practice.has_modes
            else ", ".join(map(str, m.lengths))
            for m in practice.modes
        )
        click.echo(f"{practice.id:<{width}}  {where:<8}  {practice.name} ({lengths} min)")
    if problems:
        click.echo("\nThese files of your own could not be used:", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check script files (weeks, practices, exercises) or folders of them.

    Every problem is named with its file and line. Exit code 1 if there is any.
    """
    from practice_tui.course import ScriptError, load_builtin_course, validate_paths

    try:
        course = load_builtin_course()
    except ScriptError:
        course = None  # checking the shipped files themselves while they are broken
    problems = validate_paths(paths, course)
    for problem in problems:
        click.echo(str(problem))
    files = {p for path in paths for p in (path.rglob("*.toml") if path.is_dir() else [path])}
    if problems:
        broken = len({problem.path for problem in problems})
        raise Problem(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
            f"in {broken} of {len(files)} file{'s' if len(files) != 1 else ''}."
        )
    click.echo(f"{len(files)} file{'s' if len(files) != 1 else ''} checked: no problems.")


from practice_tui.cli.stats import stats, today  # noqa: E402  (they use the helpers above)

for _command in (stats, today):
    main.add_command(_command)

from practice_tui.cli.backups import register as register_backup_commands  # noqa: E402

register_backup_commands(main)

from practice_tui.cli.journal import journal  # noqa: E402  (it uses the helpers above)

main.add_command(journal)

from practice_tui.cli.transfer import export, import_journal  # noqa: E402  (they use the above)

for _command in (export, import_journal):
    main.add_command(_command)
