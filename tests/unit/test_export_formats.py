"""Export formats and the export command: filters that match the Journal screen's, JSON, CSV
and a self-contained HTML page; files that are private, whole, and never overwritten."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pty
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal, export_json
from practice_tui.journal.export import (
    default_filename,
    describe_query,
    export_size,
    format_for_path,
    write_export,
)
from practice_tui.journal.models import LooseDraft
from practice_tui.journal.query import NO_WEEK, EntryQuery

PLUS_ONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 1, 5, 9, 0, tzinfo=PLUS_ONE)
NOW = datetime(2026, 2, 20, 18, 30, tzinfo=PLUS_ONE)
AWKWARD = "<script>alert('x')</script> & [bold]x[/] \x1b[31m\x07 🙏🏽 שלום \ud800"


@pytest.fixture
def journal(tmp_path: Path):
    with Journal.open(tmp_path / "journal.sqlite3", now=lambda: NOW) as opened:
        yield opened


def fill(journal: Journal) -> dict[str, str]:
    """Week 1 with a practice, week 2 with an exercise and actions, a note, a trashed entry."""
    session = journal.sessions.record(
        practice_id="breathing-space",
        practice_name="Breathing Space",
        week=1,
        started_at=MONDAY,
        ended_at=MONDAY + timedelta(minutes=3),
        planned_seconds=360,
        practised_seconds=185.2,
        completed=False,
    )
    first = journal.entries.add(
        answers=[Answer("What did you notice?", "Calm, then restless.")],
        session_id=session.id,
        created_at=MONDAY + timedelta(minutes=5),
    )
    journal.entries.set_starred(first.id, True)
    exercise = journal.entries.add(
        answers=[Answer("What will you do?", AWKWARD), Answer("Unanswered?", "")],
        kind="exercise",
        practice_id="next-steps",
        practice_name="Next steps",
        week=2,
        created_at=MONDAY + timedelta(days=8),
        actions=["Ask for help", "Walk at lunch"],
    )
    journal.tasks.set_action_done(journal.tasks.actions()[0].id, True)
    loose = journal.entries.add(
        answers=[Answer("What is on your mind?", "A loose note about rain.")],
        created_at=MONDAY + timedelta(days=1),
    )
    gone = journal.entries.add(
        answers=[Answer("Q?", "Thrown away rain.")], week=1, created_at=MONDAY + timedelta(days=2)
    )
    journal.entries.trash(gone.id)
    journal.tasks.set_home_task(week=1, task_id="w1-practise", day=MONDAY.date(), done=True)
    journal.tasks.set_home_task(week=2, task_id="w2-practise", day=date(2026, 1, 13), done=True)
    return {"first": first.id, "exercise": exercise.id, "loose": loose.id, "gone": gone.id}


def export(journal: Journal, fmt: str, query: EntryQuery | None = None, **options) -> str:
    stream = io.StringIO(newline="")
    write_export(journal, fmt, stream, query, **options)
    return stream.getvalue()


# -- filters are the Journal screen's ------------------------------------------------------

QUERIES = [
    EntryQuery(),
    EntryQuery(week=1),
    EntryQuery(week=NO_WEEK),
    EntryQuery(practice_id="next-steps"),
    EntryQuery(since=date(2026, 1, 6)),
    EntryQuery(until=date(2026, 1, 6)),
    EntryQuery(since=date(2026, 1, 6), until=date(2026, 1, 6)),
    EntryQuery(search="rain"),
    EntryQuery(search='"then restless"'),
    EntryQuery(starred=True),
    EntryQuery(week=1, search="calm"),
]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_exports_hold_exactly_what_the_journal_screen_shows(
    journal: Journal, fmt: str, query: EntryQuery
) -> None:
    fill(journal)
    shown = {e.id for e in journal.entries.page(query, limit=100)}
    counted: list[int] = []
    stream = io.StringIO()
    written = write_export(journal, fmt, stream, query, progress=counted.append)
    assert written == len(shown) == sum(counted) == export_size(journal, fmt, query)
    if fmt == "csv":
        ids = {row["id"] for row in csv.DictReader(io.StringIO(stream.getvalue()))}
        assert ids == shown


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_json_holds_what_is_shown_and_the_trash_flagged(
    journal: Journal, query: EntryQuery
) -> None:
    fill(journal)
    live = {e.id for e in journal.entries.page(query, limit=100)}
    trash = {e.id for e in journal.entries.page(EntryQuery(**{**vars(query), "trashed": True}))}
    data = json.loads(export(journal, "json", query))
    assert {e["id"] for e in data["entries"] if e["deleted_at"] is None} == live
    assert {e["id"] for e in data["entries"] if e["deleted_at"] is not None} == trash
    assert export_size(journal, "json", query) == len(live) + len(trash)


def test_the_trash_stays_out_of_the_log_shaped_formats(journal: Journal) -> None:
    fill(journal)
    for fmt in ("md", "html", "csv"):
        assert "Thrown away" not in export(journal, fmt)


def test_describe_query() -> None:
    assert describe_query(EntryQuery()) == ""
    assert describe_query(
        EntryQuery(week=2, since=date(2026, 1, 5), until=date(2026, 1, 31), search="calm")
    ) == ("Only entries from week 2, written 5 January 2026 to 31 January 2026, containing “calm”.")
    assert describe_query(EntryQuery(week=NO_WEEK, starred=True)) == (
        "Only starred entries not tied to a week."
    )
    assert describe_query(EntryQuery(starred=True)) == "Only starred entries."


def test_file_names_and_formats() -> None:
    assert default_filename("md", date(2026, 2, 20)) == "reflection-log-2026-02-20.md"
    assert default_filename("csv", date(2026, 2, 20), sessions=True) == (
        "practice-sessions-2026-02-20.csv"
    )
    assert [format_for_path(n) for n in ("a.MD", "b.htm", "c.json", "d.csv", "e.txt")] == [
        "md",
        "html",
        "json",
        "csv",
        None,
    ]


# -- Markdown --------------------------------------------------------------------------------


def test_markdown_reads_as_a_log_with_marks_and_filters(journal: Journal) -> None:
    fill(journal)
    text = export(journal, "md")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# My reflection log",
        "## Week 1",
        "### Breathing Space — Monday 5 January 2026, 09:05",
        "## Week 2",
        "### Next steps — Tuesday 13 January 2026, 09:00",
        "## Not tied to a week",
        "### Reflection — Tuesday 6 January 2026, 09:00",
    ]
    assert "*Practised 3 min 05 s (stopped early)*\n\n*★ Starred*" in text
    assert "**Actions**\n\n- [ ] Walk at lunch\n- [x] Ask for help" in text  # to do first
    assert "\ufffd" in text and "\ud800" not in text  # a broken character, shown as such
    filtered = export(journal, "md", EntryQuery(week=2))
    assert "*Only entries from week 2.*" in filtered and "Breathing" not in filtered
    # A practice filter is named as the entries name it, not by its id.
    by_practice = export(journal, "md", EntryQuery(practice_id="next-steps"))
    assert "*Only entries about Next steps.*" in by_practice
    assert "about Next steps" in export(journal, "html", EntryQuery(practice_id="next-steps"))
    assert "Nothing in the journal matches." in export(journal, "md", EntryQuery(search="zebra"))


# -- JSON --------------------------------------------------------------------------------


def test_json_is_versioned_and_complete(journal: Journal) -> None:
    ids = fill(journal)
    journal.drafts.save(LooseDraft(("unsaved words",)))
    text = export(journal, "json")
    data = json.loads(text)
    assert (data["format"], data["version"], data["filters"]) == ("practice-tui-journal", 1, None)
    assert data["exported_at"] == "2026-02-20T18:30:00+01:00"
    assert sorted(data) == [
        "actions",
        "app_version",
        "entries",
        "exported_at",
        "filters",
        "format",
        "home_task_ticks",
        "revisions",
        "sessions",
        "version",
    ]
    assert "unsaved words" not in text  # drafts stay on the machine they were typed on
    entries = {e["id"]: e for e in data["entries"]}
    assert entries[ids["first"]]["starred"] is True
    assert entries[ids["exercise"]]["answers"][0]["answer"] == AWKWARD  # the lone surrogate too
    assert entries[ids["gone"]]["deleted_at"] == "2026-02-20T18:30:00+01:00"
    assert [s["practised_seconds"] for s in data["sessions"]] == [185.2]
    assert data["sessions"][0]["completed"] is False
    assert [(a["text"], a["done_at"] is not None) for a in data["actions"]] == [
        ("Ask for help", True),
        ("Walk at lunch", False),
    ]
    assert [t["task_id"] for t in data["home_task_ticks"]] == ["w1-practise", "w2-practise"]
    # One record a line, so a message about a broken file can point at it.
    assert sum(1 for line in text.splitlines() if line.startswith('    {"id"')) == 9


class _FailingAfter(io.RawIOBase):
    """A file that takes ``room`` bytes and then fails as a full disk does."""

    def __init__(self, room: int) -> None:
        self.room, self.written = room, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[no-untyped-def, override]
        if len(self.written) + len(data) > self.room:
            raise OSError(28, "No space left on device")
        self.written += data
        return len(data)


@pytest.mark.parametrize("threaded", [True, False])
@pytest.mark.parametrize("room", [0, 3000, 1 << 30])
def test_json_written_as_bytes_is_the_text_or_the_writing_error(
    journal: Journal, room: int, threaded: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes go out from a writer thread (into a pipe) or at once (into a file); what
    is written, or why it stopped, is the same."""
    monkeypatch.setattr(export_json, "writes_wait", lambda binary: threaded)
    fill(journal)
    for n in range(600):  # more than one batch of records
        journal.entries.add(answers=[Answer("Q?", f"answer {n}")], created_at=MONDAY)
    expected = export(journal, "json")
    raw = _FailingAfter(room)
    stream = io.TextIOWrapper(io.BufferedWriter(raw, buffer_size=64), encoding="utf-8")
    try:
        if room < len(expected.encode()):
            with pytest.raises(OSError, match="No space left on device"):
                write_export(journal, "json", stream)
            assert expected.encode().startswith(bytes(raw.written))
        else:
            assert write_export(journal, "json", stream) == len(json.loads(expected)["entries"])
            stream.flush()
            assert raw.written.decode() == expected
    finally:
        # Closed here, so the full "disk" is not written to again when it is collected.
        with contextlib.suppress(OSError):
            stream.close()


