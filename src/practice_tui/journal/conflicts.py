"""Copies of the journal that a sync tool left beside it, and bringing one's words back in.

A journal kept in a synced folder (Dropbox, OneDrive, Syncthing, Nextcloud, Google Drive,
iCloud) and written on two machines before they met is not merged by the sync tool: it keeps
one as the journal and renames the other ("journal (conflicted copy 2026-12-01).sqlite3").
Nothing is lost yet, but the words written on the other machine are no longer in the journal
the app opens, and nobody is told. So the app looks for such copies when the journal opens and
says so, and ``practice-tui import COPY`` merges one in (newer changes win; the other version
of an entry changed on both sides is kept in its history). The copy itself is never written:
it is copied first, and only the copy is opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"

#: What each sync tool adds to the name of the copy it could not merge, after the stem.
_CONFLICT_MARKS = (
    r" \([^)]*conflicted copy[^)]*\)",  # Dropbox, Nextcloud, ownCloud
    r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]+",  # Syncthing
    r"(?i:[ _-]conflict(?:ed)?(?:[ _-][^.]*)?)",  # Box, Seafile, and others
    r" \(\d+\)",  # Google Drive, a browser or a copy made by hand: "journal (1)"
    r" \d+",  # iCloud: "journal 2"
    r"-[A-Z0-9][A-Z0-9-]{2,}",  # OneDrive: the machine's name, "journal-DESKTOP-1AB2C3D"
)


def _pattern(journal_file: Path) -> re.Pattern[str]:
    stem, suffix = re.escape(journal_file.stem), re.escape(journal_file.suffix)
    return re.compile(f"{stem}(?:{'|'.join(_CONFLICT_MARKS)}){suffix}")


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` starts as every SQLite database does (not whether it is ours)."""
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def conflicted_copies(journal_file: Path) -> list[Path]:
    """Databases beside the journal named as a sync tool names a copy it could not merge.

    Only SQLite files count (not the journal's own ``-wal``, ``-shm`` or ``-journal``, nor an
    export), so a note or a photo named like one is never mentioned. Sorted by name; empty
    when the folder cannot be read.
    """
    pattern = _pattern(journal_file)
    try:
        candidates = [
            path
            for path in journal_file.parent.iterdir()
            if path.name != journal_file.name and pattern.fullmatch(path.name)
        ]
    except OSError:
        return []
    return sorted(path for path in candidates if path.is_file() and is_sqlite_file(path))


def conflict_notice(copies: list[Path]) -> str | None:
    """One calm sentence about the copies found, or ``None`` when there are none."""
    if not copies:
        return None
    first = copies[0].name
    more = f" (and {len(copies) - 1} more)" if len(copies) > 1 else ""
    return (
        f"Another copy of your journal is beside it, as a sync tool leaves one it could not "
        f"merge: {first}{more}. To bring in what was written there (nothing here is "
        f'overwritten): practice-tui import "{copies[0]}".'
    )


@contextmanager
def journal_as_export(path: Path) -> Iterator[Path]:
    """A JSON export of the journal file at ``path``, made from a private copy of it.

    The copy is checked as the journal is (another program's database is refused with the
    same sentence) and migrated, so an older journal's words come in too; ``path`` and its
    side files are never written. Raises :class:`JournalError` when it cannot be read.
    """
    # Here, not at the top: only an import of a journal file needs them.
    import shutil
    import tempfile

    from practice_tui.journal.export import write_export
    from practice_tui.journal.identity import check_journal_file
    from practice_tui.journal.query import EntryQuery
    from practice_tui.journal.store import Journal

    check_journal_file(path)  # so a refusal names the file given, not the private copy
    with tempfile.TemporaryDirectory(prefix="practice-tui-import-") as folder:
        copy = Path(folder) / "journal.sqlite3"
        for suffix in ("", "-wal", "-journal"):
            side = path.with_name(path.name + suffix)
            if suffix == "" or side.exists():
                shutil.copyfile(side, copy.with_name(copy.name + suffix))
        export = Path(folder) / "export.json"
        with Journal.open(copy) as journal, export.open("w", encoding="utf-8") as stream:
            write_export(journal, "json", stream, EntryQuery())
        yield export
