"""Writing files the participant asked for: private, and never left half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from practice_tui.settings import PRIVATE_FILE_MODE


@contextmanager
def private_atomic_writer(path: Path) -> Iterator[TextIO]:
    """Write beside the target and rename into place, readable by the owner alone.

    A failure part-way (a full disk, an error in the writer) removes the partial file, so the
    target is either the old file or the whole new one.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as error:  # name the file they asked for, not our temporary one
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        os.chmod(temporary, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
