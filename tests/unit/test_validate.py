"""`practice-tui validate`: one broken file per kind of mistake, each named by file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.paths import scripts_dir

BROKEN = Path(__file__).parent / "broken_scripts"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "script-format.md"


def validate(*paths: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", *map(str, paths)])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("unknown-key.toml", 9, "unknown key 'colour'"),
        ("missing-field.toml", None, "missing 'name'"),
        ("missing-field.toml", None, "missing 'safety'"),
        ("duration-not-positive.toml", 7, "whole number of minutes, not 0"),
        ("duration-not-positive.toml", 15, "'weight' should be more than zero"),
        ("empty-words.toml", 14, "'words' is empty"),
        ("anchor-missing.toml", 16, "needs a sentence for every anchor"),
        ("length-cannot-fit.toml", 7, "a 1-minute length cannot fit them"),
        ("too-long-to-speak.toml", 14, "spoken slowly after its cue, these words need"),
        ("too-long-to-speak.toml", 7, "spoken slowly, with the opening and closing words"),
        ("unknown-reference.toml", 10, "unknown practice 'no-such-practice'"),
        ("not-toml.toml", 3, "is not valid TOML"),
        ("unknown-kind.toml", 1, "unknown kind 'poem'"),
        ("bad-support-and-card.toml", 7, "'turns_towards_difficulty' should be true or false"),
        ("bad-support-and-card.toml", 11, "a [card] needs at least one of its 'prompts'"),
        ("bad-support-and-card.toml", 14, "unknown key 'shade'"),
    ],
)
def test_each_kind_of_mistake_is_named_with_file_and_line(
    name: str, line: int | None, message: str
) -> None:
    path = BROKEN / name
    code, out, err = validate(path)
    assert code == 1
    where = f"{path}:{line}: " if line else f"{path}: "
    assert any(row.startswith(where) and message in row for row in out.splitlines()), out
    assert re.search(r"\d+ problems? in 1 of 1 file", err)
    assert "Traceback" not in out + err


def test_duplicate_ids_across_files_are_named() -> None:
    code, out, _ = validate(BROKEN / "duplicate-ids")
    assert code == 1
    assert "second.toml:2: id 'same-id' is already used in" in out


def test_an_id_of_the_course_is_not_taken_twice(tmp_path: Path) -> None:
    copy = tmp_path / "mine.toml"
    copy.write_text((scripts_dir() / "practices" / "grounding.toml").read_text())
    code, out, _ = validate(copy)
    assert code == 1 and "already used by the course's own 'Grounding'" in out


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    code, out, _ = validate(tmp_path / "nothing.toml")
    assert code == 1 and "nothing.toml: does not exist" in out


def test_the_shipped_course_and_the_documented_example_are_fine(tmp_path: Path) -> None:
    code, out, _ = validate(scripts_dir())
    assert code == 0 and "no problems" in out
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    complete = next(block for block in blocks if 'id = "arriving-at-work"' in block)
    example = tmp_path / "arriving-at-work.toml"
    example.write_text(complete)
    code, out, _ = validate(example)
    assert code == 0, out


def test_a_checkout_of_the_course_is_not_taken_for_a_clash(tmp_path: Path) -> None:
    import shutil

    tree = tmp_path / "checkout" / "scripts"
    shutil.copytree(scripts_dir(), tree)
    grounding = tree / "practices" / "grounding.toml"
    grounding.write_text(grounding.read_text().replace("Grounding", "Grounding, edited", 1))
    code, out, _ = validate(tree)
    assert code == 0, out
