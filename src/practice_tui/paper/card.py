"""A week on one page: its theme, agenda, each practice's steps, the home tasks with a box for
each day, and where support is. The card is data here; ``render`` writes it out."""

from __future__ import annotations

from practice_tui.anchors import Anchor
from practice_tui.course import AgendaItem, AgendaKind, Collects, Course, Practice, PromptCard
from practice_tui.course.pages import SUPPORT_KEY, SUPPORT_NOTE, support_text
from practice_tui.paper.plan import TimedStep, timed_steps
from practice_tui.records import Record

#: What an agenda item that opens nothing is, for someone on their own.
KIND_LABELS = {
    AgendaKind.GROUP: "in the group session",
    AgendaKind.PRACTICE: "guided practice",
    AgendaKind.EXERCISE: "reflective exercise",
    AgendaKind.HOME_TASKS: "between sessions: see the home tasks below",
}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class CardPractice(Record):
    """A practice as the card prints it: its first way at its first length."""

    name: str
    minutes: int
    way: str
    other_ways: tuple[str, ...]
    steps: tuple[TimedStep, ...]
    support_note: str
    card: PromptCard | None


class CardItem(Record):
    title: str
    label: str
    note: str


class CardTask(Record):
    title: str
    description: str


class WeekCard(Record):
    number: int
    title: str
    theme: str
    agenda: tuple[CardItem, ...]
    practices: tuple[CardPractice, ...]
    home_tasks: tuple[CardTask, ...]
    #: Where support is: the support page's lines (Markdown, shipped words), then the key.
    support: tuple[str, ...]


def agenda_label(course: Course, item: AgendaItem) -> str:
    """What an agenda item is: a practice with its lengths, an exercise, or the group's."""
    if item.kind is AgendaKind.PRACTICE and item.ref in course.practices:
        practice = course.practice(item.ref)
        every = sorted({n for mode in practice.modes for n in mode.lengths})
        lengths = " or ".join(map(str, every))
        ways = f" · {len(practice.modes)} ways" if practice.has_modes else ""
        return f"guided practice · {lengths} min{ways}"
    if item.kind is AgendaKind.EXERCISE and item.ref in course.exercises:
        exercise = course.exercise(item.ref)
        extra = {
            Collects.ACTIONS: " · with actions to tick off later",
            Collects.SHEET: " · makes an answer sheet you can save",
        }.get(exercise.collects, "")
        return f"reflective exercise · writing{extra}"
    return KIND_LABELS[item.kind]


def _card_practice(practice: Practice, anchor: Anchor | None) -> CardPractice:
    mode = practice.default_mode
    return CardPractice(
        name=practice.name,
        minutes=mode.default_length,
        way=mode.name if practice.has_modes else "",
        other_ways=tuple(m.name for m in practice.modes[1:]),
        steps=tuple(timed_steps(mode, mode.default_length, anchor)),
        support_note=SUPPORT_NOTE if practice.turns_towards_difficulty else "",
        card=practice.card,
    )


def support_lines() -> tuple[str, ...]:
    """Each place to turn, one line each, from the support page (its bulleted lines)."""
    lines: list[str] = []
    for line in support_text().splitlines():
        if line.startswith("- "):
            lines.append(line[2:].strip())
        elif line.startswith("  ") and lines:
            lines[-1] += " " + line.strip()
    lines.append(f"In the app, press {SUPPORT_KEY} from any screen for all of this.")
    return tuple(lines)


def week_card(course: Course, number: int, anchor: Anchor | None = None) -> WeekCard:
    """Week ``number`` on one page; KeyError if there is no such week."""
    week = course.week(number)
    return WeekCard(
        number=week.number,
        title=week.title,
        theme=week.theme,
        agenda=tuple(
            CardItem(item.title, agenda_label(course, item), item.note) for item in week.agenda
        ),
        practices=tuple(_card_practice(p, anchor) for p in course.practices_of_week(number)),
        home_tasks=tuple(CardTask(t.title, t.description) for t in week.home_tasks),
        support=support_lines(),
    )
