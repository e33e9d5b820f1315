"""The import, fuzzed: generated files (our own JSON, jrnl's, and journal files such as a sync
tool's copy, cut short or overwritten in places), the JSON ones spoilt anywhere with values of
any type (numbers too long for Python, 1e308, odd Unicode, lone surrogates, nesting deep
enough to exhaust the parser), keys in any order, cut short or sprinkled with stray bytes,
read from a file or from standard input. Whatever comes in: no traceback, exit 0, 1 or 2,
and a failed import leaves the journal byte for byte as it was."""

from __future__ import annotations

import functools
import json
import os
import random
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal
from tests.support.import_files import dump
from tests.unit.test_import_hostile import document

BIG = "BIG-NUMBER"
DEEP = "DEEP-NESTING"
#: What the markers above become in the file.
MARKERS = {f'"{BIG}"': "7" * 5000, f'"{DEEP}"': "[" * 50_000 + "]" * 50_000}

JRNL = {
    "tags": {"@calm": 1},
    "entries": [
        {
            "title": "First day.",
            "body": "Felt @calm.",
            "date": "2026-01-05",
            "time": "09:00",
            "tags": ["@calm"],
            "starred": False,
        }
    ],
}

odd_text = st.one_of(
    st.text(max_size=20),  # lone surrogates and control characters among them
    st.sampled_from(["\ud800", "\x00", "\u202e", "\ufeff", "2026-13-45T99:99:99+99:99", "-"]),
)
#: Values that have broken an import before, each with its record named now.
HOSTILE = [BIG, DEEP, 10**20, 1e308, -1e308, 5e-324, 2**63, -(2**63) - 1, 7, 0, -1, "\ud800"]
scalars = st.one_of(
    st.sampled_from(HOSTILE),
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    odd_text,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value that a value could be put, the fields of records first."""
    leaves: list[tuple[Any, ...]] = []
    inner: list[tuple[Any, ...]] = [path]
    children = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in children:
        if isinstance(value, dict | list):
            found = places(value, (*path, key))
            leaves += [p for p in found if p != (*path, key)]
            inner.append((*path, key))
        else:
            leaves.append((*path, key))
    return leaves + inner


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def put(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    *parents, last = path
    target = node
    for part in parents:
        target = target[part]
    target[last] = value
    return node


@functools.cache
def journal_file() -> bytes:
    """A small journal file of our own (a sync tool's copy, say), as its bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.sqlite3"
        with Journal.open(path) as journal:
            entry = journal.entries.add(answers=[Answer("Q", "Written elsewhere.")], week=2)
            journal.entries.update(entry.id, [Answer("Q", "Changed elsewhere.")])
        return path.read_bytes()


def damaged_journal(draw: st.DrawFn) -> bytes:
    """A journal file, whole, cut short or with some bytes overwritten."""
    raw = journal_file()
    damage = draw(st.sampled_from(["none", "cut", "overwrite"]))
    if damage == "cut":
        return raw[: draw(st.integers(16, len(raw)))]
    if damage == "overwrite":
        at = draw(st.integers(16, len(raw) - 1))
        patch = draw(st.binary(min_size=1, max_size=64))
        return raw[:at] + patch + raw[at + len(patch) :]
    return raw


@st.composite
def import_files(draw: st.DrawFn) -> bytes:
    base: Any = draw(st.sampled_from(["own", "jrnl", "journal"]))
    if base == "journal":
        return damaged_journal(draw)
    data: Any = document() if base == "own" else json.loads(json.dumps(JRNL))
    for _ in range(draw(st.integers(0, 2))):
        spots = places(data)
        # Mostly a field of a record (where each value is checked), sometimes a whole part.
        leaves = [p for p in spots if not isinstance(_at(data, p), dict | list)]
        pool = leaves if leaves and draw(st.integers(0, 4)) else spots
        spot = pool[draw(st.integers(0, len(pool) - 1))]
        data = put(data, spot, draw(scalars if pool is leaves else values))
    if isinstance(data, dict) and draw(st.booleans()):
        keys = list(data)
        random.Random(draw(st.integers(0, 1000))).shuffle(keys)
        data = {key: data[key] for key in keys}
    text = json.dumps(
        data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1]))
    )
    for marker, replacement in MARKERS.items():
        text = text.replace(marker, replacement)
    raw = text.encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from(["none", "none", "cut", "bytes"]))
    if damage == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif damage == "bytes":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return raw


#: Bounded for CI (a few seconds); set PRACTICE_TUI_FUZZ_EXAMPLES to search longer.
EXAMPLES = int(os.environ.get("PRACTICE_TUI_FUZZ_EXAMPLES", "60"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(raw=import_files(), from_stdin=st.booleans(), dry_run=st.booleans())
def test_no_import_file_ends_in_a_traceback_or_half_a_change(
    raw: bytes, from_stdin: bool, dry_run: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        with Journal.open(data / "journal.sqlite3") as journal:
            entry = journal.entries.add(answers=[Answer("Q", "Already here.")])
            journal.entries.update(entry.id, [Answer("Q", "Changed since.")])
        before = dump(data / "journal.sqlite3")
        target = Path(folder) / "import.json"
        target.write_bytes(raw)
        args = ["--data-dir", str(data), "import", *(["--dry-run"] if dry_run else [])]
        args.append("-" if from_stdin else str(target))
        result = CliRunner().invoke(main, args, input=raw if from_stdin else None)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert result.exit_code in (0, 1, 2)
        assert "Traceback" not in result.output
        if result.exit_code != 0:
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        if result.exit_code != 0 or dry_run:
            assert dump(data / "journal.sqlite3") == before
