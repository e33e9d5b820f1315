"""``practice-tui journal show ID --history``: an entry's earlier versions, with when and
why each was kept, literally; and as JSON."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal
from tests.support.hand_clock import MONDAY_9AM, HandClock


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def edited_entry(folder: Path) -> str:
    clock = HandClock()
    with Journal.open(folder / "journal.sqlite3", now=clock) as journal:
        entry = journal.entries.add(answers=[Answer("What did you notice?", "First \x1b]0;x\x07.")])
        clock.moment = MONDAY_9AM + timedelta(hours=2)
        journal.entries.update(entry.id, [Answer("What did you notice?", "Second.")])
        return entry.id


def test_history_lists_the_earlier_words_with_when_and_why(private_folders: Path) -> None:
    entry_id = edited_entry(private_folders)
    code, out, err = invoke("journal", "show", entry_id[:8], "--history")
    assert (code, err) == (0, "")
    assert "Second." in out
    tail = out[out.index("Earlier versions") :]
    assert tail == (
        "Earlier versions (1), most recently kept first\n"
        "\n"
        "1. Written Monday 5 January 2026, 09:00; kept when the entry was edited, "
        "Monday 5 January 2026, 11:00.\n"
        "   What did you notice?\n"
        "     First ␛]0;x␇.\n"
    )
    assert "\x1b" not in out


def test_without_history_nothing_more_is_shown(private_folders: Path) -> None:
    entry_id = edited_entry(private_folders)
    _, out, _ = invoke("journal", "show", entry_id)
    assert "Earlier versions" not in out and "First" not in out


def test_history_as_json(private_folders: Path) -> None:
    entry_id = edited_entry(private_folders)
    code, out, _ = invoke("journal", "show", entry_id, "--history", "--json")
    assert code == 0
    [kept] = json.loads(out)["history"]
    assert kept["reason"] == "edit"
    [answer] = kept["answers"]
    assert answer["question"] == "What did you notice?" and answer["answer"].startswith("First ")
    written = datetime.fromisoformat(kept["written_at"])
    assert written == MONDAY_9AM and written.utcoffset() == timezone(timedelta(hours=1)).utcoffset(
        None
    )


def test_an_entry_never_changed_says_so(private_folders: Path) -> None:
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        entry = journal.entries.add(answers=[Answer("Q", "Words.")])
    _, out, _ = invoke("journal", "show", entry.id, "--history")
    assert out.endswith("\nNo earlier versions: these words have not been changed.\n")
