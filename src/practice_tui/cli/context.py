"""What every command shares: the one-sentence problem, the course, the journal, the app.

Command modules import from here and the group in :mod:`practice_tui.cli.commands` imports
them, so imports go one way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

import click

from practice_tui.cli import opening
from practice_tui.cli.problems import describe_problem, with_restore_hint
from practice_tui.paths import resolve_paths

if TYPE_CHECKING:
    from practice_tui.course import Course
    from practice_tui.journal import Journal
    from practice_tui.start import StartAt


#: Programme weeks, as ``course.model.WEEK_COUNT`` (not imported: the journal commands start
#: without loading the course); a test keeps the two the same.
PROGRAMME_WEEKS = 6
#: ``--week``: a programme week, or 0 for entries tied to none.
WEEK = click.IntRange(0, PROGRAMME_WEEKS)
#: The largest number SQLite holds; a count beyond it is beyond any journal.
SQLITE_MAX_INTEGER = 2**63 - 1


class Limit(click.IntRange):
    """``--limit``: at most this many, 0 for all; a number beyond any journal means all too."""

    def __init__(self) -> None:
        super().__init__(min=0)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        return 0 if number > SQLITE_MAX_INTEGER else number


class Problem(click.ClickException):
    """A problem the user can act on: one sentence, exit code 1, no traceback."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        click.echo(f"practice-tui: {self.format_message()}", err=True)


class Mistake(Problem):
    """A mistake in the command itself, told in one sentence: exit code 2, as click's own."""

    exit_code = 2


@contextmanager
def explained() -> Iterator[None]:
    """Turn the app's own errors into one-sentence messages."""
    try:
        yield
    except (BrokenPipeError, click.ClickException):
        raise  # the reader stopped early, or the problem is already put in words
    except Exception as error:
        message = describe_problem(error)
        if message is None:
            raise
        raise Problem(with_restore_hint(error, message)) from None


def load_course(ctx: click.Context) -> Course:
    """The course with the participant's own practices."""
    # Here, not at the top: the journal commands answer without loading the course.
    from practice_tui.course import load_participant_course

    paths = resolve_paths(ctx.obj.get("data_dir"))
    return load_participant_course(paths.own_practices_dir, paths.cache_dir)


def open_journal(ctx: click.Context) -> Journal:
    """The journal, opened (and created if need be), closed with the command."""
    # Here, not at the top: the journal store loads only for the commands that use it.
    from practice_tui.journal import Journal

    paths = resolve_paths(ctx.obj.get("data_dir"))
    journal = Journal.open(paths.journal_file)
    ctx.call_on_close(journal.close)
    return journal


def quiet_stdout() -> None:
    """Send what is left of standard output nowhere, so Python does not complain on exit."""
    with suppress(OSError, ValueError):  # (a stream with no descriptor has nothing left)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def run_app(ctx: click.Context, start: StartAt | None = None) -> None:
    """Open the app (at ``start``) and end the command with its exit code."""
    try:
        with explained():
            code = opening.open_app(ctx.obj.get("data_dir"), start)
    except opening.NoTerminal as refused:
        raise Mistake(str(refused)) from None
    if code:
        ctx.exit(code)
