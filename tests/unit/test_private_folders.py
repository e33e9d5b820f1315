"""Every folder the app makes (data, config, cache and any missing parents) is 0700, whatever
the umask; folders that were already there are left as they were."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.paths import ensure_private_dir
from practice_tui.preferences import Preferences, save_preferences


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@settings(max_examples=60, deadline=None)
@given(umask=st.integers(0, 0o777), depth=st.integers(1, 4), base_mode=st.integers(0o700, 0o777))
def test_every_folder_made_is_owner_only_whatever_the_umask(
    umask: int, depth: int, base_mode: int
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "there-already"
        base.mkdir()
        os.chmod(base, base_mode)
        target = base.joinpath(*(f"level{n}" for n in range(depth)))
        previous = os.umask(umask)
        try:
            assert ensure_private_dir(target) == target
        finally:
            os.umask(previous)
        made = [target, *target.parents][:depth]
        assert [mode(folder) for folder in made] == [0o700] * depth
        assert mode(base) == base_mode


def test_a_folder_already_there_is_tightened_and_its_parents_left(tmp_path: Path) -> None:
    parent = tmp_path / "shared"
    (parent / "ours").mkdir(parents=True)
    os.chmod(parent, 0o755)
    os.chmod(parent / "ours", 0o777)
    ensure_private_dir(parent / "ours")
    assert (mode(parent), mode(parent / "ours")) == (0o755, 0o700)


@pytest.mark.parametrize("blocker", ["target", "parent"])
def test_a_file_in_the_way_is_an_error_as_before(tmp_path: Path, blocker: str) -> None:
    (tmp_path / "x").write_text("a file, not a folder")
    target = tmp_path / "x" if blocker == "target" else tmp_path / "x" / "y"
    with pytest.raises(OSError):
        ensure_private_dir(target)


def test_the_settings_folder_and_its_parents_are_private_under_umask_000(tmp_path: Path) -> None:
    config = tmp_path / "new" / "config"
    previous = os.umask(0)
    try:
        save_preferences(config / "settings.json", Preferences())
    finally:
        os.umask(previous)
    assert (mode(tmp_path / "new"), mode(config)) == (0o700, 0o700)


def test_commands_under_umask_000_make_only_private_folders(tmp_path: Path) -> None:
    """As reported: under umask 000 the parents of the data and cache folders were 0777."""
    root = tmp_path / "home"
    env = {
        **os.environ,
        "PRACTICE_TUI_DATA_DIR": str(root / "a" / "b" / "data"),
        "PRACTICE_TUI_CONFIG_DIR": str(root / "c" / "config"),
        "PRACTICE_TUI_CACHE_DIR": str(root / "d" / "e" / "cache"),
    }
    export = tmp_path / "empty.json"
    program = [sys.executable, "-m", "practice_tui"]
    for command in (["export", "-o", str(export)], ["import", str(export)], ["practices"]):
        done = subprocess.run(
            [*program, *command], env=env, capture_output=True, umask=0, check=False
        )
        assert done.returncode == 0, done.stderr
    folders = [root, *(path for path in root.rglob("*") if path.is_dir())]
    assert {path.name for path in folders} >= {"data", "cache", "b", "e"}
    assert {str(path): mode(path) for path in folders} == {str(path): 0o700 for path in folders}
