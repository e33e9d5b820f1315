"""Standard output, and the messages on standard error, as a terminal and a script meet them.

Text from people is shown on a terminal with its control characters visible, never obeyed,
and written exactly into a file or a pipe; an argument that is not text is refused; output
that cannot be written is one sentence, never a traceback.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import NoReturn, TextIO, cast

import click

from practice_tui.cli.context import Mistake, Problem, quiet_stdout
from practice_tui.cli.problems import describe_problem
from practice_tui.journal.literal_text import LiteralStream, literal


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
