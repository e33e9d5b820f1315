"""JournalError: what went wrong with the journal, told in one calm sentence.

Every sqlite3 and OS error inside the journal is turned into a :class:`JournalError` at the
edge of the public API, so the screens and the CLI can show ``str(error)`` to the person as it
is. What the person asked for and is not there has a type of its own (:class:`EntryNotFound`,
:class:`SessionNotFound`, :class:`ActionNotFound`, :class:`NothingToSave`,
:class:`NotInTrash`), each a :class:`JournalError` and so user-facing. A mistake in the
calling code raises :class:`InvalidArgument` (a ``ValueError``, never shown) or ``TypeError``.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import sqlite3  # only the store needs it at run time; the screens import this module

Reason = Literal[
    "damaged",
    "newer",
    "full",
    "read-only",
    "read-only-folder",
    "unreadable",
    "not-a-folder",
    "not-a-file",
    "busy",
    "unavailable",
    "disk",
    "closed",
    "failed",
    "not-found",
    "nothing-to-save",
    "not-in-trash",
    "not-ours",
    "foreign-wal",
    "emptied",
]

#: The reasons a journal is refused at opening, left as it is, with the newest usable backup
#: offered in its place: a damaged file, or one that is not (or no longer) our journal.
OFFERS_BACKUP: frozenset[Reason] = frozenset({"damaged", "not-ours", "foreign-wal", "emptied"})


class JournalError(Exception):
    """A journal problem explained for the person using the app.

    ``str(error)`` is one sentence meant for them. ``reason`` is a stable word for code that
    wants to react (for example ``"full"`` or ``"damaged"``); ``path`` is the journal file.
    """

    def __init__(self, message: str, *, reason: Reason = "failed", path: Path | None = None):
        super().__init__(message)
        self.reason: Reason = reason
        self.path = path


class Activity:
    """What the store was doing, phrased for the sentence: "so <what> could not be <verb>".

    A plain class, told apart by identity (``action is OPEN``): a dataclass would cost every
    command's start-up most of a millisecond.
    """

    __slots__ = ("verb", "what")

    def __init__(self, what: str, verb: str) -> None:
        self.what = what
        self.verb = verb


OPEN = Activity("the journal", "opened")
SAVE_ENTRY = Activity("your reflection", "saved")
SAVE_EXERCISE = Activity("your exercise", "saved")
SAVE_SESSION = Activity("the record of this practice", "saved")
SAVE_HOME_TASK = Activity("the change to this home task", "saved")
SAVE_ACTION = Activity("the change to this action", "saved")
SAVE_DRAFT = Activity("the draft of what you are writing", "saved")
SAVE_EDIT = Activity("your change to this entry", "saved")
SAVE_STAR = Activity("the star on this entry", "saved")
SAVE_TRASH = Activity("the change to the trash", "saved")
SAVE_IMPORT = Activity("the import", "saved")
SAVE_RESTORE_VERSION = Activity("the earlier version of this entry", "restored")
READ = Activity("your journal", "read")

# Sentences while opening (migrations included): the file itself is the subject.
_ON_OPEN: dict[Reason, str] = {
    "damaged": (
        "The journal at {path} could not be opened because it looks damaged; "
        "it has not been changed."
    ),
    "newer": (
        "The journal at {path} was written by a newer practice-tui, so this version cannot "
        "open it; it has not been changed."
    ),
    "full": "The disk is full, so the journal at {path} could not be opened.",
    "read-only": "The journal at {path} is read-only, so practice-tui cannot write to it.",
    "read-only-folder": "The folder {folder} is read-only, so the journal cannot be written there.",
    "unreadable": (
        "The journal at {path} cannot be read: its permissions do not let you read it; "
        "it has not been changed."
    ),
    "not-a-folder": "The journal cannot be kept at {path} because part of that path is a file, "
    "not a folder.",
    "not-a-file": "The journal cannot be kept at {path} because that is a folder, not a file.",
    "busy": (
        "The journal at {path} is busy in another practice-tui window; "
        "please try again in a moment."
    ),
    "unavailable": (
        "The journal at {path} could not be opened; check that its folder exists and can be "
        "written."
    ),
    "disk": "The journal at {path} could not be opened because of a disk error.",
    "closed": "The journal at {path} has been closed.",
    "failed": "The journal at {path} could not be opened because of an unexpected problem.",
}

# Sentences for a read or write on an open journal: the person's work is the subject.
_ON_USE: dict[Reason, str] = {
    "damaged": (
        "The journal at {path} looks damaged, so {what} could not be {verb}; "
        "it has not been changed."
    ),
    "full": "The disk is full, so {what} could not be {verb}; nothing in the journal was changed.",
    "read-only": "The journal at {path} is read-only, so {what} could not be {verb}.",
    "read-only-folder": "The folder {folder} is read-only, so {what} could not be {verb}.",
    "unreadable": "The journal at {path} cannot be read, so {what} could not be {verb}.",
    "busy": (
        "The journal at {path} is busy in another practice-tui window, so {what} could not be "
        "{verb}; please try again in a moment."
    ),
    "unavailable": "The journal at {path} can no longer be reached, so {what} could not be {verb}.",
    "disk": "Because of a disk error, {what} could not be {verb}.",
    "closed": "The journal at {path} has been closed, so {what} could not be {verb}.",
    "failed": "Something unexpected went wrong, so {what} could not be {verb}.",
}

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_REASONS: dict[int, Reason] = {
    3: "read-only",  # SQLITE_PERM
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "read-only",  # SQLITE_READONLY
    10: "disk",  # SQLITE_IOERR
    11: "damaged",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "unavailable",  # SQLITE_CANTOPEN
    23: "read-only",  # SQLITE_AUTH
    26: "damaged",  # SQLITE_NOTADB
}

# For errors that carry no result code, the driver's wording is all there is to go on.
_MESSAGE_REASONS: tuple[tuple[str, Reason], ...] = (
    ("not a database", "damaged"),
    ("malformed", "damaged"),
    ("disk is full", "full"),
    ("readonly", "read-only"),
    ("read-only", "read-only"),
    ("unable to open", "unavailable"),
    ("locked", "busy"),
    ("busy", "busy"),
    ("closed database", "closed"),
    ("disk i/o error", "disk"),
)

_OS_REASONS: dict[int, Reason] = {
    errno.EACCES: "read-only-folder",
    errno.EPERM: "read-only-folder",
    errno.EROFS: "read-only-folder",
    errno.ENOSPC: "full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "full",  # EDQUOT is missing on Windows
    errno.ENOTDIR: "not-a-folder",
    errno.EEXIST: "not-a-folder",
    errno.EISDIR: "not-a-file",
    errno.ENOENT: "unavailable",
    errno.EIO: "disk",
}


def make_error(reason: Reason, path: Path, action: Activity) -> JournalError:
    """Build the one-sentence error for ``reason`` while doing ``action`` on ``path``."""
    table = _ON_OPEN if action is OPEN else _ON_USE
    template = table.get(reason, table["failed"])
    message = template.format(path=path, folder=path.parent, what=action.what, verb=action.verb)
    return JournalError(message, reason=reason, path=path)


def sqlite_reason(exc: sqlite3.Error) -> Reason:
    """Classify a sqlite3 error by its result code, or by its wording when it has none."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_REASONS:
        return _SQLITE_REASONS[code & 0xFF]
    text = str(exc).lower()
    for fragment, reason in _MESSAGE_REASONS:
        if fragment in text:
            return reason
    return "failed"


