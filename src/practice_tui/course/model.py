"""The programme as plain data: weeks, their agendas and home tasks, practices and exercises.

Nothing here knows about files or screens; the loader builds these from the script files and
the screens only read them. The records are named tuples, not frozen dataclasses: every
command that shows the course creates these classes, and a named tuple costs a tenth of the
time to create (start-up).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from pathlib import Path

from practice_tui.anchors import ANCHORS, DEFAULT_ANCHOR, Anchor
from practice_tui.course.framing import (
    CLOSING_WEIGHT,
    CLOSING_WORDS,
    OPENING_WEIGHT,
    opening_words,
)
from practice_tui.course.planning import Share, needed, share_out
from practice_tui.course.speaking import CUE_RING_SECONDS, START_RING_SECONDS, voice_seconds
from practice_tui.records import Record

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


class PlannedStep(Record):
    """One block of words and the silence after it, timed for one chosen length."""

    phase_index: int
    phase_title: str
    words: str
    seconds: float
    bell: bool = False  # ring a soft cue as this step begins, even within a phase
    #: With a voice: the seconds its words take to speak (None: no room was made for a voice),
    #: and how long its bell rings out before the voice may begin.
    spoken: float | None = None
    lead_in: float = 0.0


class ScriptProblem(Record):
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


class Step(Record):
    """Words shown together, then a silence; ``weight`` is its share of the silence.

    ``bell`` rings a soft cue as the step begins, even within a phase, for when nobody is
    looking at the screen. A step that anchors attention has ``anchors``: one sentence for
    each anchor, in the order of :data:`ANCHORS`, said after its words (the chosen one only).
    """

    words: str
    weight: float = 1.0
    bell: bool = False
    anchors: tuple[str, ...] = ()

    def words_for(self, anchor: Anchor) -> str:
        """What this step says to someone whose anchor is ``anchor``."""
        if not self.anchors:
            return self.words
        sentence = self.anchors[ANCHORS.index(anchor)]
        return f"{self.words} {sentence}" if self.words else sentence

    @property
    def reading_seconds(self) -> float:
        """The longest of its versions (one for each anchor, if it anchors)."""
        if not self.anchors:
            return reading_seconds(self.words)
        return max(reading_seconds(self.words_for(anchor)) for anchor in ANCHORS)


class Phase(Record):
    title: str
    steps: tuple[Step, ...]


class LengthError(ValueError):
    """A length that the words of a practice cannot fit into."""


#: Seconds the given words take to speak (a rendered recording's length, or an estimate).
Spoken = Callable[[str], float]


class Mode(Record):
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
        """Seconds to read the practice's own words slowly (without the opening and closing)."""
        return sum(step.reading_seconds for phase in self.phases for step in phase.steps)

    def fits(
        self,
        minutes: float,
        spoken: Spoken | None = None,
        *,
        start_seconds: float = START_RING_SECONDS,
        cue_seconds: float = CUE_RING_SECONDS,
        anchor: Anchor | None = DEFAULT_ANCHOR,
    ) -> bool:
        """Whether ``minutes`` holds the words (spoken, if given, after the bells ring out, as
        for :meth:`plan`) for ``anchor`` (None: for every anchor, whichever is chosen)."""
        needs = self.needed_seconds(
            spoken, start_seconds=start_seconds, cue_seconds=cue_seconds, anchor=anchor
        )
        return minutes * 60 >= needs

    def minimum_minutes(
        self,
        spoken: Spoken | None = None,
        *,
        start_seconds: float = START_RING_SECONDS,
        cue_seconds: float = CUE_RING_SECONDS,
        anchor: Anchor | None = DEFAULT_ANCHOR,
    ) -> int:
        """The shortest whole number of minutes that fits the words (spoken, if given)."""
        needs = self.needed_seconds(
            spoken, start_seconds=start_seconds, cue_seconds=cue_seconds, anchor=anchor
        )
        return max(1, -int(-needs // 60))

    def needed_seconds(
        self,
        spoken: Spoken | None = None,
        *,
        start_seconds: float = START_RING_SECONDS,
        cue_seconds: float = CUE_RING_SECONDS,
        anchor: Anchor | None = DEFAULT_ANCHOR,
    ) -> float:
        """The least the whole practice can last: every step's words read slowly (or, given
        ``spoken``, heard in full after its bell), with the opening and closing steps; for
        ``anchor``, or (None) for the anchor whose words take longest."""
        longest = 0.0
        for each in ANCHORS if anchor is None else (anchor,):
            framed = self._framed(
                spoken, start_seconds=start_seconds, cue_seconds=cue_seconds, anchor=each
            )
            longest = max(longest, needed([share for _, share in framed]))
        return longest

    def spoken_words(self, anchor: Anchor = DEFAULT_ANCHOR) -> list[str]:
        """Every text a voice will say in this practice for ``anchor``, in order (the opening
        and closing included): what to render before it begins."""
        return [step.words for step, _ in self._framed(lambda words: 0.0, anchor=anchor)]

    def plan(
        self,
        minutes: float,
        spoken: Spoken | None = None,
        *,
        cue_every_step: bool = True,
        start_seconds: float = START_RING_SECONDS,
        cue_seconds: float = CUE_RING_SECONDS,
        anchor: Anchor = DEFAULT_ANCHOR,
    ) -> list[PlannedStep]:
        """Time every step for a practice of ``minutes``, opening and closing words included,
        in the words for the participant's ``anchor``.

        Each step keeps its reading time whatever the length; what is left is silence, shared
        out by weight. So a longer practice has longer silences, never more or faster words.
        With a voice (``spoken(words)`` gives the seconds words take to speak), a step also
        lasts long enough for its bell (``start_seconds`` for the start bell, ``cue_seconds``
        for a cue) to ring out, its words to be spoken and a breath: the silences make room.
        """
        framed = self._framed(
            spoken,
            cue_every_step=cue_every_step,
            start_seconds=start_seconds,
            cue_seconds=cue_seconds,
            anchor=anchor,
        )
        seconds = share_out(minutes * 60, [share for _, share in framed]) if minutes > 0 else None
        if seconds is None:
            least = self.minimum_minutes(
                spoken, start_seconds=start_seconds, cue_seconds=cue_seconds, anchor=anchor
            )
            way = "" if spoken is None else " spoken"
            raise LengthError(f"{self.name} needs at least {least} minutes for its{way} words")
        return [
            step._replace(seconds=time) for (step, _), time in zip(framed, seconds, strict=True)
        ]

    def _framed(
        self,
        spoken: Spoken | None,
        *,
        cue_every_step: bool = True,
        start_seconds: float = START_RING_SECONDS,
        cue_seconds: float = CUE_RING_SECONDS,
        anchor: Anchor = DEFAULT_ANCHOR,
    ) -> list[tuple[PlannedStep, Share]]:
        """The steps to play, each with its part in sharing the length (seconds still 0): the
        opening words (with a short pause), the practice's own (its first with a cue:
        the practice begins), then the closing words and their quiet."""
        first, last = self.phases[0], self.phases[-1]
        opening = opening_words(
            voice=spoken is not None, cue_every_step=cue_every_step, anchor=anchor
        )
        texts = [(0, first.title, opening, OPENING_WEIGHT, False)]
        for index, phase in enumerate(self.phases):
            for step in phase.steps:
                bell = step.bell or len(texts) == 1
                texts.append((index, phase.title, step.words_for(anchor), step.weight, bell))
        texts.append((len(self.phases) - 1, last.title, CLOSING_WORDS, CLOSING_WEIGHT, True))
        framed: list[tuple[PlannedStep, Share]] = []
        for number, (index, title, words, weight, bell) in enumerate(texts):
            lead_in = start_seconds if number == 0 else cue_seconds
            speaking = None if spoken is None else spoken(words)
            reading = reading_seconds(words)
            floor = reading if speaking is None else voice_seconds(speaking, lead_in)
            step = PlannedStep(index, title, words, 0.0, bell, speaking, lead_in)
            framed.append((step, Share(floor, reading, weight)))
        return framed


DEFAULT_MODE = "default"


class PromptCard(Record):
    """A few short prompts to keep in view away from the screen (during a conversation, say);
    shown with the practice and printed on the week's card."""

    title: str
    prompts: tuple[str, ...]


class Practice(Record):
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
    #: It turns towards something hard: it says at its start where support is.
    turns_towards_difficulty: bool = False
    card: PromptCard | None = None

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

    def fits(
        self, minutes: float, mode_id: str | None = None, spoken: Spoken | None = None
    ) -> bool:
        """Whether ``minutes`` holds the words, whichever anchor is chosen."""
        return self.mode(mode_id).fits(minutes, spoken, anchor=None)

    def minimum_minutes(self, mode_id: str | None = None, spoken: Spoken | None = None) -> int:
        return self.mode(mode_id).minimum_minutes(spoken, anchor=None)

    def plan(
        self,
        minutes: float,
        mode_id: str | None = None,
        spoken: Spoken | None = None,
        *,
        anchor: Anchor = DEFAULT_ANCHOR,
    ) -> list[PlannedStep]:
        return self.mode(mode_id).plan(minutes, spoken, anchor=anchor)


class Collects(enum.StrEnum):
    """What an exercise keeps besides its answers."""

    ANSWERS = "answers"
    ACTIONS = "actions"  # actions to tick off later (next steps)
    SHEET = "sheet"  # an answer sheet to export and hand on (feedback)


class Exercise(Record):
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


class AgendaItem(Record):
    title: str
    kind: AgendaKind
    ref: str | None = None
    note: str = ""


class HomeTask(Record):
    id: str
    title: str
    description: str = ""
    practice: str | None = None


class Week(Record):
    number: int
    title: str
    theme: str
    intro: str
    elements: tuple[str, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    home_tasks: tuple[HomeTask, ...] = ()
    source: str = ""


class Course(Record):
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
