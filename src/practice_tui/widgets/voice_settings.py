"""Settings' voice section: on or off, which voice, how fast, how loud.

The voices are found in a worker (listing them runs the speaking programs), so the section
says it is looking until the screen hands it what was found, then shows its rows; with no
voice at all, it says in one sentence how to get one. The rows' changes reach the Settings
screen as any other row's do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from practice_tui.preferences import Preferences
from practice_tui.speech import NO_VOICE_HINT, Speed
from practice_tui.widgets.choice_row import ChoiceRow

if TYPE_CHECKING:
    from practice_tui.speech import EngineStatus, Voice

#: Each engine that can speak, with the voices it offers, best engine first.
EngineVoices = list[tuple["EngineStatus", list["Voice"]]]

LOOKING = "Looking for the voices on this computer…"
ON_OFF = [("on", True), ("off", False)]
SPEEDS = [("slow", Speed.SLOW), ("natural", Speed.NATURAL)]
VOLUMES = [(f"{n}", n) for n in range(0, 101, 10)]
#: Which voice: an engine's name and the voice's id; (None, None) is the best one found.
VoiceKey = tuple[str | None, str | None]


def voice_choices(found: EngineVoices) -> list[tuple[str, VoiceKey]]:
    """Every voice to pick from, best engine first, after "the best found"."""
    best = found[0][0].label
    choices: list[tuple[str, VoiceKey]] = [(f"the best found ({best})", (None, None))]
    for status, voices in found:
        if not voices:
            choices.append((status.label, (status.name, None)))
        for voice in voices:
            choices.append((f"{status.label}: {voice.label}", (status.name, voice.id)))
    return choices


def chosen_key(preferences: Preferences, choices: list[tuple[str, VoiceKey]]) -> VoiceKey:
    """The choice Settings holds, or the engine's own voice when that voice has gone."""
    keys = [key for _, key in choices]
    for key in ((preferences.voice_engine, preferences.voice), (preferences.voice_engine, None)):
        if key in keys:
            return key
    return (None, None)


class VoiceSettings(Vertical):
    """The rows appear once the voices are found; none if there is no voice to choose."""

    DEFAULT_CSS = """
    VoiceSettings { height: auto; }
    VoiceSettings #voice-status { padding: 0 2; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content(LOOKING), id="voice-status")

    def show_found(self, found: EngineVoices, prefs: Preferences) -> None:
        """The rows for the voices found, chosen as ``prefs`` say; or how to get a voice."""
        status = self.query_one("#voice-status", Static)
        if not found:
            status.update(Content(NO_VOICE_HINT))
            return
        choices = voice_choices(found)
        status.display = False
        self.mount_all(
            [
                ChoiceRow(
                    "Voice", ON_OFF, prefs.voice_on is not False, id="voice-on", label_width=18
                ),
                ChoiceRow(
                    "Which voice",
                    choices,
                    chosen_key(prefs, choices),
                    id="voice-choice",
                    label_width=18,
                    one_at_a_time=True,
                ),
                ChoiceRow("Speed", SPEEDS, prefs.voice_speed, id="voice-speed", label_width=18),
                ChoiceRow(
                    "Voice volume", VOLUMES, prefs.voice_volume, id="voice-volume", label_width=18
                ),
                Static(
                    Content("On a practice's first screen, v turns the voice on or off for it."),
                    classes="hint",
                ),
            ]
        )
