"""Hostile import files: every value that makes no sense is refused naming its record, with
nothing written and no traceback; standard input and FIFOs are read; and a file is never
held whole in memory, whatever the order of its keys."""

from __future__ import annotations

import json
import os
import threading
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal
from practice_tui.journal.export import write_export
from practice_tui.journal.importing import ImportProblem, import_file
from tests.support.import_files import dump

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def document() -> dict[str, Any]:
    """A small export of our own, as a dict to spoil."""
    ended = START + timedelta(minutes=6)
    return {
        "format": "practice-tui-journal",
        "version": 1,
        "entries": [
            {
                "id": "00000000-0000-4000-8000-000000000001",
                "kind": "reflection",
                "created_at": "2026-01-05T09:10:00+00:00",
                "updated_at": "2026-01-05T09:10:00+00:00",
                "week": 1,
                "session_id": "00000000-0000-4000-8000-00000000000a",
                "tags": ["calm"],
                "answers": [{"question": "What did you notice?", "answer": "Warmth."}],
            }
        ],
        "sessions": [
            {
                "id": "00000000-0000-4000-8000-00000000000a",
                "practice_id": "breathing-space",
                "practice_name": "Breathing Space",
                "week": 1,
                "kind": "guided",
                "started_at": START.isoformat(),
                "ended_at": ended.isoformat(),
                "planned_seconds": 360,
                "practised_seconds": 360.0,
                "completed": True,
            }
        ],
        "revisions": [
            {
                "id": "00000000-0000-4000-8000-0000000000f1",
                "entry_id": "00000000-0000-4000-8000-000000000001",
                "written_at": "2026-01-05T09:08:00+00:00",
                "kept_at": "2026-01-05T09:10:00+00:00",
                "reason": "edit",
                "answers": [{"question": "What did you notice?", "answer": "Warm."}],
            }
        ],
    }


BIG = "9" * 5000


def spoil(path: str, value: Any) -> dict[str, Any]:
    """The document with the value at ``path`` (``entries.0.week``) replaced."""
    data = document()
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
    return data


HOSTILE = {
    "huge week": (
        "entries.0.week",
        10**20,
        "entries[0].week: 100000000000000000000 is not a programme week (1 to 6)",
    ),
    "5000 digits": (
        "sessions.0.week",
        "BIG",
        "sessions[0].week: a number of 5000 digits is not a programme week (1 to 6)",
    ),
    "5000-digit seconds": (
        "sessions.0.planned_seconds",
        "BIG",
        "sessions[0].planned_seconds: a number of 5000 digits is not a whole number of seconds",
    ),
    "1e308 seconds": (
        "sessions.0.practised_seconds",
        1e308,
        "sessions[0].practised_seconds: 1e+308 is not a number of seconds from 0 to 604800",
    ),
    "negative seconds": (
        "sessions.0.practised_seconds",
        -1,
        "sessions[0].practised_seconds: -1 is not a number of seconds from 0",
    ),
    "week 7": ("entries.0.week", 7, "entries[0].week: 7 is not a programme week (1 to 6)"),
    "week 0": ("sessions.0.week", 0, "sessions[0].week: 0 is not a programme week (1 to 6)"),
    "end before start": (
        "sessions.0.ended_at",
        "2026-01-05T08:59:00+00:00",
        "sessions[0].ended_at: 2026-01-05T08:59:00+00:00 is before it started",
    ),
    "surrogate answer": (
        "entries.0.answers.0.answer",
        "broken \ud83d half",
        "entries[0].answers[0].answer: holds a broken character (a lone surrogate)",
    ),
    "surrogate question": (
        "entries.0.answers.0.question",
        "\udfff",
        "entries[0].answers[0].question: holds a broken character",
    ),
    "surrogate tag": ("entries.0.tags.0", "\ud800", "entries[0].tags[0]: holds a broken character"),
    "surrogate in history": (
        "revisions.0.answers.0.answer",
        "\udc00",
        "revisions[0].answers[0].answer: holds a broken character",
    ),
    "unknown reason": (
        "revisions.0.reason",
        "whim",
        "revisions[0].reason: 'whim' is not one of edit, import, conflict, restore",
    ),
    "history of no entry": (
        "revisions.0.entry_id",
        "00000000-0000-4000-8000-00000000dead",
        "revisions[0].entry_id: no entry with id '00000000-0000-4000-8000-00000000dead'",
    ),
}


def write_document(path: Path, data: dict[str, Any], **dumps: Any) -> Path:
    text = json.dumps(data, **dumps).replace('"BIG"', BIG)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_nonsense_is_refused_naming_the_record(
    private_folders: Path, tmp_path: Path, case: str
) -> None:
    where, value, expected = HOSTILE[case]
    journal_path = private_folders / "journal.sqlite3"
    with Journal.open(journal_path) as journal:
        journal.entries.add(answers=[Answer("Q", "Already here.")])
    before = dump(journal_path)
    spoilt = write_document(tmp_path / "spoilt.json", spoil(where, value), ensure_ascii=True)
    code, out, err = invoke("import", str(spoilt))
    assert (code, out) == (1, "")
    assert err.startswith(f"practice-tui: spoilt.json: {expected}"), err
    assert err.endswith("; nothing was imported.\n") and err.count("\n") == 1
    assert "Traceback" not in err
    assert dump(journal_path) == before