def test_filtered_json_carries_what_its_entries_need(journal: Journal) -> None:
    fill(journal)
    week1 = json.loads(export(journal, "json", EntryQuery(week=1)))
    assert week1["filters"]["week"] == 1
    assert [s["practice_id"] for s in week1["sessions"]] == ["breathing-space"]
    assert week1["actions"] == []
    assert [t["week"] for t in week1["home_task_ticks"]] == [1]
    week2 = json.loads(export(journal, "json", EntryQuery(week=2)))
    assert week2["sessions"] == [] and len(week2["actions"]) == 2
    searched = json.loads(export(journal, "json", EntryQuery(search="rain")))
    assert searched["home_task_ticks"] == []  # ticks have no words


# -- CSV ---------------------------------------------------------------------------------


def test_csv_of_entries_has_a_column_pair_for_each_answer(journal: Journal) -> None:
    ids = fill(journal)
    text = export(journal, "csv")
    assert text.startswith("id,created_at,week,kind,title,") and "\r\n" in text
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    exercise = rows[ids["exercise"]]
    assert (exercise["question_1"], exercise["answer_1"]) == (
        "What will you do?",
        AWKWARD[:-1] + "\ufffd",
    )
    assert (exercise["question_2"], exercise["answer_2"]) == ("Unanswered?", "")
    first = rows[ids["first"]]
    assert (first["practised_minutes"], first["starred"], first["week"]) == ("3.09", "yes", "1")
    assert rows[ids["loose"]]["question_2"] == ""


