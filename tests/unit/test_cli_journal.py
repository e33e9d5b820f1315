"""``practice-tui journal list / search / show``: what they print, and how they fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from practice_tui.cli.commands import main
from practice_tui.journal import Journal
from practice_tui.journal.models import Answer, Entry
from practice_tui.start import StartAt

T0 = datetime(2026, 2, 2, 8, 30, tzinfo=timezone(timedelta(hours=1)))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(
    journal: Journal,
    text: str,
    *,
    days: int = 0,
    week: int | None = None,
    name: str | None = "Breathing Space",
    actions: tuple[str, ...] = (),
) -> Entry:
    return journal.entries.add(
        answers=[Answer("What did you notice?", text)],
        practice_id="breathing-space" if name else None,
        practice_name=name,
        week=week,
        created_at=T0 + timedelta(days=days),
        kind="exercise" if actions else "reflection",
        actions=actions,
    )


@pytest.fixture
def journal(private_folders: Path) -> Iterator[Journal]:
    opened = Journal.open(private_folders / "journal.sqlite3")
    yield opened
    opened.close()


def test_before_any_entry_each_command_says_so_and_makes_no_files(private_folders: Path) -> None:
    assert run("journal", "list") == (0, "", "Your journal has no entries yet.\n")
    assert run("journal", "search", "kind") == (0, "", "Your journal has no entries yet.\n")
    code, out, _ = run("journal", "list", "--json")
    assert (code, json.loads(out)) == (0, {"total": 0, "shown": 0, "entries": []})
    code, _, err = run("journal", "show", "abc")
    assert code == 1 and err == "practice-tui: There is no entry with id abc in your journal.\n"
    assert not private_folders.exists()


def test_list_shows_newest_first_one_line_each(journal: Journal) -> None:
    older = write(journal, "Cold hands on the way in.\nThen warmer.", days=0, week=1)
    newer = write(journal, "A quiet evening after the ward.", days=1, name=None)
    journal.entries.set_starred(older.id, True)
    code, out, err = run("journal", "list")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{newer.id[:8]}   2026-02-03 08:30  no week  Reflection: A quiet evening after the ward.",
        f"{older.id[:8]} * 2026-02-02 08:30  week 1   Breathing Space: "
        "Cold hands on the way in. Then warmer.",
    ]


def test_list_keeps_to_a_week_and_a_limit_and_says_how_many_more(journal: Journal) -> None:
    for day in range(5):
        write(journal, f"Day {day} of the course.", days=day, week=2)
    write(journal, "Not in the course.", days=9)
    code, out, err = run("journal", "list", "--week", "2", "--limit", "3")
    assert code == 0
    assert [line.split(": ", 1)[1] for line in out.splitlines()] == [
        "Day 4 of the course.",
        "Day 3 of the course.",
        "Day 2 of the course.",
    ]
    assert err == "3 of 5 entries shown; --limit shows more.\n"
    code, out, _ = run("journal", "list", "--week", "0")
    assert out.count("\n") == 1 and "Not in the course." in out
    code, out, err = run("journal", "list", "--week", "3")
    assert (code, out, err) == (0, "", "No entries from that week.\n")
    code, out, err = run("journal", "list", "--limit", "0")
    assert (out.count("\n"), err) == (6, "")


def test_list_json_has_a_stable_shape(journal: Journal) -> None:
    entry = write(journal, "Steadier than last week.", week=3)
    code, out, _ = run("journal", "list", "--json", "--limit", "5")
    assert code == 0
    assert json.loads(out) == {
        "total": 1,
        "shown": 1,
        "entries": [
            {
                "id": entry.id,
                "created_at": "2026-02-02T08:30:00+01:00",
                "kind": "reflection",
                "week": 3,
                "practice_id": "breathing-space",
                "practice_name": "Breathing Space",
                "starred": False,
                "opening": "Steadier than last week.",
            }
        ],
    }


def test_search_finds_beginnings_of_words_whatever_the_accents(journal: Journal) -> None:
    write(journal, "Met Zoë at the café before the handover.", days=0)
    write(journal, "Nothing about coffee here.", days=1)
    code, out, err = run("journal", "search", "cafe")
    assert (code, err) == (0, "")
    assert out.count("\n") == 1 and "café" in out
    code, out, _ = run("journal", "search", "ZOE hand", "--json")
    found = json.loads(out)
    assert (found["total"], found["shown"]) == (1, 1)
    assert "handover" in found["entries"][0]["snippet"]
    assert run("journal", "search", "kingfisher") == (0, "", "No entries hold those words.\n")


def test_search_shows_the_words_around_a_match_deep_in_an_entry(journal: Journal) -> None:
    filler = " ".join(["steady"] * 40)
    write(journal, f"{filler} and then the kingfisher flew past. {filler}")
    code, out, _ = run("journal", "search", "kingfisher")
    snippet = out.split(": ", 1)[1]
    assert code == 0 and snippet.startswith("…") and "kingfisher flew past" in snippet


def test_search_that_holds_no_words_is_wrong_usage(journal: Journal) -> None:
    code, _, err = run("journal", "search", "?!*")
    assert code == 2 and "give at least one word to search for" in err


def test_show_takes_a_unique_start_of_the_id(journal: Journal) -> None:
    entry = write(journal, "First line.\nSecond line.", week=6, actions=("Ask Sam", "Rest"))
    journal.tasks.set_action_done(journal.tasks.actions()[1].id, True)
    journal.entries.trash(entry.id)
    code, out, err = run("journal", "show", entry.id[:6].upper())
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Monday 2 February 2026, 08:30 · week 6 · Breathing Space"
    assert lines[1].startswith("In the trash since ")
    assert lines[2] == f"id {entry.id}"
    assert lines[3:] == [
        "",
        "What did you notice?",
        "  First line.",
        "  Second line.",
        "",
        "Actions",
        "  [ ] Ask Sam",
        "  [x] Rest",
    ]


def test_show_json_is_the_whole_entry_with_its_actions(journal: Journal) -> None:
    entry = write(journal, "Kind words.", actions=("Walk at lunch",))
    code, out, _ = run("journal", "show", entry.id, "--json")
    record = json.loads(out)
    assert code == 0
    assert record["id"] == entry.id and record["kind"] == "exercise"
    assert record["answers"] == [{"question": "What did you notice?", "answer": "Kind words."}]
    assert [a["text"] for a in record["actions"]] == ["Walk at lunch"]
    assert set(record) == {
        *("id", "kind", "created_at", "updated_at", "edited_at", "deleted_at", "week"),
        *("practice_id", "practice_name", "session_id", "starred", "tags", "source"),
        *("answers", "practised_seconds", "actions"),
    }


def test_show_refuses_an_unknown_or_malformed_id(journal: Journal) -> None:
    entry = write(journal, "One.")
    unknown = "0" * 8 if not entry.id.startswith("0" * 8) else "f" * 8
    code, out, err = run("journal", "show", unknown)
    assert (code, out) == (1, "")
    assert err == f"practice-tui: There is no entry with id {unknown} in your journal.\n"
    code, _, err = run("journal", "show", "not-an-id!")
    assert code == 2 and "an id is made of the letters a-f" in err


def test_an_ambiguous_prefix_is_one_sentence(journal: Journal) -> None:
    for day in range(40):  # forty random ids: two of them share a first letter
        write(journal, f"Entry {day}.", days=day)
    ids = [line.split()[0] for line in run("journal", "list", "--limit", "0")[1].splitlines()]
    letters = [entry_id[0] for entry_id in ids]
    shared = next(letter for letter in letters if letters.count(letter) > 1)
    code, out, err = run("journal", "show", shared)
    assert (code, out) == (1, "")
    assert (
        err == f"practice-tui: More than one entry has an id starting {shared}; give more of it.\n"
    )


def test_control_characters_in_an_entry_are_shown_not_obeyed(journal: Journal) -> None:
    entry = write(journal, "Before\x1b[31mred\x07 after")
    _, out, _ = run("journal", "list")
    assert "\x1b" not in out and "\x07" not in out and "␛[31mred␇" in out
    _, out, _ = run("journal", "show", entry.id)
    assert "\x1b" not in out and "␛[31mred␇ after" in out


def test_a_damaged_journal_is_one_sentence(private_folders: Path) -> None:
    private_folders.mkdir(parents=True)
    (private_folders / "journal.sqlite3").write_bytes(b"not a database at all" * 200)
    for args in (["list"], ["search", "word"], ["show", "abc"]):
        code, out, err = run("journal", *args)
        assert (code, out) == (1, "")
        assert err.startswith("practice-tui: ") and "Traceback" not in err


def test_plain_journal_opens_the_app_on_the_journal_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[StartAt | None] = []
    monkeypatch.setattr(
        "practice_tui.cli.journal.run_app", lambda ctx, start=None: started.append(start)
    )
    assert run("journal")[0] == 0
    assert started == [StartAt(screen="journal")]


def _in_a_process(args: list[str]) -> subprocess.CompletedProcess[str]:
    probe = (
        "import sys\n"
        "from practice_tui.cli.launch import main\n"
        f"sys.argv = ['practice-tui', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "unwanted = ('textual', 'practice_tui.course')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(unwanted))\n"
        "sys.stderr.write(repr((code, loaded)))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=False
    )


@pytest.mark.parametrize("args", [["list"], ["search", "ward"], ["show", "PLACEHOLDER"]])
def test_reading_commands_load_neither_textual_nor_the_course(
    journal: Journal, args: list[str]
) -> None:
    entry = write(journal, "A quiet ward at night.")
    args = [entry.id if arg == "PLACEHOLDER" else arg for arg in args]
    result = _in_a_process(["journal", *args])
    assert result.stderr.strip().endswith("(0, [])")
    assert "\x1b[" not in result.stdout  # no styles when the output is not a terminal
