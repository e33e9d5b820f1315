"""Every command, driven with generated arguments: never a traceback, the exit code 0, 1 or 2,
a failed command leaves the journal byte-identical, and nothing it prints can act on a
terminal.

The arguments are built from each command's own options (found by looking at the commands,
so a new option is fuzzed the day it is added) with values chosen to hurt: numbers beyond
SQLite and Python, ``nan`` and ``inf``, the calendar's ends, odd Unicode, control characters,
arguments that were not UTF-8 (as Python holds them: lone surrogates). Examples are bounded so
the test takes seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal

#: Commands that would make a sound or speak: the fuzzer gives doctor --no-sound instead.
NOISY = {("voices", "test")}
#: Options that sit through a practice in real time (its own tests give it a clock).
REAL_TIME = {"plain"}
#: Control characters that would act on a terminal (our own bold, ESC [1m, is allowed).
ACTING = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\n\t"]


def every_command(
    group: click.Group = main, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Each command and subcommand with the words that name it (the group itself first)."""
    yield path, group
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from every_command(command, (*path, name))
        elif (*path, name) not in NOISY:
            yield (*path, name), command


COMMANDS = list(every_command())

# -- values chosen to hurt -----------------------------------------------------------------

HUGE = [
    "99999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "1" * 5000,
    "-1",
    "0",
]
ODD_TEXT = [
    "",
    " ",
    "--",
    "-",
    "\x1b[2J\x1b]0;pwned\x07",
    "\x9b31m",
    "\udcff",
    "caf\udce9",
    "\ud800",
    "\x00",
    "🙏🏽" * 50,
    "'; DROP TABLE entries; --",
    '"quoted words"',
    "%s %d {0}",
    "=1+2",
    "a" * 10_000,
]
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(HUGE),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1e20", "1e-300", "0.1", "0x10", "١٢"]),
)
DAYS = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "yesterday"]),
)
TEXT = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=30))


def files(tmp: Path, *, written: bool) -> st.SearchStrategy[str]:
    """Paths inside the test's own folder (or devices), so a fuzzed export writes nowhere else.

    (``/dev/full`` only to write to: read, it never ends.)
    """
    names = ["missing.json", "export.json", "broken.json", "empty.json", "folder", "new.md"]
    names += ["new.csv", "new.html", "new.json", "new.txt", "-", "voice.onnx"]
    devices = ["/dev/null", "/dev/full"] if written else ["/dev/null"]
    return st.sampled_from([str(tmp / name) for name in names] + devices)


def values(param: click.Parameter, tmp: Path) -> st.SearchStrategy[str]:
    """Values for one option or argument, by its type, and often something else entirely."""
    kind = param.type
    if isinstance(kind, click.Path):
        own = files(tmp, written=param.name == "output")
    elif isinstance(kind, click.Choice):
        own = st.sampled_from([str(choice) for choice in kind.choices])
    elif isinstance(kind, click.DateTime):
        own = DAYS
    elif isinstance(kind, click.types._NumberParamTypeBase):
        own = NUMBERS
    else:
        own = TEXT
    return st.one_of(own, own, TEXT, NUMBERS)


@st.composite
def command_lines(draw: st.DrawFn, tmp: Path) -> list[str]:
    path, command = draw(st.sampled_from(COMMANDS))
    args = list(path)
    if path == ("doctor",):
        args.append("--no-sound")
    options = [
        p
        for p in command.params
        if isinstance(p, click.Option) and p.name != "help" and p.name not in REAL_TIME
    ]
    for option in draw(st.lists(st.sampled_from(options), max_size=4) if options else st.just([])):
        args.append(draw(st.sampled_from(option.opts)))
        if not option.is_flag:
            args.append(draw(values(option, tmp)))
    for argument in (p for p in command.params if isinstance(p, click.Argument)):
        if argument.required or draw(st.booleans()):
            args.append(draw(values(argument, tmp)))
    if draw(st.integers(0, 9)) == 0:  # now and then, one word too many, anywhere
        args.insert(draw(st.integers(0, len(args))), draw(TEXT))
    return args


# -- the journal the commands meet ---------------------------------------------------------


