"""Journals written before the app opens, at fixed moments, for the Journal screen's tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from practice_tui.journal import Answer, Entry, Journal

#: Text that looks like markup, escapes and scripts of every direction: it must show as typed.
TRICKY_TEXT = (
    "I wrote [bold]not bold[/] and [/] and [link=https://x]not a link[/link] and "
    "[red]plain[/red].\n"
    "An escape \x1b[31mnot red\x1b[0m and a bell \x07 stay visible.\n"
    "Emoji 🙂🌿💙🙏 and a family 👩\u200d👩\u200d👧 sit here.\n"
    "Wide: 思いやりのあるリーダーシップ 同情 연민\n"
    "Arabic: الرحمة في القيادة — Hebrew: חמלה במנהיגות\n"
    "$accent and {braces} and :smile: and \\[escaped]."
)


@dataclass(frozen=True)
class Written:
    """One entry to write: words, which practice, which week, when."""

    words: str
    name: str = "Breathing Space"
    practice_id: str = "breathing-space"
    week: int | None = 1
    at: datetime = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    practised_seconds: float | None = None
    question: str = "What did you notice?"


def journal_at(folder: Path) -> Journal:
    return Journal.open(
        folder / "journal.sqlite3", now=lambda: datetime(2026, 1, 20, 12, 0, tzinfo=UTC)
    )


def write(folder: Path, entries: Iterable[Written]) -> list[Entry]:
    """Write ``entries`` into the journal the app will open, as earlier days would have."""
    saved = []
    with journal_at(folder) as journal:
        for item in entries:
            session_id = None
            if item.practised_seconds is not None:
                session = journal.sessions.record(
                    practice_id=item.practice_id,
                    practice_name=item.name,
                    week=item.week,
                    started_at=item.at - timedelta(seconds=item.practised_seconds),
                    ended_at=item.at,
                    planned_seconds=int(item.practised_seconds),
                    practised_seconds=item.practised_seconds,
                    completed=True,
                )
                session_id = session.id
            saved.append(
                journal.entries.add(
                    answers=[Answer(item.question, item.words)],
                    session_id=session_id,
                    practice_id=item.practice_id,
                    practice_name=item.name,
                    week=item.week,
                    created_at=item.at,
                )
            )
    return saved


def a_few_weeks(folder: Path) -> list[Entry]:
    """Four entries: two in week 1, one in week 2, one imported and tied to no week."""
    return write(
        folder,
        [
            Written("My shoulders were tense at first, then softer.", practised_seconds=180),
            Written(
                "Kindness to a colleague on a busy ward.",
                name="Kindness to self and others",
                practice_id="kindness",
                week=2,
                at=datetime(2026, 1, 12, 20, 30, tzinfo=UTC),
                practised_seconds=600,
            ),
            Written(
                "Tension in the jaw; breathing helped.",
                at=datetime(2026, 1, 6, 7, 15, tzinfo=UTC),
            ),
            Written(
                "An old note from another app, about tension at handover.",
                name="Imported note",
                practice_id="jrnl",
                week=None,
                at=datetime(2025, 11, 2, 18, 0, tzinfo=UTC),
            ),
        ],
    )


def for_the_tour(folder: Path) -> list[Entry]:
    """A journal with something on every screen: :func:`a_few_weeks`, an exercise that set
    next steps, a feedback sheet (the last entry), and the first entry edited once (so it
    has an earlier version)."""
    entries = a_few_weeks(folder)
    exercises = [
        ("next-steps", "Next steps – actions", 14, "What will you do first?", "Ask my team."),
        ("feedback", "Feedback", 15, "What helped most?", "The short practices at work."),
    ]
    next_steps = ["Ask my team one open question", "Book a walk at lunch"]
    with journal_at(folder) as journal:
        for exercise_id, name, day, question, words in exercises:
            entries.append(
                journal.entries.add(
                    answers=[Answer(question, words)],
                    practice_id=exercise_id,
                    practice_name=name,
                    week=6,
                    kind="exercise",
                    created_at=datetime(2026, 1, day, 17, 0, tzinfo=UTC),
                    actions=next_steps if exercise_id == "next-steps" else (),
                )
            )
        first = entries[0]
        edited = f"{first.answers[0].answer} Later: warmer hands."
        entries[0] = journal.entries.update(first.id, [Answer("What did you notice?", edited)])
    return entries
