"""The participant's choice of voice, in the app: Settings' voice section and the practice's
ready screen, which always says whether the voice is on and which key turns it off."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.widgets import Static

from practice_tui.anchors import DEFAULT_ANCHOR
from practice_tui.preferences import Preferences, load_preferences
from practice_tui.screens.practice import PracticeScreen
from practice_tui.screens.settings import SettingsScreen
from practice_tui.speech import NO_VOICE_HINT, EngineStatus, Speed, Voice
from practice_tui.speech.preparing import VoiceChoice
from practice_tui.start import StartAt
from practice_tui.widgets.choice_row import ChoiceRow
from tests.app.harness import make_app, settled


@dataclass
class QuietEngine:
    """An engine that is found but never asked to speak here (rendering is not this part's)."""

    name: str
    label: str
    listed: tuple[str, ...] = ()
    writes_files: bool = True

    def voices(self) -> list[Voice]:
        return [Voice(self.name, each, each.title()) for each in self.listed]

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        raise AssertionError("nothing is spoken on the ready screen or in Settings")


def engines() -> list[EngineStatus]:
    return [
        EngineStatus("piper", "Piper", None, "Piper is not installed."),
        EngineStatus(
            "espeak-ng",
            "eSpeak NG",
            QuietEngine("espeak-ng", "eSpeak NG", ("en-gb", "en-us")),
            None,
        ),
        EngineStatus(
            "spd-say", "speech-dispatcher", QuietEngine("spd-say", "speech-dispatcher"), None
        ),
    ]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def footer_keys(screen) -> list[str]:
    return [key.description for key in screen.query("FooterKey")]


def voice_app(folder: Path, start: StartAt | None = None, found=engines, preferences=None):
    app, _ = make_app(folder, start)
    looked: list[int] = []

    def find() -> list[EngineStatus]:
        looked.append(1)
        return found()

    app.services.find_speech = find
    if preferences is not None:
        app.services.preferences = preferences
    return app, looked


async def test_settings_offer_every_voice_found_and_keep_each_choice(
    private_folders: Path, tmp_path: Path
) -> None:
    app, _ = voice_app(private_folders)
    file = tmp_path / "config" / "settings.json"
    app.services.preferences_file = file
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("comma")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        choice = screen.query_one("#voice-choice", ChoiceRow)
        assert [label for label, _ in choice.choices] == [
            "the best found (eSpeak NG)",
            "eSpeak NG: En-Gb",
            "eSpeak NG: En-Us",
            "speech-dispatcher",
        ]
        assert "the best found (eSpeak NG)" in str(choice.render())
        assert screen.query_one("#voice-on", ChoiceRow).value is True
        screen.query_one("#voice-on").focus()
        await pilot.press("down", "right", "right")  # eSpeak NG's en-us
        await pilot.press("down", "right")  # natural
        await pilot.press("down", "left", "left")  # volume 80 -> 60
        await pilot.pause()
        assert "eSpeak NG: En-Us" in str(choice.render()) and "3 of 4" in str(choice.render())
    saved, problem = load_preferences(file)
    assert problem is None
    assert (saved.voice_engine, saved.voice) == ("espeak-ng", "en-us")
    assert saved.voice_speed is Speed.NATURAL and saved.voice_volume == 60
    assert saved.volume == Preferences().volume  # the bells' volume is apart


async def test_turning_the_voice_off_in_settings_turns_it_off_for_every_practice(
    private_folders: Path,
) -> None:
    remembered = Preferences(preparation_seconds=0, voice_by_practice={"breathing-space": True})
    app, _ = voice_app(private_folders, preferences=remembered)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("comma")
        await settled(pilot)
        app.screen.query_one("#voice-on").focus()
        await pilot.press("right")
        await pilot.pause()
    assert app.services.preferences.voice_on is False
    assert app.services.preferences.voice_by_practice == {}


async def test_settings_say_how_to_get_a_voice_when_there_is_none(private_folders: Path) -> None:
    app, _ = voice_app(private_folders, found=lambda: engines()[:1])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("comma")
        await settled(pilot)
        screen = app.screen
        assert text_of(screen, "#voice-status") == NO_VOICE_HINT
        assert not screen.query("#voice-on") and not screen.query("#voice-choice")


async def test_a_chosen_voice_that_has_gone_falls_back_to_the_engine_s_best(
    private_folders: Path,
) -> None:
    gone = Preferences(preparation_seconds=0, voice_engine="espeak-ng", voice="en-scotland")
    app, _ = voice_app(private_folders, preferences=gone)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("comma")
        await settled(pilot)
        assert app.screen.query_one("#voice-choice", ChoiceRow).value == (None, None)


async def test_the_ready_screen_shows_the_voice_and_its_key_and_remembers_the_choice(
    private_folders: Path, tmp_path: Path
) -> None:
    app, looked = voice_app(private_folders, StartAt("breathing-space", 3))
    file = tmp_path / "config" / "settings.json"
    app.services.preferences_file = file
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.speaking is True
        assert "v turns it off" in text_of(screen, "#voice")
        assert "Voice on/off" in footer_keys(screen)
        assert screen.voice_choice == VoiceChoice(None, None, Speed.SLOW)
        assert screen.voice_volume == 0.8
        found = screen.speech_engines or []
        assert [status.name for status in found] == ["piper", "espeak-ng", "spd-say"]
        await pilot.press("v")
        await pilot.pause()
        assert screen.speaking is False and screen.voice_choice is None
        assert "v turns it on" in text_of(screen, "#voice")
        await pilot.press("escape")
        await pilot.pause()
        practice = app.services.course.practice("breathing-space")
        again = PracticeScreen(practice)
        await app.push_screen(again)
        await settled(pilot)
        assert again.speaking is False  # remembered for this practice
        assert "v turns it on" in text_of(again, "#voice")
        other = PracticeScreen(app.services.course.practice("compassionate-listening"))
        await app.push_screen(other)
        await settled(pilot)
        assert other.speaking is True  # and only for this one
    assert looked == [1]  # the engines are looked for once a run
    saved, _ = load_preferences(file)
    assert saved.voice_by_practice == {"breathing-space": False}


async def test_the_voice_key_is_quiet_once_the_practice_begins(private_folders: Path) -> None:
    app, _ = voice_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        await pilot.press("enter")
        await pilot.pause()
        assert "Voice on/off" not in footer_keys(screen)
        await pilot.press("v")
        await pilot.pause()
        assert screen.speaking is True
        assert app.services.preferences.voice_by_practice == {}


async def test_the_ready_screen_says_when_no_voice_was_found(private_folders: Path) -> None:
    app, _ = voice_app(private_folders, StartAt("breathing-space", 3), found=list)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert "no voice was found" in text_of(screen, "#voice")
        assert screen.speaking is False and screen.voice_choice is None
        assert "Voice on/off" not in footer_keys(screen)
        await pilot.press("v")
        await pilot.pause()
        assert app.services.preferences.voice_by_practice == {}


async def test_play_no_voice_is_for_this_run_only_and_the_key_still_works(
    private_folders: Path,
) -> None:
    app, _ = voice_app(private_folders, StartAt("breathing-space", 3, voice=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert screen.speaking is False and "v turns it on" in text_of(screen, "#voice")
        assert app.services.preferences == Preferences()._replace(
            preparation_seconds=0, anchor=DEFAULT_ANCHOR
        )
        await pilot.press("v")
        await pilot.pause()
        assert screen.speaking is True
        assert app.services.preferences.voice_by_practice == {}  # on is Settings' own


async def test_play_voice_cannot_speak_without_a_voice(private_folders: Path) -> None:
    app, _ = voice_app(private_folders, StartAt("breathing-space", 3, voice=True), found=list)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert app.screen.speaking is False
        assert "no voice was found" in text_of(app.screen, "#voice")


async def test_the_ready_screen_follows_a_change_made_in_settings(private_folders: Path) -> None:
    app, _ = voice_app(private_folders, StartAt("breathing-space", 3))
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        ready = app.screen
        assert "v turns it off" in text_of(ready, "#voice")
        await pilot.press("comma")
        await settled(pilot)
        app.screen.query_one("#voice-on").focus()
        await pilot.press("right", "escape")
        await pilot.pause()
        assert app.screen is ready and ready.speaking is False
        assert "v turns it on" in text_of(ready, "#voice")


async def test_the_practice_hands_on_the_voice_chosen_in_settings(private_folders: Path) -> None:
    chosen = Preferences(
        preparation_seconds=0,
        voice_engine="espeak-ng",
        voice="en-gb",
        voice_speed=Speed.NATURAL,
        voice_volume=50,
    )
    app, _ = voice_app(private_folders, StartAt("breathing-space", 3), preferences=chosen)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert screen.voice_choice == VoiceChoice("espeak-ng", "en-gb", Speed.NATURAL)
        assert screen.voice_volume == 0.5
        app.services.preferences = chosen._replace(muted=True)
        assert screen.voice_volume == 0.0
