"""An answer of 50 MB costs the journal one copy of itself, not millions of words: the list
shows its opening words from its beginning alone (or its snippet from around its first
match), and a page holding it is put in order without SQLite sorting copies of it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.journal import Answer, Entry, Journal
from practice_tui.journal.search import (
    LONG_TEXT,
    SearchTerms,
    match_spans,
    parse_search,
    snippet,
)

ELLIPSIS = "…"


def an_entry(*answers: str) -> Entry:
    return Entry(
        id="x",
        session_id=None,
        kind="reflection",
        practice_id=None,
        practice_name=None,
        week=None,
        created_at="2026-01-05T09:00:00+01:00",
        updated_at="2026-01-05T09:00:00+01:00",
        answers=tuple(Answer("Q?", answer) for answer in answers),
        practised_seconds=None,
    )


def opening_as_before(entry: Entry, n_chars: int) -> str:
    """The opening words as worked out before: the whole answer split into words."""
    words = next((" ".join(a.answer.split()) for a in entry.answers if a.answer.strip()), "")
    if len(words) <= n_chars:
        return words
    cut = words[: n_chars - 1]
    space = cut.rfind(" ")
    if space >= n_chars // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


_TEXT = st.text(st.sampled_from("ab\u00e9🙂 \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\u200b"))


@given(answers=st.lists(_TEXT, min_size=1, max_size=3), n_chars=st.integers(1, 40))
def test_opening_words_are_as_before_for_any_text(answers: list[str], n_chars: int) -> None:
    entry = an_entry(*answers)
    assert entry.opening_words(n_chars) == opening_as_before(entry, n_chars)
    assert [a.is_blank for a in entry.answers] == [not a.answer.strip() for a in entry.answers]


def test_a_page_keeps_its_order_and_reads_a_long_answer_once(tmp_path: Path) -> None:
    """Measured in a process of its own: sorting whole rows in SQL copied a 50 MB answer into
    the sorter (a page took 270 MB for it; now about 120 MB, one copy in SQLite and one in
    Python)."""
    folder = tmp_path / "journal"
    script = textwrap.dedent(
        """
        import re, sys
        from pathlib import Path
        from practice_tui.journal import Journal

        def peak_mb():  # this program's own high-water mark (ru_maxrss keeps the parent's)
            status = Path("/proc/self/status").read_text()
            return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024

        with Journal.open(Path(sys.argv[1]) / "journal.sqlite3") as journal:
            before = peak_mb()
            page = journal.entries.page(limit=50)
            openings = "|".join(entry.opening_words(20) for entry in page)
            print(peak_mb() - before, openings)
        """
    )
    size = 20 * 1024 * 1024
    with Journal.open(folder / "journal.sqlite3") as journal:
        for words in ("Short and first.", "word " * (size // 5), "Short and last."):
            journal.entries.add(answers=[Answer("Q?", words)], practice_name="P")
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True
    )
    grown_mb, openings = done.stdout.strip().split(" ", 1)
    assert openings == "Short and last.|word word word…|Short and first."  # newest first
    # About two copies (one in SQLite, one in Python), where the sorter made five and the
    # opening words split it into millions of words.
    assert int(grown_mb) < 3.5 * size / (1024 * 1024), done.stdout


def snippet_as_before(text: str, terms: SearchTerms, width: int) -> str:
    """The snippet as worked out before: the whole text made into one line first."""
    line = " ".join(text.split())
    spans = match_spans(line, terms)
    start = 0
    if spans and spans[0][0] >= width // 3:
        start = line.rfind(" ", 0, spans[0][0] - width // 4) + 1
    prefix = "…" if start > 0 else ""
    return f"{prefix}{line[start : start + width]}{'…' if start + width < len(line) else ''}"


@settings(max_examples=30, deadline=None)
@given(
    words=st.lists(st.sampled_from(["calm", "a", "breath", "warmth", "I", "noticed"]), min_size=1),
    where=st.floats(0, 1),
    width=st.integers(20, 160),
)
def test_a_snippet_of_a_long_answer_is_the_one_of_old(
    words: list[str], where: float, width: int
) -> None:
    filler = (" ".join(words) + " ") * (LONG_TEXT // (len(" ".join(words)) + 1) + 1)
    at = filler.find(" ", int(where * len(filler))) + 1
    text = f"{filler[:at]}kindness {filler[at:]}".strip()
    terms = parse_search("kind")
    assert len(text) > LONG_TEXT
    assert snippet(text, terms, width) == snippet_as_before(text, terms, width)


def test_a_snippet_of_a_long_answer_never_splits_all_of_it() -> None:
    text = "Today I noticed kindness. " + "word " * 400_000  # 2 MB
    tracemalloc.start()
    try:
        found = snippet(text, parse_search("kind"), 120)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.startswith("Today I noticed kindness. word") and found.endswith("…")
    assert peak < 1024 * 1024  # making it one line first took over 20 MB
