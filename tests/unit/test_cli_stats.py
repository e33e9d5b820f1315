"""``practice-tui stats`` and ``practice-tui today``: what they print, and how they fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from practice_tui.journal import Journal
from practice_tui.paths import resolve_paths
from tests.unit.test_cli import run


def seed(
    private_folders: Path,
    days_in_a_row: int,
    practice_id: str = "affectionate-breathing",
    *,
    week: int = 3,
    days_ago: int = 0,
) -> None:
    """Ten-minute sessions at this time of day on days in a row, the last ``days_ago``."""
    now = datetime.now().astimezone()
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        for back in range(days_ago, days_ago + days_in_a_row):
            start = now - timedelta(days=back, minutes=20)
            journal.sessions.record(
                practice_id=practice_id,
                practice_name=practice_id,
                week=week,
                started_at=start,
                ended_at=start + timedelta(minutes=10),
                planned_seconds=600,
                practised_seconds=600.0,
                completed=True,
            )


def hide_streak() -> None:
    config = resolve_paths().config_dir
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"show_streak": False}))


# ---------------------------------------------------------------------------------- today


def test_today_before_any_practice_names_the_first_week_and_makes_no_files(
    private_folders: Path,
) -> None:
    code, out, err = run("today")
    assert (code, out, err) == (0, "Week 1 · Breathing Space\n", "")
    assert not private_folders.exists()


def test_today_names_the_week_the_practice_done_least_and_the_streak(
    private_folders: Path,
) -> None:
    seed(private_folders, 4)
    code, out, _ = run("today")
    assert code == 0
    assert out == "Week 3 · Compassionate listening · 4-day streak\n"


def test_today_leaves_the_streak_out_when_it_is_hidden(private_folders: Path) -> None:
    seed(private_folders, 2)
    hide_streak()
    assert run("today")[1] == "Week 3 · Compassionate listening\n"


def test_today_leaves_the_streak_out_when_there_is_none(private_folders: Path) -> None:
    seed(private_folders, 1, "resourcing", week=2, days_ago=9)
    assert run("today")[1] == "Week 2 · Self-compassion break\n"


def test_today_says_what_is_wrong_in_one_sentence(private_folders: Path) -> None:
    private_folders.mkdir(parents=True)
    damaged = private_folders / "journal.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    code, out, err = run("today")
    assert code == 1 and out == ""
    assert err.startswith("practice-tui: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert damaged.read_bytes() == b"this is not a database" * 100


def test_today_never_shows_a_traceback_even_for_the_unexpected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("the unexpected")

    monkeypatch.setattr("practice_tui.journal.today.suggest", broken)
    code, out, err = run("today")
    assert code == 1 and out == ""
    assert err == (
        "practice-tui: today's practice could not be worked out (RuntimeError: the unexpected).\n"
    )


# ---------------------------------------------------------------------------------- stats


def test_stats_shows_each_week_and_the_streak(private_folders: Path) -> None:
    seed(private_folders, 3)
    code, out, _ = run("stats", "--weeks", "4")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Week", "of", "Minutes", "Sessions", "Home", "tasks"]
    assert len([line for line in lines[1:] if line.strip()]) == 5  # four weeks and the streak
    assert lines[4].endswith("this week")
    assert lines[-1] == "3-day streak (a day ends at 4 am)."


def test_stats_as_json(private_folders: Path) -> None:
    seed(private_folders, 3)
    code, out, _ = run("stats", "--json")
    assert code == 0
    report = json.loads(out)
    assert set(report) == {
        "today",
        "day_ends_at",
        "weeks",
        "this_week",
        "show_streak",
        "streak_days",
    }
    assert len(report["weeks"]) == 12
    assert set(report["weeks"][0]) == {"week_of", "minutes", "sessions", "home_tasks"}
    assert report["this_week"] == report["weeks"][-1]
    total = sum(week["sessions"] for week in report["weeks"])
    assert total == 3 and sum(week["minutes"] for week in report["weeks"]) == 30.0
    assert (report["show_streak"], report["streak_days"], report["day_ends_at"]) == (True, 3, 4)
    hide_streak()
    hidden = json.loads(run("stats", "--json")[1])
    assert (hidden["show_streak"], hidden["streak_days"]) == (False, None)


def test_stats_without_a_journal_is_all_zeros_and_makes_no_files(private_folders: Path) -> None:
    code, out, _ = run("stats", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["streak_days"] == 0 and all(w["sessions"] == 0 for w in report["weeks"])
    assert not private_folders.exists()


def test_stats_refuses_a_number_of_weeks_out_of_range() -> None:
    code, _, err = run("stats", "--weeks", "0")
    assert code == 2 and "--weeks" in err


def test_a_damaged_journal_makes_stats_explain_itself(private_folders: Path) -> None:
    private_folders.mkdir(parents=True)
    (private_folders / "journal.sqlite3").write_bytes(b"not a database" * 100)
    code, _, err = run("stats")
    assert code == 1 and err.startswith("practice-tui: ") and "Traceback" not in err


@pytest.mark.parametrize("args", [["today"], ["stats", "--json"]])
def test_stats_and_today_never_import_textual(private_folders: Path, args: list[str]) -> None:
    seed(private_folders, 2)
    probe = (
        "import sys\n"
        "from practice_tui.cli.commands import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('textual'))\n"
        "sys.stderr.write(repr((code, loaded)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=False
    )
    assert result.stderr.strip() == "(0, [])"


# ------------------------------------------------------------------------ programme weeks


def start_programme(days_ago: int) -> date:
    """Settings saying the programme began ``days_ago`` days ago (as Home's question does)."""
    start = datetime.now().astimezone().date() - timedelta(days=days_ago)
    config = resolve_paths().config_dir
    config.mkdir(parents=True, exist_ok=True)
    settings = {"programme_start": start.isoformat(), "programme_asked": True}
    (config / "settings.json").write_text(json.dumps(settings))
    return start


def test_stats_counts_by_programme_week_once_the_start_is_known(private_folders: Path) -> None:
    seed(private_folders, 3)
    start = start_programme(9)  # today is in week 2
    code, out, _ = run("stats")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Programme", "week", "Minutes", "Sessions", "Home", "tasks"]
    assert lines[1].startswith("Week 1 (from ") and lines[2].startswith("Week 2 (from ")
    assert (
        lines[2].endswith("this week") and len([ln for ln in lines if ln.startswith("Week")]) == 2
    )
    report = json.loads(run("stats", "--json")[1])
    assert [w["week"] for w in report["programme_weeks"]] == ["Week 1", "Week 2"]
    assert report["programme_weeks"][0]["from"] == start.isoformat()
    assert sum(w["sessions"] for w in report["programme_weeks"]) == 3
    calendar = run("stats", "--by", "calendar")[1]
    assert calendar.splitlines()[0].split()[:2] == ["Week", "of"]


def test_after_the_course_is_one_row(private_folders: Path) -> None:
    seed(private_folders, 1)
    start_programme(60)
    lines = run("stats")[1].splitlines()
    assert [ln.split("  ")[0].split(" (")[0] for ln in lines[1:8]] == [
        *(f"Week {n}" for n in range(1, 7)),
        "After the course",
    ]


def test_stats_by_programme_without_a_start_says_how_to_set_one(private_folders: Path) -> None:
    code, out, err = run("stats", "--by", "programme")
    assert code == 1 and out == ""
    assert "programme's start is not known yet" in err and "--by calendar" in err
    assert err.count("\n") == 1


def test_today_names_the_programme_week(private_folders: Path) -> None:
    seed(private_folders, 2)  # sessions in week 3
    start_programme(30)  # today is in week 5
    assert run("today")[1].startswith("Week 5 · ")