def test_csv_of_sessions(journal: Journal) -> None:
    fill(journal)
    text = export(journal, "csv", sessions=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["practice_id"], r["planned_minutes"], r["completed"]) for r in rows] == [
        ("breathing-space", "6", "no")
    ]
    assert export(journal, "csv", EntryQuery(week=2), sessions=True).count("\r\n") == 1
    with pytest.raises(ValueError, match="sessions have no words"):
        export(journal, "csv", EntryQuery(search="calm"), sessions=True)
    with pytest.raises(ValueError, match="only be exported as CSV"):
        export(journal, "md", sessions=True)


# -- HTML --------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs


def test_html_is_one_self_contained_printable_page(journal: Journal) -> None:
    fill(journal)
    page = export(journal, "html")
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    lowered = page.lower()
    for outside in ("http://", "https://", "<script", "<link", " src=", "@import", "url("):
        assert outside not in lowered
    assert "@media print" in page and "@page" in page
    assert "default-src 'none'" in page  # the browser is told to fetch nothing
    parsed = _Tags()
    parsed.feed(page)
    assert set(parsed.tags) <= {
        "html", "head", "meta", "title", "style", "body", "header", "main", "section",
        "h1", "h2", "h3", "span", "p", "div", "article", "ul", "li",
    }  # fmt: skip
    assert {name for name, _ in parsed.attributes} <= {
        "lang", "charset", "name", "content", "http-equiv", "class", "dir",
    }  # fmt: skip
    # The person's text is escaped, and control characters are shown, not obeyed.
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; [bold]x[/] ␛[31m␇ 🙏🏽" in page
    assert "\x1b" not in page and "\x07" not in page
    assert "<h2>Week 1</h2>" in page and "☑ Ask for help" in page


# -- the command ---------------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def filled(private_folders: Path) -> Path:
    with Journal.open(private_folders / "journal.sqlite3", now=lambda: NOW) as journal:
        fill(journal)
    return private_folders


def test_the_format_follows_the_file_name(filled: Path, tmp_path: Path) -> None:
    for name, start in (("log.html", "<!DOCTYPE"), ("log.json", "{"), ("log.csv", "id,")):
        code, _, err = invoke("export", "-o", str(tmp_path / name))
        assert code == 0 and "Wrote" in err
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
        assert oct((tmp_path / name).stat().st_mode & 0o777) == oct(0o600)


def test_filters_on_the_command_line(filled: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--week", "2", "--format", "csv"])
    assert result.exit_code == 0 and b"Next steps" in result.stdout_bytes
    assert result.stdout_bytes.count(b"\r\n") == 2  # RFC 4180 line ends, as written
    code, out, _ = invoke("export", "--search", "rain", "--since", "2026-01-06")
    assert code == 0 and "A loose note" in out and "Only entries" in out
    code, out, _ = invoke("export", "--practice", "breathing-space", "--format", "json")
    assert [e["practice_id"] for e in json.loads(out)["entries"]] == ["breathing-space"]
    code, out, _ = invoke("export", "--sessions", "--until", "2026-01-05")
    assert code == 0 and out.startswith("id,started_at,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sessions", "--format", "md"], "--sessions is for CSV"),
        (["--sessions", "--search", "x"], "sessions have no words"),
        (["--since", "2026-02-01", "--until", "2026-01-01"], "is before --since"),
        (["--since", "someday"], "'someday' is not a date the app can read"),
        (["--week", "-1"], "-1 is not in the range"),
        (["--format", "pdf"], "'pdf' is not one of"),
    ],
)
def test_wrong_usage_is_exit_code_2(filled: Path, args: list[str], message: str) -> None:
    code, out, err = invoke("export", *args)
    assert code == 2 and out == "" and message in err


