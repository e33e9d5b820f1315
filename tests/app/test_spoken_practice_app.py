"""A whole practice with the voice on: every block of words rendered ahead, then spoken once,
in order, each after its bell and before the next step; pause holds the voice and grounding
is spoken too."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from practice_tui.screens.practice import PracticeScreen
from practice_tui.speech import EngineStatus, Speed, Voice
from practice_tui.start import StartAt
from tests.app.harness import make_app, settled


class StandIn:
    """A speech engine that writes a WAV of half a second a word, and counts its renders."""

    name = "stand-in"
    label = "Stand-in voice"
    writes_files = True

    def __init__(self) -> None:
        self.rendered: list[str] = []

    def voices(self) -> list[Voice]:
        return [Voice(self.name, "calm", "Calm")]

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        self.rendered.append(text)
        with wave.open(str(out), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(8000)
            wav.writeframes(b"\x20\x00" * 4000 * len(text.split()))


def spoken_app(folder: Path, practice: str, engine: StandIn, **start: object):
    app, clock = make_app(folder / "data", StartAt(practice_id=practice, **start))
    app.services.find_speech = lambda: [EngineStatus(engine.name, engine.label, engine, None)]
    app.services.speech_cache_dir = folder / "cache"
    return app, clock


async def begin(pilot) -> None:
    """Wait for the voices to be found, press Enter, and wait for the words to be ready."""
    await settled(pilot)
    await pilot.press("enter")
    await settled(pilot)


async def run_to_the_end(app, clock, pilot) -> PracticeScreen:
    screen = app.screen
    assert isinstance(screen, PracticeScreen) and screen.engine is not None
    while (deadline := screen.engine.next_deadline()) is not None:
        clock.set(deadline)
        screen.wake()
        await pilot.pause()
    return screen


@pytest.mark.parametrize("practice", ["breathing-space", "affectionate-breathing"])
async def test_every_block_is_spoken_once_in_order_after_its_bell(
    tmp_path: Path, practice: str
) -> None:
    engine = StandIn()
    app, clock = spoken_app(tmp_path, practice, engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.speaking
        await pilot.press("enter")
        await settled(pilot)
        assert screen.engine is not None, "the practice begins once its words are ready"
        expected = screen.mode.spoken_words()
        assert engine.rendered == list(dict.fromkeys(expected))  # each block rendered once
        bells = app.services.bells
        assert set(bells.preloaded) == set(screen.speaker._recordings.values())  # type: ignore[union-attr]
        steps = [e for e in screen.engine.timeline.events if e.step is not None]
        await run_to_the_end(app, clock, pilot)
        assert screen.speaker is not None and screen.speaker.said == expected
        assert len(bells.spoken) == len(expected)
        starts = [at for _, at in bells.spoken]
        t0 = screen.engine.started_at
        assert t0 is not None
        for event, at, words in zip(steps, starts, expected, strict=True):
            assert event.step.speech == words
            # Never before the step's bell has rung out, always before the next step.
            assert at >= t0 + event.offset + event.speak_after - 1e-6
        durations = {w: len(w.split()) * 0.5 for w in expected}
        for (event, at), after in zip(zip(steps, starts, strict=True), steps[1:], strict=False):
            assert at + durations[event.step.speech] <= t0 + after.offset + 1e-6


async def test_pause_holds_the_voice_and_stop_silences_it(tmp_path: Path) -> None:
    engine = StandIn()
    app, clock = spoken_app(tmp_path, "breathing-space", engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await begin(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.engine is not None
        clock.advance(8)
        screen.wake()
        await pilot.pause()
        bells = app.services.bells
        assert bells.spoken, "the first words are being said"
        await pilot.press("space")
        assert bells.speech_changes[-1][0] == "pause"
        await pilot.press("space")
        assert bells.speech_changes[-1][0] == "resume"
        await pilot.press("s")
        assert bells.speech_changes[-1][0] == "pause", "the voice holds behind the Stop question"
        await pilot.press("y")  # stop
        await pilot.pause()
        assert bells.speech_changes[-1][0] == "stop"


async def test_without_a_voice_nothing_is_rendered_or_said(tmp_path: Path) -> None:
    engine = StandIn()
    app, clock = spoken_app(tmp_path, "breathing-space", engine, voice=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await begin(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.engine is not None
        assert screen.speaker is None and engine.rendered == []
        await run_to_the_end(app, clock, pilot)
        assert app.services.bells.spoken == []


async def test_grounding_from_a_spoken_practice_is_spoken_too(tmp_path: Path) -> None:
    engine = StandIn()
    app, clock = spoken_app(tmp_path, "affectionate-breathing", engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await begin(pilot)
        await pilot.press("g")
        await settled(pilot)
        grounding = app.screen
        assert isinstance(grounding, PracticeScreen) and grounding.way_out
        assert grounding.engine is not None and grounding.speaker is not None
        await run_to_the_end(app, clock, pilot)
        assert grounding.speaker.said == grounding.mode.spoken_words()


class SpyOnTheDevice:
    """The real sound chain on miniaudio's null device, with each speak noted on the way."""

    def __init__(self, player) -> None:
        self._player = player
        self.spoken: list[Path] = []

    def speak(self, wav: Path, volume: float = 1.0) -> None:
        self.spoken.append(Path(wav))
        self._player.speak(wav, volume)

    def __getattr__(self, name: str):
        return getattr(self._player, name)


async def test_a_whole_spoken_practice_plays_on_the_null_audio_device(tmp_path: Path) -> None:
    miniaudio = pytest.importorskip("miniaudio")
    from practice_tui.sound import open_player

    engine = StandIn()
    app, clock = spoken_app(tmp_path, "breathing-space", engine)
    notices: list[str] = []
    real = open_player(
        on_notice=notices.append,
        prefer=("miniaudio", "silent"),
        miniaudio_backends=[miniaudio.Backend.NULL],
    )
    spy = SpyOnTheDevice(real)
    app.services.open_bells = lambda notice, terminal_bell: spy
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await begin(pilot)
            screen = app.screen
            assert isinstance(screen, PracticeScreen) and screen.speaker is not None
            recordings = screen.speaker._recordings
            await run_to_the_end(app, clock, pilot)
            expected = screen.mode.spoken_words()
            assert spy.spoken == [recordings[words] for words in expected]
        assert real.name == "miniaudio" and notices == [], "the null device played it all"
    finally:
        real.stop_speech()
        real.wait_idle(2.0)
