"""The command line as a shell script meets it: pipes that close early, ``-`` and devices as
output files, and searches with no words."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.journal import Journal
from practice_tui.journal.models import Answer

#: Enough lines to fill a pipe's buffer many times over, so the writer meets the closed end.
MANY_LINES = 20_000


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def long_entry(data: Path) -> str:
    text = "\n".join(f"Line {n} of a long evening's reflection." for n in range(MANY_LINES))
    with Journal.open(data / "journal.sqlite3") as journal:
        entry = journal.entries.add(
            answers=[Answer("What did you notice?", text)],
            practice_id=None,
            practice_name=None,
            week=1,
            created_at=datetime(2026, 2, 2, 8, 30, tzinfo=UTC),
        )
    return entry.id


def first_line_then_close(args: list[str]) -> tuple[int, str, str]:
    """Run ``practice-tui ARGS | head -1``: read one line, then close the pipe."""
    process = subprocess.Popen(
        [sys.executable, "-m", "practice_tui", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline().decode()
    process.stdout.close()
    error = process.stderr.read().decode()
    return process.wait(timeout=60), first, error


@pytest.mark.parametrize("command", [["journal", "show"], ["export", "--format", "md"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(
    private_folders: Path, command: list[str]
) -> None:
    entry_id = long_entry(private_folders)
    args = [*command, entry_id] if command[-1] == "show" else command
    code, first, error = first_line_then_close(args)
    assert first.strip()
    assert (code, error) == (0, "")


@pytest.mark.parametrize("command", [["today"], ["stats"], ["journal", "list"]])
def test_a_reader_gone_before_the_first_line_is_no_problem(
    private_folders: Path, command: list[str]
) -> None:
    long_entry(private_folders)
    reading, writing = os.pipe()
    os.close(reading)  # ``| head -0``: nobody will read a line
    try:
        done = subprocess.run(
            [sys.executable, "-m", "practice_tui", *command],
            stdout=writing,
            stderr=subprocess.PIPE,
            env=os.environ,
            check=False,
        )
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (0, b"")


def test_dev_stdout_as_the_output_file_stops_quietly_when_the_reader_does(
    private_folders: Path,
) -> None:
    long_entry(private_folders)
    code, first, error = first_line_then_close(["export", "--format", "md", "-o", "/dev/stdout"])
    assert first.startswith("# ")
    assert (code, error) == (0, "")


def test_dev_stdout_into_a_file_needs_no_force(private_folders: Path, tmp_path: Path) -> None:
    long_entry(private_folders)
    saved = tmp_path / "log.csv"
    with saved.open("w") as stdout:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "practice_tui",
                "export",
                "-o",
                "/dev/stdout",
                "--format",
                "csv",
            ],
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=os.environ,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert "Line 19999" in saved.read_text()


def test_dash_as_the_output_file_means_the_screen(
    private_folders: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_entry(private_folders)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("export", "--format", "json", "-o", "-")
    assert code == 0 and '"practice-tui-journal"' in out
    assert not (tmp_path / "-").exists()


def test_a_pipe_as_the_output_file_is_written_into_not_replaced(
    private_folders: Path, tmp_path: Path
) -> None:
    long_entry(private_folders)
    fifo = tmp_path / "reader"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run("export", "--format", "csv", "-o", str(fifo))
    while reader.is_alive():  # a failed export never opened the pipe: let the reader go
        release(fifo)
        reader.join(0.05)
    assert code == 0, err
    assert b"Line 19999" in received[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe, not a file put in its place


def test_replacing_a_linked_file_keeps_the_link(private_folders: Path, tmp_path: Path) -> None:
    long_entry(private_folders)
    real = tmp_path / "synced" / "log.md"
    real.parent.mkdir()
    real.write_text("last month's log")
    link = tmp_path / "log.md"
    link.symlink_to(real)
    code, _, err = run("export", "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink()
    assert "Line 19999" in real.read_text()


def release(fifo: Path) -> None:
    """Open ``fifo`` for writing and close it, so a reader waiting on it sees the end."""
    with contextlib.suppress(OSError):  # no reader has opened it yet
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.parametrize("words", ["!!!", '"', "'\"()*"])
def test_an_export_search_with_no_words_is_wrong_usage(private_folders: Path, words: str) -> None:
    long_entry(private_folders)
    code, out, err = run("export", "--search", words)
    assert code == 2 and out == ""
    assert "--search" in err


@pytest.mark.parametrize(
    ("text", "reason"),
    [('{"entries": ["unfinished', "unterminated string"), ('{"a": "\x00"}', "invalid control")],
)
def test_broken_json_is_named_in_a_whole_phrase(
    private_folders: Path, tmp_path: Path, text: str, reason: str
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(text)
    code, _, err = run("import", str(broken))
    assert code == 1
    assert f"({reason}" in err and " at)" not in err


def test_a_folder_that_refuses_the_file_names_the_file_asked_for(
    private_folders: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_entry(private_folders)

    def refuse(*, dir: str, prefix: str, suffix: str) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", f"{dir}/{prefix}x1y2z3{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # as in a read-only folder, even for root
    code, _, err = run("export", "-o", str(tmp_path / "log.md"))
    assert (code, err) == (1, f"practice-tui: Permission denied ({tmp_path / 'log.md'}).\n")


def test_a_damaged_journal_without_backups_offers_no_restore(private_folders: Path) -> None:
    private_folders.mkdir(parents=True)
    (private_folders / "journal.sqlite3").write_bytes(b"not a database at all" * 500)
    code, _, err = run("journal", "list")
    assert code == 1 and "looks damaged" in err
    assert "restore-backup" not in err  # it would only say there is no backup to put back


@pytest.mark.parametrize(
    "args",
    [
        ["import", "EMPTY"],
        ["import", "--dry-run", "EXPORT"],
        ["import", "MISSING"],
        ["export", "--format", "json"],
    ],
)
def test_before_the_first_entry_export_and_unkept_imports_make_no_journal(
    private_folders: Path, tmp_path: Path, args: list[str]
) -> None:
    files = {"EMPTY": tmp_path / "empty.json", "EXPORT": tmp_path / "export.json"}
    files["EMPTY"].write_text("")
    files["EXPORT"].write_text('{"format": "practice-tui-journal", "version": 1, "entries": []}')
    files["MISSING"] = tmp_path / "missing.json"
    run(*[str(files[arg]) if arg in files else arg for arg in args])
    assert not private_folders.exists()


def test_an_import_into_no_journal_yet_makes_one(private_folders: Path) -> None:
    export = private_folders.parent / "export.json"
    export.write_text('{"format": "practice-tui-journal", "version": 1, "entries": []}')
    assert run("import", str(export))[0] == 0
    assert (private_folders / "journal.sqlite3").is_file()


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2026-02-30", "2026-02-30 is not a day in the calendar"),
        ("a blue moon", "'a blue moon' is not a date the app can read (such as 2026-01-05,"),
    ],
)
def test_a_day_that_is_not_one_is_wrong_usage_in_plain_words(
    private_folders: Path, day: str, said: str
) -> None:
    code, _, err = run("export", "--since", day)
    assert code == 2 and said in err


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "json"],
        ["export", "--format", "csv"],
        ["export", "--format", "csv", "--sessions"],
        ["import", "--dry-run", "EXPORT"],
    ],
)
def test_an_empty_data_folder_reads_as_an_empty_journal_and_stays_empty(
    private_folders: Path, tmp_path: Path, args: list[str]
) -> None:
    """With the folder there but no journal yet, a command that only reads says what it
    says of a new, empty journal file, and leaves the folder as it was."""
    export = tmp_path / "export.json"
    export.write_text('{"format": "practice-tui-journal", "version": 1, "entries": []}')
    argv = [str(export) if arg == "EXPORT" else arg for arg in args]
    private_folders.mkdir()
    code, out, err = run(*argv)
    assert list(private_folders.iterdir()) == []
    Journal.open(private_folders / "journal.sqlite3").close()
    expected = run(*argv)
    if args[:3] == ["export", "--format", "json"]:
        out, wanted = json.loads(out), json.loads(expected[1])
        assert out.pop("exported_at") and wanted.pop("exported_at")
        expected = (expected[0], wanted, expected[2])
    assert (code, out, err) == expected