def test_an_existing_file_is_kept_without_force(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "log.md"
    target.write_text("precious")
    code, _, err = invoke("export", "-o", str(target))
    assert (
        code == 1 and err == f"practice-tui: {target} already exists; add --force to replace it.\n"
    )
    assert target.read_text() == "precious"
    code, _, _ = invoke("export", "-o", str(target), "--force")
    assert code == 0 and target.read_text().startswith("# My reflection log")
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def test_a_missing_folder_is_one_sentence(filled: Path, tmp_path: Path) -> None:
    code, _, err = invoke("export", "-o", str(tmp_path / "nowhere" / "log.md"))
    assert code == 1 and "There is no folder" in err and err.count("\n") == 1


def test_a_failure_part_way_leaves_no_file_and_the_old_one_whole(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import practice_tui.journal.export_html as export_html

    real_write = export_html.write

    def write_then_fail(journal, stream, options):
        real_write(journal, stream, options)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_html, "write", write_then_fail)
    target = tmp_path / "log.html"
    code, _, err = invoke("export", "-o", str(target))
    assert code == 1 and "No space left on device" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [tmp_path / "data"] or not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".log")]
    target.write_text("the old export")
    code, _, _ = invoke("export", "-o", str(target), "--force")
    assert code == 1 and target.read_text() == "the old export"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".log")]


