"""The command line. Only the commands that open the app import Textual.

Exit codes: 0 done, 1 a problem explained in one sentence, 2 wrong usage.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from practice_tui import __version__
from practice_tui.settings import PRIVATE_FILE_MODE, resolve_paths

if TYPE_CHECKING:
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
    from practice_tui.launch import describe_problem

    try:
        yield
    except Exception as error:
        message = describe_problem(error)
        if message is None:
            raise
        raise Problem(message) from None


def _course() -> Course:
    from practice_tui.course import load_builtin_course

    return load_builtin_course()


def _journal(ctx: click.Context) -> Journal:
    from practice_tui.journal import Journal

    paths = resolve_paths(ctx.obj.get("data_dir"))
    journal = Journal.open(paths.journal_file)
    ctx.call_on_close(journal.close)
    return journal


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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


def _run_app(
    ctx: click.Context, practice_id: str | None = None, minutes: int | None = None
) -> None:
    from practice_tui.launch import open_app

    with explained():
        code = open_app(ctx.obj.get("data_dir"), practice_id, minutes)
    if code:
        ctx.exit(code)


@main.command()
@click.argument("practice_id")
@click.option("--minutes", type=click.IntRange(min=1), help="How long, in whole minutes.")
@click.pass_context
def play(ctx: click.Context, practice_id: str, minutes: int | None) -> None:
    """Open the app straight on a practice (handy for a shell alias)."""
    with explained():
        course = _course()
    if practice_id not in course.practices:
        known = ", ".join(sorted(course.practices))
        raise click.BadParameter(
            f"no practice called {practice_id!r}; try one of: {known}", param_hint="PRACTICE_ID"
        )
    practice = course.practice(practice_id)
    if minutes is not None and not practice.fits(minutes):
        raise click.BadParameter(
            f"{practice.name} needs at least {practice.minimum_minutes()} minutes for its words",
            param_hint="--minutes",
        )
    _run_app(ctx, practice_id, minutes)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def practices(as_json: bool) -> None:
    """List the guided practices with their ids, weeks and lengths."""
    with explained():
        course = _course()
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "week": p.week,
            "lengths": list(p.lengths),
            "origin": p.origin,
        }
        for p in sorted(course.practices.values(), key=lambda p: (p.week or 99, p.name))
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(row["id"]) for row in rows), default=10)
    for row in rows:
        week = f"week {row['week']}" if row["week"] else "my own"
        lengths = ", ".join(str(n) for n in row["lengths"])
        click.echo(f"{row['id']:<{width}}  {week:<7}  {lengths} min  {row['name']}")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md"]),
    default="md",
    show_default=True,
    help="The format to write.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of the screen.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, force: bool) -> None:
    """Write the journal as a personal reflection log."""
    from practice_tui.journal import write_export

    with explained():
        journal = _journal(ctx)
        if output is None:
            write_export(journal, fmt, sys.stdout)
            return
        if output.exists() and not force:
            raise Problem(f"{output} already exists; add --force to replace it.")
        with _private_atomic_file(output) as stream:
            count = write_export(journal, fmt, stream)
    click.echo(f"Wrote {count} reflections to {output}.", err=True)


@contextmanager
def _private_atomic_file(path: Path) -> Iterator[object]:
    """Write beside the target and rename into place, so a failure leaves no partial file."""
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    try:
        os.chmod(temporary, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
