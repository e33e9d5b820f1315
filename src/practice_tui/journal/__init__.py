"""The private reflection journal: store, records and exports. Plain Python, no Textual.

The records and the error are cheap to import; the store (and with it sqlite-utils) is
imported on first use, so the app can draw its first screen before loading SQLite tooling.
"""

from typing import TYPE_CHECKING, Any

from practice_tui.journal.errors import JournalError
from practice_tui.journal.models import Action, Answer, Entry, PracticeSession

if TYPE_CHECKING:
    from practice_tui.journal.export import SUPPORTED_FORMATS, write_export
    from practice_tui.journal.schema import SCHEMA_VERSION
    from practice_tui.journal.store import Journal

__all__ = [
    "SCHEMA_VERSION",
    "SUPPORTED_FORMATS",
    "Action",
    "Answer",
    "Entry",
    "Journal",
    "JournalError",
    "PracticeSession",
    "write_export",
]

_LAZY = {
    "Journal": "practice_tui.journal.store",
    "SCHEMA_VERSION": "practice_tui.journal.schema",
    "SUPPORTED_FORMATS": "practice_tui.journal.export",
    "write_export": "practice_tui.journal.export",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
