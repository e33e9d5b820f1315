"""The journal on threads of its own: writes in order, reads that see them, patience with
another program's lock, and one sentence when it cannot open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from practice_tui.journal import Answer, Journal, JournalError
from practice_tui.journal.access import JournalAccess
from practice_tui.journal.models import LooseDraft
from tests.lock_holder import LockHolder


def _access(folder: Path, *, patience: float = 30.0) -> tuple[JournalAccess, Path]:
    path = folder / "journal.sqlite3"
    return JournalAccess(lambda: Journal.open(path), patience=patience), path


def test_writes_land_in_the_order_asked_and_reads_see_them(private_folders: Path) -> None:
    access, _ = _access(private_folders)
    try:
        draft = access.write(lambda journal: journal.drafts.save(LooseDraft(("one",)))).result()
        # A later save of the draft again, then the entry that replaces it: never the
        # other way round, or the draft would come back after the save.
        access.write(lambda journal: journal.drafts.save(LooseDraft(("two",)), draft))
        saved = access.write(
            lambda journal: journal.entries.add(answers=[Answer("Q?", "two")], draft_id=draft)
        )
        entry = saved.result()  # a read asked for once the save is done sees it
        assert access.read(lambda journal: journal.drafts.all()).result() == []
        assert [e.id for e in access.read(lambda journal: journal.entries.newest()).result()] == [
            entry.id
        ]
        assert access.is_open
    finally:
        access.close()


def test_a_write_waits_for_another_programs_lock_then_lands(private_folders: Path) -> None:
    access, path = _access(private_folders)
    try:
        access.open().result()
        with LockHolder(path) as other:
            write = access.write(lambda journal: journal.drafts.save(LooseDraft(("kept",))))
            # Reads carry on meanwhile: WAL lets them.
            assert access.read(lambda journal: journal.drafts.all()).result() == []
            assert not write.done()
            other.release()
        write.result(timeout=10)
        [draft] = access.read(lambda journal: journal.drafts.all()).result()
        assert draft.content == LooseDraft(("kept",))
    finally:
        access.close()


def test_a_lock_held_past_its_patience_gives_one_sentence(private_folders: Path) -> None:
    access, path = _access(private_folders, patience=0.05)
    try:
        access.open().result()
        with LockHolder(path):
            write = access.write(lambda journal: journal.drafts.save(LooseDraft(("x",))))
            with pytest.raises(JournalError) as caught:
                write.result(timeout=10)
        assert caught.value.reason == "busy"
        # Nothing half-written, and the next write goes through.
        access.write(lambda journal: journal.drafts.save(LooseDraft(("y",)))).result()
    finally:
        access.close()


def test_a_journal_that_cannot_open_says_why_to_every_caller(private_folders: Path) -> None:
    access, path = _access(private_folders)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a journal at all" * 100)
    try:
        for future in (access.open(), access.read(lambda j: j.drafts.all()), access.write(len)):
            with pytest.raises(JournalError) as caught:
                future.result()
            assert caught.value.reason == "damaged"
        assert not access.is_open
    finally:
        access.close()
    access.close()  # twice is harmless


def test_opening_the_journal_again_in_this_process_keeps_its_locks(private_folders: Path) -> None:
    """Closing any descriptor of a file drops every POSIX lock the process holds on it,
    SQLite's too. The reader opens after the writer, so opening must never open and close
    the file itself: another program would then think the journal unused, checkpoint it and
    delete the WAL from under the writer (and take the write lock while the writer has it)."""
    path = private_folders / "journal.sqlite3"
    with Journal.open(path) as writer:
        writer.drafts.save(LooseDraft(("in the WAL",)))
        Journal.open(path).close()  # as the reader (or an export) opens and closes its own
        other_program = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM drafts').fetchall(); c.close()"
        )
        subprocess.run([sys.executable, "-c", other_program, str(path)], check=True)
        assert path.with_name(path.name + "-wal").exists()
        assert [d.content for d in writer.drafts.all()] == [LooseDraft(("in the WAL",))]
