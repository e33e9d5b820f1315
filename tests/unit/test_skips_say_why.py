"""A skipped test always says why: CI lists every skip with its reason (``.ci/run``), so a skip
that should not happen is seen, and that only works if each one gives a reason a person reads."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _name(node: ast.expr) -> str:
    """``pytest.mark.skipif`` for the callee of a call, as written."""
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def _skips_without_reason(source: str) -> list[int]:
    missing = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bare = [d for d in node.decorator_list if _name(d).endswith(("mark.skip", "skipif"))]
            missing.extend(decorator.lineno for decorator in bare)
        if not isinstance(node, ast.Call):
            continue
        callee = _name(node.func)
        keywords = {keyword.arg for keyword in node.keywords}
        if callee.endswith("mark.skip") or callee.endswith("mark.skipif"):
            ok = "reason" in keywords
        elif callee in ("pytest.skip", "skip"):
            ok = bool(node.args) or "reason" in keywords
        else:
            continue
        if not ok:
            missing.append(node.lineno)
    return missing


def test_the_check_finds_a_skip_without_a_reason() -> None:
    source = (
        "import pytest\n"
        "@pytest.mark.skipif(True)\ndef test_a(): pass\n"
        "@pytest.mark.skip\ndef test_b(): pass\n"
        "def test_c():\n    pytest.skip()\n"
        "@pytest.mark.skipif(True, reason='needs ALSA')\ndef test_d(): pass\n"
        "def test_e():\n    pytest.skip('no Piper here')\n"
    )
    assert sorted(_skips_without_reason(source)) == [2, 4, 7]


def test_every_skip_in_the_tests_gives_its_reason() -> None:
    missing = {
        f"{path.relative_to(TESTS)}:{line}"
        for path in TESTS.rglob("*.py")
        for line in _skips_without_reason(path.read_text(encoding="utf-8"))
    }
    assert missing == set()
