"""An export cut short leaves no hidden part file for long: SIGTERM and SIGINT remove it at
once, and what a ``kill -9`` left is removed by the next write into the same folder. Only our
own part files go: recognised by name and owner, not written since this process began, and
held by no writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from practice_tui import paths
from practice_tui.cli.commands import main
from practice_tui.paths import private_atomic_writer, remove_stale_parts

LONG_AGO = time.time() - 3600


def left_behind(folder: Path, name: str, *, when: float = LONG_AGO) -> Path:
    """A part file as a killed write leaves it (hundreds of MB in life; a few bytes here)."""
    path = folder / name
    path.write_text("the first half of an export")
    os.utime(path, (when, when))
    return path


def test_the_next_export_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    same = left_behind(folder, ".notes.md.practice-tui-k2j4_x9a.part")
    other = left_behind(folder, ".week-1.html.practice-tui-0a1b2c3d.part")
    result = CliRunner().invoke(main, ["export", "-o", str(folder / "notes.md")])
    assert result.exit_code == 0, result.output
    assert not same.exists() and not other.exists()
    assert sorted(path.name for path in folder.iterdir()) == ["notes.md"]


def test_only_our_own_stale_part_files_are_removed(tmp_path: Path) -> None:
    ours = left_behind(tmp_path, ".notes.md.practice-tui-abcdefgh.part")
    kept = [
        left_behind(tmp_path, name)
        for name in (
            ".notes.md.abcdefgh.part",  # the shape without our mark: anyone's
            "notes.md.part",  # a browser's download
            ".notes.md.practice-tui-abc.part",  # not the shape tempfile makes
            ".notes.md.practice-tui-abcdefgh.part.keep",
            "notes.md",
        )
    ]
    recent = left_behind(tmp_path, ".recent.md.practice-tui-abcdefgh.part", when=time.time())
    folder = tmp_path / ".folder.md.practice-tui-abcdefgh.part"
    folder.mkdir()
    link = tmp_path / ".link.md.practice-tui-abcdefgh.part"
    link.symlink_to(ours)
    assert remove_stale_parts(tmp_path) == [ours]
    assert all(path.exists() for path in (*kept, recent, folder)) and link.is_symlink()


def test_a_part_file_a_writer_still_holds_is_left(tmp_path: Path) -> None:
    """Another process exporting right now, however slowly, holds its part file locked."""
    part = left_behind(tmp_path, ".notes.md.practice-tui-abcdefgh.part")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys; d = os.open(sys.argv[1], os.O_RDONLY);"
            "fcntl.flock(d, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
            str(part),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert remove_stale_parts(tmp_path) == [] and part.exists()
    finally:
        holder.communicate("")
    assert remove_stale_parts(tmp_path) == [part]  # the lock went with its process


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
def test_another_users_part_file_is_left(tmp_path: Path) -> None:
    theirs = left_behind(tmp_path, ".notes.md.practice-tui-abcdefgh.part")
    os.chown(theirs, 65534, 65534)
    assert remove_stale_parts(tmp_path) == [] and theirs.exists()


def test_a_folder_that_cannot_be_read_is_no_error(tmp_path: Path) -> None:
    assert remove_stale_parts(tmp_path / "not-there") == []


_NAME = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1
).filter(lambda name: name not in (".", "..") and len(name.encode()) < 200)


@given(name=_NAME)
def test_every_part_file_our_writer_makes_is_recognised(name: str) -> None:
    with tempfile.TemporaryDirectory() as scratch, private_atomic_writer(Path(scratch) / name):
        made = [entry.name for entry in os.scandir(scratch) if entry.name != name]
    assert len(made) == 1 and paths._OUR_PART.fullmatch(made[0])
    for other in (f"{name}.part", f".{name}.part", f".{name}.abcdefgh.part", f"{name}~"):
        assert not paths._OUR_PART.fullmatch(other)


_DRIVER = """
import os, signal, sys, threading
from pathlib import Path
import practice_tui.journal.export as export

def stalls(journal, fmt, stream, *args, **kwargs):
    stream.write("x" * 100_000)
    stream.flush()
    print("writing", flush=True)
    signal.pause()  # until the signal comes
    return 0

export.write_export = stalls
sys.argv = ["practice-tui", "export", "-o", sys.argv[1]]
from practice_tui.cli.launch import main
main()
"""

_IN_A_THREAD = """
import os, signal, sys, threading
from pathlib import Path
from practice_tui.paths import private_atomic_writer, remove_parts_on_signals

def write() -> None:  # as the app's export worker does
    with private_atomic_writer(Path(sys.argv[1])) as stream:
        stream.write("x" * 100_000)
        stream.flush()
        print("writing", flush=True)
        threading.Event().wait()  # held open until the process is signalled

remove_parts_on_signals()  # as the app does when it opens
threading.Thread(target=write, daemon=True).start()
try:
    signal.pause()  # until the test's signal
except KeyboardInterrupt:  # as the app stops on SIGINT
    sys.exit(130)
"""


@pytest.mark.parametrize("driver", [_DRIVER, _IN_A_THREAD], ids=["command", "thread"])
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_a_signal_during_an_export_leaves_no_part_file(
    tmp_path: Path, driver: str, number: int
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(driver), str(folder / "notes.md")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "writing\n"
        assert len(list(folder.iterdir())) == 1  # the part file, half written
        process.send_signal(number)
        _, errors = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode != 0
    assert "Traceback" not in errors
    assert list(folder.iterdir()) == []
