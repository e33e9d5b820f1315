"""Loading the course: the script files read together, so ids, weeks and references can be
checked across files; the shipped course (cached), the participant's own practices, and the
checks behind ``practice-tui validate``.

Reading and checking one file is :mod:`practice_tui.course.script_file`. The loader never
lets a traceback through: a broken file is reported, never half-loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from practice_tui.course import cache
from practice_tui.course.locate import KeyPath, Locator
from practice_tui.course.model import (
    WEEK_COUNT,
    AgendaKind,
    Course,
    Exercise,
    Practice,
    ScriptError,
    ScriptProblem,
    Week,
)
from practice_tui.paths import scripts_dir

if TYPE_CHECKING:
    from practice_tui.course.script_file import Script

# The file reader (course/script_file.py, with tomllib) is imported where files are read: a
# course from the cache starts without it, a few ms sooner (benchmarks/startup.py).


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


class _Collection:
    """Scripts read together, so ids can be checked across files (a plain class: a dataclass
    costs the command line's start-up most of a millisecond)."""

    def __init__(self) -> None:
        self.weeks: dict[int, Week] = {}
        self.practices: dict[str, Practice] = {}
        self.exercises: dict[str, Exercise] = {}
        self.problems: list[ScriptProblem] = []

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
        from practice_tui.course.script_file import load_file

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
    root = scripts_dir()
    if cache_dir is None:
        return load_course(root)
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
    from practice_tui.course.script_file import load_file

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
