"""``practice-tui backups`` and ``practice-tui restore-backup``: the daily copies of the
journal, listed, and one put back in place of a damaged journal. No Textual here."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from practice_tui.cli.context import Problem
from practice_tui.cli.output import say_done
from practice_tui.paths import resolve_paths

if TYPE_CHECKING:
    from practice_tui.journal.daily_backup import DailyBackup

# The journal (and the rest of the core) is imported inside the commands: this module holds
# more than one command, and each loads only what it uses (start-up time).


def file_size(size: int) -> str:
    """A size as people read it: ``812 bytes``, ``48 KB``, ``1.2 MB``."""
    if size < 1000:
        return f"{size} bytes"
    for power, unit in enumerate(("KB", "MB", "GB"), start=1):
        amount = size / 1000**power
        if amount < 999.5 or unit == "GB":
            return f"{amount:.1f} {unit}" if amount < 9.95 else f"{amount:.0f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def _journal_file(ctx: click.Context) -> Path:
    return resolve_paths(ctx.obj.get("data_dir")).journal_file


@click.command()
@click.pass_context
def backups(ctx: click.Context) -> None:
    """List the daily backups of the journal, with their dates and sizes."""
    from practice_tui.journal.daily_backup import KEEP, backups_folder, daily_backups
    from practice_tui.journal.restore import is_usable

    journal_file = _journal_file(ctx)
    folder = backups_folder(journal_file)
    found = daily_backups(journal_file)
    if not found:
        click.echo(
            "There are no backups yet: one is made each day you open practice-tui, "
            f"and the last {KEEP} are kept in {folder}."
        )
        return
    click.echo(f"Backups of your journal, newest first, in {folder}:")
    width = max(len(backup.day_label) for backup in found)
    for backup in found:
        note = "" if is_usable(backup.path) else "  (damaged: cannot be used)"
        size = file_size(backup.size)
        click.echo(f"  {backup.day.isoformat()}  {backup.day_label:<{width}}  {size:>9}{note}")
    click.echo("To put one back: practice-tui restore-backup DATE (the newest if no date).")


@click.command("restore-backup")
@click.argument("day", metavar="[DATE]", required=False, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--yes", is_flag=True, help="Do not ask before replacing a journal that looks fine.")
@click.pass_context
def restore_backup(ctx: click.Context, day: datetime | None, yes: bool) -> None:
    """Put a daily backup back in place of the journal (the newest, or DATE).

    DATE is written YYYY-MM-DD, as practice-tui backups lists them. The journal as it was is
    never deleted: it is kept beside the new one under a new name.
    """
    from practice_tui.journal import JournalError
    from practice_tui.journal.restore import is_damaged
    from practice_tui.journal.restore import restore_backup as put_back

    journal_file = _journal_file(ctx)
    chosen = _choose(journal_file, day.date() if day else None)
    damaged = is_damaged(journal_file)
    if journal_file.exists() and not damaged and not yes and not _refused(journal_file):
        click.confirm(
            f"Your journal at {journal_file} looks fine. Replace it with the backup from "
            f"{chosen.day_label}? It would be kept beside it under a new name.",
            abort=True,
        )
    label = "damaged" if damaged else "replaced"
    try:
        kept = put_back(journal_file, chosen, datetime.now().astimezone(), label=label)
    except JournalError as error:
        raise Problem(str(error)) from None
    where = f"; your journal as it was is kept at {kept}" if kept else ""
    say_done(f"Put back the backup from {chosen.day_label}{where}.")


def _refused(journal_file: Path) -> bool:
    """Whether the file at the journal's path is not our journal (another program's database,
    a ``-wal`` of another database, emptied): it does not "look fine", so no question."""
    from practice_tui.journal import JournalError
    from practice_tui.journal.identity import check_journal_file

    try:
        check_journal_file(journal_file)
    except JournalError:
        return True
    return False


def _choose(journal_file: Path, day: date | None) -> DailyBackup:
    """The backup asked for, or the newest usable one; a :class:`Problem` if there is none."""
    from practice_tui.journal.daily_backup import day_label
    from practice_tui.journal.restore import backup_for, newest_usable_backup

    if day is not None:
        found = backup_for(journal_file, day)
        if found is None:
            raise Problem(
                f"There is no backup from {day_label(day)}; practice-tui backups lists them."
            )
        return found
    newest = newest_usable_backup(journal_file)
    if newest is None:
        raise Problem("There is no usable backup of your journal yet, so nothing was changed.")
    return newest
