"""A journal is never silently replaced: a file at the journal's path that is not our journal
(another program's database, a ``-wal`` or hot ``-journal`` of another database, a journal
emptied to 0 bytes while backups exist) is refused at opening, every file left byte for byte
as it was, in one sentence, with the newest usable backup offered when there is one."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from practice_tui.cli.commands import main
from practice_tui.cli.problems import RESTORE_HINT
from practice_tui.journal import Answer, Journal, JournalError
from practice_tui.journal.daily_backup import take_daily_backup
from practice_tui.journal.errors import (
    EmptiedJournalWithWal,
    EmptyJournalWithBackups,
    ForeignWal,
    NotOurJournal,
)
from practice_tui.journal.identity import APPLICATION_ID

MONDAY = date(2026, 1, 5)
NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda name: not name.startswith("sqlite")
)


@dataclass(frozen=True)
class ForeignDatabase:
    """Another program's SQLite database: its own tables, mark, version and page size."""

    tables: dict[str, list[str]]
    application_id: int
    user_version: int
    page_size: int
    rows: int

    def create(
        self, path: Path, *, keep_wal_at: Path | None = None, keep_journal_at: Path | None = None
    ) -> None:
        """Make it at ``path``; with ``keep_wal_at``, its writes are left in a ``-wal``
        (copied there before the connection closes and checkpoints them); with
        ``keep_journal_at``, the hot ``-journal`` of a write cut short is left there."""
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA page_size = {self.page_size:d}")
        if keep_wal_at is not None:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute(f"PRAGMA application_id = {self.application_id:d}")
        conn.execute(f"PRAGMA user_version = {self.user_version:d}")
        for table, columns in self.tables.items():
            listed = ", ".join(f'"{column}"' for column in columns)
            conn.execute(f'CREATE TABLE "{table}" ({listed})')
            marks = ", ".join("?" * len(columns))
            for n in range(self.rows):
                conn.execute(f'INSERT INTO "{table}" VALUES ({marks})', [n] * len(columns))
        if keep_wal_at is not None:
            shutil.copyfile(path.with_name(path.name + "-wal"), keep_wal_at)
        if keep_journal_at is not None:
            conn.execute("PRAGMA cache_size = 1")  # the cache spills: the journal is synced
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("CREATE TABLE cut_short (x)")
            conn.execute(  # more than the cache holds, whatever the page size
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
                "INSERT INTO cut_short SELECT randomblob(20000) FROM n"
            )
            hot = path.with_name(path.name + "-journal").read_bytes()
            assert hot.startswith(bytes.fromhex("d9d505f920a163d7"))  # one SQLite plays back
            keep_journal_at.write_bytes(hot)
            conn.execute("ROLLBACK")
        conn.close()


foreign_databases = st.builds(
    ForeignDatabase,
    tables=st.dictionaries(
        NAMES,
        st.lists(NAMES, min_size=1, max_size=4, unique=True),
        min_size=1,
        max_size=4,
    ),
    application_id=st.integers(-(2**31), 2**31 - 1).filter(lambda n: n != APPLICATION_ID),
    user_version=st.integers(0, 12),
    page_size=st.sampled_from([1024, 4096, 4096, 8192]),
    rows=st.integers(0, 3),
)


@dataclass(frozen=True)
class Case:
    kind: str  # "foreign-database", "foreign-wal", "foreign-journal" or "emptied"
    foreign: ForeignDatabase
    with_backup: bool


cases = st.builds(
    Case,
    kind=st.sampled_from(["foreign-database", "foreign-wal", "foreign-journal", "emptied"]),
    foreign=foreign_databases,
    with_backup=st.booleans(),
)


def make_journal(path: Path, with_backup: bool) -> None:
    """Our journal, with three entries, and a daily backup of it if asked."""
    with Journal.open(path) as journal:
        for word in ("one", "two", "three"):
            journal.entries.add(answers=[Answer("What did you notice?", word)])
    if with_backup:
        assert take_daily_backup(path, MONDAY) is not None


