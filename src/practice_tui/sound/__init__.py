"""Bells and spoken words: the player the app plays them through, and the choice of a working
backend.

Core layer: nothing here imports Textual or the screens. The backends (miniaudio,
simpleaudio, the terminal bell) are imported only when the chain reaches them.
"""

from typing import TYPE_CHECKING, Any

from practice_tui.sound.alsa import silence_alsa_errors
from practice_tui.sound.chain import (
    BACKENDS,
    BackendFailure,
    FallbackPlayer,
    describe_sound,
    open_player,
    play_test_bell,
)
from practice_tui.sound.player import (
    BELL_ALIASES,
    CUE,
    DEFAULT_BELL,
    MAX_STRIKES,
    NOTICE_NO_BELLS,
    NOTICE_NO_DEVICE,
    NOTICE_STOPPED,
    NOTICE_SWITCHED,
    STRIKE_GAP_S,
    BellLoadError,
    BellPlayer,
    BellSound,
    NoticeCallback,
    PlayRequest,
    SilentPlayer,
    SpeechRequest,
    available_bells,
    bell_label,
    load_bells,
    notice_for,
)

if TYPE_CHECKING:
    from practice_tui.sound.miniaudio_backend import MiniaudioPlayer

__all__ = [
    "BACKENDS",
    "BELL_ALIASES",
    "CUE",
    "DEFAULT_BELL",
    "MAX_STRIKES",
    "NOTICE_NO_BELLS",
    "NOTICE_NO_DEVICE",
    "NOTICE_STOPPED",
    "NOTICE_SWITCHED",
    "STRIKE_GAP_S",
    "BackendFailure",
    "BellLoadError",
    "BellPlayer",
    "BellSound",
    "FallbackPlayer",
    "MiniaudioPlayer",
    "NoticeCallback",
    "PlayRequest",
    "SilentPlayer",
    "SpeechRequest",
    "available_bells",
    "bell_label",
    "describe_sound",
    "load_bells",
    "notice_for",
    "open_player",
    "play_test_bell",
    "silence_alsa_errors",
]


def __getattr__(name: str) -> Any:
    """Import the miniaudio backend only when asked for: importing ``sound`` stays cheap and
    works even where miniaudio has no wheel."""
    if name == "MiniaudioPlayer":
        from practice_tui.sound.miniaudio_backend import MiniaudioPlayer

        return MiniaudioPlayer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
