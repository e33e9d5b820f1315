"""A writer killed with SIGKILL at random moments loses nothing that was reported as written.

Each child opens the journal and, in a loop, saves a draft, saves the entry that draft
becomes, then edits and stars the entry before it; it prints a line once each write has
returned. The parent kills it at a random moment (now and then while it is still opening the
file), fifty times over, then checks the file: intact, its search index in step, every
reported write there, and every word in exactly one place (a draft or its entry).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHILD = """
import sys
from practice_tui.journal import Answer, Journal
from practice_tui.journal.models import LooseDraft

name = sys.argv[2]
journal = Journal.open(sys.argv[1])
print("open", flush=True)
previous = None
n = 0
while True:
    n += 1
    draft = journal.drafts.save(LooseDraft((f"{name}:{n} typing",)))
    draft = journal.drafts.save(LooseDraft((f"{name}:{n}",)), draft)
    print("draft", draft, n, flush=True)
    entry = journal.entries.add(answers=[Answer("Q?", f"{name}:{n}")], draft_id=draft)
    print("entry", entry.id, n, flush=True)
    if previous is not None:
        journal.entries.update(previous, [Answer("Q?", f"{name}:{n - 1} edited")])
        print("edit", previous, n - 1, flush=True)
        journal.entries.set_starred(previous, True)
        print("star", previous, n - 1, flush=True)
    previous = entry.id
"""

KILLS = 50
#: How long after the child says the journal is open it is killed, at most (seconds).
LONGEST_RUN = 0.12


@dataclass
class Reports:
    """What the children said had returned: ``(child, n)`` for each kind of write."""

    drafts: dict[tuple[str, int], str] = field(default_factory=dict)
    entries: dict[tuple[str, int], str] = field(default_factory=dict)
    edits: set[str] = field(default_factory=set)
    stars: set[str] = field(default_factory=set)

    def read(self, name: str, lines: list[str]) -> None:
        for line in lines:
            if not line.endswith("\n"):
                continue  # cut short by the kill: not a report
            kind, *rest = line.split()
            if kind == "open":
                continue
            record_id, n = rest[0], int(rest[1])
            if kind == "draft":
                self.drafts[(name, n)] = record_id
            elif kind == "entry":
                self.entries[(name, n)] = record_id
            elif kind == "edit":
                self.edits.add(record_id)
            elif kind == "star":
                self.stars.add(record_id)


def run_and_kill(path: Path, name: str, chance: random.Random) -> list[str]:
    """Start a writer, kill it at a random moment, and return every line it printed."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), name],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ,
    )
    assert child.stdout is not None
    lines: list[str] = []
    opened = threading.Event()

    def drain() -> None:  # a full pipe would stall the writer, so it is read all the time
        for line in child.stdout:  # type: ignore[union-attr]
            lines.append(line)
            opened.set()
        opened.set()

    reader = threading.Thread(target=drain)
    reader.start()
    if chance.random() < 0.2:  # now and then, while it may still be opening the file
        delay = chance.uniform(0.0, 0.15)
    else:
        opened.wait(timeout=30)
        delay = chance.uniform(0.0, LONGEST_RUN)
    try:
        child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join()
    assert child.returncode == -signal.SIGKILL, f"the writer stopped by itself: {lines[-3:]}"
    return lines


def check_file(path: Path, reports: Reports) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
        entries = {
            row[0]: (json.loads(row[1])[0]["answer"], bool(row[2]), row[3])
            for row in conn.execute("SELECT id, answers, starred, rowid FROM entries")
        }
        indexed = {row[0] for row in conn.execute("SELECT rowid FROM entries_fts")}
        drafts = {
            row[0]: json.loads(row[1])["answers"][0]
            for row in conn.execute("SELECT id, content FROM drafts")
        }
    finally:
        conn.close()
    assert indexed == {rowid for _, _, rowid in entries.values()}
    texts = {text.removesuffix(" edited") for text, _, _ in entries.values()}

    assert reports.entries, "no writer ever got to save an entry"
    for (name, n), entry_id in reports.entries.items():
        assert entry_id in entries, f"entry {name}:{n} was reported saved and is gone"
        text, starred, _ = entries[entry_id]
        if entry_id in reports.edits:
            assert text == f"{name}:{n} edited"
        else:  # an edit may have landed just before the kill, unreported
            assert text in (f"{name}:{n}", f"{name}:{n} edited")
        assert starred or entry_id not in reports.stars
    for (name, n), draft_id in reports.drafts.items():
        saved = f"{name}:{n}" in texts
        # Exactly one place: kept as a draft, or (just before the kill) saved as its entry.
        assert (draft_id in drafts) != saved, f"draft {name}:{n}: kept={draft_id in drafts}"
        if draft_id in drafts:
            assert drafts[draft_id] in (f"{name}:{n}", f"{name}:{n} typing")
    for words in drafts.values():  # no draft outlives the entry it became
        assert words.removesuffix(" typing") not in texts


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_loses_nothing_reported_written(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.sqlite3"  # the first child creates it
    chance = random.Random(20261129)
    reports = Reports()
    for kill in range(KILLS):
        name = f"w{kill}"
        reports.read(name, run_and_kill(path, name, chance))
    check_file(path, reports)
    assert reports.edits and reports.stars, "no writer got as far as editing"
    from practice_tui.journal import Journal

    with Journal.open(path) as journal:  # and the app can open it and carry on
        assert len(journal.entries.newest()) >= len(reports.entries)
