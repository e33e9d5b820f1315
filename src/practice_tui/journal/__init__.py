"""The private reflection journal: store, records and exports. Plain Python, no Textual.

The error is imported at once; the records and the store on first use, so the app draws its
first screen before loading anything it does not need for it. The store reads and writes
through the stdlib ``sqlite3``; sqlite-utils is imported only by an import's writing.
"""

import importlib
from typing import TYPE_CHECKING, Any

from practice_tui.journal.errors import JournalError

if TYPE_CHECKING:
    from practice_tui.journal.draft_models import Draft, EditDraft, WritingDraft
    from practice_tui.journal.export import SUPPORTED_FORMATS, write_export
    from practice_tui.journal.models import Action, Answer, Entry, PracticeSession
    from practice_tui.journal.schema import SCHEMA_VERSION
    from practice_tui.journal.store import Journal

__all__ = [
    "SCHEMA_VERSION",
    "SUPPORTED_FORMATS",
    "Action",
    "Answer",
    "Draft",
    "EditDraft",
    "Entry",
    "Journal",
    "JournalError",
    "PracticeSession",
    "WritingDraft",
    "write_export",
]

_LAZY = {
    "Action": "practice_tui.journal.models",
    "Draft": "practice_tui.journal.draft_models",
    "EditDraft": "practice_tui.journal.draft_models",
    "WritingDraft": "practice_tui.journal.draft_models",
    "Answer": "practice_tui.journal.models",
    "Entry": "practice_tui.journal.models",
    "PracticeSession": "practice_tui.journal.models",
    "Journal": "practice_tui.journal.store",
    "SCHEMA_VERSION": "practice_tui.journal.schema",
    "SUPPORTED_FORMATS": "practice_tui.journal.export",
    "write_export": "practice_tui.journal.export",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
