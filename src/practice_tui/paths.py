"""The one place that knows where things live (data, config, packaged assets), and how a
private file is written there.

Tests and users can move the data folder with ``--data-dir`` or ``PRACTICE_TUI_DATA_DIR``,
the config folder with ``PRACTICE_TUI_CONFIG_DIR`` and the cache folder (the course and the
spoken words) with ``PRACTICE_TUI_CACHE_DIR``.
"""

from __future__ import annotations

import os
import posixpath
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, TextIO

APP_NAME = "practice-tui"
DATA_DIR_ENV = "PRACTICE_TUI_DATA_DIR"
CONFIG_DIR_ENV = "PRACTICE_TUI_CONFIG_DIR"
CACHE_DIR_ENV = "PRACTICE_TUI_CACHE_DIR"
JOURNAL_FILENAME = "journal.sqlite3"

#: Folders holding personal data are readable by their owner alone.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class Paths(NamedTuple):
    """Where this user's data and configuration live."""

    data_dir: Path
    config_dir: Path
    cache_dir: Path

    @property
    def journal_file(self) -> Path:
        return self.data_dir / JOURNAL_FILENAME

    @property
    def own_practices_dir(self) -> Path:
        """Where participants and facilitators put practices of their own (TOML files)."""
        return self.config_dir / "practices"

    @property
    def voices_dir(self) -> Path:
        """Where the Piper voices a participant adds are kept (``voices add FILE``)."""
        return self.data_dir / "voices"

    @property
    def speech_cache_dir(self) -> Path:
        """Where spoken words are kept as WAV files, so each is rendered once."""
        return self.cache_dir / "speech"


#: The XDG variable naming each kind of folder, and its default under the home folder.
_XDG_FOLDERS = {
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}


def xdg_folder(kind: str) -> Path | None:
    """The user's ``kind`` folder for the app as platformdirs works it out on Linux, or
    ``None`` where its answer takes more than the XDG rule (another system, Android, a home
    folder that is not an absolute ``HOME``).

    Loading platformdirs costs every command ~10 ms (its Unix part imports ``tempfile``), so
    the plain case is worked out here; a test checks it against platformdirs itself.
    """
    android = hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ
    if sys.platform != "linux" or android:
        return None
    variable, default = _XDG_FOLDERS[kind]
    chosen = os.environ.get(variable, "")
    if posixpath.isabs(chosen):
        return Path(posixpath.join(chosen, APP_NAME))
    if not posixpath.isabs(os.environ.get("HOME", "")):
        return None
    return Path(posixpath.join(posixpath.expanduser(default), APP_NAME))


def _user_folder(kind: str) -> Path:
    """The user's ``kind`` folder for the app (data, config or cache), as platformdirs says."""
    found = xdg_folder(kind)
    if found is not None:
        return found
    import platformdirs  # here: only a system other than plain Linux pays for it at start-up

    return Path(getattr(platformdirs, f"user_{kind}_path")(APP_NAME))


def resolve_paths(data_dir: Path | str | None = None) -> Paths:
    """Work out the folders, preferring an explicit argument, then the environment."""
    chosen_data = data_dir or os.environ.get(DATA_DIR_ENV)
    data = Path(chosen_data).expanduser() if chosen_data else _user_folder("data")
    chosen_config = os.environ.get(CONFIG_DIR_ENV)
    config = Path(chosen_config).expanduser() if chosen_config else _user_folder("config")
    chosen_cache = os.environ.get(CACHE_DIR_ENV)
    cache = Path(chosen_cache).expanduser() if chosen_cache else _user_folder("cache")
    return Paths(data_dir=data.absolute(), config_dir=config.absolute(), cache_dir=cache.absolute())


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) so that only its owner can read it.

    An existing folder of ours is tightened to owner-only; parents are left as they are.
    """
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if path.stat().st_mode & 0o077:
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def bells_dir() -> Path:
    """The folder of bell sounds: inside the installed wheel, or ``assets/bells`` in a checkout."""
    # Beside this module, where the wheel puts them (``force-include`` in pyproject.toml),
    # found without ``importlib.resources``, which with ``zipfile`` costs a command ~3 ms.
    packaged = Path(__file__).parent / "assets" / "bells"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "assets" / "bells"


def scripts_dir() -> Path:
    """The folder of the course's own script files (weeks and practices).

    Beside this module, as ``importlib.resources`` would find it (the files are read as files,
    so the package is always on disk); without loading it, which costs the commands ~3 ms.
    """
    return Path(__file__).parent / "scripts"


@contextmanager
def private_atomic_writer(path: Path) -> Iterator[TextIO]:
    """Write beside the target and rename into place, readable by the owner alone.

    A failure part-way (a full disk, an error in the writer) removes the partial file, so the
    target is either the old file or the whole new one.
    """
    # Here, not at the top: the commands that write no file start without tempfile.
    import tempfile

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
