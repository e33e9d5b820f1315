"""The programme as data: the model, and the loader that reads it from script files."""

from practice_tui.course.loader import (
    ScriptError,
    ScriptProblem,
    load_builtin_course,
    load_course,
    load_file,
)
from practice_tui.course.model import (
    AgendaItem,
    AgendaKind,
    Course,
    HomeTask,
    LengthError,
    Phase,
    Practice,
    Step,
    Week,
)

__all__ = [
    "AgendaItem",
    "AgendaKind",
    "Course",
    "HomeTask",
    "LengthError",
    "Phase",
    "Practice",
    "ScriptError",
    "ScriptProblem",
    "Step",
    "Week",
    "load_builtin_course",
    "load_course",
    "load_file",
]