def test_progress_is_shown_only_when_stderr_is_a_terminal(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import practice_tui.cli.transfer as transfer

    monkeypatch.setattr(transfer, "PROGRESS_FROM", 1)
    code, _, err = invoke("export", "-o", str(tmp_path / "a.json"))
    assert code == 0 and "Exporting" not in err
    monkeypatch.setattr(transfer, "_stderr_is_terminal", lambda: True)
    code, _, err = invoke("export", "-o", str(tmp_path / "b.json"))
    assert code == 0 and "Exporting" in err


def _many_entries(path: Path, count: int) -> None:
    with Journal.open(path) as journal, journal.bulk.write() as db:
        stamp = "2026-01-05T09:00:00+00:00"
        answers = json.dumps([{"question": "Q?", "answer": "words"}])
        db.executemany(
            "INSERT INTO entries (id, kind, created_at, updated_at, answers) "
            "VALUES (?, ?, ?, ?, ?)",
            [(f"e{n}", "reflection", stamp, stamp, answers) for n in range(count)],
        )


def _run_with_stderr_on_a_terminal(
    args: list[str], env: dict[str, str], out: Path
) -> tuple[str, str]:
    """Run the command with stderr on a pseudo-terminal and stdout into a file."""
    leader, follower = pty.openpty()
    with out.open("wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "practice_tui", *args], stdout=stdout, stderr=follower, env=env
        )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=60)
    os.close(leader)
    return out.read_text(encoding="utf-8"), seen.decode(errors="replace")


def test_a_real_terminal_gets_a_progress_bar_and_a_pipe_does_not(
    private_folders: Path, tmp_path: Path
) -> None:
    import practice_tui.cli.transfer as transfer

    _many_entries(private_folders / "journal.sqlite3", transfer.PROGRESS_FROM + 200)
    env = {**os.environ, "PRACTICE_TUI_DATA_DIR": str(private_folders)}
    args = ["export", "--format", "csv"]
    out, terminal = _run_with_stderr_on_a_terminal(args, env, tmp_path / "out.csv")
    assert "Exporting" in terminal and "100%" in terminal
    assert out.count("\n") == transfer.PROGRESS_FROM + 201
    piped = subprocess.run(
        [sys.executable, "-m", "practice_tui", "export", "--format", "csv"],
        capture_output=True,
        env=env,
        check=True,
    )
    assert piped.stderr == b""


