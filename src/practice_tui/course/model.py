"""The programme as plain data: weeks, their agendas and home tasks, and the practices.

Nothing here knows about files or screens; the loader builds these from the script files and
the screens only read them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from practice_tui.session import PlannedStep

#: Calm reading pace: a base pause to notice new words, then time for each word.
READ_BASE_SECONDS = 4.0
READ_SECONDS_PER_WORD = 0.45


def reading_seconds(words: str) -> float:
    """How long a block of words needs on screen to be read slowly, before any silence."""
    return READ_BASE_SECONDS + READ_SECONDS_PER_WORD * len(words.split())


@dataclass(frozen=True)
class Step:
    """Words shown together, followed by a silence; ``weight`` is its share of the silence."""

    words: str
    weight: float = 1.0

    @property
    def reading_seconds(self) -> float:
        return reading_seconds(self.words)


@dataclass(frozen=True)
class Phase:
    title: str
    steps: tuple[Step, ...]


class LengthError(ValueError):
    """A length that the words of a practice cannot fit into."""


@dataclass(frozen=True)
class Practice:
    """A guided practice: phases of words and silences that fit any of its lengths."""

    id: str
    name: str
    week: int | None
    summary: str
    origin: str
    safety: str
    lengths: tuple[int, ...]
    phases: tuple[Phase, ...]
    questions: tuple[str, ...]
    source: str = ""

    @property
    def default_length(self) -> int:
        return self.lengths[0]

    @property
    def reading_seconds(self) -> float:
        return sum(step.reading_seconds for phase in self.phases for step in phase.steps)

    def fits(self, minutes: float) -> bool:
        return minutes * 60 >= self.reading_seconds

    def plan(self, minutes: float) -> list[PlannedStep]:
        """Time every step for a practice of ``minutes``.

        Each step keeps its reading time whatever the length; what is left is silence, shared
        out by weight. So a longer practice has longer silences, never more or faster words.
        """
        total = minutes * 60
        if minutes <= 0 or not self.fits(minutes):
            raise LengthError(
                f"{self.name} needs at least {self.minimum_minutes()} minutes for its words"
            )
        steps = [(i, phase, step) for i, phase in enumerate(self.phases) for step in phase.steps]
        silence = total - self.reading_seconds
        weights = sum(step.weight for _, _, step in steps)
        return [
            PlannedStep(
                phase_index=i,
                phase_title=phase.title,
                words=step.words,
                seconds=step.reading_seconds + silence * step.weight / weights,
            )
            for i, phase, step in steps
        ]

    def minimum_minutes(self) -> int:
        """The shortest whole number of minutes that fits the words."""
        return max(1, -int(-self.reading_seconds // 60))


class AgendaKind(enum.StrEnum):
    """What an agenda item is for the participant on their own."""

    GROUP = "group"  # happens in the session with others: context only
    PRACTICE = "practice"  # a guided practice to play
    EXERCISE = "exercise"  # a reflective exercise (written)
    HOME_TASKS = "home-tasks"  # the week's home tasks


@dataclass(frozen=True)
class AgendaItem:
    title: str
    kind: AgendaKind
    ref: str | None = None
    note: str = ""


@dataclass(frozen=True)
class HomeTask:
    id: str
    title: str
    description: str = ""
    practice: str | None = None


@dataclass(frozen=True)
class Week:
    number: int
    title: str
    theme: str
    intro: str
    elements: tuple[str, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    home_tasks: tuple[HomeTask, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Course:
    """Everything the app can offer, plus the problems found while reading it."""

    weeks: tuple[Week, ...]
    practices: dict[str, Practice] = field(default_factory=dict)

    def week(self, number: int) -> Week:
        for week in self.weeks:
            if week.number == number:
                return week
        raise KeyError(f"there is no week {number}")

    def practice(self, practice_id: str) -> Practice:
        try:
            return self.practices[practice_id]
        except KeyError:
            known = ", ".join(sorted(self.practices)) or "none"
            raise KeyError(f"no practice called {practice_id!r} (known: {known})") from None

    def practices_of_week(self, number: int) -> list[Practice]:
        """The week's practices, in the order its agenda plays them."""
        week = self.week(number)
        ids = [
            item.ref
            for item in week.agenda
            if item.kind is AgendaKind.PRACTICE and item.ref in self.practices
        ]
        return [self.practices[i] for i in ids if i is not None]
