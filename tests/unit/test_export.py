"""Exporting the journal: one function, the Markdown writer, and what it escapes."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
        "&lt;!-- an unclosed comment",
        "&lt;div>",
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


# -- HTML in the person's words, anywhere in a line ---------------------------------------

HTML_SNIPPETS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- hides the rest",
    "<https://example.org>",
    "&lt;b&gt; and &#60;i&#62;",
]


def rendered(markdown: str) -> tuple[list[str], str]:
    """The HTML (and autolinks) a CommonMark viewer finds in ``markdown``, and its page."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark")
    tokens = parser.parse(markdown)
    found = [t.type for t in tokens if t.type.startswith("html")]
    found += [c.type for t in tokens for c in t.children or () if c.type.startswith("html")]
    found += [c.markup for t in tokens for c in t.children or () if c.markup == "autolink"]
    return found, parser.render(markdown)


@pytest.mark.parametrize("snippet", HTML_SNIPPETS)
def test_html_anywhere_in_the_person_s_words_is_shown_as_text(
    journal: Journal, tmp_path: Path, snippet: str
) -> None:
    import json
    import sqlite3

    words = f"mid-line {snippet} after"
    entry = journal.entries.add(
        answers=[Answer(f"Question {snippet}?", f"{snippet}\nan answer with {words}")],
        practice_id="p",
        practice_name=f"Practice {snippet}",
        week=1,
        actions=[f"Act on {words}"],
        created_at=MONDAY_9AM,
    )
    with sqlite3.connect(tmp_path / "journal.sqlite3") as db:
        db.execute("UPDATE entries SET tags = ? WHERE id = ?", (json.dumps([words]), entry.id))
    from practice_tui.journal.query import EntryQuery

    for query in (None, EntryQuery(practice_id="p", search="after")):
        stream = io.StringIO()
        write_export(journal, "md", stream, query)
        html_found, page = rendered(stream.getvalue())
        assert html_found == []
        # Every place shows the words as they were typed.
        visible = snippet.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert page.count(visible) >= (6 if query is None else 7), page


#: Pieces that HTML and Markdown are made of, so generated words often hold a tag.
HTML_PIECES = ["<", ">", "</", "a", "img", "b", " ", "=", "x", "&", "#60;", "lt;", "!--", "-->"]
HTML_PIECES += ["\n", "`", "    ", "# ", "https://e.org", "\\", "'", '"', "?", "![CDATA["]


@given(
    st.lists(st.sampled_from(HTML_PIECES) | st.text(max_size=3), max_size=30).map("".join),
    st.text(max_size=20),
)
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_words_make_html_in_a_markdown_export(
    journal: Journal, html_ish: str, any_text: str
) -> None:
    text = (html_ish + any_text).strip() or "<a>"
    journal.entries.add(answers=[Answer(text, text)], actions=[text])
    stream = io.StringIO()
    write_export(journal, "md", stream)
    html_found, _ = rendered(stream.getvalue())
    assert html_found == []
