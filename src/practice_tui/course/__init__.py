"""The programme as data: the model, the script files it is read from, and the loader that
puts them together into a course."""

from practice_tui.course.loader import (
    load_builtin_course,
    load_course,
    load_own_practices,
    load_participant_course,
    validate_paths,
)
from practice_tui.course.model import (
    GROUNDING_ID,
    AgendaItem,
    AgendaKind,
    Collects,
    Course,
    Exercise,
    HomeTask,
    LengthError,
    Mode,
    Phase,
    Practice,
    PromptCard,
    ScriptError,
    ScriptProblem,
    Step,
    Week,
)

__all__ = [
    "GROUNDING_ID",
    "AgendaItem",
    "AgendaKind",
    "Collects",
    "Course",
    "Exercise",
    "HomeTask",
    "LengthError",
    "Mode",
    "Phase",
    "Practice",
    "PromptCard",
    "ScriptError",
    "ScriptProblem",
    "Step",
    "Week",
    "load_builtin_course",
    "load_course",
    "load_own_practices",
    "load_participant_course",
    "validate_paths",
]