def test_the_unspoilt_document_imports(private_folders: Path, tmp_path: Path) -> None:
    """So each case above fails for its own value alone."""
    code, out, _ = invoke("import", str(write_document(tmp_path / "good.json", document())))
    assert code == 0
    assert out == "Added 1 entry, 1 practice session and 1 earlier version.\n"


# -- standard input and FIFOs --------------------------------------------------------------


def test_import_dash_reads_standard_input(private_folders: Path) -> None:
    data = json.dumps(document()).encode()
    code, out, err = invoke("import", "-", stdin=data)
    assert (code, err) == (0, "")
    assert out.startswith("Added 1 entry")
    code, out, _ = invoke("import", "--dry-run", "-", stdin=data)
    assert out.startswith("Would add nothing new; ") and out.endswith(" Nothing was changed.\n")
    code, _, err = invoke("import", "-", stdin=b"")
    assert (code, err) == (1, "practice-tui: standard input is empty; nothing was imported.\n")
    code, _, err = invoke("import", "-", stdin=b'{"format": "practice-tui-journal", "vers')
    assert code == 1 and err.startswith("practice-tui: standard input: line 1, column ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_read(private_folders: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    data = json.dumps(document()).encode()

    def feed() -> None:
        with fifo.open("wb") as writer:
            writer.write(data)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        code, out, err = invoke("import", str(fifo))
    finally:
        feeder.join(timeout=10)
    assert (code, err) == (0, "")
    assert out.startswith("Added 1 entry, 1 practice session")


# -- memory, whatever the order of keys ----------------------------------------------------


def long_export(tmp_path: Path, entries: int, words: int = 200) -> Path:
    """An export of many entries, written through the store."""
    with Journal.open(tmp_path / "source.sqlite3") as journal:
        with journal.bulk.write() as db:
            db.executemany(
                "INSERT INTO entries (id, kind, created_at, updated_at, answers) "
                "VALUES (?, 'reflection', ?, ?, ?)",
                [
                    (
                        f"00000000-0000-4000-8000-{n:012d}",
                        START.isoformat(),
                        START.isoformat(),
                        json.dumps([{"question": "Q", "answer": f"{n} " + "words " * words}]),
                    )
                    for n in range(entries)
                ],
            )
        target = tmp_path / "long.json"
        with target.open("w", encoding="utf-8") as stream:
            write_export(journal, "json", stream)
    return target


def peak_while_importing(path: Path, journal_path: Path) -> int:
    with Journal.open(journal_path) as journal:
        tracemalloc.start()
        try:
            import_file(journal, path)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


@pytest.fixture(scope="module")
def thirty_mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return long_export(tmp_path_factory.mktemp("long"), 2500, words=2000)


@pytest.mark.parametrize("order", ["sorted", "version last"])
def test_an_import_never_holds_the_file_whatever_the_order_of_keys(
    tmp_path: Path, thirty_mb: Path, order: str
) -> None:
    """What an import holds is a window of the file and a batch of rows, some megabytes
    whatever the file's length: a file of 30 MB is read in less than half its size."""
    exported = thirty_mb
    data = json.loads(exported.read_text(encoding="utf-8"))
    if order == "sorted":
        reordered = dict(sorted(data.items()))
    else:
        reordered = {k: v for k, v in data.items() if k != "version"} | {"version": 1}
    assert next(iter(reordered)) != "format" or order == "version last"
    shuffled = tmp_path / "shuffled.json"
    shuffled.write_text(json.dumps(reordered, indent=1), encoding="utf-8")
    del data, reordered
    size = shuffled.stat().st_size
    assert size > 29_000_000
    peak = peak_while_importing(shuffled, tmp_path / "b.sqlite3")
    assert peak < size / 2, (peak, size)
    with Journal.open(tmp_path / "b.sqlite3") as journal:
        assert journal.entries.count() == 2500


def test_a_mistake_early_in_a_long_file_is_told_without_reading_the_rest(
    tmp_path: Path, thirty_mb: Path
) -> None:
    exported = thirty_mb
    text = exported.read_text(encoding="utf-8")
    at = text.index('"answers"', text.index('"entries"'))
    broken = tmp_path / "broken.json"
    broken.write_text(text[:at] + '"answers" [' + text[at + len('"answers":') :], encoding="utf-8")
    size = broken.stat().st_size
    with Journal.open(tmp_path / "b.sqlite3") as journal:
        tracemalloc.start()
        try:
            with pytest.raises(ImportProblem, match="expecting ':' delimiter"):
                import_file(journal, broken)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < size / 2, (peak, size)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero (a Unix device)")
@pytest.mark.parametrize("how", ["path", "stdin"])
def test_a_device_that_never_ends_is_refused_not_copied(private_folders: Path, how: str) -> None:
    """/dev/zero would be copied forever (until the disk is full): refused in a sentence."""
    import subprocess
    import sys

    args = ["/dev/zero"] if how == "path" else ["-"]
    with open("/dev/zero", "rb") as zeros:
        done = subprocess.run(
            [sys.executable, "-m", "practice_tui", "import", *args],
            stdin=zeros if how == "stdin" else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert "is a device, not a file; nothing was imported." in done.stderr
    assert "Traceback" not in done.stderr
