"""Backups and restoring: page copies, a daily copy kept for a week, putting one back in place
of a damaged journal, and every file private to its owner."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from practice_tui.journal import Answer, Journal, JournalError, backup, daily_backup, restore
from practice_tui.journal.daily_backup import daily_backup_path, daily_backups, take_daily_backup
from practice_tui.journal.models import LooseDraft
from practice_tui.journal.query import EntryQuery
from practice_tui.journal.restore import newest_usable_backup, restore_backup

MONDAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 12, 9, 30, 15).astimezone()
GARBAGE = b"this is not a database, it was overwritten " * 200


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write_entries(path: Path, *texts: str) -> list[str]:
    with Journal.open(path) as journal:
        return [journal.entries.add(answers=[Answer("Q?", text)]).id for text in texts]


def texts_in(path: Path) -> list[str]:
    with Journal.open(path) as journal:
        return sorted(entry.text for entry in journal.entries.newest())


def raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def filled(journal_path: Path) -> Path:
    write_entries(journal_path, "first light", "second wind")
    return journal_path


# -- page copies -----------------------------------------------------------------------


def test_a_copy_keeps_rowids_and_so_the_search_index(journal_path: Path, tmp_path: Path) -> None:
    ids = write_entries(journal_path, *(f"word{n} shared" for n in range(6)))
    with Journal.open(journal_path) as journal:  # gaps in the rowids, as a real journal has
        for entry_id in ids[1:4]:
            journal.entries.trash(entry_id)
            journal.entries.delete_forever(entry_id)
    copy = backup.copy_database(journal_path, tmp_path / "copy.sqlite3")
    rowids = "SELECT rowid, id FROM entries ORDER BY rowid"
    assert raw(copy, rowids) == raw(journal_path, rowids)
    assert [r[0] for r in raw(copy, rowids)] == [1, 5, 6]
    with Journal.open(copy) as journal:
        found = journal.entries.page(EntryQuery(search="word4"))
        assert [entry.id for entry in found] == [ids[4]]
        assert journal.entries.count(EntryQuery(search="shared")) == 3
        journal._db.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")


def test_a_copy_can_be_taken_while_a_writer_holds_the_lock(filled: Path, tmp_path: Path) -> None:
    writer = sqlite3.connect(filled, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM entries")  # not committed: the copy must not see it
        copy = backup.copy_database(filled, tmp_path / "copy.sqlite3")
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert texts_in(copy) == ["first light", "second wind"]


def test_a_copy_stands_alone_and_is_private(filled: Path, tmp_path: Path) -> None:
    old_mask = os.umask(0)
    try:
        copy = backup.copy_database(filled, tmp_path / "copy.sqlite3")
    finally:
        os.umask(old_mask)
    assert mode(copy) == 0o600
    assert raw(copy, "PRAGMA journal_mode") == [("delete",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "data"]


def test_a_failed_copy_leaves_nothing_and_keeps_the_old_one(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.sqlite3"
    backup.copy_database(filled, target)
    before = target.read_bytes()
    write_entries(filled, "third time")
    monkeypatch.setattr(backup.os, "replace", no_space)
    with pytest.raises(OSError):
        backup.copy_database(filled, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "data"]


# -- the daily backup ------------------------------------------------------------------


def test_the_daily_backup_is_taken_once_a_day(filled: Path) -> None:
    made = take_daily_backup(filled, MONDAY)
    assert made == filled.parent / "backups" / "journal-2026-01-05.sqlite3"
    assert texts_in(made) == ["first light", "second wind"]
    stamp = made.stat().st_mtime_ns
    write_entries(filled, "later that day")
    assert take_daily_backup(filled, MONDAY) is None  # today's is there: nothing to do
    assert made.stat().st_mtime_ns == stamp
    assert take_daily_backup(filled, MONDAY + timedelta(days=1)) is not None
    assert [b.day for b in daily_backups(filled)] == [MONDAY + timedelta(days=1), MONDAY]


def test_the_last_seven_are_kept(filled: Path) -> None:
    folder = filled.parent / "backups"
    folder.mkdir(mode=0o700)
    other = folder / "notes.txt"
    other.write_text("mine")
    for n in range(10):
        take_daily_backup(filled, MONDAY + timedelta(days=n))
    days = [b.day for b in daily_backups(filled)]
    assert days == [MONDAY + timedelta(days=n) for n in range(9, 2, -1)]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [other.name, *(daily_backup_path(filled, day).name for day in days)]
    )
    take_daily_backup(filled, MONDAY + timedelta(days=10), keep=3)
    assert len(daily_backups(filled)) == 3


def test_copies_cut_short_long_ago_are_cleared_away(filled: Path) -> None:
    folder = filled.parent / "backups"
    folder.mkdir(mode=0o700)
    stale = [folder / "journal-2026-01-01.sqlite3.0a1b.partial", folder / "x.partial-journal"]
    fresh = folder / "journal-2026-01-05.sqlite3.9f8e.partial"  # another window's, in flight
    for path in [*stale, fresh]:
        path.write_bytes(b"half")
    long_ago = fresh.stat().st_mtime - daily_backup.STALE_PARTIAL_SECONDS - 60
    for path in stale:
        os.utime(path, (long_ago, long_ago))
    made = take_daily_backup(filled, MONDAY)
    assert made is not None
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name, fresh.name])


def test_a_clock_gone_back_never_loses_todays_copy(filled: Path) -> None:
    for n in range(7):
        take_daily_backup(filled, MONDAY + timedelta(days=n))
    earlier = MONDAY - timedelta(days=30)
    made = take_daily_backup(filled, earlier)
    assert made is not None and made.exists()
    assert len(daily_backups(filled)) == 7


def test_the_backups_are_private(filled: Path) -> None:
    old_mask = os.umask(0)
    try:
        made = take_daily_backup(filled, MONDAY)
    finally:
        os.umask(old_mask)
    assert made is not None
    assert mode(made.parent) == 0o700
    assert mode(made) == 0o600
    assert raw(made, "PRAGMA journal_mode") == [("delete",)]


def test_a_new_empty_journal_is_not_copied(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    assert take_daily_backup(journal_path, MONDAY) is None
    assert not (journal_path.parent / "backups").exists()
    assert take_daily_backup(journal_path.with_name("missing.sqlite3"), MONDAY) is None


def test_a_full_disk_is_one_calm_sentence_and_changes_nothing(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    take_daily_backup(filled, MONDAY)
    before = {p.name: p.read_bytes() for p in (filled.parent / "backups").iterdir()}
    monkeypatch.setattr(backup.os, "replace", no_space)
    with pytest.raises(JournalError) as caught:
        take_daily_backup(filled, MONDAY + timedelta(days=1))
    assert caught.value.reason == "full"
    assert str(caught.value) == (
        "The disk is full, so today's backup of your journal was not made; "
        "your journal itself is unchanged."
    )
    after = {p.name: p.read_bytes() for p in (filled.parent / "backups").iterdir()}
    assert after == before
    assert texts_in(filled) == ["first light", "second wind"]


def test_a_folder_that_cannot_be_written_is_named(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(path: Path) -> Path:
        raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(daily_backup, "ensure_private_dir", read_only)
    with pytest.raises(JournalError) as caught:
        take_daily_backup(filled, MONDAY)
    assert caught.value.reason == "read-only-folder"
    assert str(caught.value).startswith(f"The folder {filled.parent / 'backups'} cannot be written")


def test_a_damaged_journal_never_pushes_good_copies_out(filled: Path) -> None:
    for n in range(7):
        take_daily_backup(filled, MONDAY + timedelta(days=n))
    before = sorted(b.path.name for b in daily_backups(filled))
    filled.write_bytes(filled.read_bytes()[:4096] + b"\xff" * 4096 * 3)  # pages wrecked
    with pytest.raises(JournalError) as caught:
        take_daily_backup(filled, MONDAY + timedelta(days=7))
    assert caught.value.reason == "damaged"
    assert sorted(b.path.name for b in daily_backups(filled)) == before
    assert not [p for p in (filled.parent / "backups").iterdir() if "partial" in p.name]


# -- restoring -------------------------------------------------------------------------


def damage(journal_path: Path) -> dict[str, bytes]:
    """Overwrite the journal with garbage, with side files as a crash might leave them."""
    side = {"-wal": b"wal frames " * 50, "-shm": b"\x00" * 64}
    journal_path.write_bytes(GARBAGE)
    for suffix, content in side.items():
        Path(f"{journal_path}{suffix}").write_bytes(content)
    return {"": GARBAGE, **side}


def test_the_newest_usable_backup_is_offered(filled: Path) -> None:
    assert newest_usable_backup(filled) is None
    take_daily_backup(filled, MONDAY)
    write_entries(filled, "tuesday")
    take_daily_backup(filled, MONDAY + timedelta(days=1))
    write_entries(filled, "wednesday")
    newest = take_daily_backup(filled, MONDAY + timedelta(days=2))
    assert newest is not None
    newest.write_bytes(GARBAGE)  # the newest copy is damaged too: the one before is offered
    offered = newest_usable_backup(filled)
    assert offered is not None
    assert (offered.day, offered.day_label) == (
        MONDAY + timedelta(days=1),
        "Tuesday 6 January 2026",
    )
    assert texts_in(offered.path) == ["first light", "second wind", "tuesday"]


def test_restoring_keeps_the_damaged_file_and_its_side_files(filled: Path) -> None:
    take_daily_backup(filled, MONDAY)
    damaged = damage(filled)
    offered = newest_usable_backup(filled)
    assert offered is not None
    kept = restore_backup(filled, offered, NOW)
    assert kept == filled.with_name("journal.sqlite3.damaged-20260112-093015")
    for suffix, content in damaged.items():
        assert Path(f"{kept}{suffix}").read_bytes() == content  # untouched, only renamed
    assert not Path(f"{filled}-wal").exists()  # the damaged one went with its file
    assert texts_in(filled) == ["first light", "second wind"]
    assert mode(filled) == 0o600
    assert raw(filled, "PRAGMA integrity_check") == [("ok",)]
    assert sorted(p.name for p in filled.parent.iterdir() if "restoring" in p.name) == []
    assert offered.path.exists()  # the backup itself stays where it was


def test_a_second_restore_in_the_same_second_keeps_both(filled: Path) -> None:
    take_daily_backup(filled, MONDAY)
    offered = newest_usable_backup(filled)
    assert offered is not None
    damage(filled)
    first = restore_backup(filled, offered, NOW)
    damage(filled)
    second = restore_backup(filled, offered, NOW)
    assert first is not None and second is not None and first != second
    assert first.read_bytes() == second.read_bytes() == GARBAGE


def test_a_damaged_backup_is_refused(filled: Path) -> None:
    made = take_daily_backup(filled, MONDAY)
    assert made is not None
    [found] = daily_backups(filled)
    made.write_bytes(GARBAGE)
    damaged = damage(filled)
    with pytest.raises(JournalError) as caught:
        restore_backup(filled, found, NOW)
    assert str(caught.value) == (
        "The backup from Monday 5 January 2026 looks damaged too, so it was not used; "
        "your journal has been left as it is."
    )
    for suffix, content in damaged.items():
        assert Path(f"{filled}{suffix}").read_bytes() == content


@pytest.mark.parametrize("failing", ["copy", "rename"])
def test_a_failed_restore_puts_everything_back(
    filled: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    take_daily_backup(filled, MONDAY)
    [found] = daily_backups(filled)
    damaged = damage(filled)
    if failing == "copy":
        monkeypatch.setattr(backup.os, "replace", no_space)
    else:
        monkeypatch.setattr(restore.os, "replace", no_space)  # the very last step
    with pytest.raises(JournalError) as caught:
        restore_backup(filled, found, NOW)
    assert caught.value.reason == "full"
    assert str(caught.value) == (
        "The backup from Monday 5 January 2026 could not be put in place because the disk is "
        "full; your journal has been left as it is."
    )
    for suffix, content in damaged.items():
        assert Path(f"{filled}{suffix}").read_bytes() == content
    names = sorted(p.name for p in filled.parent.iterdir())
    assert names == ["backups", "journal.sqlite3", "journal.sqlite3-shm", "journal.sqlite3-wal"]


# -- privacy of every file -------------------------------------------------------------


def test_every_file_of_the_journal_is_private(tmp_path: Path) -> None:
    """Folder 0700; the database, its -wal and -shm, and its backups 0600, whatever the umask."""
    data = tmp_path / "data"
    path = data / "journal.sqlite3"
    old_mask = os.umask(0)
    try:
        with Journal.open(path) as journal:
            journal.entries.add(answers=[Answer("Q?", "private words")])
            journal.drafts.save(LooseDraft(("a private draft",)))
            side = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
            assert all(p.exists() for p in side)  # WAL mode: both are there while open
            assert [mode(p) for p in side] == [0o600, 0o600]
            made = take_daily_backup(path, MONDAY)
        damage(path)
        [found] = daily_backups(path)
        kept = restore_backup(path, found, NOW)
    finally:
        os.umask(old_mask)
    assert made is not None and kept is not None
    assert mode(data) == 0o700
    assert mode(made.parent) == 0o700
    assert [mode(p) for p in (path, made, kept)] == [0o600, 0o600, 0o600]
    # Drafts live in the database itself: no other file holds what is being written.
    with Journal.open(path) as journal:
        assert [d.content for d in journal.drafts.all()] == [LooseDraft(("a private draft",))]
    loose = [p for p in data.rglob("*") if p.is_file() and mode(p) & 0o077]
    assert loose == []


# -- the command line ------------------------------------------------------------------


def run(*args: str, answer: str | None = None) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from practice_tui.cli.commands import main

    result = CliRunner().invoke(main, list(args), input=answer, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def kept_journals(journal_path: Path, label: str) -> list[Path]:
    """The journals kept aside by a restore (their side files go with them)."""
    prefix = f"{journal_path.name}.{label}-"
    return [
        p
        for p in journal_path.parent.iterdir()
        if p.name.startswith(prefix) and not p.name.endswith(("-wal", "-shm"))
    ]


@pytest.fixture
def cli_journal(private_folders: Path) -> Path:
    """The journal the command line uses, holding two entries and two days of backups."""
    path = private_folders / "journal.sqlite3"
    write_entries(path, "first light")
    take_daily_backup(path, MONDAY)
    write_entries(path, "second wind")
    take_daily_backup(path, MONDAY + timedelta(days=1))
    return path


def test_backups_lists_dates_and_sizes(cli_journal: Path) -> None:
    daily_backup_path(cli_journal, MONDAY).write_bytes(GARBAGE)
    code, out, _ = run("backups")
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0] == f"Backups of your journal, newest first, in {cli_journal.parent / 'backups'}:"
    )
    assert lines[1].split()[:5] == ["2026-01-06", "Tuesday", "6", "January", "2026"]
    assert lines[1].endswith(" KB")
    assert lines[2].startswith("  2026-01-05  Monday 5 January 2026 ")
    assert lines[2].endswith(f"{len(GARBAGE) / 1000:.1f} KB  (damaged: cannot be used)")
    assert "practice-tui restore-backup" in lines[3]


def test_backups_says_when_there_are_none(private_folders: Path) -> None:
    code, out, _ = run("backups")
    assert code == 0
    assert out.startswith("There are no backups yet: one is made each day you open practice-tui")


def test_file_sizes_read_plainly() -> None:
    from practice_tui.cli.backups import file_size

    sizes = [812, 1000, 9_949, 48_200, 999_499, 1_234_567, 25_000_000, 4_300_000_000]
    expected = ["812 bytes", "1.0 KB", "9.9 KB", "48 KB", "999 KB", "1.2 MB", "25 MB", "4.3 GB"]
    assert [file_size(size) for size in sizes] == expected


def test_a_damaged_journal_names_the_command_that_puts_a_backup_back(cli_journal: Path) -> None:
    cli_journal.write_bytes(GARBAGE)
    code, _, err = run("export")
    assert code == 1
    assert err == (
        f"practice-tui: The journal at {cli_journal} could not be opened because it looks "
        "damaged; it has not been changed. To put back the newest backup, run: "
        "practice-tui restore-backup\n"
    )
    assert cli_journal.read_bytes() == GARBAGE


def test_restore_backup_puts_the_newest_back_and_keeps_the_damaged_journal(
    cli_journal: Path,
) -> None:
    cli_journal.write_bytes(GARBAGE)
    code, out, err = run("restore-backup")
    assert (code, err) == (0, "")
    [kept] = kept_journals(cli_journal, "damaged")
    assert out == (
        f"Put back the backup from Tuesday 6 January 2026; your journal as it was is kept at "
        f"{kept}.\n"
    )
    assert kept.read_bytes() == GARBAGE
    assert texts_in(cli_journal) == ["first light", "second wind"]


def test_restore_backup_of_a_given_day(cli_journal: Path) -> None:
    cli_journal.write_bytes(GARBAGE)
    code, out, _ = run("restore-backup", "2026-01-05")
    assert code == 0 and out.startswith("Put back the backup from Monday 5 January 2026;")
    assert texts_in(cli_journal) == ["first light"]


def test_restore_backup_asks_before_replacing_a_journal_that_looks_fine(cli_journal: Path) -> None:
    write_entries(cli_journal, "newer words")
    before = texts_in(cli_journal)
    code, out, _ = run("restore-backup", answer="n\n")
    assert code == 1 and "looks fine. Replace it with the backup from Tuesday" in out
    assert texts_in(cli_journal) == before
    code, out, _ = run("restore-backup", "--yes")
    assert code == 0
    [kept] = kept_journals(cli_journal, "replaced")
    assert texts_in(kept) == before  # the newer words are kept, not lost
    assert texts_in(cli_journal) == ["first light", "second wind"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["restore-backup", "2025-12-25"],
            1,
            "practice-tui: There is no backup from Thursday 25 December 2025; "
            "practice-tui backups lists them.\n",
        ),
        (["restore-backup", "Christmas"], 2, "'Christmas' does not match the format"),
    ],
    ids=["no-such-day", "not-a-date"],
)
def test_restore_backup_explains_what_it_cannot_do(
    cli_journal: Path, args: list[str], code: int, message: str
) -> None:
    cli_journal.write_bytes(GARBAGE)
    got, _, err = run(*args)
    assert got == code and message in err
    assert cli_journal.read_bytes() == GARBAGE


def test_restore_backup_without_any_backup(private_folders: Path) -> None:
    code, _, err = run("restore-backup")
    assert code == 1
    assert err == (
        "practice-tui: There is no usable backup of your journal yet, so nothing was changed.\n"
    )


def test_backup_commands_never_import_textual(cli_journal: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from practice_tui.cli.commands import main\n"
        "for args in (['backups'], ['restore-backup', '--yes']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as done:\n"
        "        assert done.code == 0, done.code\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.startswith('textual'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=False
    )
    assert result.stderr.strip() == "[]"
