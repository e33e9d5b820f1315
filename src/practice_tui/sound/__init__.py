"""Bells: the player the app rings them through, and the choice of a working backend.

Core layer: nothing here imports Textual or the screens.
"""

from typing import TYPE_CHECKING, Any

from practice_tui.sound.alsa import silence_alsa_errors
from practice_tui.sound.player import (
    NOTICE_NO_BELLS,
    NOTICE_NO_DEVICE,
    NOTICE_STOPPED,
    BellLoadError,
    BellPlayer,
    BellSound,
    NoticeCallback,
    SilentPlayer,
    load_bells,
    open_player,
)

if TYPE_CHECKING:
    from practice_tui.sound.miniaudio_backend import MiniaudioPlayer

__all__ = [
    "NOTICE_NO_BELLS",
    "NOTICE_NO_DEVICE",
    "NOTICE_STOPPED",
    "BellLoadError",
    "BellPlayer",
    "BellSound",
    "MiniaudioPlayer",
    "NoticeCallback",
    "SilentPlayer",
    "load_bells",
    "open_player",
    "silence_alsa_errors",
]


def __getattr__(name: str) -> Any:
    """Import the miniaudio backend only when asked for: importing ``sound`` stays cheap and
    works even where miniaudio has no wheel."""
    if name == "MiniaudioPlayer":
        from practice_tui.sound.miniaudio_backend import MiniaudioPlayer

        return MiniaudioPlayer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
