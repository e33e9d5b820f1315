"""Reading one script file (a week, a practice or an exercise, written in TOML) and checking it.

Every problem becomes a :class:`ScriptProblem` naming the file, the line where it can be
found, and what is wrong, in words a facilitator editing a file can act on. A broken file is
reported, never half-read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from practice_tui.anchors import ANCHORS
from practice_tui.course.locate import KeyPath, Locator
from practice_tui.course.model import (
    DEFAULT_MODE,
    WEEK_COUNT,
    AgendaItem,
    AgendaKind,
    Collects,
    Exercise,
    HomeTask,
    Mode,
    Phase,
    Practice,
    PromptCard,
    ScriptError,
    ScriptProblem,
    Step,
    Week,
)
from practice_tui.course.speaking import (
    CUE_RING_SECONDS,
    estimated_spoken_seconds,
    voice_seconds,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class _Reader:
    """Checks one parsed file, collecting every problem rather than stopping at the first."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.locator = Locator(text)
        self.problems: list[ScriptProblem] = []

    def problem(self, where: KeyPath, message: str) -> None:
        self.problems.append(ScriptProblem(self.path, self.locator.line_of(where), message))

    def check_keys(self, table: dict[str, Any], where: KeyPath, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.problem((*where, key), f"unknown key {key!r} (expected one of: {hint})")

    def text(
        self, table: dict[str, Any], where: KeyPath, key: str, *, required: bool = True
    ) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, f"missing {key!r}")
            return ""
        if not isinstance(value, str):
            self.problem((*where, key), f"{key!r} should be text in quotes")
            return ""
        if required and not value.strip():
            self.problem((*where, key), f"{key!r} is empty")
        return value.strip()

    def number(
        self, table: dict[str, Any], where: KeyPath, key: str, *, required: bool = True
    ) -> float | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, f"missing {key!r}")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem((*where, key), f"{key!r} should be a number")
            return None
        if value <= 0:
            self.problem((*where, key), f"{key!r} should be more than zero, not {value}")
            return None
        return float(value)

    def week_number(self, table: dict[str, Any], where: KeyPath, key: str) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= WEEK_COUNT:
            self.problem((*where, key), f"{key!r} should be a week from 1 to {WEEK_COUNT}")
            return None
        return value

    def texts(self, table: dict[str, Any], where: KeyPath, key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem((*where, key), f"{key!r} should be a list of texts")
            return ()
        for index, item in enumerate(value):
            if not item.strip():
                self.problem((*where, key), f"{key!r} item {index + 1} is empty")
        return tuple(v.strip() for v in value if v.strip())

    def tables(self, table: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem((key,), f"{key!r} should be written as [[{key}]] tables")
            return []
        return value

    def slug(self, table: dict[str, Any], where: KeyPath, key: str) -> str:
        value = self.text(table, where, key)
        if value and not SLUG.match(value):
            self.problem(
                (*where, key),
                f"{key!r} should be lower-case words joined by hyphens, like 'breathing-space'",
            )
        return value


def _parse(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ScriptError(
            [ScriptProblem(path, None, f"is not UTF-8 text ({error.reason})")]
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ScriptError([ScriptProblem(path, None, f"cannot be read: {reason}")]) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        if found:
            line = int(found.group(1))
            message = message[: found.start()].strip()
        elif "(at end of document)" in message:
            message = message.replace("(at end of document)", "").strip()
        raise ScriptError(
            [ScriptProblem(path, line, f"is not valid TOML: {message[:1].lower()}{message[1:]}")]
        ) from None


MODE_KEYS = ("id", "name", "summary", "lengths", "questions", "phases")
PRACTICE_KEYS = (
    "kind",
    "id",
    "name",
    "week",
    "summary",
    "origin",
    "safety",
    "turns_towards_difficulty",
    "card",
    "modes",
    *MODE_KEYS,
)
SINGLE_MODE_KEYS = ("lengths", "questions", "phases")
Script = Week | Practice | Exercise


def _read_lengths(reader: _Reader, table: dict[str, Any], where: KeyPath) -> tuple[int, ...]:
    raw = table.get("lengths")
    if raw is None:
        reader.problem(where, "missing 'lengths' (minutes, for example lengths = [3, 6])")
        return ()
    if not isinstance(raw, list) or not raw:
        reader.problem(
            (*where, "lengths"), "'lengths' should be a list of whole minutes, like [3, 6]"
        )
        return ()
    lengths: list[int] = []
    for value in raw:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            reader.problem(
                (*where, "lengths"),
                f"each length should be a whole number of minutes, not {value!r}",
            )
        else:
            lengths.append(value)
    if len(set(lengths)) != len(lengths):
        reader.problem((*where, "lengths"), "'lengths' lists the same length twice")
    return tuple(lengths)


def _read_questions(reader: _Reader, table: dict[str, Any], where: KeyPath) -> tuple[str, ...]:
    if "questions" not in table:
        reader.problem(where, "missing 'questions'")
        return ()
    questions = reader.texts(table, where, "questions")
    if not questions:
        reader.problem((*where, "questions"), "at least one question is needed")
    return questions


def _read_phases(reader: _Reader, table: dict[str, Any], where: KeyPath) -> tuple[Phase, ...]:
    raw_phases = table.get("phases")
    header = ".".join(str(k) for k in where if isinstance(k, str))
    header = f"{header}.phases" if header else "phases"
    if raw_phases is None:
        reader.problem(where, f"missing [[{header}]]: a practice needs at least one phase")
        return ()
    if not isinstance(raw_phases, list) or not all(isinstance(v, dict) for v in raw_phases):
        reader.problem((*where, "phases"), f"'phases' should be written as [[{header}]] tables")
        return ()
    phases: list[Phase] = []
    for p_index, raw_phase in enumerate(raw_phases):
        phase_where: KeyPath = (*where, "phases", p_index)
        reader.check_keys(raw_phase, phase_where, ("title", "steps"))
        title = reader.text(raw_phase, phase_where, "title")
        raw_steps = raw_phase.get("steps")
        if not isinstance(raw_steps, list) or not raw_steps:
            reader.problem(phase_where, f"phase {p_index + 1} has no [[{header}.steps]] with words")
            raw_steps = []
        steps: list[Step] = []
        for s_index, raw_step in enumerate(raw_steps):
            step_where: KeyPath = (*phase_where, "steps", s_index)
            if not isinstance(raw_step, dict):
                reader.problem(step_where, f"each step should be a [[{header}.steps]] table")
                continue
            reader.check_keys(raw_step, step_where, ("words", "weight", "bell", "anchor"))
            anchors = _read_anchors(reader, raw_step, step_where)
            words = reader.text(raw_step, step_where, "words", required=not anchors)
            weight = reader.number(raw_step, step_where, "weight", required=False)
            bell = raw_step.get("bell", False)
            if not isinstance(bell, bool):
                reader.problem((*step_where, "bell"), "'bell' should be true or false")
                bell = False
            steps.append(Step(" ".join(words.split()), weight or 1.0, bell, anchors))
        phases.append(Phase(title=title, steps=tuple(steps)))
    return tuple(phases)


ANCHOR_NAMES = ", ".join(anchor.value for anchor in ANCHORS)


def _read_anchors(reader: _Reader, raw_step: dict[str, Any], where: KeyPath) -> tuple[str, ...]:
    """A step's anchoring sentences, one for each anchor in the order of ``ANCHORS`` (none if
    the step does not anchor). A step that anchors must offer every anchor: whichever one the
    participant chose is the one they will hear."""
    if "anchor" not in raw_step:
        return ()
    where = (*where, "anchor")
    table = raw_step["anchor"]
    if not isinstance(table, dict):
        reader.problem(
            where, f"'anchor' should be a table of sentences, one each for {ANCHOR_NAMES}"
        )
        return ()
    reader.check_keys(table, where, (anchor.value for anchor in ANCHORS))
    missing = [anchor.value for anchor in ANCHORS if anchor.value not in table]
    if missing:
        reader.problem(
            where,
            f"this step anchors attention, so it needs a sentence for every anchor "
            f"({ANCHOR_NAMES}): {', '.join(repr(name) for name in missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing",
        )
        return ()
    sentences = tuple(reader.text(table, where, anchor.value) for anchor in ANCHORS)
    return tuple(" ".join(sentence.split()) for sentence in sentences) if all(sentences) else ()


def _read_mode(
    reader: _Reader, table: dict[str, Any], where: KeyPath, *, mode_id: str, name: str, summary: str
) -> Mode:
    mode = Mode(
        id=mode_id,
        name=name,
        summary=summary,
        lengths=_read_lengths(reader, table, where),
        phases=_read_phases(reader, table, where),
        questions=_read_questions(reader, table, where),
    )
    if mode.phases and all(phase.steps for phase in mode.phases) and mode.lengths:
        for minutes in mode.lengths:
            if not mode.fits(minutes, anchor=None):
                needs = mode.needed_seconds(anchor=None)
                reader.problem(
                    (*where, "lengths"),
                    f"the words need {needs:.0f} seconds to read slowly, with "
                    f"the opening and closing words every practice has, so a {minutes}-minute "
                    f"length cannot fit them (the shortest that fits is "
                    f"{mode.minimum_minutes(anchor=None)} minutes)",
                )
        if not reader.problems:
            _check_spoken(reader, mode, where)
    return mode


def _check_spoken(reader: _Reader, mode: Mode, where: KeyPath) -> None:
    """Every step's words, for every anchor, can be spoken at the slowest speed, after its
    cue, within its share of the shortest length; and the whole practice, spoken, fits it."""
    minutes = min(mode.lengths)
    steps = [
        (step, (*where, "phases", p_index, "steps", s_index))
        for p_index, phase in enumerate(mode.phases)
        for s_index, step in enumerate(phase.steps)
    ]
    named: set[KeyPath] = set()
    for anchor in ANCHORS:
        shares = mode.plan(minutes, anchor=anchor)[1:-1]  # without the opening and closing
        for planned, (step, place) in zip(shares, steps, strict=True):
            needs = voice_seconds(estimated_spoken_seconds(planned.words), CUE_RING_SECONDS)
            if needs <= planned.seconds or place in named:
                continue
            named.add(place)
            which = f"with the {anchor.value!r} anchor, " if step.anchors else ""
            reader.problem(
                (*place, "anchor" if step.anchors else "words"),
                f"{which}spoken slowly after its cue, these words need about {needs:.0f} "
                f"seconds, more than their {planned.seconds:.0f}-second share of the "
                f"{minutes}-minute length: shorten them, give the step more weight, or offer "
                "a longer length",
            )
    needs = mode.needed_seconds(estimated_spoken_seconds, anchor=None)
    if needs > minutes * 60:
        reader.problem(
            (*where, "lengths"),
            f"spoken slowly, with the opening and closing words every practice has, the words "
            f"need about {needs:.0f} seconds, so a "
            f"{minutes}-minute length cannot fit them (the shortest that fits is "
            f"{mode.minimum_minutes(estimated_spoken_seconds, anchor=None)} minutes)",
        )


def _read_practice(reader: _Reader, data: dict[str, Any]) -> Practice | None:
    reader.check_keys(data, (), PRACTICE_KEYS)
    practice_id = reader.slug(data, (), "id")
    name = reader.text(data, (), "name")
    week = reader.week_number(data, (), "week")
    summary = reader.text(data, (), "summary")
    origin = reader.text(data, (), "origin")
    safety = reader.text(data, (), "safety")
    difficulty = data.get("turns_towards_difficulty", False)
    if not isinstance(difficulty, bool):
        reader.problem(
            ("turns_towards_difficulty",), "'turns_towards_difficulty' should be true or false"
        )
        difficulty = False
    card = _read_card(reader, data)

    modes: list[Mode] = []
    if "modes" in data:
        for key in SINGLE_MODE_KEYS:
            if key in data:
                reader.problem((key,), f"with [[modes]], '{key}' belongs inside each mode")
        seen: set[str] = set()
        for index, raw in enumerate(reader.tables(data, "modes")):
            where: KeyPath = ("modes", index)
            reader.check_keys(raw, where, MODE_KEYS)
            mode_id = reader.slug(raw, where, "id")
            if mode_id in seen:
                reader.problem((*where, "id"), f"mode id {mode_id!r} is used twice")
            seen.add(mode_id)
            modes.append(
                _read_mode(
                    reader,
                    raw,
                    where,
                    mode_id=mode_id,
                    name=reader.text(raw, where, "name"),
                    summary=reader.text(raw, where, "summary"),
                )
            )
        if not modes:
            reader.problem(("modes",), "[[modes]] is empty: write at least one mode")
    else:
        modes.append(_read_mode(reader, data, (), mode_id=DEFAULT_MODE, name=name, summary=summary))

    if reader.problems:
        return None
    return Practice(
        id=practice_id,
        name=name,
        week=week,
        summary=summary,
        origin=origin,
        safety=safety,
        modes=tuple(modes),
        source=str(reader.path),
        turns_towards_difficulty=difficulty,
        card=card,
    )


def _read_card(reader: _Reader, data: dict[str, Any]) -> PromptCard | None:
    """The practice's optional [card]: a title and a few prompts to keep in view."""
    raw = data.get("card")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        reader.problem(("card",), "'card' should be a [card] table with 'title' and 'prompts'")
        return None
    reader.check_keys(raw, ("card",), ("title", "prompts"))
    title = reader.text(raw, ("card",), "title")
    prompts = reader.texts(raw, ("card",), "prompts")
    if not prompts:
        reader.problem(("card",), "a [card] needs at least one of its 'prompts'")
    return PromptCard(title, prompts)


EXERCISE_KEYS = ("kind", "id", "name", "week", "intro", "questions", "collects")


def _read_exercise(reader: _Reader, data: dict[str, Any]) -> Exercise | None:
    reader.check_keys(data, (), EXERCISE_KEYS)
    exercise_id = reader.slug(data, (), "id")
    name = reader.text(data, (), "name")
    week = reader.week_number(data, (), "week")
    intro = reader.text(data, (), "intro")
    questions = _read_questions(reader, data, ())
    raw_collects = data.get("collects", Collects.ANSWERS.value)
    try:
        collects = Collects(raw_collects)
    except ValueError:
        choices = ", ".join(f"{c.value!r}" for c in Collects)
        reader.problem(("collects",), f"unknown 'collects' {raw_collects!r} (expected {choices})")
        collects = Collects.ANSWERS
    if reader.problems:
        return None
    return Exercise(
        id=exercise_id,
        name=name,
        week=week,
        intro=intro,
        questions=questions,
        collects=collects,
        source=str(reader.path),
    )


WEEK_KEYS = ("kind", "number", "title", "theme", "intro", "elements", "agenda", "home_tasks")


def _read_week(reader: _Reader, data: dict[str, Any]) -> Week | None:
    reader.check_keys(data, (), WEEK_KEYS)
    number = reader.week_number(data, (), "number")
    if "number" not in data:
        reader.problem((), f"missing 'number' (the week, from 1 to {WEEK_COUNT})")
    title = reader.text(data, (), "title")
    theme = reader.text(data, (), "theme")
    intro = reader.text(data, (), "intro")
    elements = reader.texts(data, (), "elements")

    agenda: list[AgendaItem] = []
    kinds = ", ".join(kind.value for kind in AgendaKind)
    for index, raw in enumerate(reader.tables(data, "agenda")):
        where: KeyPath = ("agenda", index)
        reader.check_keys(raw, where, ("title", "kind", "ref", "note"))
        item_title = reader.text(raw, where, "title")
        raw_kind = reader.text(raw, where, "kind")
        try:
            kind = AgendaKind(raw_kind)
        except ValueError:
            if raw_kind:
                reader.problem((*where, "kind"), f"unknown kind {raw_kind!r} (expected {kinds})")
            continue
        ref = reader.slug(raw, where, "ref") if "ref" in raw else None
        if kind in (AgendaKind.PRACTICE, AgendaKind.EXERCISE) and "ref" not in raw:
            reader.problem(
                where,
                f"an agenda item of kind {kind.value!r} needs 'ref', the id of the {kind.value}",
            )
        elif kind in (AgendaKind.GROUP, AgendaKind.HOME_TASKS) and ref:
            reader.problem((*where, "ref"), f"an agenda item of kind {kind.value!r} has no 'ref'")
        note = reader.text(raw, where, "note", required=False)
        agenda.append(AgendaItem(item_title, kind, ref or None, note))

    tasks: list[HomeTask] = []
    for index, raw in enumerate(reader.tables(data, "home_tasks")):
        where = ("home_tasks", index)
        reader.check_keys(raw, where, ("id", "title", "description", "practice"))
        task_id = reader.slug(raw, where, "id")
        task_title = reader.text(raw, where, "title")
        description = reader.text(raw, where, "description", required=False)
        practice = reader.slug(raw, where, "practice") if "practice" in raw else None
        tasks.append(HomeTask(task_id, task_title, description, practice or None))
    seen: set[str] = set()
    for index, task in enumerate(tasks):
        if task.id in seen:
            reader.problem(("home_tasks", index, "id"), f"home task id {task.id!r} is used twice")
        seen.add(task.id)

    if reader.problems or number is None:
        return None
    return Week(
        number=number,
        title=title,
        theme=theme,
        intro=intro,
        elements=elements,
        agenda=tuple(agenda),
        home_tasks=tuple(tasks),
        source=str(reader.path),
    )


READERS = {"week": _read_week, "practice": _read_practice, "exercise": _read_exercise}


def load_file(path: Path) -> Script:
    """Read one script file of any kind; raise :class:`ScriptError` listing every problem."""
    data, text = _parse(path)
    reader = _Reader(path, text)
    kind = data.get("kind")
    expected = " or ".join(f'kind = "{name}"' for name in READERS)
    read = READERS.get(kind) if isinstance(kind, str) else None
    result: Script | None = None
    if read is None:
        message = (
            f"missing 'kind' (expected {expected})"
            if kind is None
            else (f"unknown kind {kind!r} (expected {expected})")
        )
        reader.problem(("kind",) if kind is not None else (), message)
    else:
        result = read(reader, data)
    if result is None:
        raise ScriptError(reader.problems)
    return result
