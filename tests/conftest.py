"""Shared fixtures: a private data folder per test, and no real user folders ever touched."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data and config folders into the test's own temporary folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("PRACTICE_TUI_DATA_DIR", str(data))
    monkeypatch.setenv("PRACTICE_TUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PRACTICE_TUI_CACHE_DIR", str(tmp_path / "cache"))
    return data