def test_export_and_import_never_load_textual(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    # The journal's export holds a lone surrogate (AWKWARD), which an import refuses: the
    # import run here is of jrnl's export, and that refusal is checked below.
    jrnl = Path(__file__).parent / "fixtures" / "jrnl-export.json"
    probe = (
        "import sys\n"
        "from practice_tui.cli.commands import main\n"
        "for args in (['export', '-o', sys.argv[1]], ['import', sys.argv[2]],\n"
        "             ['export', '--format', 'html']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as done:\n"
        "        assert not done.code, done.code\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('textual'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(target), str(jrnl)],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    assert result.stderr.strip().endswith("[]"), result.stderr
    code, out, err = invoke("import", str(target))
    assert (code, out) == (1, "")
    assert "out.json: entries[" in err and "holds a broken character (a lone surrogate)" in err


def test_piping_into_a_reader_that_stops_is_quiet(filled: Path) -> None:
    _many_entries(filled / "journal.sqlite3", 3000)
    result = subprocess.run(
        f"'{sys.executable}' -m practice_tui export --format csv | head -c 10",
        shell=True,
        capture_output=True,
        env=os.environ,
        check=False,
    )
    assert result.stdout == b"id,created"
    assert b"Traceback" not in result.stderr and b"Broken pipe" not in result.stderr


def test_times_in_other_offsets_sort_by_moment(journal: Journal) -> None:
    """An entry written in Tokyo at 08:00 came before one in London at 01:00 that day."""
    tokyo = datetime(2026, 3, 2, 8, 0, tzinfo=timezone(timedelta(hours=9)))
    london = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    journal.entries.add(answers=[Answer("Q?", "london")], created_at=london)
    journal.entries.add(answers=[Answer("Q?", "tokyo")], created_at=tokyo)
    data = json.loads(export(journal, "json"))
    assert [e["answers"][0]["answer"] for e in data["entries"]] == ["tokyo", "london"]


def test_html_shows_control_characters_as_the_screens_do(journal: Journal) -> None:
    """One rule for the person's text everywhere: the page shows what the screen shows."""
    from practice_tui.journal.literal_text import literal

    text = "csi \x9b2J osc \x9d0;title\x9c line\r\nnext"
    journal.entries.add(answers=[Answer("q", text)])
    page = export(journal, "html")
    assert literal("csi \x9b2J osc \x9d0;title\x9c line\nnext") in page
    assert not any(0x80 <= ord(ch) <= 0x9F or ch == "\r" for ch in page)


@pytest.mark.parametrize(
    "seconds",
    [1.0, 300.0, 0.0, 0.5, 0.1 + 0.2, 1e15 - 1, 1e15, 2.0**53, 123456789.125, 1 / 3],
)
def test_json_keeps_every_practised_time_exactly(journal: Journal, seconds: float) -> None:
    """A whole number of seconds (written the quick way) and any other reads back the same,
    with a decimal point, so it stays a float."""
    journal.sessions.record(
        practice_id="breathing-space",
        practice_name="Breathing Space",
        week=None,
        started_at=MONDAY,
        ended_at=MONDAY + timedelta(minutes=3),
        planned_seconds=360,
        practised_seconds=seconds,
        completed=True,
    )
    out = io.StringIO()
    write_export(journal, "json", out)
    (session,) = json.loads(out.getvalue())["sessions"]
    assert session["practised_seconds"] == seconds
    assert isinstance(session["practised_seconds"], float)


def test_answers_another_program_spoilt_stop_the_json_export_as_damage(
    filled: Path, tmp_path: Path
) -> None:
    """Stored answers are copied only when they are valid JSON; the rest meet SQLite's
    ``json()``, which stops the export as the journal's damage, as it always did."""
    conn = sqlite3.connect(filled / "journal.sqlite3")
    with conn:
        conn.execute("DROP TRIGGER entries_fts_after_update")  # as only another program would
        conn.execute('UPDATE entries SET answers = \'[{"question": "Q?", "answer": "cut\' ')
    conn.close()
    target = tmp_path / "journal.json"
    code, _, err = invoke("export", "--format", "json", "-o", str(target))
    assert code == 1 and "looks damaged" in err and "Traceback" not in err
    assert not target.exists()