def os_reason(exc: OSError, path: Path) -> Reason:
    """Classify an OS error met while preparing the journal's folder and file."""
    reason = _OS_REASONS.get(exc.errno or 0, "failed")
    if reason == "read-only-folder" and path.exists():
        return "read-only"
    return reason


def translate(exc: BaseException, path: Path, action: Activity) -> JournalError:
    """Turn a sqlite3 or OS error into a :class:`JournalError` (other errors are bugs)."""
    import sqlite3  # here: the app imports the errors before its first frame, SQLite after it

    if isinstance(exc, JournalError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return make_error(sqlite_reason(exc), path, action)
    if isinstance(exc, OSError):
        return make_error(os_reason(exc, path), path, action)
    raise TypeError(f"not a journal error: {exc!r}") from exc


# -- what the person asked for is not there, or not possible ---------------------------------
#
# Each of these is a JournalError: ``str(error)`` is one sentence for the person, and a screen
# shows it as it is. They mean the journal changed under the screen (another window deleted
# an entry) or there was nothing to do; the file is fine and nothing was changed.


class EntryNotFound(JournalError):
    """No entry has this id (another window may have deleted it for good)."""

    def __init__(self, entry_id: str, *, path: Path | None = None) -> None:
        super().__init__(
            "This entry is no longer in your journal (another window may have deleted it).",
            reason="not-found",
            path=path,
        )
        self.entry_id = entry_id


class SessionNotFound(JournalError):
    """No practice session has this id, so an entry cannot be tied to it."""

    def __init__(self, session_id: str, *, path: Path | None = None) -> None:
        super().__init__(
            "The practice this was written about is no longer in your journal.",
            reason="not-found",
            path=path,
        )
        self.session_id = session_id


class ActionNotFound(JournalError):
    """No action has this id (another window may have deleted its exercise's record)."""

    def __init__(self, action_id: str, *, path: Path | None = None) -> None:
        super().__init__(
            "This action is no longer in your journal (another window may have changed it).",
            reason="not-found",
            path=path,
        )
        self.action_id = action_id


class NothingToSave(JournalError):
    """Every answer is blank (and no action was set): there are no words to keep."""

    def __init__(self, message: str = "There is nothing to save: every answer is blank.") -> None:
        super().__init__(message, reason="nothing-to-save")


class NotInTrash(JournalError):
    """Only an entry in the trash can be deleted for good; this one is not there."""

    def __init__(self, entry_id: str, *, path: Path | None = None) -> None:
        super().__init__(
            "Only an entry in the trash can be deleted for good, and this one is not there.",
            reason="not-in-trash",
            path=path,
        )
        self.entry_id = entry_id


class RevisionNotFound(JournalError):
    """No earlier version of this entry has this id (another window may have deleted it)."""

    def __init__(self, revision_id: str, *, path: Path | None = None) -> None:
        super().__init__(
            "That earlier version is no longer in your journal (another window may have "
            "deleted the entry).",
            reason="not-found",
            path=path,
        )
        self.revision_id = revision_id


# -- the file at the journal's path is not our journal ----------------------------------------
#
# Found before SQLite opens the file (see journal/identity.py), so nothing has been written;
# each offers the newest usable backup, as a damaged journal does.


class NotOurJournal(JournalError):
    """The file is a SQLite database of another program (no practice-tui mark or schema)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The file at {path} is another program's database, not a practice-tui journal, "
            "so it has been left exactly as it is.",
            reason="not-ours",
            path=path,
        )


class ForeignWal(JournalError):
    """The ``-wal`` (or a hot ``-journal``) beside the journal belongs to another database:
    replaying it would overwrite the journal's pages with that database's."""

    def __init__(self, path: Path, suffix: str = "-wal") -> None:
        super().__init__(
            f"The file {path}{suffix} beside your journal belongs to another database, so the "
            "journal and that file have been left exactly as they are.",
            reason="foreign-wal",
            path=path,
        )


class EmptyJournalWithBackups(JournalError):
    """The journal file is empty (0 bytes) although backups of it exist: it was emptied,
    not new, so it is not started afresh."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The journal at {path} is empty (0 bytes) although backups of it exist, "
            "so it has been left exactly as it is.",
            reason="emptied",
            path=path,
        )


class EmptiedJournalWithWal(JournalError):
    """The journal file is empty (0 bytes) while its ``-wal`` (or hot ``-journal``) holds
    writes: the words may be only there, and SQLite would start afresh and drop them."""

    def __init__(self, path: Path, suffix: str = "-wal") -> None:
        super().__init__(
            f"The journal at {path} is empty (0 bytes), but the file {path}{suffix} beside it "
            "still holds writes, so both have been left exactly as they are.",
            reason="emptied",
            path=path,
        )


class InvalidArgument(ValueError):
    """A mistake in the calling code (a week of 0, a blank practice id), never the person's.

    Not a :class:`JournalError`: its message names the argument for a developer, and no
    screen shows it. Everything a person can cause is one of the errors above.
    """
