"""Where the app opens: chosen by the command line, honoured by the app.

Plain data in a module of its own, so the command line can name a start without loading
Textual, and the app can read it without importing the command line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StartAt:
    """Where the app opens: home, or straight on a practice (``practice-tui play``)."""

    practice_id: str | None = None
    minutes: int | None = None
    mode: str | None = None
    #: Spoken or not, for this run only (``play --voice``/``--no-voice``); None: as set.
    voice: bool | None = None
    #: The anchor, for this run only (``play --anchor``): "breath", "feet", "hands" or
    #: "sounds"; None: as chosen in Settings.
    anchor: str | None = None
    #: Open on the timer instead, with these minutes (None: until stopped) and interval.
    timer: bool = False
    interval: float | None = None
    open_ended: bool = False
    #: Open on another screen over Home: "journal" (``practice-tui journal``).
    screen: str | None = None
    #: Open on this week's screen (``practice-tui week N``).
    week: int | None = None
    #: Back to the shell once the first screen is left, as a shell alias expects
    #: (``practice-tui play``): after the reflection is saved or left, or the practice is.
    return_to_shell: bool = False
