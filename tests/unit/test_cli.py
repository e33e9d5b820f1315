"""The command line: listing, exporting, opening a practice; clear messages and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from practice_tui import __version__
from practice_tui.cli.commands import main
from practice_tui.journal import Answer, Journal


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_practices_lists_ids_weeks_and_lengths() -> None:
    code, out, _ = run("practices")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("breathing-space"))
    assert "week 1" in line and "3, 6 min" in line and "Breathing Space" in line
    listening = next(line for line in out.splitlines() if line.startswith("compassionate-list"))
    assert "Before a conversation" in listening and "After a conversation" in listening


def test_practices_as_json() -> None:
    code, out, _ = run("practices", "--json")
    assert code == 0
    listing = json.loads(out)
    row = next(r for r in listing["practices"] if r["id"] == "breathing-space")
    assert row["week"] == 1 and row["lengths"] == [3, 6] and "Segal" in row["origin"]
    assert listing["problems"] == []
    assert len(listing["practices"]) == 12  # eleven of the course, and grounding


def test_own_practices_are_listed_and_broken_ones_explained(tmp_path: Path) -> None:
    from practice_tui.paths import resolve_paths

    folder = resolve_paths().own_practices_dir
    folder.mkdir(parents=True)
    docs = (Path(__file__).resolve().parents[2] / "docs" / "script-format.md").read_text()
    (folder / "arriving.toml").write_text(docs.split("```toml\n")[1].split("```")[0])
    (folder / "oops.toml").write_text('kind = "practice"\nid = "oops"\n')
    code, out, err = run("practices")
    assert code == 0
    mine = next(line for line in out.splitlines() if line.startswith("arriving-at-work"))
    assert "my own" in mine and "2, 4 min" in mine
    assert "oops.toml" in err and "missing 'name'" in err
    listing = json.loads(run("practices", "--json")[1])
    assert any(r["id"] == "arriving-at-work" and r["own"] for r in listing["practices"])
    assert any("oops.toml" in problem for problem in listing["problems"])


def test_play_knows_the_ways_of_a_practice() -> None:
    code, _, err = run("play", "compassionate-listening", "--mode", "during")
    assert code == 2 and "before, after" in err


def test_play_refuses_an_unknown_practice_with_usage_code() -> None:
    code, _, err = run("play", "no-such-practice")
    assert code == 2
    assert "no practice called 'no-such-practice'" in err and "breathing-space" in err


def test_play_refuses_a_length_too_short_for_the_words() -> None:
    code, _, err = run("play", "breathing-space", "--minutes", "1")
    assert code == 2 and "needs at least 2 minutes" in err


def fill_journal(data_dir: Path) -> None:
    with Journal.open(data_dir / "journal.sqlite3") as journal:
        journal.entries.add(
            answers=[Answer("What did you notice?", "# not a heading [bold]really[/]")],
            practice_id="breathing-space",
            practice_name="Breathing Space",
            week=1,
        )


def test_export_markdown_to_stdout(private_folders: Path) -> None:
    fill_journal(private_folders)
    code, out, _ = run("export", "--format", "md")
    assert code == 0
    assert "## Week 1" in out and "Breathing Space" in out
    assert "\\# not a heading [bold]really[/]" in out


def test_export_to_a_file_is_private_and_never_overwrites(
    private_folders: Path, tmp_path: Path
) -> None:
    fill_journal(private_folders)
    target = tmp_path / "log.md"
    code, _, err = run("export", "-o", str(target))
    assert code == 0 and "Wrote 1 reflection" in err
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)
    first = target.read_text()
    code, _, err = run("export", "-o", str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_text() == first
    code, _, _ = run("export", "-o", str(target), "--force")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".log")) == []


def test_data_dir_option_wins(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    fill_journal(other)
    code, out, _ = run("--data-dir", str(other), "export")
    assert code == 0 and "Breathing Space" in out


def test_a_damaged_journal_is_one_sentence_and_left_untouched(private_folders: Path) -> None:
    private_folders.mkdir(parents=True)
    damaged = private_folders / "journal.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    before = damaged.read_bytes()
    code, _, err = run("export")
    assert code == 1
    assert err.startswith("practice-tui: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert damaged.read_bytes() == before


def test_commands_that_do_not_open_the_app_never_import_textual(private_folders: Path) -> None:
    probe = (
        "import sys\n"
        "from practice_tui.cli.commands import main\n"
        "try:\n"
        "    main(['practices', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.startswith('textual'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=False
    )
    assert result.stderr.strip() == "[]"


def test_plain_practice_tui_opens_the_app_without_the_command_line_library(
    private_folders: Path,
) -> None:
    probe = (
        "import sys\n"
        "from practice_tui.app import PracticeApp\n"
        "opened = []\n"
        "PracticeApp.run = lambda self, *a, **k: opened.append(self)\n"
        "import practice_tui.cli.opening as opening\n"
        "opening.terminal_missing = lambda: False  # as in a terminal\n"
        "from practice_tui.cli.launch import main\n"
        "sys.argv = ['practice-tui']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "sys.stderr.write(repr((code, len(opened), 'click' in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=False
    )
    assert result.stderr.strip() == "(0, 1, False)"


def test_a_command_starts_without_the_collector_and_play_plain_runs_with_it(
    private_folders: Path,
) -> None:
    """Start-up frees almost nothing, so collecting is paused for a command's start; a
    practice read out with --plain runs for minutes, so it turns the collector back on."""
    probe = (
        "import gc, sys\n"
        "import practice_tui.cli.plain as plain\n"
        "seen = []\n"
        "plain.PlainPractice.run = lambda self, journal: seen.append(gc.isenabled())\n"
        "import practice_tui.cli.stats as stats\n"
        "stats.today.callback = lambda *a, **k: seen.append(gc.isenabled())\n"
        "from practice_tui.cli.launch import main\n"
        "for words in (['today'], ['play', 'breathing-space', '--plain']):\n"
        "    sys.argv = ['practice-tui', *words]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "sys.stderr.write(repr(seen))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=False
    )
    assert result.stderr.strip() == "[False, True]"


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "practice_tui", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and __version__ in result.stdout


def test_doctor_says_where_things_are_without_ringing(private_folders: Path) -> None:
    code, out, _ = run("doctor", "--no-sound")
    assert code == 0
    assert "Sound" in out and "Bells" in out and "singing-bowl" in out
    assert str(private_folders / "journal.sqlite3") in out
    assert "settings.json" in out
    assert "Ringing" not in out


def test_timer_refuses_contradictions_as_usage_mistakes() -> None:
    code, _, err = run("timer", "--minutes", "10", "--open-ended")
    assert code == 2 and "not both" in err
    code, _, err = run("timer", "--minutes", "10", "--interval", "10")
    assert code == 2 and "would never ring" in err
    code, _, err = run("timer", "--minutes", "0")
    assert code == 2
