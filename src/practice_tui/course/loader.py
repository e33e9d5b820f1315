"""Reading and checking the script files: weeks and practices, written in TOML.

Every problem becomes a :class:`ScriptProblem` naming the file, the line where it can be
found, and what is wrong, in words a facilitator editing a file can act on. The loader never
lets a traceback through: a broken file is reported, never half-loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from practice_tui.course.locate import KeyPath, Locator
from practice_tui.course.model import (
    DEFAULT_MODE,
    AgendaItem,
    AgendaKind,
    Collects,
    Course,
    Exercise,
    HomeTask,
    Mode,
    Phase,
    Practice,
    ScriptProblem,
    Step,
    Week,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WEEK_COUNT = 6


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
    import tomllib  # here, not at the top: a cached course starts without it

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
PRACTICE_KEYS = ("kind", "id", "name", "week", "summary", "origin", "safety", "modes", *MODE_KEYS)
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
            reader.check_keys(raw_step, step_where, ("words", "weight", "bell"))
            words = reader.text(raw_step, step_where, "words")
            weight = reader.number(raw_step, step_where, "weight", required=False)
            bell = raw_step.get("bell", False)
            if not isinstance(bell, bool):
                reader.problem((*step_where, "bell"), "'bell' should be true or false")
                bell = False
            steps.append(Step(words=" ".join(words.split()), weight=weight or 1.0, bell=bell))
        phases.append(Phase(title=title, steps=tuple(steps)))
    return tuple(phases)


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
    if mode.phases and all(phase.steps for phase in mode.phases):
        for minutes in mode.lengths:
            if not mode.fits(minutes):
                reader.problem(
                    (*where, "lengths"),
                    f"the words need {mode.reading_seconds:.0f} seconds to read slowly, "
                    f"so a {minutes}-minute length cannot fit them "
                    f"(the shortest that fits is {mode.minimum_minutes()} minutes)",
                )
    return mode


def _read_practice(reader: _Reader, data: dict[str, Any]) -> Practice | None:
    reader.check_keys(data, (), PRACTICE_KEYS)
    practice_id = reader.slug(data, (), "id")
    name = reader.text(data, (), "name")
    week = reader.week_number(data, (), "week")
    summary = reader.text(data, (), "summary")
    origin = reader.text(data, (), "origin")
    safety = reader.text(data, (), "safety")

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
    )


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


def _script_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.toml")) if path.is_dir() else [path])
    return files


def _line_of(source: str, where: KeyPath) -> int | None:
    try:
        return Locator(Path(source).read_text(encoding="utf-8")).line_of(where)
    except OSError:
        return None


@dataclass
class _Collection:
    """Scripts read together, so ids can be checked across files."""

    weeks: dict[int, Week] = field(default_factory=dict)
    practices: dict[str, Practice] = field(default_factory=dict)
    exercises: dict[str, Exercise] = field(default_factory=dict)
    problems: list[ScriptProblem] = field(default_factory=list)

    def add(self, path: Path, item: Script) -> None:
        if isinstance(item, Week):
            if item.number in self.weeks:
                first = self.weeks[item.number].source
                self.problems.append(
                    ScriptProblem(path, None, f"week {item.number} is already written in {first}")
                )
            self.weeks[item.number] = item
            return
        line = _line_of(str(path), ("id",))
        for others in (self.practices, self.exercises):
            if item.id in others:
                message = f"id {item.id!r} is already used in {others[item.id].source}"
                self.problems.append(ScriptProblem(path, line, message))
        if isinstance(item, Practice):
            self.practices[item.id] = item
        else:
            self.exercises[item.id] = item

    def read(self, files: Iterable[Path]) -> None:
        for path in files:
            try:
                self.add(path, load_file(path))
            except ScriptError as error:
                self.problems.extend(error.problems)

    def check_references(self, practices: set[str], exercises: set[str]) -> None:
        """Every agenda item and home task must point at something that exists."""
        for week in self.weeks.values():
            path = Path(week.source)
            for index, item in enumerate(week.agenda):
                known = practices if item.kind is AgendaKind.PRACTICE else exercises
                playable = item.kind in (AgendaKind.PRACTICE, AgendaKind.EXERCISE)
                if item.ref and playable and item.ref not in known:
                    self.problems.append(
                        ScriptProblem(
                            path,
                            _line_of(week.source, ("agenda", index, "ref")),
                            f"agenda item {item.title!r} refers to an unknown "
                            f"{item.kind.value} {item.ref!r}",
                        )
                    )
            for index, task in enumerate(week.home_tasks):
                if task.practice and task.practice not in practices:
                    self.problems.append(
                        ScriptProblem(
                            path,
                            _line_of(week.source, ("home_tasks", index, "practice")),
                            f"home task {task.id!r} refers to an unknown practice "
                            f"{task.practice!r}",
                        )
                    )


def load_course(root: Path) -> Course:
    """Read every script under ``root`` and check them together (ids, weeks, references)."""
    collection = _Collection()
    collection.read(_script_files([root]))
    collection.check_references(set(collection.practices), set(collection.exercises))
    missing = [n for n in range(1, WEEK_COUNT + 1) if n not in collection.weeks]
    if missing and not collection.problems:
        numbers = ", ".join(str(n) for n in missing)
        collection.problems.append(ScriptProblem(root, None, f"no file describes week {numbers}"))
    if collection.problems:
        raise ScriptError(collection.problems)
    weeks = tuple(collection.weeks[n] for n in sorted(collection.weeks))
    return Course(weeks=weeks, practices=collection.practices, exercises=collection.exercises)


def load_builtin_course(cache_dir: Path | None = None) -> Course:
    """The course shipped with the app; kept in ``cache_dir`` (if given) to start faster."""
    from practice_tui.paths import scripts_dir

    root = scripts_dir()
    if cache_dir is None:
        return load_course(root)
    from practice_tui.course import cache

    course = cache.load_cached(root, cache_dir)
    if course is None:
        course = load_course(root)
        cache.store(course, root, cache_dir)
    return course


def load_participant_course(own_folder: Path | None, cache_dir: Path | None = None) -> Course:
    """The shipped course plus the participant's own practices, if they have any."""
    course = load_builtin_course(cache_dir)
    return course if own_folder is None else load_own_practices(own_folder, course)


