"""The one sentence a person reads instead of a traceback.

Used both by the plain ``practice-tui`` (which must not load the command-line library) and by
every command, so nothing here imports click.
"""

from __future__ import annotations

from practice_tui.journal import JournalError
from practice_tui.journal.errors import OFFERS_BACKUP

# The course and the journal's backups are imported only when there is a failure to explain:
# most commands never load the course, and nothing needs the backups on the way to success.

RESTORE_HINT = "To put back the newest backup, run: practice-tui restore-backup"


def describe_problem(error: BaseException) -> str | None:
    """The one sentence (or list, for script files) to show for an error we expect, else None."""
    from practice_tui.course import ScriptError

    if isinstance(error, ScriptError):
        return f"the course files have problems:\n{error}"
    if isinstance(error, JournalError):
        return str(error)
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}."
    return None


def with_restore_hint(error: BaseException, message: str) -> str:
    """A damaged (or not our own) journal's one sentence, followed by the command that puts
    a backup back when there is a backup it could put back."""
    if isinstance(error, JournalError) and error.reason in OFFERS_BACKUP:
        from practice_tui.journal.restore import newest_usable_backup

        if error.path is None or newest_usable_backup(error.path) is not None:
            return f"{message} {RESTORE_HINT}"
    return message
