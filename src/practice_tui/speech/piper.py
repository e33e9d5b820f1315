"""Piper, a natural neural voice, run as its own program (it is GPL-3.0; we never import it).

Its voices are files the participant adds (``practice-tui voices add FILE``): a model
``NAME.onnx`` and its settings ``NAME.onnx.json``, kept in the data folder's ``voices/``.
Nothing is ever downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from practice_tui.paths import PRIVATE_FILE_MODE, ensure_private_dir
from practice_tui.speech.base import SpeechError, Speed, Voice
from practice_tui.speech.process import render_timeout, run_quietly
from practice_tui.speech.system import one_line

__all__ = ["PiperEngine", "add_voice", "find_piper", "piper_voices"]

MODEL_SUFFIX = ".onnx"
CONFIG_SUFFIX = ".onnx.json"
#: How much longer each sound lasts at the slow speed than at the voice's own pace.
SLOW_LENGTH_SCALE = 1.2
#: Keys every Piper voice's settings file has.
_CONFIG_KEYS = ("audio", "phoneme_id_map")


def _read_config(path: Path) -> dict[str, object]:
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


def _label(stem: str, config: dict[str, object]) -> str:
    """``en_GB-alba-medium`` with its settings: "alba (English, United Kingdom, medium)"."""
    language = config.get("language")
    audio = config.get("audio")
    parts = []
    if isinstance(language, dict):
        parts += [str(language[k]) for k in ("name_english", "country_english") if k in language]
    if isinstance(audio, dict) and "quality" in audio:
        parts.append(str(audio["quality"]))
    name = str(config.get("dataset") or stem)
    return f"{name} ({', '.join(parts)})" if parts else name


def piper_voices(folder: Path) -> list[Voice]:
    """The voices in ``folder``: each model that has its settings file beside it."""
    try:
        models = sorted(folder.glob(f"*{MODEL_SUFFIX}"))
    except OSError:
        return []
    voices = []
    for model in models:
        config = model.with_name(model.name + ".json")
        if model.is_file() and config.is_file():
            voices.append(Voice("piper", model.stem, _label(model.stem, _read_config(config))))
    return voices


def find_piper(
    which: Callable[[str], str | None],
    executable: str = sys.executable,
    has_module: Callable[[str], bool] | None = None,
) -> tuple[str, ...] | None:
    """The command that runs Piper: ``piper`` on PATH, beside this Python, or ``python -m``."""
    found = which("piper")
    if found:
        return (found,)
    folder = Path(executable).parent
    for beside in (folder / "piper", folder / "piper.exe"):
        if beside.is_file() and os.access(beside, os.X_OK):
            return (str(beside),)
    if has_module is not None and has_module("piper"):
        return (executable, "-m", "piper")
    return None


class PiperEngine:
    """Piper's program, given a model and its settings, with the words on standard input."""

    name = "piper"
    label = "Piper"
    writes_files = True

    def __init__(self, command: tuple[str, ...], folder: Path) -> None:
        self.command = command
        self.folder = folder

    def voices(self) -> list[Voice]:
        return piper_voices(self.folder)

    def default_voice(self) -> str | None:
        """A British English voice if there is one, else the first."""
        ids = [voice.id for voice in self.voices()]
        british = [voice for voice in ids if voice.startswith("en_GB")]
        return (british or ids or [None])[0]

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        chosen = voice or self.default_voice()
        model = self.folder / f"{chosen}{MODEL_SUFFIX}"
        config = self.folder / f"{chosen}{CONFIG_SUFFIX}"
        if chosen is None or not model.is_file() or not config.is_file():
            raise SpeechError(f"The Piper voice {chosen or ''} is not among your voices.")
        inference = _read_config(config).get("inference")
        scale = float(inference.get("length_scale", 1.0)) if isinstance(inference, dict) else 1.0
        if Speed(speed) is Speed.SLOW:
            scale *= SLOW_LENGTH_SCALE
        # The underscore spellings are understood by every Piper, the C++ one and piper-tts.
        args = [*self.command, "-m", str(model), "-c", str(config), "-f", str(out)]
        args += ["--length_scale", f"{scale:.3f}"]
        run_quietly(
            args,
            what="Piper could not speak the words",
            input_text=one_line(text) + "\n",
            timeout=render_timeout(text),
        )


class VoiceFileError(SpeechError):
    """A file given to ``voices add`` is not a Piper voice; the message says why."""


def _pair(file: Path) -> tuple[Path, Path]:
    """The model and settings files for either of the two given."""
    name = file.name
    if name.endswith(CONFIG_SUFFIX):
        model = file.with_name(name[: -len(".json")])
        return model, file
    if name.endswith(MODEL_SUFFIX):
        return file, file.with_name(name + ".json")
    raise VoiceFileError(f"{name} is not a Piper voice: choose its .onnx file.")


def _check_pair(model: Path, config: Path) -> None:
    for part in (model, config):
        if not part.is_file():
            raise VoiceFileError(
                f"{part.name} was not found beside it: a Piper voice is a .onnx file "
                "with its .onnx.json, in the same folder."
            )
    try:
        with model.open("rb") as stream:
            start = stream.read(64)
    except OSError as error:
        raise VoiceFileError(f"{model.name} could not be read ({error.strerror}).") from None
    if not start or start.lstrip().startswith((b"<", b"{", b"version https://git-lfs")):
        raise VoiceFileError(
            f"{model.name} is not a voice model (it may be a web page saved by mistake): "
            "download the file itself."
        )
    settings = _read_config(config)
    if not all(key in settings for key in _CONFIG_KEYS):
        raise VoiceFileError(f"{config.name} is not the settings of a Piper voice.")


def _copy_private(source: Path, target: Path) -> None:
    """Copy beside the target, readable by the owner alone, then rename into place."""
    partial = target.with_name(f".{target.name}.part")
    try:
        with source.open("rb") as reading:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
            os.chmod(partial, PRIVATE_FILE_MODE)
            with os.fdopen(descriptor, "wb") as writing:
                shutil.copyfileobj(reading, writing)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def add_voice(file: Path, folder: Path) -> Voice:
    """Copy a Piper voice (the ``.onnx`` named, or its ``.onnx.json``) into ``folder``."""
    model, config = _pair(file)
    _check_pair(model, config)
    try:
        ensure_private_dir(folder)
        _copy_private(config, folder / config.name)
        _copy_private(model, folder / model.name)
    except OSError as error:
        raise VoiceFileError(
            f"The voice could not be copied into {folder} ({error.strerror})."
        ) from None
    return Voice("piper", model.stem, _label(model.stem, _read_config(folder / config.name)))
