"""Exports of the journal: one function, one writer per format.

A writer takes the journal and a text stream and returns how many entries it wrote. The
person's words are written literally; only what would break the document's structure is
escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TextIO

from practice_tui.journal.models import Action, Entry, PracticeSession
from practice_tui.journal.store import Journal
from practice_tui.journal.times import describe

Writer = Callable[[Journal, TextIO], int]

NO_WEEK_TITLE = "Not tied to a week"
OTHER_ACTIONS_TITLE = "Actions not tied to an entry"
_UNTITLED = {"reflection": "Reflection", "exercise": "Exercise"}


def write_export(journal: Journal, fmt: str, stream: TextIO) -> int:
    """Write the whole journal to ``stream`` as ``fmt``; returns the number of entries."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(
            f"unknown export format {fmt!r}; supported formats: {', '.join(SUPPORTED_FORMATS)}"
        )
    return writer(journal, stream)


# -- Markdown ----------------------------------------------------------------------------

# A line that Markdown would read as structure rather than text: an ATX heading, a code
# fence or HTML block (both can swallow the rest of the file), or a setext underline (which
# turns the line above into a heading). Up to three spaces of indent still count.
_MD_STRUCTURE = re.compile(r"^( {0,3})(?=#|```|~~~|<|=+[ \t]*$|-+[ \t]*$)")


def _md_line(line: str) -> str:
    """One line of the person's text, with a backslash before structure-making characters."""
    return _MD_STRUCTURE.sub(r"\1\\", line, count=1)


def markdown_text(text: str) -> str:
    """The person's text for a Markdown document: literal, but unable to add structure."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(_md_line(line) for line in lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def duration_words(seconds: float) -> str:
    """``185.2`` -> ``3 min 05 s``; under a minute, ``45 s``."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _md_actions(actions: Iterable[Action]) -> str:
    """Actions as a task list, ticked when done: GitHub and most editors show checkboxes."""
    return "\n".join(f"- [{'x' if a.done else ' '}] {_one_line(a.text)}" for a in actions)


def _md_entry(
    entry: Entry, session: PracticeSession | None, actions: list[Action]
) -> Iterable[str]:
    """One reflection or exercise: its heading, the practice time if any, answers, actions."""
    name = _one_line(entry.practice_name or "") or _UNTITLED.get(entry.kind, "Reflection")
    yield f"### {_md_line(name)} — {describe(entry.created_at)}"
    if session is not None:
        note = "" if session.completed else " (stopped early)"
        yield f"*Practised {duration_words(session.practised_seconds)}{note}*"
    for item in entry.answers:
        if item.is_blank:
            continue
        question = _one_line(item.question)
        if question:
            yield f"**{question}**"
        yield markdown_text(item.answer.strip("\n"))
    if actions:
        yield "**Actions**"
        yield _md_actions(actions)


def _write_markdown(journal: Journal, stream: TextIO) -> int:
    by_week = journal.entries_by_week()  # weeks 6..1 then no week; newest first inside
    numbered = [group for group in by_week if group[0] is not None]
    loose = [group for group in by_week if group[0] is None]
    sessions = {s.id: s for s in journal.sessions()} if by_week else {}
    actions: dict[str | None, list[Action]] = {}
    for action in journal.actions():  # still to do first, then done
        actions.setdefault(action.entry_id, []).append(action)

    blocks = ["# My reflection log", f"*Written on {describe(journal.now())}.*"]
    if not by_week:
        blocks.append("No reflections yet.")
    count = 0
    # Weeks in course order, each read oldest first: a log.
    for week, entries in [*reversed(numbered), *loose]:
        blocks.append(f"## Week {week}" if week is not None else f"## {NO_WEEK_TITLE}")
        for entry in reversed(entries):
            session = sessions.get(entry.session_id) if entry.session_id else None
            blocks.extend(_md_entry(entry, session, actions.pop(entry.id, [])))
            count += 1
    others = [action for group in actions.values() for action in group]
    if others:  # none today: every action is set in an entry; kept so none is ever lost
        blocks += [f"## {OTHER_ACTIONS_TITLE}", _md_actions(others)]
    stream.write("\n\n".join(blocks) + "\n")
    return count


_WRITERS: dict[str, Writer] = {
    "md": _write_markdown,
}

#: Formats :func:`write_export` understands, for the CLI's ``--format`` choices.
SUPPORTED_FORMATS: tuple[str, ...] = tuple(_WRITERS)
