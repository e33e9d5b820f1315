"""Exporting the journal: one function, the Markdown writer, and what it escapes."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from practice_tui.journal import SUPPORTED_FORMATS, Answer, Journal, write_export
from practice_tui.journal.export import duration_words

PLUS_ONE = timezone(timedelta(hours=1))
MONDAY_9AM = datetime(2026, 1, 5, 9, 0, tzinfo=PLUS_ONE)
WRITTEN_AT = datetime(2026, 2, 20, 18, 30, tzinfo=PLUS_ONE)


@pytest.fixture
def journal(tmp_path: Path):
    with Journal.open(tmp_path / "journal.sqlite3", now=lambda: WRITTEN_AT) as opened:
        yield opened


def export(journal: Journal) -> tuple[int, str]:
    stream = io.StringIO()
    count = write_export(journal, "md", stream)
    return count, stream.getvalue()


def practise(journal: Journal, *, week: int, day: int, seconds: float, completed: bool) -> str:
    start = MONDAY_9AM + timedelta(days=day)
    session = journal.sessions.record(
        practice_id="loving-kindness",
        practice_name="Loving-kindness",
        week=week,
        started_at=start,
        ended_at=start + timedelta(seconds=seconds),
        planned_seconds=600,
        practised_seconds=seconds,
        completed=completed,
    )
    return session.id


def test_supported_formats() -> None:
    assert SUPPORTED_FORMATS == ("md", "html", "json", "csv")


def test_unknown_format_names_the_supported_ones(journal: Journal) -> None:
    with pytest.raises(ValueError, match=r"'pdf'.*supported formats: md, html, json, csv"):
        write_export(journal, "pdf", io.StringIO())


def test_empty_journal(journal: Journal) -> None:
    assert export(journal) == (
        0,
        "# My reflection log\n\n*Written on Friday 20 February 2026, 18:30.*\n\n"
        "No reflections yet.\n",
    )


def test_markdown_log(journal: Journal) -> None:
    early = practise(journal, week=1, day=0, seconds=185.2, completed=False)
    journal.entries.add(
        answers=[
            Answer("What did you notice?", "Warmth, then restlessness.\nThen calm."),
            Answer("Left unanswered?", "  "),
            Answer("What will you take into today?", "Patience."),
        ],
        session_id=early,
        created_at=MONDAY_9AM + timedelta(minutes=10),
    )
    later = practise(journal, week=1, day=2, seconds=600, completed=True)
    journal.entries.add(
        answers=[Answer("What did you notice?", "Easier today.")],
        session_id=later,
        created_at=MONDAY_9AM + timedelta(days=2, minutes=10),
    )
    journal.entries.add(
        answers=[Answer("What is on your mind?", "A free note.")],
        created_at=MONDAY_9AM + timedelta(days=1),
    )
    journal.entries.add(
        answers=[Answer("How did the week go?", "Week three.")],
        practice_name="Week review",
        week=3,
        created_at=MONDAY_9AM + timedelta(days=14),
    )

    count, text = export(journal)

    assert count == 4
    assert text == (
        "# My reflection log\n"
        "\n"
        "*Written on Friday 20 February 2026, 18:30.*\n"
        "\n"
        "## Week 1\n"
        "\n"
        "### Loving-kindness — Monday 5 January 2026, 09:10\n"
        "\n"
        "*Practised 3 min 05 s (stopped early)*\n"
        "\n"
        "**What did you notice?**\n"
        "\n"
        "Warmth, then restlessness.\n"
        "Then calm.\n"
        "\n"
        "**What will you take into today?**\n"
        "\n"
        "Patience.\n"
        "\n"
        "### Loving-kindness — Wednesday 7 January 2026, 09:10\n"
        "\n"
        "*Practised 10 min 00 s*\n"
        "\n"
        "**What did you notice?**\n"
        "\n"
        "Easier today.\n"
        "\n"
        "## Week 3\n"
        "\n"
        "### Week review — Monday 19 January 2026, 09:00\n"
        "\n"
        "**How did the week go?**\n"
        "\n"
        "Week three.\n"
        "\n"
        "## Not tied to a week\n"
        "\n"
        "### Reflection — Tuesday 6 January 2026, 09:00\n"
        "\n"
        "**What is on your mind?**\n"
        "\n"
        "A free note.\n"
    )


def test_dates_are_shown_in_the_offset_they_were_written_in(journal: Journal) -> None:
    tokyo = timezone(timedelta(hours=9))
    journal.entries.add(
        answers=[Answer("Q?", "far away")], created_at=datetime(2026, 3, 1, 7, 5, tzinfo=tokyo)
    )
    assert "### Reflection — Sunday 1 March 2026, 07:05\n" in export(journal)[1]


STRUCTURE_BREAKERS = [
    "# I am not a heading",
    "   ## nor am I",
    "```",
    "~~~python",
    "<!-- an unclosed comment",
    "<div>",
    "---",
    "===",
    "-",
]
KEPT_VERBATIM = [
    "- a list item",
    "> a quote",
    "1. a numbered line",
    "+ plus",
    "* star",
    "[bold]markup[/] stays",
    "    # four spaces: just text in a code block",
    "a # in the middle",
    "emoji 🌱",
]


def test_user_text_cannot_break_the_structure(journal: Journal) -> None:
    lines = ["Some text first", *STRUCTURE_BREAKERS, *KEPT_VERBATIM]
    journal.entries.add(answers=[Answer("Q?", "\n".join(lines))], created_at=MONDAY_9AM)
    _, text = export(journal)
    body = text.split("**Q?**\n\n", 1)[1].rstrip("\n").split("\n")
    assert body == [
        "Some text first",
        "\\# I am not a heading",
        "   \\## nor am I",
        "\\```",
        "\\~~~python",
        "\\<!-- an unclosed comment",
        "\\<div>",
        "\\---",
        "\\===",
        "\\-",
        *KEPT_VERBATIM,
    ]


def test_escaped_export_parses_to_our_headings_only(journal: Journal) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    evil = "\n".join(["intro", *STRUCTURE_BREAKERS, "after"])
    journal.entries.add(answers=[Answer("Q1?", evil), Answer("Q2?", "still here")], week=2)
    _, text = export(journal)
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "My reflection log",
        "Week 2",
        "Reflection — Friday 20 February 2026, 18:30",
    ]
    assert not any(t.type in {"fence", "html_block", "hr"} for t in tokens)
    assert "still here" in [t.content for t in tokens if t.type == "inline"]


def test_user_text_is_written_literally(journal: Journal) -> None:
    tricky = "\x1b[31mred\x1b[0m [bold]x[/] 🙏🏽 tab\there"
    journal.entries.add(answers=[Answer("Q?", tricky)])
    assert f"\n\n{tricky}\n" in export(journal)[1]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 s"),
        (45.4, "45 s"),
        (59.6, "1 min 00 s"),
        (185.2, "3 min 05 s"),
        (3725, "62 min 05 s"),
    ],
)
def test_duration_words(seconds: float, words: str) -> None:
    assert duration_words(seconds) == words


def test_an_answer_sheet_has_every_question_and_keeps_markdown_structure_safe() -> None:
    import io

    from practice_tui.journal import Answer, Entry
    from practice_tui.journal.sheet import write_answer_sheet

    entry = Entry(
        id="e1",
        session_id=None,
        kind="exercise",
        practice_id="feedback",
        practice_name="Feedback",
        week=6,
        created_at="2026-03-02T10:00:00+00:00",
        updated_at="2026-03-02T10:00:00+00:00",
        answers=(Answer("What helped?", "# The walking\n[bold]really[/]"), Answer("Else?", " ")),
        practised_seconds=None,
    )
    stream = io.StringIO()
    write_answer_sheet(entry, stream)
    text = stream.getvalue()
    assert text.startswith("# Feedback\n")
    assert "week 6" in text
    assert "## What helped?\n\n\\# The walking\n[bold]really[/]\n" in text
    assert "## Else?\n\n*(no answer)*\n" in text