def validate_paths(paths: Iterable[Path], course: Course | None = None) -> list[ScriptProblem]:
    """Check script files (or folders of them) of any kind, together and against ``course``.

    References may point at the files checked or at the course shipped with the app; ids
    must be unique across both (a file may be the shipped file itself, checked again).
    """
    files = _script_files(paths)
    missing = [path for path in files if not path.exists()]
    collection = _Collection()
    collection.problems.extend(ScriptProblem(p, None, "does not exist") for p in missing)
    collection.read(path for path in files if path.exists())
    practices, exercises = set(collection.practices), set(collection.exercises)
    if course is not None:
        for item in [*course.practices.values(), *course.exercises.values()]:
            ours = collection.practices.get(item.id) or collection.exercises.get(item.id)
            if ours is not None and not _is_course_file(Path(ours.source), Path(item.source)):
                collection.problems.append(
                    ScriptProblem(
                        Path(ours.source),
                        _line_of(ours.source, ("id",)),
                        f"id {item.id!r} is already used by the course's own {item.name!r}",
                    )
                )
        practices |= set(course.practices)
        exercises |= set(course.exercises)
    collection.check_references(practices, exercises)
    return collection.problems


def _is_course_file(checked: Path, shipped: Path) -> bool:
    """Whether ``checked`` is the course's own file ``shipped``: the same file, or the same place
    in another course tree (a checkout being edited), rather than a script of someone's own that
    reuses a course id (which the app would refuse to load)."""
    if checked.resolve() == shipped.resolve():
        return True
    from practice_tui.paths import scripts_dir

    try:
        relative = shipped.resolve().relative_to(scripts_dir().resolve())
    except ValueError:
        return False
    size = len(relative.parts)
    if checked.resolve().parts[-size:] != relative.parts:
        return False
    return (checked.resolve().parents[size - 1] / "weeks").is_dir()


def load_own_practices(folder: Path, course: Course) -> Course:
    """The course plus the practices in ``folder``; a broken file is listed, never fatal."""
    if not folder.is_dir():
        return course
    own: list[Practice] = []
    problems: list[ScriptProblem] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            item = load_file(path)
        except ScriptError as error:
            problems.extend(error.problems)
            continue
        if not isinstance(item, Practice):
            problems.append(ScriptProblem(path, None, 'is not a practice (kind = "practice")'))
        elif item.id in course.practices or item.id in course.exercises:
            problems.append(
                ScriptProblem(
                    path,
                    _line_of(str(path), ("id",)),
                    f"id {item.id!r} is already used by the course; choose another id",
                )
            )
        elif any(p.id == item.id for p in own):
            problems.append(ScriptProblem(path, None, f"id {item.id!r} is used by two files"))
        else:
            own.append(item)
    return course.with_own(own, problems)
