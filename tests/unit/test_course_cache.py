"""The course cache only ever makes start-up faster: never wrong, never unsafe."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

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
    (folder / "course.pickle").write_bytes(b"\x80\x05garbage")
    assert cache.load_cached(scripts, folder) is None


class Boom:
    def __reduce__(self):
        return (os.system, ("echo unsafe > /dev/null",))


def test_a_cache_that_would_run_code_is_refused(scripts: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    fingerprint = cache._fingerprint(scripts)
    (folder / "course.pickle").write_bytes(pickle.dumps((fingerprint, Boom())))
    assert cache.load_cached(scripts, folder) is None


def test_an_unwritable_cache_folder_is_skipped_quietly(scripts: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    cache.store(load_course(scripts), scripts, blocker / "cache")
    assert cache.load_cached(scripts, blocker / "cache") is None
