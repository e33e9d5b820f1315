"""The command line starts quickly: each command loads its own module and what it needs, no more.

``benchmarks/cli_start.py`` measures the time; these tests keep what makes it short from
slipping back: no command imports Textual or sqlite-utils, only the commands that show the
course load it, a command never loads another command's module, and ``--help`` lists every
command as the command itself words it without loading any of them.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from practice_tui.cli import (
    backups,
    doctor,
    journal,
    paper,
    play,
    practices,
    stats,
    transfer,
    voices,
)
from practice_tui.cli.commands import SUMMARIES, load_command, main
from practice_tui.journal import Journal
from practice_tui.journal.export import write_export
from practice_tui.journal.models import Answer

#: Never loaded by a command that does not open the app.
NEVER = (
    "textual",
    "sqlite_utils",
    "practice_tui.app",
    "practice_tui.screens",
    "practice_tui.widgets",
    # Each dataclass costs most of a millisecond to create: the drafts and the engine's
    # timeline are not a command's business (``stats`` and ``today`` read the settings).
    "practice_tui.journal.draft_models",
    "practice_tui.engine.timeline",
) + (("platformdirs",) if sys.platform == "linux" else ())  # paths.py works out XDG folders
#: The modules every command goes through.
SHARED = {
    "practice_tui.cli",
    "practice_tui.cli.launch",
    "practice_tui.cli.commands",
    "practice_tui.cli.context",
    "practice_tui.cli.opening",
    "practice_tui.cli.output",
    "practice_tui.cli.problems",
}
COMMAND_MODULES = (backups, doctor, journal, paper, play, practices, stats, transfer, voices)


def _loaded_by(args: list[str]) -> tuple[int, list[str]]:
    """Run ``practice-tui ARGS`` in a new process: its exit code and the modules it loaded."""
    probe = (
        "import sys\n"
        "from practice_tui.cli.launch import main\n"
        f"sys.argv = ['practice-tui', *{args!r}]\n"
        "code = 0\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "sys.stderr.write('\\n' + repr((code, sorted(sys.modules))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=False
    )
    code, modules = ast.literal_eval(result.stderr.rstrip().rpartition("\n")[2])
    return code, modules


COMMANDS: list[tuple[list[str], str | None, bool]] = [
    # arguments, the command's own module, whether it shows the course
    (["--help"], None, False),
    (["--version"], None, False),
    (["journal", "list"], "journal", False),
    (["journal", "search", "ward"], "journal", False),
    (["journal", "show", "ENTRY"], "journal", False),
    (["export", "--format", "json", "-o", "-"], "transfer", False),
    (["import", "--dry-run", "EXPORT"], "transfer", False),
    (["backups"], "backups", False),
    (["doctor", "--no-sound"], "doctor", False),
    (["voices"], "voices", False),
    (["voices", "add", "--help"], "voices", False),
    (["stats"], "stats", True),
    (["today"], "stats", True),
    (["practices"], "practices", True),
    (["validate", "WEEK_FILE"], "practices", True),
    (["show", "breathing-space", "--json"], "paper", True),
    (["week", "2", "--print"], "paper", True),
]


@pytest.mark.parametrize("with_journal", [False, True], ids=["empty", "journal"])
@pytest.mark.parametrize(
    ("args", "own", "course"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS]
)
def test_each_command_loads_only_what_it_needs(
    private_folders: Path,
    tmp_path: Path,
    args: list[str],
    own: str | None,
    course: bool,
    with_journal: bool,
) -> None:
    entry_id = "0123abcd"
    if with_journal:
        with Journal.open(private_folders / "journal.sqlite3") as opened:
            entry_id = opened.entries.add(answers=[Answer("What did you notice?", "A ward.")]).id
    export = tmp_path / "export.json"
    with Journal.open(tmp_path / "elsewhere.sqlite3") as elsewhere:  # an entry new to the journal
        elsewhere.entries.add(answers=[Answer("What did you notice?", "Written elsewhere.")])
        with export.open("w", encoding="utf-8") as stream:
            write_export(elsewhere, "json", stream)
    week_file = next(Path(practices.__file__).parents[1].glob("scripts/weeks/*.toml"))
    places = {"ENTRY": entry_id, "EXPORT": str(export), "WEEK_FILE": str(week_file)}
    code, modules = _loaded_by([places.get(arg, arg) for arg in args])

    assert code == (1 if args[:2] == ["journal", "show"] and not with_journal else 0)
    assert [m for m in modules if m.startswith(NEVER)] == []
    if not course:
        assert [m for m in modules if m.startswith("practice_tui.course")] == []
    expected = SHARED | ({f"practice_tui.cli.{own}"} if own else set())
    assert {m for m in modules if m.startswith("practice_tui.cli")} <= expected


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_help_words_each_command_as_the_command_itself_does(name: str) -> None:
    command = load_command(name)
    assert command is not None and command.name == name
    listed = click.Command(name, help=SUMMARIES[name])
    for limit in (20, 45, 60, 80, 120):
        assert listed.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_help_lists_every_command_there_is() -> None:
    """Every command defined in the command modules is listed (their subcommands are not)."""
    defined = {
        value
        for module in COMMAND_MODULES
        for value in vars(module).values()
        if isinstance(value, click.Command)
    }
    subcommands = {
        sub
        for group in defined
        if isinstance(group, click.Group)
        for sub in group.commands.values()
    }
    assert {command.name for command in defined - subcommands} == set(SUMMARIES)
    assert load_command("no-such-command") is None
    assert main.get_command(click.Context(main), "no-such-command") is None


def test_a_mistyped_command_is_told_the_nearest_one_without_loading_them_all() -> None:
    result = CliRunner().invoke(main, ["jour"])
    assert result.exit_code == 2
    assert "No such command 'jour'. Did you mean 'journal'?" in result.output
    assert sorted(main.list_commands(click.Context(main))) == sorted(SUMMARIES)


def test_doctor_without_sound_leaves_the_device_and_the_speech_programs_alone(
    private_folders: Path,
) -> None:
    """`--no-sound` opens no device (miniaudio brings urllib and email), starts no program."""
    code, modules = _loaded_by(["doctor", "--no-sound"])
    assert code == 0
    unwanted = ("miniaudio", "_miniaudio", "simpleaudio", "practice_tui.sound", "subprocess")
    assert [m for m in modules if m.startswith(unwanted)] == []
    result = CliRunner().invoke(main, ["doctor", "--no-sound"])
    assert "Device          not opened" in result.output
    assert "singing-bowl" in result.output and "Ringing" not in result.output
