"""The operating system's "permission denied", for tests run as root (for whom it never is)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def refuse_access(monkeypatch: pytest.MonkeyPatch, path: Path, refused: int) -> None:
    """``os.access(path, mode)`` answers False when ``mode`` asks for any of ``refused``."""
    real_access = os.access

    def access(asked: object, mode: int, **kwargs: object) -> bool:
        if Path(str(asked)) == path and mode & refused:
            return False
        return real_access(asked, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