def arrange(case: Case, path: Path) -> type[JournalError]:
    """Put the case's files in place; returns the error the opening must raise."""
    path.parent.mkdir(mode=0o700, parents=True)
    if case.kind == "foreign-database":
        if case.with_backup:
            make_journal(path, with_backup=True)
            path.unlink()
        case.foreign.create(path)
        return NotOurJournal
    make_journal(path, case.with_backup)
    if case.kind == "emptied":
        path.write_bytes(b"")
        return EmptyJournalWithBackups
    other = path.with_name("other.sqlite3")
    if case.kind == "foreign-journal":  # a hot journal SQLite would roll back into ours
        case.foreign.create(other, keep_journal_at=path.with_name(path.name + "-journal"))
        other.unlink()
        return partial(ForeignWal, suffix="-journal")  # type: ignore[return-value]
    case.foreign.create(other, keep_wal_at=path.with_name(path.name + "-wal"))
    other.unlink()
    return ForeignWal


def every_file(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases)
# Each kind once for certain, the -wal with our own page size (so its frames are replayed
# into a private copy to be told apart), each with a backup to offer.
@example(case=Case("foreign-database", ForeignDatabase({"t": ["c"]}, 7, 3, 4096, 2), True))
@example(case=Case("foreign-wal", ForeignDatabase({"t": ["c"]}, 0, 0, 4096, 2), True))
@example(case=Case("foreign-wal", ForeignDatabase({"t": ["c"]}, 0, 0, 1024, 2), False))
@example(case=Case("foreign-journal", ForeignDatabase({"t": ["c"]}, 0, 0, 4096, 2), True))
@example(case=Case("emptied", ForeignDatabase({"t": ["c"]}, 0, 0, 4096, 0), True))
def test_a_file_that_is_not_our_journal_is_refused_and_left_as_it_is(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory() as folder, monkeypatch.context() as patched:
        data = Path(folder) / "data"
        patched.setenv("PRACTICE_TUI_DATA_DIR", str(data))
        patched.setenv("PRACTICE_TUI_CONFIG_DIR", str(Path(folder) / "config"))
        patched.setenv("PRACTICE_TUI_CACHE_DIR", str(Path(folder) / "cache"))
        path = data / "journal.sqlite3"
        expected = arrange(case, path)
        before = every_file(data)
        if case.kind == "emptied" and not case.with_backup:
            return  # an empty file with no backup is a new journal (see the test below)

        with pytest.raises(ForeignWal if isinstance(expected, partial) else expected) as raised:
            Journal.open(path)
        sentence = str(raised.value)
        assert sentence == str(expected(path))
        assert sentence.endswith(".") and sentence.count(". ") == 0
        assert every_file(data) == before

        result = CliRunner().invoke(main, ["journal", "list"], catch_exceptions=False)
        hint = f" {RESTORE_HINT}" if case.with_backup else ""
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == f"practice-tui: {sentence}{hint}\n"
        assert every_file(data) == before


def test_an_empty_file_with_no_backup_is_a_new_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"")
    with Journal.open(path) as journal:
        assert journal.entries.count() == 0


