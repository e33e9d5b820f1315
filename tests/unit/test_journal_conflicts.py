"""Copies of the journal that a sync tool left beside it: found, named, and brought back in by
``practice-tui import`` without ever writing the copy."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal
from practice_tui.journal.conflicts import conflict_notice, conflicted_copies

SYNC_TOOLS_NAMES = [
    "journal (conflicted copy 2026-12-01).sqlite3",  # Dropbox
    "journal (Sam's conflicted copy 2026-12-01).sqlite3",  # Dropbox, shared folder
    "journal (conflicted copy 2026-12-01 093012).sqlite3",  # Nextcloud
    "journal.sync-conflict-20261201-093012-ABCDEF7.sqlite3",  # Syncthing
    "journal-DESKTOP-1AB2C3D.sqlite3",  # OneDrive
    "journal (1).sqlite3",  # Google Drive
    "journal 2.sqlite3",  # iCloud
    "journal_conflict.sqlite3",
]
NOT_CONFLICTS = [
    "journal.sqlite3-wal",
    "journal.sqlite3-shm",
    "journal.sqlite3.damaged-2026-12-01T09-30",
    "journal-old.sqlite3",  # a copy a person made and named
    "journal.json",
    "notes.sqlite3",
]


def _sqlite_file(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_copies_sync_tools_leave_are_found_and_nothing_else(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite3"
    _sqlite_file(journal)
    for name in SYNC_TOOLS_NAMES + NOT_CONFLICTS:
        _sqlite_file(tmp_path / name)
    (tmp_path / "backups").mkdir()
    _sqlite_file(tmp_path / "backups" / "journal-2026-12-01.sqlite3")
    found = [path.name for path in conflicted_copies(journal)]
    assert sorted(found) == sorted(SYNC_TOOLS_NAMES)


@given(name=st.sampled_from(SYNC_TOOLS_NAMES), words=st.binary(max_size=64))
def test_a_file_named_like_a_copy_that_is_not_a_database_is_never_mentioned(
    tmp_path_factory: pytest.TempPathFactory, name: str, words: bytes
) -> None:
    folder = tmp_path_factory.mktemp("notes")
    (folder / name).write_bytes(words.replace(b"SQLite", b"sqlite"))
    assert conflicted_copies(folder / "journal.sqlite3") == []


def test_the_notice_names_the_copy_and_how_to_bring_it_in(tmp_path: Path) -> None:
    copies = [tmp_path / SYNC_TOOLS_NAMES[0], tmp_path / SYNC_TOOLS_NAMES[3]]
    notice = conflict_notice(copies)
    assert notice is not None and "\n" not in notice
    assert SYNC_TOOLS_NAMES[0] in notice and "(and 1 more)" in notice
    assert f'practice-tui import "{copies[0]}".' in notice
    assert conflict_notice([]) is None


def _journal_with(path: Path, *words: str) -> list[str]:
    with Journal.open(path) as journal:
        return [journal.entries.add(answers=[Answer("What did you notice?", w)]).id for w in words]


def test_import_brings_in_a_copys_words_and_never_writes_the_copy(
    private_folders: Path,
) -> None:
    journal_file = private_folders / "journal.sqlite3"
    private_folders.mkdir(parents=True)
    _journal_with(journal_file, "Written on the ward computer.")
    copy = private_folders / SYNC_TOOLS_NAMES[0]
    copy_ids = _journal_with(copy, "Written at home.", "A second thought at home.")
    before = {path.name: _digest(path) for path in private_folders.iterdir() if path.is_file()}
    before.pop("journal.sqlite3")
    result = CliRunner().invoke(main, ["doctor", "--no-sound"])
    assert SYNC_TOOLS_NAMES[0] in result.output

    result = CliRunner().invoke(main, ["import", str(copy)])
    assert result.exit_code == 0, result.output
    with Journal.open(journal_file) as journal:
        texts = {entry.answers[0].answer for entry in journal.entries.newest()}
        assert {"Written on the ward computer.", "Written at home."} <= texts
        assert all(journal.entries.get(entry_id) for entry_id in copy_ids)
    after = {path.name: _digest(path) for path in private_folders.iterdir() if path.is_file()}
    assert all(after[name] == digest for name, digest in before.items())


def test_another_programs_database_named_like_a_copy_is_refused_by_name(
    private_folders: Path,
) -> None:
    private_folders.mkdir(parents=True)
    journal_file = private_folders / "journal.sqlite3"
    _journal_with(journal_file, "Mine.")
    stranger = private_folders / SYNC_TOOLS_NAMES[3]
    _sqlite_file(stranger)
    journal_before, stranger_before = _digest(journal_file), _digest(stranger)
    result = CliRunner().invoke(main, ["import", str(stranger)])
    assert result.exit_code == 1
    assert stranger.name in result.output and "Traceback" not in result.output
    assert _digest(stranger) == stranger_before
    assert _digest(journal_file) == journal_before
    shutil.rmtree(private_folders)
