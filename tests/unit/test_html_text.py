"""An HTML export read as its text (the Export screen's preview)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from practice_tui.journal import Answer, Journal
from practice_tui.journal.export import write_export
from practice_tui.journal.export_html import visible
from practice_tui.journal.html_text import html_as_text
from practice_tui.journal.literal_text import literal

NOW = datetime(2026, 1, 7, 9, 0, tzinfo=timezone(timedelta(hours=1)))


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_what_a_person_wrote_reads_as_they_wrote_it(words: str) -> None:
    page = f'<p class="question">Q?</p><p class="answer">{visible(words)}</p>'
    wanted = [line.rstrip(" \t") for line in literal(words.replace("\r\n", "\n")).split("\n")]
    lines = html_as_text(page).split("\n")
    assert lines[0] == "Q?"
    # Every line as written, in order (a page shows no trailing spaces or runs of blanks).
    assert [line for line in lines[1:] if line.strip()] == [w for w in wanted if w.strip()]


def test_a_whole_page_reads_as_its_words_without_styles(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3", now=lambda: NOW) as journal:
        journal.entries.add(answers=[Answer("What did you notice?", "<b>Warmth</b> & rain")])
        stream = io.StringIO()
        write_export(journal, "html", stream)
    text = html_as_text(stream.getvalue())
    assert text.startswith("My reflection log")
    assert "What did you notice?" in text and "<b>Warmth</b> & rain" in text
    assert "font-family" not in text and "<p" not in text
