"""The rules of the house that the layout keeps: no import cycles, counting every import
anywhere in a module (inside functions and ``TYPE_CHECKING`` blocks too), and no module over
600 lines. import-linter checks the layers (see ``[tool.importlinter]`` in pyproject.toml);
this check reads the source itself, so a lazy import cannot hide a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
LONGEST_MODULE = 600


def modules_under(src: Path) -> dict[str, Path]:
    """Every module under ``src`` by its dotted name (a package by its ``__init__.py``)."""
    found: dict[str, Path] = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules among ``known`` that ``name`` imports, wherever the import statement is.

    ``from package import name`` counts as importing ``package.name`` when that is a module,
    else as importing ``package``; relative imports are resolved against the package.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in known:
                    found.add(submodule)
                elif source in known:
                    found.add(source)
    found.discard(name)
    return found


def import_graph(src: Path) -> dict[str, set[str]]:
    modules = modules_under(src)
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def describe(component: list[str], graph: dict[str, set[str]]) -> str:
    members = set(component)
    edges = [f"{a} -> {b}" for a in component for b in sorted(graph[a] & members)]
    return "; ".join(edges)


def test_no_module_imports_another_in_a_cycle() -> None:
    graph = import_graph(SRC)
    assert "practice_tui.app" in graph and "practice_tui.cli.commands" in graph
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(describe(c, graph) for c in found)


def test_no_module_is_over_600_lines() -> None:
    long = {
        str(path.relative_to(SRC)): lines
        for path in SRC.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE
    }
    assert not long, f"modules over {LONGEST_MODULE} lines: {long}"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        pytest.param(
            {
                "pkg/__init__.py": "",
                "pkg/a.py": "def later():\n    from pkg import b\n",
                "pkg/b.py": "from pkg.a import later\n",
            },
            ["pkg.a", "pkg.b"],
            id="inside-a-function-and-from-package-import-submodule",
        ),
        pytest.param(
            {
                "pkg/__init__.py": "",
                "pkg/sub/__init__.py": "",
                "pkg/sub/x.py": "from ..y import thing\n",
                "pkg/y.py": "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from .sub import x\nthing = 1\n",
            },
            ["pkg.sub.x", "pkg.y"],
            id="relative-and-type-checking",
        ),
        pytest.param(
            {
                "pkg/__init__.py": "from pkg.store import Store\n",
                "pkg/store.py": "import os\nimport pkg\n",
            },
            ["pkg", "pkg.store"],
            id="a-package-and-its-module",
        ),
        pytest.param(
            {
                "pkg/__init__.py": "",
                "pkg/a.py": "import pkg.b\n",
                "pkg/b.py": "import pkg.c\n",
                "pkg/c.py": "from pkg import a as again\n",
            },
            ["pkg.a", "pkg.b", "pkg.c"],
            id="three-long",
        ),
    ],
)
def test_the_check_finds_every_kind_of_cycle(
    tmp_path: Path, files: dict[str, str], cycle: list[str]
) -> None:
    assert cycles(import_graph(write(tmp_path, files))) == [cycle]


def test_the_check_passes_imports_that_go_one_way(tmp_path: Path) -> None:
    files = {
        "pkg/__init__.py": "from pkg.core import thing\n",
        "pkg/core.py": "import json\nthing = 1\n",
        "pkg/shell.py": "from . import core\ndef run():\n    from pkg.core import thing\n",
        "pkg/cli.py": "import pkg.shell\nfrom pkg import thing\n",
    }
    graph = import_graph(write(tmp_path, files))
    assert graph["pkg.cli"] == {"pkg.shell", "pkg"}
    assert graph["pkg.shell"] == {"pkg.core"}
    assert cycles(graph) == []
