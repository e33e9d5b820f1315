"""The voice of a sitting: recorded words through the sound chain, or a direct engine."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from practice_tui.speech.base import Speed, Voice
from practice_tui.speech.speaker import Speaker, spoken_lengths


class Channel:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def speak(self, wav: Path, volume: float = 1.0) -> None:
        self.calls.append(("speak", (wav.name, volume)))

    def pause_speech(self) -> None:
        self.calls.append(("pause", None))

    def resume_speech(self) -> None:
        self.calls.append(("resume", None))

    def stop_speech(self) -> None:
        self.calls.append(("stop", None))


class Spoken:
    def __init__(self, log: list[str], text: str) -> None:
        self.log, self.text = log, text

    def stop(self) -> None:
        self.log.append(f"stop {self.text}")

    def pause(self) -> None:
        self.log.append(f"pause {self.text}")

    def resume(self) -> None:
        self.log.append(f"resume {self.text}")

    def is_playing(self) -> bool:
        return True


class Direct:
    name = "spd-say"
    label = "speech-dispatcher"
    writes_files = False

    def __init__(self) -> None:
        self.log: list[str] = []

    def voices(self) -> list[Voice]:
        return []

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        raise AssertionError("a direct engine is never asked to render")

    def speak(self, text: str, voice: str | None, speed: Speed) -> Spoken:
        self.log.append(f"speak {text} {voice} {speed}")
        return Spoken(self.log, text)


def write_wav(path: Path, seconds: float, rate: int = 22050) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x01\x00" * int(seconds * rate))
    return path


def test_recorded_words_play_through_the_channel_at_the_voice_volume(tmp_path: Path) -> None:
    channel = Channel()
    speaker = Speaker(channel, volume=0.6, recordings={"Breathe in.": tmp_path / "a.wav"})
    speaker.say("Breathe in.")
    speaker.pause()
    speaker.resume()
    speaker.stop()
    assert channel.calls == [
        ("stop", None),  # whatever was being said is silenced first
        ("speak", ("a.wav", 0.6)),
        ("pause", None),
        ("resume", None),
        ("stop", None),
    ]
    assert speaker.said == ["Breathe in."]


def test_words_with_no_recording_or_a_silent_voice_are_not_said(tmp_path: Path) -> None:
    channel = Channel()
    Speaker(channel, recordings={}).say("Unrecorded")
    muted = Speaker(channel, volume=0.0, recordings={"x": tmp_path / "x.wav"})
    muted.say("x")
    assert [call for call, _ in channel.calls] == ["stop", "stop"]
    assert muted.said == []


def test_a_direct_engine_speaks_and_pauses_by_itself() -> None:
    channel, direct = Channel(), Direct()
    speaker = Speaker(channel, direct=direct, voice="en", speed=Speed.NATURAL)
    speaker.say("One")
    speaker.pause()
    speaker.resume()
    speaker.say("Two")
    speaker.stop()
    assert direct.log == [
        "speak One en natural",
        "pause One",
        "resume One",
        "stop One",
        "speak Two en natural",
        "stop Two",
    ]
    assert speaker.said == ["One", "Two"]


def test_spoken_lengths_come_from_the_recordings_or_the_estimate(tmp_path: Path) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"not a wav")
    recordings = {"short": write_wav(tmp_path / "s.wav", 1.5), "broken": broken}
    seconds = spoken_lengths(recordings, estimate=lambda words: 9.0)
    assert abs(seconds("short") - 1.5) < 1e-3
    assert seconds("broken") == 9.0
    assert seconds("never rendered") == 9.0
    assert seconds("   ") == 0.0


def test_a_bell_rings_out_for_its_sound_and_each_further_strike(tmp_path: Path) -> None:
    from practice_tui.sound.player import STRIKE_GAP_S, ring_out_seconds

    write_wav(tmp_path / "bowl.wav", 7.0, rate=44100)
    assert ring_out_seconds("bowl", folder=tmp_path) == pytest.approx(7.0)
    assert ring_out_seconds("bowl", 3, folder=tmp_path) == pytest.approx(7.0 + 2 * STRIKE_GAP_S)
    assert ring_out_seconds("missing", folder=tmp_path) is None
    (tmp_path / "broken.wav").write_bytes(b"RIFF")
    assert ring_out_seconds("broken", folder=tmp_path) is None
    # The shipped bells are all there to be measured.
    for name in ("bell", "cue", "deep-gong", "small-bell", "wooden-chime"):
        assert (ring_out_seconds(name) or 0) > 1.0
