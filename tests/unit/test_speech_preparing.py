"""Getting a sitting's voice ready: the engine chosen, every block of words rendered ahead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from practice_tui.speech.base import EngineStatus, Speed, Voice
from practice_tui.speech.preparing import VoiceChoice, prepare_voice


class Recorder:
    """An engine that writes a short silent-but-real WAV, and counts what it was asked."""

    name = "stand-in"
    label = "Stand-in"
    writes_files = True

    def __init__(self) -> None:
        self.rendered: list[tuple[str, str | None, Speed]] = []

    def voices(self) -> list[Voice]:
        return [Voice(self.name, "v1", "Voice one")]

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        import wave

        self.rendered.append((text, voice, speed))
        with wave.open(str(out), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(8000)
            wav.writeframes(b"\x10\x00" * 8000 * len(text.split()))  # a second a word


class Aloud(Recorder):
    name = "aloud"
    writes_files = False


def statuses(*engines: object) -> list[EngineStatus]:
    return [EngineStatus(e.name, e.label, e, None) for e in engines]  # type: ignore[attr-defined]


def test_every_block_is_rendered_once_and_its_length_is_the_recordings(tmp_path: Path) -> None:
    engine = Recorder()
    seen: list[tuple[int, int]] = []
    prepared = prepare_voice(
        ["Arrive here.", "Notice the breath in the body.", "Arrive here.", "  "],
        VoiceChoice("stand-in", "v1", Speed.NATURAL),
        voices_dir=tmp_path / "voices",
        cache_dir=tmp_path / "cache",
        on_progress=lambda done, total: seen.append((done, total)),
        engines=lambda: statuses(engine),
    )
    assert prepared is not None and prepared.direct is None
    assert [text for text, _, _ in engine.rendered] == [
        "Arrive here.",
        "Notice the breath in the body.",
    ]
    assert {voice for _, voice, _ in engine.rendered} == {"v1"}
    assert seen == [(1, 2), (2, 2)]
    assert prepared.spoken("Notice the breath in the body.") == pytest.approx(6.0)
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in prepared.recordings.values())


def test_no_engine_means_no_voice_and_a_direct_engine_is_not_rendered(tmp_path: Path) -> None:
    common = {"voices_dir": tmp_path / "v", "cache_dir": tmp_path / "c"}
    assert prepare_voice(["Hello."], VoiceChoice(), engines=lambda: [], **common) is None
    aloud = Aloud()
    prepared = prepare_voice(
        ["Hello there."], VoiceChoice(), engines=lambda: statuses(aloud), **common
    )
    assert prepared is not None and prepared.direct is aloud
    assert aloud.rendered == [] and prepared.recordings == {}
    assert prepared.spoken("Hello there.") > 0  # the estimate gives the plan its room


def test_a_voice_chosen_for_another_engine_is_not_passed_on(tmp_path: Path) -> None:
    engine = Recorder()
    prepared = prepare_voice(
        ["Words."],
        VoiceChoice("piper", "en_GB-alba-medium"),
        voices_dir=tmp_path / "v",
        cache_dir=tmp_path / "c",
        engines=lambda: statuses(engine),
    )
    assert prepared is not None and prepared.voice is None
    assert engine.rendered == [("Words.", None, Speed.SLOW)]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_real_system_voice_renders_ahead(tmp_path: Path) -> None:
    from practice_tui.speech.discovery import find_engines

    def only_espeak() -> list[EngineStatus]:
        return [s for s in find_engines(voices_dir=tmp_path / "v") if s.name == "espeak-ng"]

    prepared = prepare_voice(
        ["Let the breath be as it is."],
        VoiceChoice(),
        voices_dir=tmp_path / "v",
        cache_dir=tmp_path / "c",
        engines=only_espeak,
    )
    assert prepared is not None and prepared.engine.name == "espeak-ng"
    assert 1.0 < prepared.spoken("Let the breath be as it is.") < 6.0
