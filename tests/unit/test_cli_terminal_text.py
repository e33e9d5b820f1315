"""Text from people stays text on a terminal: what the command line prints there shows control
characters as the screens show them (``␛[``) and never sends them raw; into a file or a pipe
the bytes are exact."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.journal import Journal
from practice_tui.journal.models import Answer

#: Clears the screen and retitles the window (C0), then the same with C1 controls.
HOSTILE = "kind \x1b[2J\x1b]0;pwned\x07 words \x9b31m and \x9d0;title\x9c end"
RAW = ("\x1b", "\x07", "\x9b", "\x9d", "\x9c")


def hostile_entry(data: Path) -> str:
    with Journal.open(data / "journal.sqlite3") as journal:
        entry = journal.entries.add(
            answers=[Answer(f"What did you notice? {HOSTILE}", f"kind words\n{HOSTILE}")],
            practice_id="p",
            practice_name=f"Practice {HOSTILE}",
            week=1,
            actions=[f"Act {HOSTILE}"],
            created_at=datetime(2026, 2, 2, 8, 30, tzinfo=UTC),
        )
    return entry.id


def on_a_terminal(*args: str) -> tuple[int, str]:
    """``practice-tui ARGS`` with its output on a terminal (a pseudo-terminal we read)."""
    reader, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "practice_tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=os.environ,
    )
    os.close(terminal)
    shown = bytearray()
    try:
        while chunk := os.read(reader, 65536):
            shown += chunk
    except OSError:  # the terminal is closed once the command has ended
        pass
    finally:
        os.close(reader)
    assert process.stderr is not None
    assert b"Traceback" not in process.stderr.read()
    return process.wait(timeout=60), shown.decode()


TERMINAL_COMMANDS = [
    ["journal", "list"],
    ["journal", "list", "--json"],
    ["journal", "search", "kind"],
    ["journal", "search", "kind", "--json"],
    ["journal", "show", "ENTRY"],
    ["journal", "show", "ENTRY", "--json"],
    ["export"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    ["export", "--format", "html"],
    ["export", "-o", "/dev/stdout"],
]


@pytest.mark.parametrize("command", TERMINAL_COMMANDS, ids=" ".join)
def test_on_a_terminal_control_characters_are_shown_never_sent(
    private_folders: Path, command: list[str]
) -> None:
    entry_id = hostile_entry(private_folders)
    code, shown = on_a_terminal(*[entry_id if arg == "ENTRY" else arg for arg in command])
    assert code == 0
    shown = shown.replace("\x1b[1m", "").replace("\x1b[0m", "")  # our own bold, for a match
    assert not [raw for raw in RAW if raw in shown], shown
    assert "kind" in shown
    assert "\u241b[31m" in shown  # C1 CSI, as the screens show it
    if "--json" not in command and "json" not in command:
        assert "\u241b[2J" in shown  # ESC [, as the screens show it (JSON writes \u001b)


def test_csv_on_a_terminal_keeps_its_line_ends_but_shows_a_lone_carriage_return(
    private_folders: Path,
) -> None:
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        journal.entries.add(answers=[Answer("Q", "hidden\rshown over it")])
    code, shown = on_a_terminal("export", "--format", "csv")
    assert code == 0
    assert "hidden\u240dshown over it" in shown
    assert shown.count("\r\n") >= 2  # the header's line end and the row's are kept


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_into_a_pipe_or_a_file_the_bytes_are_exact(
    private_folders: Path, tmp_path: Path, fmt: str
) -> None:
    hostile_entry(private_folders)
    piped = CliRunner().invoke(main, ["export", "--format", fmt])
    assert piped.exit_code == 0, piped.output
    written = tmp_path / f"log.{fmt}"
    assert CliRunner().invoke(main, ["export", "-o", str(written)]).exit_code == 0
    for text in (piped.stdout, written.read_text(encoding="utf-8")):
        assert "\x9b31m" in text  # kept exactly (JSON writes ESC as \u001b, exactly too)
        if fmt != "json":
            assert "\x1b[2J" in text


@pytest.mark.parametrize("command", [["journal", "list", "--json"], ["journal", "show", "ENTRY"]])
def test_json_and_text_for_scripts_are_exact_in_a_pipe(
    private_folders: Path, command: list[str]
) -> None:
    entry_id = hostile_entry(private_folders)
    args = [entry_id if arg == "ENTRY" else arg for arg in command]
    result = CliRunner().invoke(main, ["journal", *args[1:]])
    assert result.exit_code == 0, result.output
    if "--json" in command:
        assert "\x9b31m" in result.stdout  # the data, exactly, for a script
    else:
        assert "\x9b" not in result.stdout  # a person's reading: as on the screens
