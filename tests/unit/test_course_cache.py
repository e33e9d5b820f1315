"""The course cache only ever makes start-up faster: never wrong, never unsafe."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.course import cache, load_course
from practice_tui.paths import scripts_dir


@pytest.fixture
def scripts(tmp_path: Path) -> Path:
    root = tmp_path / "scripts"
    shutil.copytree(scripts_dir(), root)
    return root


def test_a_stored_course_comes_back_equal(scripts: Path, tmp_path: Path) -> None:
    course = load_course(scripts)
    cache.store(course, scripts, tmp_path / "cache")
    assert cache.load_cached(scripts, tmp_path / "cache") == course


def test_any_change_to_a_script_makes_the_cache_stale(scripts: Path, tmp_path: Path) -> None:
    cache.store(load_course(scripts), scripts, tmp_path / "cache")
    target = scripts / "practices" / "grounding.toml"
    target.write_text(target.read_text().replace("Grounding", "Grounding again", 1))
    os.utime(target, ns=(1, 1))
    assert cache.load_cached(scripts, tmp_path / "cache") is None


def test_a_damaged_cache_is_ignored(scripts: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / cache.CACHE_NAME).write_bytes(b"\x80\x05garbage")
    assert cache.load_cached(scripts, folder) is None


class Boom:
    def __reduce__(self):
        return (os.system, ("echo unsafe > /dev/null",))


def _writes_a_file(marker: Path) -> bytes:
    """A hand-made pickle that writes ``marker`` when loaded, through names the old class
    filter let through (``Path.write_text``, reached from the course model's own module)."""

    def text(value: str) -> bytes:
        data = value.encode()
        return b"X" + len(data).to_bytes(4, "little") + data  # BINUNICODE

    model = text("practice_tui.course.model")
    return (
        b"\x80\x04"
        + model + text("Path.write_text") + b"\x93"  # STACK_GLOBAL
        + model + text("Path") + b"\x93"
        + text(str(marker)) + b"\x85R"  # TUPLE1, REDUCE: Path(marker)
        + text("owned") + b"\x86R."  # TUPLE2, REDUCE: .write_text("owned"); STOP
    )  # fmt: skip


@pytest.mark.parametrize("name", [cache.CACHE_NAME, "course.pickle"])
@pytest.mark.parametrize(
    "payload",
    [lambda marker, fingerprint: _writes_a_file(marker),
     lambda marker, fingerprint: pickle.dumps((fingerprint, Boom()))],
    ids=["writes-a-file", "os-system"],
)  # fmt: skip
def test_a_cache_file_never_runs_code_and_is_ignored(
    scripts: Path, tmp_path: Path, name: str, payload: Callable[[Path, str], bytes]
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    marker = tmp_path / "written-by-the-cache"
    (folder / name).write_bytes(payload(marker, cache._fingerprint(scripts)))
    assert cache.load_cached(scripts, folder) is None
    assert not marker.exists()


def test_practices_never_runs_a_hand_made_cache(tmp_path: Path) -> None:
    """As reported: a pickle put in the cache folder wrote a file when ``practices`` ran."""
    folder = tmp_path / "cache"  # the test's PRACTICE_TUI_CACHE_DIR (tests/conftest.py)
    folder.mkdir(exist_ok=True)
    marker = tmp_path / "written-by-the-cache"
    for name in (cache.CACHE_NAME, "course.pickle"):
        (folder / name).write_bytes(_writes_a_file(marker))
    result = CliRunner().invoke(main, ["practices"], catch_exceptions=False)
    assert result.exit_code == 0 and "breathing-space" in result.stdout
    assert not marker.exists()
    assert not (folder / "course.pickle").exists()  # the old cache is cleared away
    assert cache.load_cached(scripts_dir(), folder) == load_course(scripts_dir())


@pytest.mark.parametrize(
    "change",
    [
        lambda stored: stored["course"][0][0].__setitem__(0, "1"),  # a week's number as text
        lambda stored: stored["course"][1][0].__setitem__(8, 1),  # a flag as a number
        lambda stored: stored["course"][1][0].pop(),  # a field missing
        lambda stored: stored["course"][2][0].__setitem__(5, "nonsense"),  # an unknown kind
        lambda stored: stored["course"].append([]),
        lambda stored: stored.__setitem__("course", {"weeks": []}),
    ],
)
def test_a_cache_that_is_not_a_course_is_ignored(
    scripts: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    folder = tmp_path / "cache"
    cache.store(load_course(scripts), scripts, folder)
    stored = json.loads((folder / cache.CACHE_NAME).read_text())
    change(stored)
    (folder / cache.CACHE_NAME).write_text(json.dumps(stored))
    assert cache.load_cached(scripts, folder) is None


def test_an_unwritable_cache_folder_is_skipped_quietly(scripts: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    cache.store(load_course(scripts), scripts, blocker / "cache")
    assert cache.load_cached(scripts, blocker / "cache") is None
