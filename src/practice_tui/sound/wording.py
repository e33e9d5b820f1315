"""Sound in plain words: why a backend was not used, and what will mark a practice's changes.

One place for both, so ``practice-tui doctor`` and the app's notices say the same thing.
"""

from __future__ import annotations

#: miniaudio's result codes (miniaudio.h), as a person would say them.
_MINIAUDIO_CODES = {
    -200: "the sound device cannot play our bells' format",
    -203: "no sound system was found",
    -204: "no sound device was found",
    -205: "the sound system's library was not found",
    -208: "the sound system is not enabled in this build",
    -300: "the sound device was not ready",
    -400: "the sound system could not be started",
    -401: "the sound device could not be opened (another program may be using it, or "
    "there may be none)",
    -402: "the sound device could not be started",
    -403: "the sound device could not be stopped",
}


def plain_backend_error(error: object) -> str:
    """Why a sound backend could not be used, in words: never a tuple of a message and a
    code such as ``('failed to init device', -401)``."""
    if isinstance(error, str):
        return error
    if isinstance(error, ModuleNotFoundError):
        return f"not installed ({error.name or 'a module'} is missing)"
    args = getattr(error, "args", ())
    codes = [arg for arg in args if isinstance(arg, int) and not isinstance(arg, bool)]
    if codes and codes[-1] in _MINIAUDIO_CODES:
        return _MINIAUDIO_CODES[codes[-1]]
    words = [str(arg) for arg in args if isinstance(arg, str) and arg.strip()]
    if words:
        return "; ".join(words) + (f" (code {codes[-1]})" if codes else "")
    return str(error) or type(error).__name__


def marks_the_changes(backend: str) -> str:
    """What will mark a practice's changes when sound plays through ``backend``: the same
    words as the app's notice when sound falls back."""
    if backend == "terminal":
        return "the terminal bell will mark the changes"
    if backend == "silent":
        return "the words will still guide you"
    return "the bells will mark the changes"
