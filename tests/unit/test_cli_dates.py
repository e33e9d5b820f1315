"""Dates on the command line are read exactly as the app's date box reads them."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.cli.transfer import _DAY
from practice_tui.journal import Answer, Journal
from practice_tui.journal.day_range import parse_day_range
from tests.unit.test_cli import run


def write(journal: Journal, words: str, days_ago: int) -> None:
    moment = datetime.now().astimezone().replace(hour=12) - timedelta(days=days_ago)
    journal.entries.add(answers=[Answer("What did you notice?", words)], created_at=moment)


@pytest.fixture
def three_weeks(private_folders: Path) -> Path:
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        write(journal, "this week", 0)
        write(journal, "last week", 7)
        write(journal, "two weeks ago", 14)
    return private_folders


def exported(*args: str) -> list[str]:
    code, out, err = run("export", "--format", "json", *args)
    assert code == 0, err
    return sorted(e["answers"][0]["answer"] for e in json.loads(out)["entries"])


def test_export_since_last_week(three_weeks: Path) -> None:
    assert exported("--since", "last week") == ["last week", "this week"]
    assert exported("--until", "last week") == ["last week", "two weeks ago"]
    assert exported("--since", "last week", "--until", "last week") == ["last week"]
    assert exported("--since", "today") == ["this week"]


@given(st.text(max_size=30) | st.sampled_from(["last week", "March", "5 Jan", "2026-01", "today"]))
def test_the_command_line_reads_any_words_as_the_app_does(text: str) -> None:
    today = datetime.now().astimezone().date()
    expected = parse_day_range(text, today) if text.strip() else None
    try:
        read = _DAY.convert(text, None, None)
    except click.BadParameter as error:
        assert expected is None
        assert "\n" not in error.format_message().strip()
    else:
        assert read == expected


def test_a_day_before_since_is_still_refused(three_weeks: Path) -> None:
    code, _, err = run("export", "--since", "today", "--until", "last week")
    last_sunday = date.today() - timedelta(days=date.today().weekday() + 1)
    assert code == 2 and f"{last_sunday.isoformat()} is before --since" in err
