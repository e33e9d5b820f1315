"""``practice-tui export`` and ``practice-tui import``: the journal in and out of files.

Neither opens the app nor imports Textual. A file is written beside its target and renamed
into place, readable by its owner alone, so a failure never leaves half a file; an existing
file is replaced only with ``--force``. A long export or import shows a progress bar on a
terminal (on stderr), and nothing extra when its output is piped.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

import click

from practice_tui.cli.context import WEEK, Problem, explained, open_journal, quiet_stdout
from practice_tui.cli.output import say_done, screen_stream
from practice_tui.paths import private_atomic_writer, resolve_paths

if TYPE_CHECKING:
    from practice_tui.journal import Journal
    from practice_tui.journal.day_range import DayRange
    from practice_tui.journal.query import EntryQuery

# The journal (and the rest of the core) is imported inside the commands: this module holds
# more than one command, and each loads only what it uses (start-up time).

#: Exports of fewer entries, or imports of smaller files (in bytes), finish before a
#: progress bar would be read.
PROGRESS_FROM = 1000
PROGRESS_FROM_BYTES = 1_000_000
_FORMATS = ("md", "html", "json", "csv")  # as journal.export.SUPPORTED_FORMATS, unloaded


class _Days(click.ParamType):
    """Days as the app's date box reads them ("2026-01-05", "last week", "March", "5 Jan"),
    with plain words for what it cannot read. Converts to the range of days named."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from practice_tui.journal.day_range import EXAMPLES, DayRange, parse_day_range

        if isinstance(value, DayRange):
            return value
        text = str(value)
        days = parse_day_range(text, datetime.now().astimezone().date()) if text.strip() else None
        if days is None:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
                self.fail(f"{text} is not a day in the calendar", param, ctx)
            self.fail(f"{text!r} is not a date the app can read (such as {EXAMPLES})", param, ctx)
        return days


_DAY = _Days()


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


class ProgressBar:
    """A bar on stderr for long work, drawn only where a person is watching.

    :meth:`start` gives the length; the bar appears only when stderr is a terminal, the work
    is long (``PROGRESS_FROM``), and it would not be drawn over output on the same terminal.
    """

    def __init__(
        self, stack: ExitStack, label: str, *, allowed: bool = True, in_bytes: bool = False
    ) -> None:
        self._stack = stack
        self._label = label
        self._in_bytes = in_bytes
        self.allowed = allowed and _stderr_is_terminal()
        self._update: Callable[[int], None] | None = None

    def start(self, length: int) -> None:
        long_enough = length >= (PROGRESS_FROM_BYTES if self._in_bytes else PROGRESS_FROM)
        if self.allowed and long_enough:
            bar = click.progressbar(length=length, label=self._label, file=sys.stderr, width=30)
            self._update = self._stack.enter_context(bar).update

    def advance(self, count: int) -> None:
        if self._update is not None:
            self._update(count)


def _query(
    week: int | None,
    since: DayRange | None,
    until: DayRange | None,
    practice: str | None,
    search: str | None,
    starred: bool,
) -> EntryQuery:
    from practice_tui.journal.query import EntryQuery

    first = since.since or since.until if since else None  # the start of the days named
    last = until.until or until.since if until else None  # and the end
    if first and last and first > last:
        raise click.BadParameter(
            f"{last.isoformat()} is before --since {first.isoformat()}", param_hint="--until"
        )
    query = EntryQuery(
        week=week,
        practice_id=practice,
        since=first,
        until=last,
        search=search or "",
        starred=starred,
    )
    if search is not None and query.terms.is_empty:
        raise click.BadParameter("give at least one word to search for", param_hint="--search")
    return query


@contextmanager
def _stdout_text() -> Iterator[TextIO]:
    """Standard output as UTF-8 text, with line ends written as they are (CSV needs CRLF)."""
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a stream without bytes underneath: write to it as it is
        yield sys.stdout
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python from complaining.
        quiet_stdout()
        raise SystemExit(0) from None
    finally:
        stream.detach()


def _is_stream(path: Path) -> bool:
    """A pipe or a device (a FIFO, ``/dev/stdout`` even when it leads to a file): written
    into, never replaced."""
    if not path.exists() or path.is_dir():
        return False
    return not path.is_file() or path.absolute().parts[1:2] in (("dev",), ("proc",))


def _output_stream(output: Path | None) -> AbstractContextManager[TextIO]:
    """Where an export goes: the screen, straight into a pipe or device, or a file written
    whole beside the file a link points to (so the link stays)."""
    if output is None:
        return _stdout_text()
    if _is_stream(output):
        return open(output, "w", encoding="utf-8", newline="")
    return private_atomic_writer(Path(os.path.realpath(output)))


@contextmanager
def _journal_left_as_found(
    ctx: click.Context, *, reads_only: bool = False
) -> Iterator[tuple[Journal, Callable[[], None]]]:
    """The journal, and a ``keep()`` to call once something is saved in it.

    Before the first entry there is no journal file; one made here only to read from (an
    export, a dry run, an import that fails) goes again with its folders, so no files are left.
    A command that ``reads_only``, with the journal's folder there to hold a file, reads an
    empty journal in memory instead: the same answer, without writing a file to remove.
    """
    journal_file = resolve_paths(ctx.obj.get("data_dir")).journal_file
    if reads_only and _could_be_made(journal_file):
        from practice_tui.journal import Journal  # here: as in open_journal, when needed

        with Journal.open_or_empty(journal_file) as empty:
            yield empty, lambda: None
        return
    new_folders = [f for f in journal_file.parents if not f.exists()]
    made = not journal_file.exists()
    journal = open_journal(ctx)
    kept = [not made]
    try:
        yield journal, lambda: kept.append(True)
    finally:
        if not any(kept):
            from practice_tui.journal.restore import SIDE_FILES

            journal.close()
            for name in (journal_file.name, *(journal_file.name + s for s in SIDE_FILES)):
                journal_file.with_name(name).unlink(missing_ok=True)
            for folder in new_folders:  # innermost first
                with suppress(OSError):
                    folder.rmdir()


