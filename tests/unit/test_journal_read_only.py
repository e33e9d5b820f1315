"""A journal that cannot be written is still read and exported, and says it is read-only only
when asked to write; one that cannot be read says so, not "read-only". Nothing is changed,
and a journal made read-only stays read-only.

These tests run as root, for whom file permissions do not hold: the commands run under
``setpriv`` without the capabilities that override them, so the permissions are real.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from practice_tui.journal import Answer, Journal, JournalError
from tests.support.permissions import refuse_access

_WITHOUT_OVERRIDE = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search,-fowner",
    "--bounding-set=-dac_override,-dac_read_search,-fowner",
]
_AS_ROOT = os.geteuid() == 0
pytestmark = pytest.mark.skipif(
    _AS_ROOT and shutil.which("setpriv") is None,
    reason="as root, permissions hold only under setpriv",
)


def command(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRACTICE_TUI_DATA_DIR": str(folder),
        "PRACTICE_TUI_CONFIG_DIR": str(folder.parent / "config"),
        "PRACTICE_TUI_CACHE_DIR": str(folder.parent / "cache"),
    }
    program = [sys.executable, "-m", "practice_tui", *args]
    return subprocess.run(
        [*_WITHOUT_OVERRIDE, *program] if _AS_ROOT else program,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A journal of one entry, closed, with no side files left."""
    data = tmp_path / "data"
    with Journal.open(data / "journal.sqlite3") as journal:
        journal.entries.add(answers=[Answer("What did you notice?", "Kept words.")])
    assert sorted(path.name for path in data.iterdir()) == ["journal.sqlite3"]
    return data


def an_import(tmp_path: Path) -> Path:
    path = tmp_path / "new.json"
    entry = {
        "id": "0b0b0b0b-0000-4000-8000-000000000001",
        "kind": "reflection",
        "created_at": "2026-01-05T09:00:00+00:00",
        "updated_at": "2026-01-05T09:00:00+00:00",
        "answers": [{"question": "Q?", "answer": "New words."}],
    }
    path.write_text(
        json.dumps({"format": "practice-tui-journal", "version": 1, "entries": [entry]})
    )
    return path


def file_read_only(folder: Path) -> None:
    os.chmod(folder / "journal.sqlite3", 0o444)


def folder_read_only(folder: Path) -> None:
    os.chmod(folder, 0o555)


def both_read_only(folder: Path) -> None:
    file_read_only(folder)
    folder_read_only(folder)


def someone_elses(folder: Path) -> None:
    if not _AS_ROOT:
        pytest.skip("giving a file away needs root")
    os.chown(folder / "journal.sqlite3", 65534, 65534)
    os.chmod(folder / "journal.sqlite3", 0o644)


@pytest.mark.parametrize(
    "make_read_only", [file_read_only, folder_read_only, both_read_only, someone_elses]
)
def test_a_read_only_journal_is_read_and_exported_and_refuses_only_a_write(
    folder: Path, tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    make_read_only(folder)
    journal_file = folder / "journal.sqlite3"
    before, mode = journal_file.read_bytes(), stat.S_IMODE(journal_file.stat().st_mode)
    try:
        listed = command(folder, "journal", "list")
        assert (listed.returncode, listed.stderr) == (0, "")
        assert "Kept words." in listed.stdout
        exported = command(folder, "export", "--format", "json")
        assert (exported.returncode, exported.stderr) == (0, "")
        assert json.loads(exported.stdout)["entries"][0]["answers"][0]["answer"] == "Kept words."
        imported = command(folder, "import", str(an_import(tmp_path)))
        assert imported.returncode == 1
        assert "read-only" in imported.stderr and "could not be saved" in imported.stderr
        assert journal_file.read_bytes() == before
        assert stat.S_IMODE(journal_file.stat().st_mode) == mode  # not made writable
    finally:
        os.chmod(folder, 0o700)
    # Made writable again, it takes writes: what the read-only openings left is no hindrance.
    for path in folder.iterdir():  # SQLite gives its side files the journal's owner
        os.chown(path, os.getuid(), os.getgid())
    os.chmod(journal_file, 0o600)
    imported = command(folder, "import", str(an_import(tmp_path)))
    assert (imported.returncode, imported.stderr) == (0, "")
    assert "New words." in command(folder, "journal", "list").stdout


@pytest.mark.parametrize("what", ["ours", "someone else's"])
def test_an_unreadable_journal_says_it_cannot_be_read(
    folder: Path, tmp_path: Path, what: str
) -> None:
    journal_file = folder / "journal.sqlite3"
    before = journal_file.read_bytes()
    if what == "someone else's":
        if not _AS_ROOT:
            pytest.skip("giving a file away needs root")
        os.chown(journal_file, 65534, 65534)
    unreadable = journal_file
    os.chmod(unreadable, 0)
    try:
        for args in (["journal", "list"], ["export"], ["import", str(an_import(tmp_path))]):
            done = command(folder, *args)
            assert done.returncode == 1 and done.stdout == ""
            assert "cannot be read" in done.stderr and "read-only" not in done.stderr
            assert len(done.stderr.strip().splitlines()) == 1
        assert stat.S_IMODE(unreadable.stat().st_mode) == 0
    finally:
        os.chmod(folder, 0o700)
    assert journal_file.read_bytes() == before


def test_a_write_on_a_journal_opened_read_only_says_so(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal_file = folder / "journal.sqlite3"
    refuse_access(monkeypatch, journal_file, os.W_OK)
    with Journal.open(journal_file) as journal:
        [entry] = journal.entries.page()
        assert entry.answers[0].answer == "Kept words."
        with pytest.raises(JournalError) as caught:
            journal.entries.set_starred(entry.id, True)
    assert caught.value.reason == "read-only"
    assert str(caught.value) == (
        f"The journal at {journal_file} is read-only, so the star on this entry could not be saved."
    )


def test_a_journal_in_a_folder_that_cannot_be_looked_into_cannot_be_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the app meets it; the commands' own check of the data folder says first that it
    "is not readable"."""
    refuse_access(monkeypatch, folder, os.X_OK)
    with pytest.raises(JournalError) as caught:
        Journal.open(folder / "journal.sqlite3")
    assert caught.value.reason == "unreadable"
    assert "cannot be read" in str(caught.value)