def test_a_new_journal_is_marked_as_ours(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def test_our_own_wal_is_replayed(tmp_path: Path) -> None:
    """A -wal left by our own writer (a crash, or another window still open) is ours."""
    path = tmp_path / "journal.sqlite3"
    writer = Journal.open(path)
    writer.entries.add(answers=[Answer("What did you notice?", "kept in the wal")])
    assert path.with_name(path.name + "-wal").stat().st_size > 32
    with Journal.open(path) as reader:
        assert [e.answers[0].answer for e in reader.entries.newest()] == ["kept in the wal"]
    writer.close()


def test_restore_backup_puts_a_journal_back_over_a_foreign_wal_without_asking(
    private_folders: Path,
) -> None:
    path = private_folders / "journal.sqlite3"
    expected = arrange(
        Case("foreign-wal", ForeignDatabase({"t": ["c"]}, 0, 0, 4096, 1), True), path
    )
    assert expected is ForeignWal
    wal = path.with_name(path.name + "-wal")
    foreign_wal = wal.read_bytes()
    result = CliRunner().invoke(main, ["restore-backup"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    [kept_wal] = private_folders.glob("journal.sqlite3.replaced-*-wal")
    assert kept_wal.read_bytes() == foreign_wal
    with Journal.open(path) as journal:
        assert sorted(e.answers[0].answer for e in journal.entries.newest()) == [
            "one",
            "three",
            "two",
        ]


def test_a_journal_this_process_holds_open_is_not_copied_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's reader, an export or the daily backup open the journal beside the writer:
    the -wal then is this process's own, and a large journal is not copied to check it."""
    from practice_tui.journal import identity
    from practice_tui.journal.connection import Connection

    path = tmp_path / "journal.sqlite3"
    writer = Journal.open(path)
    writer.entries.add(answers=[Answer("Q?", "kept")])
    assert (tmp_path / "journal.sqlite3-wal").stat().st_size > 0

    def no_copy(*args: object) -> None:
        raise AssertionError("the journal was copied to be checked again")

    monkeypatch.setattr(identity, "_replayed_identity", no_copy)
    reader = Connection.open(path)
    reader.close()
    writer.close()
    # Once nothing here holds it, a -wal beside it is checked again.
    other = sqlite3.connect(path)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("CREATE TABLE IF NOT EXISTS scratch (x)")
    with pytest.raises(AssertionError, match="copied"):
        Connection.open(path)
    other.close()


def _journal_leaving_its_wal(path: Path, words: list[str], wal_at: Path) -> None:
    """A journal at ``path`` with ``words`` as entries, whose last writes (an entry each)
    are copied, still in its ``-wal``, to ``wal_at`` before it closes."""
    journal = Journal.open(path)
    try:
        for word in words:
            journal.entries.add(answers=[Answer("What did you notice?", word)])
        shutil.copyfile(path.with_name(path.name + "-wal"), wal_at)
    finally:
        journal.close()


@pytest.mark.parametrize("same_journal", [False, True], ids=["another", "a-copy-of-it"])
def test_a_wal_of_another_of_our_journals_is_refused(tmp_path: Path, same_journal: bool) -> None:
    """A sync tool can pair this computer's journal with another computer's -wal: another
    journal's (its own id), or a copy of this one's that went its own way (the same id)."""
    data = tmp_path / "data"
    data.mkdir()
    path = data / "journal.sqlite3"
    make_journal(path, with_backup=False)
    other = tmp_path / "other.sqlite3"
    if same_journal:
        shutil.copyfile(path, other)  # the journal, synced to a second computer earlier
    _journal_leaving_its_wal(other, [f"elsewhere {n}" * 40 for n in range(30)], tmp_path / "wal")
    with Journal.open(path) as journal:  # meanwhile, this computer wrote on
        for n in range(30):
            journal.entries.add(answers=[Answer("What did you notice?", f"here {n}" * 50)])
    shutil.copyfile(tmp_path / "wal", path.with_name(path.name + "-wal"))
    before = every_file(data)
    with pytest.raises(ForeignWal) as raised:
        Journal.open(path)
    assert str(raised.value) == str(ForeignWal(path, "-wal"))
    assert every_file(data) == before


@pytest.mark.parametrize("with_backup", [False, True])
def test_an_emptied_journal_whose_wal_holds_writes_is_left_as_it_is(
    tmp_path: Path, with_backup: bool
) -> None:
    """Emptied to 0 bytes with its -wal beside it: SQLite would ignore the -wal, start a new
    journal and drop the words it holds, so both files are left as they are, in a sentence
    (with a backup offered by the command line when there is one)."""
    path = tmp_path / "data" / "journal.sqlite3"
    path.parent.mkdir()
    make_journal(path, with_backup)
    _journal_leaving_its_wal(path, ["kept only in the wal"], tmp_path / "wal")
    shutil.copyfile(tmp_path / "wal", path.with_name(path.name + "-wal"))
    path.write_bytes(b"")
    before = every_file(tmp_path)
    with pytest.raises(EmptiedJournalWithWal) as raised:
        Journal.open(path)
    assert str(raised.value) == str(EmptiedJournalWithWal(path))
    assert every_file(tmp_path) == before
