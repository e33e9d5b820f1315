"""The one place that knows where things live (data, config, packaged assets), and how a
private file is written there.

Tests and users can move the data folder with ``--data-dir`` or ``PRACTICE_TUI_DATA_DIR``,
the config folder with ``PRACTICE_TUI_CONFIG_DIR`` and the cache folder (the course and the
spoken words) with ``PRACTICE_TUI_CACHE_DIR``.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TextIO

from practice_tui.records import Record

APP_NAME = "practice-tui"
DATA_DIR_ENV = "PRACTICE_TUI_DATA_DIR"
CONFIG_DIR_ENV = "PRACTICE_TUI_CONFIG_DIR"
CACHE_DIR_ENV = "PRACTICE_TUI_CACHE_DIR"
JOURNAL_FILENAME = "journal.sqlite3"

#: Folders holding personal data are readable by their owner alone.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class Paths(Record):
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
    """Create ``path`` (and any missing parents) so that only its owner can read it.

    Every folder made here is 0700 whatever the umask: ``mkdir`` can only narrow its mode
    (never wider than 0700, even for a moment), and a chmod then sets it exactly (a umask of
    000 gave the parents 0777; one of 0200 would leave a folder we could not write). An
    existing folder of ours loses the others' permissions (its owner's are left as they are,
    so a folder made read-only stays so); existing parents are left as they are.
    """
    missing: list[Path] = []
    probe = path
    while not os.path.lexists(probe) and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, PRIVATE_DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # another process made it a moment ago: theirs to set
        os.chmod(folder, PRIVATE_DIR_MODE)
    if not path.is_dir():
        raise FileExistsError(errno.EEXIST, "Not a folder", str(path))
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:  # others' permissions taken away; the owner's left (read-only stays so)
        with suppress(PermissionError):  # not ours to change
            os.chmod(path, mode & PRIVATE_DIR_MODE)
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


#: A part file of ours: ``.NAME.practice-tui-XXXXXXXX.part`` (the random part is tempfile's).
_PART_PREFIX = ".practice-tui-"
_PART_SUFFIX = ".part"
_OUR_PART = re.compile(r"\..+\.practice-tui-[a-z0-9_]{8}\.part", re.ASCII | re.DOTALL)
#: When this process began (near enough: when this module was first loaded). A part file last
#: written before then is not being written by this process.
_STARTED = time.time()
#: The part files this process is writing now: removed by a signal that stops it.
_live_parts: set[str] = set()


def _in_use(path: str) -> bool:
    """Whether a writer still holds ``path`` (each writer locks its own part file; the lock
    goes with its process, even after ``kill -9``). True when it cannot be told."""
    try:
        import fcntl  # here: only a write pays for it, and Windows has none
    except ImportError:
        return False
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # and with it the lock just taken
    return False


def _is_stale_part(entry: os.DirEntry[str]) -> bool:
    """A part file of ours, by its name and owner, that no one has written since this process
    began and no writer holds: what an export killed part-way left behind."""
    if not _OUR_PART.fullmatch(entry.name) or entry.path in _live_parts:
        return False
    status = entry.stat(follow_symlinks=False)
    owner = getattr(os, "getuid", lambda: status.st_uid)()
    if not stat.S_ISREG(status.st_mode) or status.st_uid != owner:
        return False
    return status.st_mtime < _STARTED and not _in_use(entry.path)


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove the part files of ours that a write cut short (``kill -9``, a power cut) left in
    ``folder``; returns what was removed. Nothing else is touched, nothing raises."""
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            stale = [entry.path for entry in entries if _is_stale_part(entry)]
    except OSError:
        return removed
    for path in stale:
        with suppress(OSError):
            os.unlink(path)
            removed.append(Path(path))
    return removed


def _remove_live_parts(number: int, frame: object) -> None:
    """A signal handler: remove the part files being written, then do what the signal did
    before (stop the process, or raise KeyboardInterrupt)."""
    import signal

    for path in list(_live_parts):
        with suppress(OSError):
            os.unlink(path)
    before = _signals_before.get(number, signal.SIG_DFL)
    if callable(before):
        before(number, frame)
    elif before != signal.SIG_IGN:
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)  # stopped by the signal, as if we had never caught it


#: What SIGTERM and SIGINT did before :func:`remove_parts_on_signals`.
_signals_before: dict[int, Any] = {}


def remove_parts_on_signals() -> None:
    """Make SIGTERM and SIGINT remove the part files being written (by any thread) before
    they stop the process. Called by the app as it opens, and by each write from the main
    thread; elsewhere (another thread) it does nothing.
    """
    # Here, not at the top: the commands that write no file start without it (~0.6 ms).
    import signal

    for number in (signal.SIGTERM, signal.SIGINT):
        before = signal.getsignal(number)
        if before is _remove_live_parts:
            continue
        try:
            signal.signal(number, _remove_live_parts)
        except ValueError:  # not the main thread: the app or the command installed it there
            return
        _signals_before[number] = before


@contextmanager
def private_atomic_writer(path: Path) -> Iterator[TextIO]:
    """Write beside the target and rename into place, readable by the owner alone.

    A failure part-way (a full disk, an error in the writer) removes the partial file, so the
    target is either the old file or the whole new one; so does SIGTERM or SIGINT (see
    :func:`remove_parts_on_signals`), and what a ``kill -9`` left is removed by the next write
    into the same folder (see :func:`remove_stale_parts`).
    """
    # Here, not at the top: the commands that write no file start without tempfile.
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    remove_parts_on_signals()
    remove_stale_parts(folder)
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}{_PART_PREFIX}", suffix=_PART_SUFFIX
        )
    except OSError as error:  # name the file they asked for, not our temporary one
        raise OSError(error.errno, error.strerror, str(path)) from None
    _live_parts.add(temporary)
    try:
        _hold(descriptor)
        os.chmod(temporary, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        _live_parts.discard(temporary)


def _hold(descriptor: int) -> None:
    """Lock our own part file while it is written, so no other process takes it for stale."""
    try:
        import fcntl
    except ImportError:
        return
    with suppress(OSError):  # a file system without locks: the age check still guards it
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