def _could_be_made(journal_file: Path) -> bool:
    """Whether there is no journal file yet, and its folder is there to make one in."""
    if journal_file.exists() or journal_file.is_symlink():
        return False
    folder = journal_file.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    help="md, html, json or csv. By default the output file's extension says, else md.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of the screen.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--week", type=WEEK, help="Only this programme week (0: tied to no week).")
@click.option(
    "--since",
    type=_DAY,
    help='Only entries written on or after this day, as in the app ("2026-01-05", "last week").',
)
@click.option("--until", type=_DAY, help="Only entries written on or before this day.")
@click.option("--practice", metavar="ID", help="Only entries about this practice or exercise.")
@click.option("--search", metavar="WORDS", help="Only entries with these words.")
@click.option("--starred", is_flag=True, help="Only starred entries.")
@click.option("--sessions", is_flag=True, help="CSV of practice sessions instead of entries.")
@click.option(
    "--raw-csv",
    is_flag=True,
    help="CSV cells starting with = + - @ as they are, without the ' that keeps a "
    "spreadsheet from running them as formulas.",
)
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str | None,
    output: Path | None,
    force: bool,
    sessions: bool,
    raw_csv: bool,
    **filters: Any,
) -> None:
    """Write the journal as a reflection log (Markdown or HTML), or as JSON or CSV.

    JSON holds everything (and the trash), and `practice-tui import` reads it back.
    """
    from practice_tui.journal.export import export_size, format_for_path, write_export

    if fmt is None:
        fmt = (format_for_path(output) if output else None) or ("csv" if sessions else "md")
    if sessions and fmt != "csv":
        raise click.UsageError("--sessions is for CSV: add --format csv")
    if raw_csv and fmt != "csv":
        raise click.UsageError("--raw-csv is for CSV: add --format csv")
    if sessions and (filters["search"] or filters["starred"]):
        raise click.UsageError(
            "sessions have no words or stars: --search and --starred find entries"
        )
    query = _query(**filters)
    if output == Path("-"):
        output = None  # the usual way to say "the screen"; ./- names a file called -
    if output is not None and output.exists() and not _is_stream(output) and not force:
        raise Problem(f"{output} already exists; add --force to replace it.")
    if output is not None and not output.parent.is_dir():
        raise Problem(f"There is no folder {output.parent} to write {output.name} in.")
    on_screen = output is None and sys.stdout.isatty()
    with explained(), ExitStack() as stack:
        bar = ProgressBar(stack, "Exporting", allowed=not on_screen)
        journal, _ = stack.enter_context(_journal_left_as_found(ctx, reads_only=True))
        if bar.allowed:
            bar.start(export_size(journal, fmt, query, sessions=sessions))
        with _output_stream(output) as stream:
            count = write_export(
                journal,
                fmt,
                screen_stream(stream),
                query,
                sessions=sessions,
                progress=bar.advance,
                raw_csv=raw_csv,
            )
    if output is not None:
        noun = "practice session" if sessions else "reflection"
        click.echo(f"Wrote {count} {noun}{'' if count == 1 else 's'} to {output}.", err=True)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--dry-run", is_flag=True, help="Check the file and say what it would add; keep nothing."
)
@click.pass_context
def import_journal(ctx: click.Context, file: Path, dry_run: bool) -> None:
    """Bring in a practice-tui export or journal file, or a jrnl export.

    A jrnl export is what `jrnl --export json` writes. A journal file (such as a copy a sync
    tool left beside yours) is read from a private copy of it, never written. Entries already
    here are matched by id, so importing a file twice adds nothing; where both have changed,
    the newer words are kept and the others go in the entry's history. The file is imported
    whole, or not at all. FILE may be - for standard input.
    """
    from practice_tui.journal.conflicts import is_sqlite_file, journal_as_export
    from practice_tui.journal.importing import STANDARD_INPUT, ImportProblem, import_file

    name = STANDARD_INPUT if str(file) == "-" else file.name

    with explained(), ExitStack() as stack:
        bar = ProgressBar(stack, "Importing", in_bytes=True)
        journal, keep = stack.enter_context(_journal_left_as_found(ctx, reads_only=dry_run))
        # Another journal file is read from a JSON export of a private copy of it. Only a
        # regular file is looked into first: a FIFO's bytes can be read once only.
        source: Path | BinaryIO = file
        if name == STANDARD_INPUT:
            source = sys.stdin.buffer
        elif file.is_file() and is_sqlite_file(file):
            source = stack.enter_context(journal_as_export(file))
        try:
            result = import_file(
                journal, source, progress=bar.advance, on_size=bar.start, dry_run=dry_run
            )
        except ImportProblem as problem:
            raise Problem(str(problem)) from None
        if not dry_run:
            keep()
    if dry_run:
        click.echo(f"{result.summary(would=True)} Nothing was changed.")
    else:
        say_done(result.summary())
