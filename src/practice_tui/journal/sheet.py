"""An answer sheet: one exercise's answers as a Markdown file to print or hand on.

The feedback exercise asks for this: the participant keeps the answers in the journal, and
can give the facilitator a clean copy without exporting anything else.
"""

from __future__ import annotations

from typing import TextIO

from practice_tui.journal.export import markdown_text
from practice_tui.journal.models import Entry
from practice_tui.journal.times import describe


def write_answer_sheet(entry: Entry, stream: TextIO) -> None:
    """Write ``entry`` as a sheet: its name, when it was written, each question and answer."""
    title = " ".join((entry.practice_name or "Answers").split())
    stream.write(f"# {markdown_text(title)}\n\n")
    stream.write(f"Written {describe(entry.created_at)}")
    if entry.week is not None:
        stream.write(f", week {entry.week} of the Compassionate Leadership programme")
    stream.write(".\n")
    for answer in entry.answers:
        question = " ".join(answer.question.split())
        stream.write(f"\n## {markdown_text(question)}\n\n")
        text = answer.answer.strip()
        stream.write(f"{markdown_text(text)}\n" if text else "*(no answer)*\n")
