"""The JSON export, byte for byte: whatever the words, and however the bytes leave.

A reference writer made in Python from the stored rows says what the file must hold; the
export must give exactly those bytes as text, into a file and into a pipe.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice_tui import __version__
from practice_tui.journal import Answer, Journal, export_json
from practice_tui.journal.export import write_export

NOW = datetime(2026, 2, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))
#: What breaks a naive writer: quotes, backslashes, control characters, separators as words,
#: emoji, a line separator, a lone surrogate, and JSON-looking text.
AWKWARD_CHARACTERS = [*'a é"\\/\n\r\t\x00\x08\x1f\x7f\u2028🙏🏽{}[],:', "\ud800", '", "', '": "']
_WHITE_OUTSIDE_STRINGS = re.compile(r'("(?:[^"\\]|\\.)*")|[ \t\n\r]+', re.DOTALL)

texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(AWKWARD_CHARACTERS), max_size=12).map("".join),
)
#: Blank answers too; the last one has words, as an entry must.
answer_lists = st.lists(st.builds(Answer, texts, texts), max_size=4).map(
    lambda answers: [*answers, Answer("And?", "words")]
)


def _compact(stored: str) -> str:
    """Stored JSON with the white space between its tokens taken out, its strings as stored."""
    return _WHITE_OUTSIDE_STRINGS.sub(lambda m: m.group(1) or "", stored)


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def reference(journal: Journal) -> str:
    """The whole export of a journal holding only entries, built in Python."""
    with journal.bulk.read() as db:
        names = export_json.ENTRY_FIELDS
        rows = db.execute(f"SELECT rowid, {', '.join(names)} FROM entries").fetchall()
    records = []
    for trashed in (False, True):
        chosen = [r for r in rows if (r[names.index("deleted_at") + 1] is not None) == trashed]
        chosen.sort(key=lambda r: (datetime.fromisoformat(r[names.index("created_at") + 1]), r[0]))
        for row in chosen:
            fields = []
            for name, value in zip(names, row[1:], strict=True):
                if name == "starred":
                    encoded = "true" if value else "false"
                elif name in ("tags", "answers"):
                    encoded = _compact(value)
                else:
                    encoded = "null" if value is None else _text(value)
                fields.append(f"{_text(name)}:{encoded}")
            records.append("{" + ",".join(fields) + "}")
    head = {
        "format": export_json.FORMAT,
        "version": export_json.FORMAT_VERSION,
        "exported_at": NOW.isoformat(timespec="seconds"),
        "app_version": __version__,
        "filters": None,
    }
    lines = "".join(f"  {_text(k)}: {_text(v)},\n" for k, v in head.items())
    entries = ("\n    " + ",\n    ".join(records) + "\n  ]") if records else "]"
    return (
        "{\n" + lines + '  "entries": [' + entries + ',\n  "sessions": [],\n'
        '  "actions": [],\n  "home_task_ticks": [],\n  "revisions": []\n}\n'
    )


def as_text(journal: Journal) -> str:
    stream = io.StringIO(newline="")
    write_export(journal, "json", stream)
    return stream.getvalue()


def as_bytes(journal: Journal) -> bytes:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    write_export(journal, "json", stream)
    stream.flush()
    return raw.getvalue()


def through_a_pipe(journal: Journal, *, read: int | None = None) -> bytes:
    """The export written into a pipe (by the writer thread), and what came out of it.

    With ``read``, the reader takes that many bytes and then closes its end.
    """
    reading, writing = os.pipe()
    taken = bytearray()

    def reader() -> None:
        with open(reading, "rb", buffering=0) as pipe:
            while (read is None or len(taken) < read) and (chunk := pipe.read(1 << 16)):
                taken.extend(chunk)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        with open(writing, "w", encoding="utf-8", newline="") as stream:
            write_export(journal, "json", stream)
    finally:
        thread.join()
    return bytes(taken)


@pytest.fixture
def journal(tmp_path: Path):
    with Journal.open(tmp_path / "journal.sqlite3", now=lambda: NOW) as opened:
        yield opened


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(st.tuples(answer_lists, st.booleans(), st.booleans()), max_size=5))
def test_the_export_is_the_reference_byte_for_byte(entries) -> None:  # type: ignore[no-untyped-def]
    """Any words, starred or not, in the trash or not: the same bytes, as text or as bytes."""
    with (
        tempfile.TemporaryDirectory() as folder,
        Journal.open(Path(folder) / "journal.sqlite3", now=lambda: NOW) as journal,
    ):
        for n, (answers, starred, trashed) in enumerate(entries):
            entry = journal.entries.add(answers=answers, created_at=NOW - timedelta(days=n))
            if starred:
                journal.entries.set_starred(entry.id, True)
            if trashed:
                journal.entries.trash(entry.id)
        expected = reference(journal)
        assert as_text(journal) == expected
        assert as_bytes(journal) == expected.encode("utf-8", "surrogatepass")


def test_into_a_pipe_the_bytes_are_the_same(journal: Journal) -> None:
    for n in range(1200):  # several batches of records
        journal.entries.add(answers=[Answer("Q?", f"answer {n} 🙏🏽")], created_at=NOW)
    assert through_a_pipe(journal) == as_bytes(journal)
    assert json.loads(through_a_pipe(journal))["entries"][0]["answers"][0]["answer"]


def test_a_pipe_closed_early_stops_the_export_with_the_pipe_error(journal: Journal) -> None:
    for n in range(1200):
        journal.entries.add(answers=[Answer("Q?", f"answer {n}")], created_at=NOW)
    with pytest.raises(BrokenPipeError):
        through_a_pipe(journal, read=10_000)
    assert as_bytes(journal)  # the journal is still readable after the failed export


def test_only_pipes_and_terminals_get_the_writer_thread(tmp_path: Path) -> None:
    reading, writing = os.pipe()
    with open(reading, "rb"), open(writing, "wb") as pipe:
        assert export_json.writes_wait(pipe)
    with open(tmp_path / "file", "wb") as file:
        assert not export_json.writes_wait(file)
    assert not export_json.writes_wait(io.BytesIO())


class _PartialWrites:
    """``os.writev`` as a slow or nearly full output does it: each call takes only part of
    what it is given (``takes`` gives how much), sometimes nothing yet (``BlockingIOError``),
    and once ``room`` bytes are taken, it fails as a full disk does."""

    def __init__(self, takes: list[int], room: int | None = None) -> None:
        self.takes, self.room, self.written, self.calls = takes, room, bytearray(), 0

    def __call__(self, descriptor: int, pieces: list[bytes]) -> int:
        assert len(pieces) <= export_json._IOV_MAX
        self.calls += 1
        wanted = b"".join(bytes(piece) for piece in pieces)
        take = self.takes[self.calls % len(self.takes)]
        if take < 0:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        if self.room is not None and len(self.written) >= self.room:
            raise OSError(28, "No space left on device")
        taken = wanted[: max(1, take)] if wanted else b""
        self.written += taken
        return len(taken)


@settings(max_examples=80, deadline=None)
@given(
    pieces=st.lists(st.binary(max_size=40), max_size=2500),
    takes=st.lists(st.integers(min_value=-1, max_value=300), min_size=1, max_size=6),
)
def test_pieces_reach_the_descriptor_whole_and_in_order_however_the_writes_split(
    pieces: list[bytes], takes: list[int]
) -> None:
    """Partial writes, a descriptor that is not ready, more pieces than one call may take."""
    fake = _PartialWrites(takes if any(t >= 0 for t in takes) else [*takes, 5])
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(export_json.os, "writev", fake)
        patched.setattr(export_json.select, "select", lambda *waits: waits)
        export_json.write_pieces(99, list(pieces))
    assert bytes(fake.written) == b"".join(pieces)


@pytest.mark.parametrize("threaded", [True, False])
@pytest.mark.parametrize("room", [0, 3000, 70_000])
def test_a_descriptor_that_fills_part_way_stops_the_export_with_its_error(
    journal: Journal, tmp_path: Path, room: int, threaded: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a real file (written with writev), the disk filling at any point: the error of
    the full disk, and what was written is the start of the export."""
    for n in range(1200):
        journal.entries.add(answers=[Answer("Q?", f"answer {n} 🙏🏽")], created_at=NOW)
    expected = as_bytes(journal)
    fake = _PartialWrites([700, 5000, 1], room)
    monkeypatch.setattr(export_json.os, "writev", fake)
    monkeypatch.setattr(export_json, "writes_wait", lambda binary: threaded)
    with (
        (tmp_path / "out.json").open("w", encoding="utf-8", newline="") as stream,
        pytest.raises(OSError, match="No space left on device"),
    ):
        write_export(journal, "json", stream)
    assert room <= len(fake.written) < len(expected)
    assert expected.startswith(bytes(fake.written))


