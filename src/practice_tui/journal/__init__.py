"""The private reflection journal: store, records and exports. Plain Python, no Textual."""

from practice_tui.journal.export import SUPPORTED_FORMATS, write_export
from practice_tui.journal.models import Answer, Entry, PracticeSession
from practice_tui.journal.schema import SCHEMA_VERSION
from practice_tui.journal.store import Journal, JournalError

__all__ = [
    "SCHEMA_VERSION",
    "SUPPORTED_FORMATS",
    "Answer",
    "Entry",
    "Journal",
    "JournalError",
    "PracticeSession",
    "write_export",
]
