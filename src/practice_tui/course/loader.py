"""Reading and checking the script files: weeks and practices, written in TOML.

Every problem becomes a :class:`ScriptProblem` naming the file, the line where it can be
found, and what is wrong, in words a facilitator editing a file can act on. The loader never
lets a traceback through: a broken file is reported, never half-loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from practice_tui.course.locate import KeyPath, Locator
from practice_tui.course.model import (
    AgendaItem,
    AgendaKind,
    Course,
    HomeTask,
    Phase,
    Practice,
    Step,
    Week,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WEEK_COUNT = 6


@dataclass(frozen=True)
class ScriptProblem:
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


PRACTICE_KEYS = (
    "kind",
    "id",
    "name",
    "week",
    "summary",
    "origin",
    "safety",
    "lengths",
    "questions",
    "phases",
)


def _read_practice(reader: _Reader, data: dict[str, Any]) -> Practice | None:
    reader.check_keys(data, (), PRACTICE_KEYS)
    practice_id = reader.slug(data, (), "id")
    name = reader.text(data, (), "name")
    week = reader.week_number(data, (), "week")
    summary = reader.text(data, (), "summary")
    origin = reader.text(data, (), "origin")
    safety = reader.text(data, (), "safety")
    questions = reader.texts(data, (), "questions")
    if "questions" in data and not questions:
        reader.problem(("questions",), "a practice needs at least one reflection question")
    elif "questions" not in data:
        reader.problem((), "missing 'questions'")

    lengths: list[int] = []
    raw_lengths = data.get("lengths")
    if raw_lengths is None:
        reader.problem((), "missing 'lengths' (minutes, for example lengths = [3, 6])")
    elif not isinstance(raw_lengths, list) or not raw_lengths:
        reader.problem(("lengths",), "'lengths' should be a list of whole minutes, like [3, 6]")
    else:
        for value in raw_lengths:
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                reader.problem(
                    ("lengths",), f"each length should be a whole number of minutes, not {value!r}"
                )
            else:
                lengths.append(value)
        if len(set(lengths)) != len(lengths):
            reader.problem(("lengths",), "'lengths' lists the same length twice")

    phases: list[Phase] = []
    raw_phases = reader.tables(data, "phases")
    if "phases" not in data:
        reader.problem((), "missing [[phases]]: a practice needs at least one phase")
    for p_index, raw_phase in enumerate(raw_phases):
        where: KeyPath = ("phases", p_index)
        reader.check_keys(raw_phase, where, ("title", "steps"))
        title = reader.text(raw_phase, where, "title")
        raw_steps = raw_phase.get("steps")
        steps: list[Step] = []
        if not isinstance(raw_steps, list) or not raw_steps:
            reader.problem(where, f"phase {p_index + 1} has no [[phases.steps]] with words")
            raw_steps = []
        for s_index, raw_step in enumerate(raw_steps):
            step_where: KeyPath = (*where, "steps", s_index)
            if not isinstance(raw_step, dict):
                reader.problem(step_where, "each step should be a [[phases.steps]] table")
                continue
            reader.check_keys(raw_step, step_where, ("words", "weight"))
            words = reader.text(raw_step, step_where, "words")
            weight = reader.number(raw_step, step_where, "weight", required=False)
            steps.append(Step(words=" ".join(words.split()), weight=weight or 1.0))
        phases.append(Phase(title=title, steps=tuple(steps)))

    if reader.problems:
        return None
    practice = Practice(
        id=practice_id,
        name=name,
        week=week,
        summary=summary,
        origin=origin,
        safety=safety,
        lengths=tuple(lengths),
        phases=tuple(phases),
        questions=questions,
        source=str(reader.path),
    )
    for minutes in practice.lengths:
        if not practice.fits(minutes):
            reader.problem(
                ("lengths",),
                f"the words need {practice.reading_seconds:.0f} seconds to read slowly, "
                f"so a {minutes}-minute length cannot fit them "
                f"(the shortest that fits is {practice.minimum_minutes()} minutes)",
            )
    return None if reader.problems else practice


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


def load_file(path: Path) -> Week | Practice:
    """Read one script file of any kind; raise :class:`ScriptError` listing every problem."""
    data, text = _parse(path)
    reader = _Reader(path, text)
    kind = data.get("kind")
    result: Week | Practice | None
    if kind == "week":
        result = _read_week(reader, data)
    elif kind == "practice":
        result = _read_practice(reader, data)
    else:
        message = (
            'missing \'kind\' (expected kind = "week" or kind = "practice")'
            if kind is None
            else f'unknown kind {kind!r} (expected "week" or "practice")'
        )
        reader.problem(("kind",) if kind is not None else (), message)
        result = None
    if result is None:
        raise ScriptError(reader.problems)
    return result


def load_course(root: Path) -> Course:
    """Read every script under ``root`` and check them together (ids, weeks, references)."""
    problems: list[ScriptProblem] = []
    weeks: dict[int, Week] = {}
    practices: dict[str, Practice] = {}
    for path in sorted(root.rglob("*.toml")):
        try:
            item = load_file(path)
        except ScriptError as error:
            problems.extend(error.problems)
            continue
        if isinstance(item, Week):
            if item.number in weeks:
                first = weeks[item.number].source
                problems.append(
                    ScriptProblem(path, None, f"week {item.number} is already written in {first}")
                )
            weeks[item.number] = item
        else:
            if item.id in practices:
                first = practices[item.id].source
                problems.append(
                    ScriptProblem(path, None, f"practice id {item.id!r} is already used in {first}")
                )
            practices[item.id] = item
    for week in weeks.values():
        locator = Locator(Path(week.source).read_text(encoding="utf-8"))
        for index, item in enumerate(week.agenda):
            if item.ref and item.kind is AgendaKind.PRACTICE and item.ref not in practices:
                problems.append(
                    ScriptProblem(
                        Path(week.source),
                        locator.line_of(("agenda", index, "ref")),
                        f"agenda item {item.title!r} refers to an unknown practice {item.ref!r}",
                    )
                )
    missing = [n for n in range(1, WEEK_COUNT + 1) if n not in weeks]
    if missing and not problems:
        numbers = ", ".join(str(n) for n in missing)
        problems.append(ScriptProblem(root, None, f"no file describes week {numbers}"))
    if problems:
        raise ScriptError(problems)
    return Course(weeks=tuple(weeks[n] for n in sorted(weeks)), practices=practices)


def load_builtin_course() -> Course:
    """The course shipped with the app."""
    from practice_tui.settings import scripts_dir

    return load_course(scripts_dir())
