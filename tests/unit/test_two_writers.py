"""Two copies of the app writing to one journal at once, as two processes: nothing is lost.

Each child waits for the word "go" so both start together, then saves drafts, entries, edits
and stars as fast as it can, printing a line as each write returns. The busy timeout makes
each wait its turn for the write lock instead of failing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from practice_tui.journal import Journal

CHILD = """
import sys
from practice_tui.journal import Answer, Journal
from practice_tui.journal.models import LooseDraft

path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.stdin.readline()  # "go": both windows start at the same moment
journal = Journal.open(path)
previous = None
for n in range(count):
    draft = journal.drafts.save(LooseDraft((f"{name}:{n}",)))
    print("draft", draft, n, flush=True)
    keep_draft = n % 3 == 0  # some drafts are left open, as when a window is closed
    entry = journal.entries.add(
        answers=[Answer("Q?", f"{name}:{n}")], draft_id=None if keep_draft else draft
    )
    print("entry", entry.id, n, flush=True)
    journal.entries.page(limit=20)  # as the screen does after a save; the other may write
    journal.drafts.all()
    if previous is not None:
        journal.entries.set_starred(previous, True)
        journal.entries.update(previous, [Answer("Q?", f"{name}:{n - 1} edited")])
        print("edited", previous, n - 1, flush=True)
    previous = entry.id
journal.close()
print("done", flush=True)
"""

EACH = 150


def start_writer(path: Path, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), name, str(EACH)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ,
    )


@pytest.mark.parametrize("fresh", [True, False], ids=["new-file", "existing-file"])
def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path, fresh: bool) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    if not fresh:
        Journal.open(path).close()
    names = ("left", "right")
    children = [start_writer(path, name) for name in names]
    for child in children:  # both are waiting; let them go together
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outputs = [child.communicate(timeout=120) for child in children]
    for child, (out, err) in zip(children, outputs, strict=True):
        assert (child.returncode, err) == (0, ""), err
        assert out.endswith("done\n")

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
        entries = {
            row[0]: (json.loads(row[1])[0]["answer"], bool(row[2]))
            for row in conn.execute("SELECT id, answers, starred FROM entries")
        }
        drafts = {row[0] for row in conn.execute("SELECT id FROM drafts")}
    finally:
        conn.close()

    assert len(entries) == EACH * len(names)
    for name, (out, _) in zip(names, outputs, strict=True):
        lines = [line.split() for line in out.splitlines()[:-1]]
        reported = {int(n): entry_id for kind, entry_id, n in lines if kind == "entry"}
        assert sorted(reported) == list(range(EACH))
        for n, entry_id in reported.items():
            last = n == EACH - 1  # the last entry is never edited nor starred
            text = f"{name}:{n}" if last else f"{name}:{n} edited"
            assert entries[entry_id] == (text, not last)
        kept = {int(n): draft_id for kind, draft_id, n in lines if kind == "draft"}
        assert {n for n, d in kept.items() if d in drafts} == set(range(0, EACH, 3))