def test_into_a_file_the_bytes_are_the_same(journal: Journal, tmp_path: Path) -> None:
    for n in range(1200):
        journal.entries.add(answers=[Answer("Q?", f"answer {n} 🙏🏽")], created_at=NOW)
    target = tmp_path / "out.json"
    with target.open("w", encoding="utf-8", newline="") as stream:
        stream.write("before ")  # still in the stream's buffer: written first, not lost
        write_export(journal, "json", stream)
        stream.write(" after")
    assert target.read_bytes() == b"before " + as_bytes(journal) + b" after"


def test_a_full_device_is_the_full_disk_error(journal: Journal) -> None:
    journal.entries.add(answers=[Answer("Q?", "words")], created_at=NOW)
    with (
        open("/dev/full", "w", encoding="utf-8", newline="") as stream,
        pytest.raises(OSError, match="No space left on device"),
    ):
        write_export(journal, "json", stream)


def test_valid_answers_stored_another_way_are_copied_and_read_back(journal: Journal) -> None:
    """Answers another program wrote with its own spacing (valid JSON) are copied as they
    are: still valid JSON, and the same words when read back."""
    entry = journal.entries.add(answers=[Answer("Q?", "words")], created_at=NOW)
    spaced = '[ {"question" : "Q?",\n  "answer" : "other \\u00e9 words"} ]'
    with journal.bulk.write() as db:
        db.execute("UPDATE entries SET answers = ? WHERE id = ?", [spaced, entry.id])
    text = as_text(journal)
    assert spaced in text
    record = json.loads(text)["entries"][0]
    assert record["answers"] == [{"question": "Q?", "answer": "other é words"}]


def test_every_session_comes_in_time_order_from_its_index_without_a_sort(
    journal: Journal,
) -> None:
    with journal.bulk.read() as db:
        plan = " ".join(
            row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {export_json.ALL_SESSIONS}")
        )
    assert "idx_practice_sessions_time" in plan and "TEMP B-TREE" not in plan
    starts = [  # in the order of their text, not of their moments
        datetime(2026, 2, 20, 8, 45, tzinfo=UTC),
        datetime(2026, 2, 20, 9, 30, tzinfo=UTC),
        datetime(2026, 2, 20, 10, 0, tzinfo=timezone(timedelta(hours=1))),
    ]
    practice = {"practice_id": "breathing-space", "practice_name": "Breathing Space"}
    practice |= {"week": None, "planned_seconds": 180, "practised_seconds": 180.0}
    for start in starts:
        end = start + timedelta(minutes=3)
        journal.sessions.record(**practice, started_at=start, ended_at=end, completed=True)
    exported = [s["started_at"] for s in json.loads(as_text(journal))["sessions"]]
    moments = [datetime.fromisoformat(stamp) for stamp in exported]
    assert moments == sorted(starts) and exported != sorted(exported)