@pytest.fixture
def prepared(private_folders: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal with entries (control characters and HTML in them), and files to import."""
    monkeypatch.chdir(tmp_path)
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        for day in range(1, 4):
            journal.entries.add(
                answers=[Answer("What did you notice? \x1b[2J", f"<b>kind</b> \x9b31m day {day}")],
                practice_id="breathing-space",
                practice_name="Breathing Space",
                week=day,
                actions=["=1+2 \x07"],
                created_at=datetime(2026, 2, day, 8, 30, tzinfo=UTC),
            )
    export = CliRunner().invoke(main, ["export", "-o", str(tmp_path / "export.json")])
    assert export.exit_code == 0, export.output
    (tmp_path / "broken.json").write_text('{"format": "practice-tui-journal", "entries": [')
    (tmp_path / "empty.json").write_text("")
    (tmp_path / "folder").mkdir()
    (tmp_path / "voice.onnx").write_bytes(b"not a voice")
    return private_folders


def journal_bytes(data: Path) -> dict[str, bytes]:
    """The journal as it lies on the disk: the file and its side files."""
    found = {}
    for name in ("journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-journal"):
        if (data / name).exists():
            found[name] = (data / name).read_bytes()
    return found


def check_one(data: Path, args: list[str]) -> int:
    before = journal_bytes(data)
    result = CliRunner().invoke(main, args)
    shown = f"{args!r} gave exit code {result.exit_code}:\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\n{result.exception!r}"
    )
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown
    if result.exit_code != 0:
        assert journal_bytes(data) == before, f"{shown}\nthe journal changed"
    printed = result.stdout.replace("\x1b[1m", "").replace("\x1b[0m", "") + result.stderr
    exact = {"export", "--json"} & set(args) and result.exit_code == 0
    if not exact:  # (an export, and JSON for scripts, are exact in a pipe)
        acting = sorted({repr(c) for c in ACTING if c in printed} - {"'\\r'"})
        assert not acting, f"{shown}\nprinted {acting}"
    return result.exit_code


@given(data=st.data())
@settings(
    max_examples=int(os.environ.get("CLI_FUZZ_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_command_with_generated_arguments_ends_cleanly(
    prepared: Path, tmp_path: Path, data: st.DataObject
) -> None:
    args = data.draw(command_lines(tmp_path))
    event(f"exit code {check_one(prepared, args)}")


@pytest.mark.parametrize("words", [path for path, _ in COMMANDS], ids=" ".join)
def test_every_command_asked_for_help_or_given_nonsense_ends_cleanly(
    prepared: Path, words: tuple[str, ...]
) -> None:
    for extra in (["--help"], ["--no-such-option"], ["\udcff"], ["\x1b[2J"]):
        check_one(prepared, [*words, *extra])


def test_the_fuzzer_meets_every_command() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"", "play", "timer", "journal", "journal list", "export", "import"} <= names
    assert {"restore-backup", "voices add", "doctor", "validate", "today"} <= names


def as_typed(arg: str) -> bytes:
    """The bytes a shell would pass for ``arg`` (a lone surrogate as the bytes UTF-8 refuses)."""
    try:
        return os.fsencode(arg)
    except UnicodeEncodeError:
        return arg.encode("utf-8", "surrogatepass")


@given(data=st.data())
@settings(
    max_examples=int(os.environ.get("CLI_FUZZ_PROCESS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_commands_with_no_terminal_and_a_full_disk_end_cleanly(
    prepared: Path, tmp_path: Path, data: st.DataObject
) -> None:
    """As a shell runs them, with standard output on a full disk and no terminal: the app
    commands refuse, the others say the output failed, in one sentence."""
    args = [arg for arg in data.draw(command_lines(tmp_path)) if "\x00" not in arg]
    before = journal_bytes(prepared)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "practice_tui", *map(as_typed, args)],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            env=os.environ,
            timeout=60,
            check=False,
        )
    said = done.stderr.decode(errors="replace")
    shown = f"{args!r} gave exit code {done.returncode}:\n{said}"
    assert done.returncode in (0, 1, 2), shown
    assert "Traceback" not in said and "Exception ignored" not in said, shown
    if done.returncode != 0 and "but this is done" not in said:
        assert journal_bytes(prepared) == before, f"{shown}\nthe journal changed"
    event(f"exit code {done.returncode}")
