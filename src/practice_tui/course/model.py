"""The programme as plain data: weeks, their agendas and home tasks, practices and exercises.

Nothing here knows about files or screens; the loader builds these from the script files and
the screens only read them. The records are named tuples, not frozen dataclasses: every
command that shows the course creates these classes, and a named tuple costs a tenth of the
time to create (start-up).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

#: Calm reading pace: a base pause to notice new words, then time for each word.
READ_BASE_SECONDS = 4.0
READ_SECONDS_PER_WORD = 0.45

#: The id of the one-minute practice offered as a way out of any other.
GROUNDING_ID = "grounding"
#: The programme's length in weeks.
WEEK_COUNT = 6


def reading_seconds(words: str) -> float:
    """How long a block of words needs on screen to be read slowly, before any silence."""
    return READ_BASE_SECONDS + READ_SECONDS_PER_WORD * len(words.split())


class PlannedStep(NamedTuple):
    """One block of words and the silence after it, timed for one chosen length."""

    phase_index: int
    phase_title: str
    words: str
    seconds: float
    bell: bool = False  # ring a soft cue as this step begins, even within a phase


class ScriptProblem(NamedTuple):
    """Something wrong in a script file, with the line where it could be found."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class ScriptError(Exception):
    """One or more problems in script files; ``str()`` lists them, one a line."""

    def __init__(self, problems: Iterable[ScriptProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Step(NamedTuple):
    """Words shown together, then a silence; ``weight`` is its share of the silence.

    ``bell`` rings a soft cue as the step begins, even within a phase, for when nobody is
    looking at the screen.
    """

    words: str
    weight: float = 1.0
    bell: bool = False

    @property
    def reading_seconds(self) -> float:
        return reading_seconds(self.words)


class Phase(NamedTuple):
    title: str
    steps: tuple[Step, ...]


class LengthError(ValueError):
    """A length that the words of a practice cannot fit into."""


class Mode(NamedTuple):
    """One way of doing a practice: its lengths, phases and questions.

    Most practices have one mode. Compassionate listening has two: a rehearsal before a
    conversation and a check-in after it.
    """

    id: str
    name: str
    summary: str
    lengths: tuple[int, ...]
    phases: tuple[Phase, ...]
    questions: tuple[str, ...]

    @property
    def default_length(self) -> int:
        return self.lengths[0]

    @property
    def reading_seconds(self) -> float:
        return sum(step.reading_seconds for phase in self.phases for step in phase.steps)

    def fits(self, minutes: float) -> bool:
        return minutes * 60 >= self.reading_seconds

    def minimum_minutes(self) -> int:
        """The shortest whole number of minutes that fits the words."""
        return max(1, -int(-self.reading_seconds // 60))

    def plan(self, minutes: float) -> list[PlannedStep]:
        """Time every step for a practice of ``minutes``.

        Each step keeps its reading time whatever the length; what is left is silence, shared
        out by weight. So a longer practice has longer silences, never more or faster words.
        """
        if minutes <= 0 or not self.fits(minutes):
            raise LengthError(
                f"{self.name} needs at least {self.minimum_minutes()} minutes for its words"
            )
        steps = [(i, phase, step) for i, phase in enumerate(self.phases) for step in phase.steps]
        silence = minutes * 60 - self.reading_seconds
        weights = sum(step.weight for _, _, step in steps)
        return [
            PlannedStep(
                phase_index=i,
                phase_title=phase.title,
                words=step.words,
                seconds=step.reading_seconds + silence * step.weight / weights,
                bell=step.bell,
            )
            for i, phase, step in steps
        ]


DEFAULT_MODE = "default"


class Practice(NamedTuple):
    """A guided practice: phases of words and silences that fit any of its lengths."""

    id: str
    name: str
    week: int | None
    summary: str
    origin: str
    safety: str
    modes: tuple[Mode, ...]
    source: str = ""
    own: bool = False  # written by the participant or a facilitator, not shipped

    @property
    def default_mode(self) -> Mode:
        return self.modes[0]

    @property
    def has_modes(self) -> bool:
        return len(self.modes) > 1

    def mode(self, mode_id: str | None = None) -> Mode:
        if mode_id is None:
            return self.default_mode
        for mode in self.modes:
            if mode.id == mode_id:
                return mode
        known = ", ".join(mode.id for mode in self.modes)
        raise KeyError(f"{self.name} has no mode {mode_id!r} (known: {known})")

    # The default mode's parts, for the many practices that have only one.
    @property
    def lengths(self) -> tuple[int, ...]:
        return self.default_mode.lengths

    @property
    def phases(self) -> tuple[Phase, ...]:
        return self.default_mode.phases

    @property
    def questions(self) -> tuple[str, ...]:
        return self.default_mode.questions

    @property
    def default_length(self) -> int:
        return self.default_mode.default_length

    @property
    def reading_seconds(self) -> float:
        return self.default_mode.reading_seconds

    def fits(self, minutes: float, mode_id: str | None = None) -> bool:
        return self.mode(mode_id).fits(minutes)

    def minimum_minutes(self, mode_id: str | None = None) -> int:
        return self.mode(mode_id).minimum_minutes()

    def plan(self, minutes: float, mode_id: str | None = None) -> list[PlannedStep]:
        return self.mode(mode_id).plan(minutes)


class Collects(enum.StrEnum):
    """What an exercise keeps besides its answers."""

    ANSWERS = "answers"
    ACTIONS = "actions"  # actions to tick off later (next steps)
    SHEET = "sheet"  # an answer sheet to export and hand on (feedback)


class Exercise(NamedTuple):
    """A reflective exercise: no timer, the writing is the practice."""

    id: str
    name: str
    week: int | None
    intro: str
    questions: tuple[str, ...]
    collects: Collects = Collects.ANSWERS
    source: str = ""


class AgendaKind(enum.StrEnum):
    """What an agenda item is for the participant on their own."""

    GROUP = "group"  # happens in the session with others: context only
    PRACTICE = "practice"  # a guided practice to play
    EXERCISE = "exercise"  # a reflective exercise (written)
    HOME_TASKS = "home-tasks"  # the week's home tasks


class AgendaItem(NamedTuple):
    title: str
    kind: AgendaKind
    ref: str | None = None
    note: str = ""


class HomeTask(NamedTuple):
    id: str
    title: str
    description: str = ""
    practice: str | None = None


class Week(NamedTuple):
    number: int
    title: str
    theme: str
    intro: str
    elements: tuple[str, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    home_tasks: tuple[HomeTask, ...] = ()
    source: str = ""


class Course(NamedTuple):
    """Everything the app can offer, plus problems found in the participant's own files."""

    weeks: tuple[Week, ...]
    practices: dict[str, Practice]
    exercises: dict[str, Exercise]
    problems: tuple[ScriptProblem, ...] = ()

    def week(self, number: int) -> Week:
        for week in self.weeks:
            if week.number == number:
                return week
        raise KeyError(f"there is no week {number}")

    def has_week(self, number: int | None) -> bool:
        return any(week.number == number for week in self.weeks)

    def practice(self, practice_id: str) -> Practice:
        try:
            return self.practices[practice_id]
        except KeyError:
            known = ", ".join(sorted(self.practices)) or "none"
            raise KeyError(f"no practice called {practice_id!r} (known: {known})") from None

    def exercise(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise KeyError(f"no exercise called {exercise_id!r}") from None

    def practices_of_week(self, number: int) -> list[Practice]:
        """The week's practices, in the order its agenda plays them."""
        ids = [
            item.ref
            for item in self.week(number).agenda
            if item.kind is AgendaKind.PRACTICE and item.ref in self.practices
        ]
        return [self.practices[i] for i in ids if i is not None]

    @property
    def own_practices(self) -> list[Practice]:
        return sorted((p for p in self.practices.values() if p.own), key=lambda p: p.name)

    @property
    def grounding(self) -> Practice | None:
        return self.practices.get(GROUNDING_ID)

    def with_own(self, practices: list[Practice], problems: list[ScriptProblem]) -> Course:
        """This course plus the participant's own practices (and what was wrong with others)."""
        merged = dict(self.practices)
        for practice in practices:
            merged[practice.id] = practice._replace(own=True)
        return self._replace(practices=merged, problems=(*self.problems, *problems))
