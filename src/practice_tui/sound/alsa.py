"""Keep ALSA quiet: its error printing would draw over the Textual screen.

libasound reports every failed lookup (no card, no ``default`` device, ...) by printing
"ALSA lib ..." lines to stderr, and Textual draws its screen on stderr. We cannot hide fd 2,
so instead we hand ALSA an error handler that does nothing. This must run before the first
audio device is opened; it is cheap and safe to call many times.
"""

from __future__ import annotations

import ctypes
import sys
import threading

__all__ = ["silence_alsa_errors"]

# The C signature is variadic: void (*)(const char *file, int line, const char *function,
# int err, const char *fmt, ...). A handler that ignores its arguments can safely be declared
# with the fixed ones only.
_ErrorHandler = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)


def _ignore(
    _file: bytes | None, _line: int, _function: bytes | None, _err: int, _fmt: bytes | None
) -> None:
    return None


#: Held at module level so the callback outlives this call: ALSA keeps a raw pointer to it.
_HANDLER = _ErrorHandler(_ignore)
_lock = threading.Lock()
_done = False


def silence_alsa_errors() -> None:
    """Install a no-op ALSA error handler, once. Does nothing where there is no libasound."""
    global _done
    with _lock:
        if _done:
            return
        _done = True
        if sys.platform in ("win32", "darwin"):
            return
        try:
            libasound = ctypes.CDLL("libasound.so.2")
            libasound.snd_lib_error_set_handler.argtypes = [_ErrorHandler]
            libasound.snd_lib_error_set_handler.restype = ctypes.c_int
            libasound.snd_lib_error_set_handler(_HANDLER)
        except Exception:
            # No ALSA here (or an odd build of it): nothing would print, nothing to do.
            return
