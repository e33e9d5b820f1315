"""No traceback, ever: the command line without a terminal, with standard output that fails,
with arguments that are not text, and with numbers beyond any real value. Each ends in one
sentence, exit 1 for a failure or 2 for a mistake in the command."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import practice_tui as practice_tui_package
from practice_tui.cli.commands import main
from practice_tui.journal import Journal
from practice_tui.journal.models import Answer

#: Long enough for a slow machine to start Python; the app without a terminal used to spin
#: here forever.
PATIENCE = 60


def practice_tui(
    *args: str | bytes, stdin: object = subprocess.DEVNULL, stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """``practice-tui ARGS`` as a shell runs it (``python -m`` is the same entry point)."""
    return subprocess.run(
        [sys.executable, "-m", "practice_tui", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=os.environ,
        timeout=PATIENCE,
        check=False,
    )


def one_sentence(stderr: bytes) -> str:
    """The message, checked to be one line from practice-tui and no traceback."""
    text = stderr.decode()
    assert "Traceback" not in text, text
    lines = text.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("practice-tui: "), text
    return lines[0]


def an_entry(data: Path) -> str:
    with Journal.open(data / "journal.sqlite3") as journal:
        entry = journal.entries.add(
            answers=[Answer("What did you notice?", "The kettle, and my breath.")],
            week=1,
            created_at=datetime(2026, 2, 2, 8, 30, tzinfo=UTC),
        )
    return entry.id


# -- the app needs a terminal ------------------------------------------------------------

APP_COMMANDS = [
    [],
    ["journal"],
    ["timer"],
    ["timer", "--minutes", "5"],
    ["play", "breathing-space"],
]


@pytest.mark.parametrize("command", APP_COMMANDS, ids=lambda c: " ".join(c) or "practice-tui")
def test_the_app_without_a_terminal_is_refused_in_one_sentence(command: list[str]) -> None:
    done = practice_tui(*command)  # standard input and output are no terminal
    assert done.returncode == 2
    assert "terminal" in one_sentence(done.stderr)
    assert done.stdout == b""


def test_the_app_needs_a_terminal_for_its_output_as_well_as_its_input() -> None:
    keyboard, typed = pty.openpty()  # standard input is a terminal, standard output a pipe
    try:
        done = practice_tui("timer", stdin=typed)
    finally:
        os.close(keyboard)
        os.close(typed)
    assert done.returncode == 2
    assert "terminal" in one_sentence(done.stderr)


# -- standard output that fails ----------------------------------------------------------

PRINTING_COMMANDS = [
    ["--help"],
    ["--version"],
    ["journal", "--help"],
    ["journal", "list"],
    ["journal", "list", "--json"],
    ["journal", "search", "kettle"],
    ["journal", "show", "ENTRY"],
    ["journal", "show", "ENTRY", "--json"],
    ["practices"],
    ["practices", "--json"],
    ["stats"],
    ["stats", "--json"],
    ["today"],
    ["export"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["export", "--format", "html"],
    ["export", "-o", "/dev/stdout"],
    ["backups"],
    ["doctor", "--no-sound"],
    ["voices"],
    ["validate", "SCRIPTS"],
]


@pytest.mark.parametrize("command", PRINTING_COMMANDS, ids=" ".join)
def test_standard_output_that_fails_is_one_sentence_and_exit_1(
    private_folders: Path, command: list[str]
) -> None:
    entry_id = an_entry(private_folders)
    script = Path(practice_tui_package.__file__).parent / "scripts"
    args = [{"ENTRY": entry_id, "SCRIPTS": str(script)}.get(arg, arg) for arg in command]
    with open("/dev/full", "wb") as full:
        done = practice_tui(*args, stdout=full)
    assert done.returncode == 1
    assert "No space left on device" in one_sentence(done.stderr)


def test_an_import_that_was_saved_says_so_when_its_summary_cannot_be_printed(
    private_folders: Path, tmp_path: Path
) -> None:
    an_entry(private_folders)
    exported = tmp_path / "journal.json"
    assert CliRunner().invoke(main, ["export", "-o", str(exported)]).exit_code == 0
    other = tmp_path / "other"
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "practice_tui", "--data-dir", str(other), "import", exported],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=PATIENCE,
            check=False,
        )
    assert done.returncode == 1
    message = one_sentence(done.stderr)
    assert "No space left on device" in message and "but this is done: Added 1 entry" in message
    with Journal.open(other / "journal.sqlite3") as journal:
        assert journal.entries.count() == 1


# -- arguments -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ([b"export", b"--practice", b"\xff"], "\\xff"),
        ([b"journal", b"search", b"caf\xe9"], "caf\\xe9"),
        ([b"validate", b"/tmp/\xff"], "/tmp/\\xff"),
        ([b"\xff"], "\\xff"),
    ],
    ids=["practice", "search", "path", "command"],
)
def test_an_argument_that_is_not_utf8_is_a_mistake_in_one_sentence(
    private_folders: Path, command: list[bytes], shown: str
) -> None:
    an_entry(private_folders)
    before = (private_folders / "journal.sqlite3").read_bytes()
    done = practice_tui(*command)
    assert done.returncode == 2
    assert f"{shown} is not valid UTF-8 text" in one_sentence(done.stderr)
    assert (private_folders / "journal.sqlite3").read_bytes() == before


HUGE = "99999999999999999999"  # beyond SQLite's integers


@pytest.mark.parametrize(
    "command",
    [
        ["journal", "list", "--week", HUGE],
        ["journal", "list", "--week", "7"],
        ["export", "--week", HUGE],
        ["play", "breathing-space", "--minutes", HUGE],
        ["timer", "--minutes", HUGE],
        ["timer", "--interval", "nan"],
        ["timer", "--interval", "inf"],
        ["timer", "--open-ended", "--interval", "-inf"],
        ["timer", "--interval", "1e20"],
        ["play", "breathing-space", "--minutes", "1e20"],
    ],
    ids=" ".join,
)
def test_numbers_beyond_any_real_value_are_mistakes(command: list[str]) -> None:
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Invalid value" in result.stderr


@pytest.mark.parametrize("command", [["journal", "list"], ["journal", "search", "kettle"]])
def test_a_limit_beyond_any_journal_shows_them_all(
    private_folders: Path, command: list[str]
) -> None:
    entry_id = an_entry(private_folders)
    result = CliRunner().invoke(main, [*command, "--limit", HUGE])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(entry_id[:8])


@pytest.mark.parametrize("fmt", ["md", "json", "csv", "html"])
def test_the_last_day_of_the_calendar_is_a_day_like_any_other(
    private_folders: Path, fmt: str
) -> None:
    an_entry(private_folders)
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--until", "9999-12-31"])
    assert result.exit_code == 0, result.output
    assert "The kettle" in result.stdout


def test_the_programme_weeks_the_command_line_knows_are_the_course_weeks() -> None:
    from practice_tui.cli.context import PROGRAMME_WEEKS
    from practice_tui.course.model import WEEK_COUNT

    assert PROGRAMME_WEEKS == WEEK_COUNT


@pytest.mark.parametrize(
    "command", [["journal", "list"], ["journal", "list", "--json"], ["journal", "show", "ENTRY"]]
)
def test_words_that_cannot_be_encoded_are_shown_escaped_not_a_traceback(
    private_folders: Path, command: list[str]
) -> None:
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        entry = journal.entries.add(answers=[Answer("Q", "a broken \ud800 paste")], week=1)
    done = practice_tui(*[entry.id if arg == "ENTRY" else arg for arg in command])
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"a broken \\ud800 paste" in done.stdout
