"""What every command shares: the one-sentence problem, the course, the journal, the app.

Command modules import from here and the group in :mod:`practice_tui.cli.commands` imports
them, so imports go one way.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

import click

from practice_tui.cli import opening
from practice_tui.cli.problems import describe_problem, with_restore_hint
from practice_tui.journal.literal_text import LiteralStream, literal
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


@contextmanager
def told_literally() -> Iterator[None]:
    """Messages (click's and ours) show the words typed as text: a control character in an
    argument, repeated in a message, is shown as the screens show it, never obeyed."""
    try:
        yield
    except click.ClickException as error:
        error.message = literal(error.message)
        raise


def refuse_what_is_not_text(args: list[str]) -> None:
    """Raise a :class:`Mistake` for an argument that is not UTF-8 text (Python keeps the
    bytes that are not as lone surrogates), or holds a NUL: no command could use it."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise Mistake(f"{_as_typed(arg)} is not valid UTF-8 text; type it again.") from None
        if "\x00" in arg:  # (no shell passes one; a program calling us might)
            raise Mistake(f"{literal(arg)} holds a NUL character; type it again.")


def _as_typed(arg: str) -> str:
    """The argument as typed, a byte that is not UTF-8 shown as ``\\xff``."""
    try:
        typed = arg.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # not from the command line's bytes at all
        return arg.encode("utf-8", "backslashreplace").decode()
    return typed.decode("utf-8", "backslashreplace")


@contextmanager
def output_checked() -> Iterator[None]:
    """End a command with its output written: if standard output fails (a full disk, a
    device that takes nothing), say so in one sentence and exit 1, never a traceback."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        # Text that cannot be encoded (a broken paste kept in the journal) is shown escaped.
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        yield
    except SystemExit as done:
        if done.code in (0, None):
            _flush_or_exit()
        else:  # the failure is told already: what is left of the output goes nowhere
            with suppress(OSError):
                sys.stdout.flush()
        raise
    except OSError as error:
        _output_failed(error)
    _flush_or_exit()


def _flush_or_exit() -> None:
    try:
        sys.stdout.flush()
    except OSError as error:
        _output_failed(error)


def _output_failed(error: OSError) -> NoReturn:
    """End the command for an error no command explained: standard output failing (it has no
    file name), or a file the command could not reach (named)."""
    if error.filename is not None:
        message = describe_problem(error)
    else:
        quiet_stdout()
        if isinstance(error, BrokenPipeError):  # the reader stopped early (``| head``): done
            raise SystemExit(0) from None
        message = f"Could not write the output: {error.strerror or error}."
    click.echo(f"practice-tui: {literal(message or str(error))}", err=True)
    raise SystemExit(1) from None


def on_screen(text: str) -> str:
    """Text for standard output: on a terminal, with its control characters shown as the
    screens show them, never obeyed; into a file or a pipe, exactly as it is."""
    return literal(text) if sys.stdout.isatty() else text


def screen_stream(stream: TextIO) -> TextIO:
    """``stream`` itself, or, when it is a terminal, a stream that shows what it is given
    as :func:`on_screen` does (so an export printed to a terminal cannot act on it)."""
    return cast("TextIO", LiteralStream(stream)) if stream.isatty() else stream


def quiet_stdout() -> None:
    """Send what is left of standard output nowhere, so Python does not complain on exit."""
    with suppress(OSError, ValueError):  # (a stream with no descriptor has nothing left)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def say_done(text: str) -> None:
    """Print what a command has saved; if standard output fails, say it on stderr instead,
    so a person never wonders whether the change was made."""
    try:
        click.echo(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        quiet_stdout()
        failed = error.strerror or error
        raise Problem(f"Standard output failed ({failed}), but this is done: {text}") from None


def run_app(ctx: click.Context, start: StartAt | None = None) -> None:
    """Open the app (at ``start``) and end the command with its exit code."""
    try:
        with explained():
            code = opening.open_app(ctx.obj.get("data_dir"), start)
    except opening.NoTerminal as refused:
        raise Mistake(str(refused)) from None
    if code:
        ctx.exit(code)
