"""The speech channel: words played through the bells' sound chain, mixed with the bells.

Most tests drive the miniaudio backend's mixer as its device would (a fake device callback:
``_mix`` asked for chunk after chunk), so they are exact and never wait; a few play on
miniaudio's NULL device, which pulls audio in real time without a sound card. The WAVs are
made here: short tones, 16-bit mono at 22050 Hz like espeak-ng's and Piper's, so resampling to
the device's 44100 Hz is exercised.
"""

from __future__ import annotations

import itertools
import math
import threading
import wave
from array import array
from pathlib import Path
from typing import Any

import miniaudio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.sound import (
    NOTICE_NO_DEVICE,
    BellPlayer,
    BellSound,
    FallbackPlayer,
    PlayRequest,
    SilentPlayer,
    SpeechRequest,
    notice_for,
    open_player,
)
from practice_tui.sound.miniaudio_backend import MiniaudioPlayer, _Session, decode_speech
from practice_tui.sound.mixer import FADE_FRAMES, Mixer, SpeechVoice
from practice_tui.sound.player import SAMPLE_RATE
from practice_tui.sound.terminal import TerminalBellPlayer

WAIT_S = 20.0  # an upper bound for threads and devices; tests go on as soon as they are done
NULL = [miniaudio.Backend.NULL]
CHUNK = 441  # frames the fake device asks for at a time (10 ms)
SPEECH_RATE = 22050


def make_wav(path: Path, seconds: float = 0.3, hz: float = 440.0, level: int = 8000) -> Path:
    """A sine tone as a 16-bit mono WAV at 22050 Hz."""
    frames = int(seconds * SPEECH_RATE)
    samples = array(
        "h", (round(level * math.sin(2 * math.pi * hz * i / SPEECH_RATE)) for i in range(frames))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SPEECH_RATE)
        out.writeframes(samples.tobytes())
    return path


def bells(seconds: float = 0.05) -> dict[str, BellSound]:
    samples = array(
        "h",
        (
            round(6000 * math.sin(2 * math.pi * 784 * i / SAMPLE_RATE))
            for i in range(int(seconds * SAMPLE_RATE))
        ),
    )
    return {"cue": BellSound("cue", samples), "singing-bowl": BellSound("singing-bowl", samples)}


class FakeDevice:
    """Stands in for a sound device: asks the player's mixer for chunks, as the callback does.
    The player's worker is never started, so nothing runs in real time."""

    def __init__(self, player: MiniaudioPlayer) -> None:
        self.player = player
        self.session = _Session()
        player._wake = lambda: None  # type: ignore[method-assign]

    def pull(self, chunks: int = 1, frames: int = CHUNK) -> array:
        out = array("h")
        for _ in range(chunks):
            chunk = self.player._mix(self.session, frames)
            assert len(chunk) == 2 * frames
            out.frombytes(chunk)
        return out


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    return make_wav(tmp_path / "words.wav")


@pytest.fixture
def fake() -> FakeDevice:
    return FakeDevice(MiniaudioPlayer(bells(), backends=NULL))


def faded_out(samples: array, gain: float = 1.0) -> list[int]:
    """What a cut-off speech's next samples sound like: a straight ramp down to silence."""
    head = [int(s * gain) for s in samples[:FADE_FRAMES]]
    return [int(s * (FADE_FRAMES - i) / FADE_FRAMES) for i, s in enumerate(head)]


def faded_in(samples: array) -> list[int]:
    """What resumed speech's first samples sound like: a straight ramp up from silence."""
    return [int(s * (i + 1) / FADE_FRAMES) for i, s in enumerate(samples[:FADE_FRAMES])]


def _sign_changes(samples: array) -> int:
    return sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))


# -- the mixer, through a fake device callback --------------------------------------------------


def test_speech_is_resampled_to_the_device_rate_and_played_to_its_last_sample(
    fake: FakeDevice, wav: Path
) -> None:
    expected = decode_speech(wav).samples
    assert len(expected) == pytest.approx(0.3 * SAMPLE_RATE, abs=2)  # 22050 Hz made 44100 Hz
    assert isinstance(fake.player, BellPlayer)
    fake.player.speak(wav)
    assert fake.player.speech_playing()
    chunks = math.ceil(len(expected) / CHUNK)
    out = fake.pull(chunks)
    assert out[: len(expected)] == expected
    assert set(out[len(expected) :]) <= {0}
    assert not fake.player.speech_playing()
    assert list(fake.player.spoken) == [wav]
    # The tone keeps its pitch: 440 Hz, about 2 * 440 sign changes a second at the new rate.
    assert _sign_changes(expected) / 0.3 == pytest.approx(2 * 440, rel=0.02)


def test_pause_holds_the_speech_and_resume_carries_on_from_the_same_frame(
    fake: FakeDevice, wav: Path
) -> None:
    expected = decode_speech(wav).samples
    fake.player.speak(wav)
    before = fake.pull(5)
    at = 5 * CHUNK
    assert before == expected[:at]
    fake.player.pause_speech()
    assert not fake.player.speech_playing()
    paused = fake.pull(7)
    # The words fade out over a few milliseconds (no click), then silence while they wait.
    assert paused[:FADE_FRAMES].tolist() == faded_out(expected[at:])
    assert set(paused[FADE_FRAMES:]) == {0}
    fake.player.resume_speech()
    assert fake.player.speech_playing()
    after = fake.pull(5)
    # They carry on from the very frame where they paused, fading back in: none lost.
    assert after[:FADE_FRAMES].tolist() == faded_in(expected[at:])
    assert after[FADE_FRAMES:] == expected[at + FADE_FRAMES : at + 5 * CHUNK]


def test_stop_silences_at_once_and_there_is_nothing_to_resume(fake: FakeDevice, wav: Path) -> None:
    fake.player.speak(wav, 0.5)
    assert set(fake.pull(2)) != {0}
    fake.player.stop_speech()
    assert not fake.player.speech_playing()
    out = fake.pull(3)
    expected = decode_speech(wav).samples[2 * CHUNK :]
    assert out[:FADE_FRAMES].tolist() == faded_out(expected, 0.5)  # 6 ms: no click
    assert set(out[FADE_FRAMES:]) == {0}
    fake.player.resume_speech()
    assert set(fake.pull(3)) == {0}
    assert list(fake.player.spoken) == []


def test_a_new_speak_replaces_the_speech_playing(fake: FakeDevice, tmp_path: Path) -> None:
    first = make_wav(tmp_path / "first.wav", hz=300)
    second = make_wav(tmp_path / "second.wav", hz=500)
    fake.player.speak(first)
    fake.pull(4)
    fake.player.pause_speech()
    fake.pull(1)  # the fade of the pause
    fake.player.speak(second)  # starts now, from its beginning, even over a paused speech
    assert fake.player.speech_playing()
    assert fake.pull(4) == decode_speech(second).samples[: 4 * CHUNK]
    fake.player.speak(first)  # over words being heard: they fade out under the new ones
    out = fake.pull(1)
    cut = faded_out(decode_speech(second).samples[4 * CHUNK :])
    new = decode_speech(first).samples
    assert (
        out.tolist()
        == [a + b for a, b in zip(cut, new, strict=False)] + new[FADE_FRAMES:CHUNK].tolist()
    )


def test_speech_is_mixed_with_the_bells(fake: FakeDevice, wav: Path) -> None:
    speech = decode_speech(wav).samples
    bell = bells()["cue"].samples
    fake.player.play("cue", 0.6)
    fake.player.speak(wav, 0.5)
    out = fake.pull(2)
    expected = [int(b * 0.6 + s * 0.5) for b, s in zip(bell, speech, strict=False)]
    assert out.tolist() == expected[: 2 * CHUNK]
    fake.pull(math.ceil(len(speech) / CHUNK))
    assert list(fake.player.finished) == ["cue"] and list(fake.player.spoken) == [wav]


def test_the_voice_volume_is_its_own(fake: FakeDevice, wav: Path) -> None:
    speech = decode_speech(wav).samples
    fake.player.speak(wav, 0.25)
    assert fake.pull(3).tolist() == [int(s * 0.25) for s in speech[: 3 * CHUNK]]
    for muted in (0.0, -1.0, float("nan")):
        fake.player.speak(wav)
        fake.player.speak(wav, muted)  # a muted voice silences the speech before it
        assert not fake.player.speech_playing()
        assert set(fake.pull(1)[FADE_FRAMES:]) == {0}  # after the fade of the words cut off
    fake.player.speak(wav, 7.0)  # more than 1 is 1
    assert fake.pull(1) == speech[:CHUNK]


def test_a_file_that_cannot_be_read_plays_nothing_and_breaks_nothing(
    fake: FakeDevice, wav: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really")
    fake.player.speak(wav)
    for bad in (tmp_path / "missing.wav", broken):
        fake.player.speak(bad)
        assert not fake.player.speech_playing()
        assert set(fake.pull(1)) == {0}
    assert not fake.player.failed
    fake.player.play("cue")
    assert set(fake.pull(1)) != {0}


def test_preloaded_speech_starts_without_reading_the_file(fake: FakeDevice, tmp_path: Path) -> None:
    wavs = [make_wav(tmp_path / f"step-{n}.wav", seconds=0.1, hz=300 + 50 * n) for n in range(4)]
    decoded: list[Path] = []
    wavs_cache = fake.player._speech
    real = wavs_cache._decode
    wavs_cache._decode = lambda path: (decoded.append(path), real(path))[1]  # type: ignore[method-assign]
    fake.player.preload_speech(iter(wavs))
    assert fake.player.wait_preloaded(WAIT_S)
    assert decoded == wavs
    for path in wavs:
        fake.player.speak(path)
        assert fake.pull(2) == decode_speech(path).samples[: 2 * CHUNK]
        fake.player.stop_speech()
        fake.pull(1)  # its fade
    assert decoded == wavs  # nothing read a second time
    path = wavs[0]
    make_wav(path, seconds=0.2, hz=900)  # rendered again: read again
    fake.player.speak(path)
    assert decoded == [*wavs, path]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["pause", "resume"]),
            st.integers(min_value=1, max_value=3000),  # the device asks for this many frames
        ),
        max_size=40,
    )
)
def test_any_pauses_and_chunk_sizes_play_the_words_once_in_order(script: list[Any]) -> None:
    """Whatever the device asks for and whenever pause and resume come, the speech reaches the
    device whole, in order, once, and paused chunks are silent (the pause flag is flipped
    directly here, so without the fades, which the next test covers)."""
    samples = array("h", [(i % 200) + 1 for i in range(5000)])  # never 0: silence shows
    mixer = Mixer()
    mixer.speech = SpeechVoice(Path("w.wav"), samples, 1.0)
    heard = array("h")
    paused = False
    for step in script:
        if step in ("pause", "resume"):
            paused = step == "pause"
            if mixer.speech is not None:
                mixer.speech.paused = paused
            continue
        chunk = array("h", mixer.mix(step))
        assert len(chunk) == step
        if paused:
            assert set(chunk) <= {0}
        heard.extend(s for s in chunk if s != 0)
    assert heard == samples[: len(heard)]
    assert (mixer.speech is None) == (len(heard) == len(samples))


# -- on miniaudio's NULL device, in real time ----------------------------------------------------


def test_the_null_device_speaks_with_the_bells_and_closes_between(tmp_path: Path) -> None:
    words = make_wav(tmp_path / "words.wav", seconds=0.2)
    player = MiniaudioPlayer(bells(), backends=NULL)
    player.preload_speech([words])
    assert player.wait_preloaded(WAIT_S)
    player.play("cue", 0.5)
    player.speak(words, 0.8)
    assert player.wait_idle(WAIT_S)
    assert list(player.finished) == ["cue"] and list(player.spoken) == [words]
    assert not player.speech_playing() and not player.failed


def test_the_device_period_is_short_only_while_speech_is_expected(tmp_path: Path) -> None:
    """Bells alone keep their long period (few wake-ups); once speech is asked for, devices
    open with the short one, so words start within a short period of being asked."""
    player = MiniaudioPlayer(bells(0.02), backends=NULL, buffer_ms=100, speech_buffer_ms=20)
    player.play("cue")
    assert player.wait_idle(WAIT_S)
    assert player.period_ms == 100
    player.preload_speech([make_wav(tmp_path / "words.wav", seconds=0.05)])
    player.play("cue")
    assert player.wait_idle(WAIT_S)
    assert player.period_ms == 20


def test_on_the_null_device_a_paused_speech_lets_the_device_close_and_resumes_later(
    tmp_path: Path,
) -> None:
    words = make_wav(tmp_path / "words.wav", seconds=0.6)
    player = MiniaudioPlayer(bells(), backends=NULL)
    player.speak(words)
    player.pause_speech()
    assert player.wait_idle(WAIT_S)  # nothing sounds: the device is closed, the words kept
    assert player.spoken == type(player.spoken)()
    player.resume_speech()
    assert player.speech_playing()
    assert player.wait_idle(WAIT_S)
    assert list(player.spoken) == [words]


def test_miniaudio_without_a_device_hands_on_the_speech_from_where_it_was(tmp_path: Path) -> None:
    words = make_wav(tmp_path / "words.wav")
    reports: list[tuple[Any, ...]] = []
    arrived = threading.Event()
    player = MiniaudioPlayer(bells(), lambda *r: (reports.append(r), arrived.set()), backends=[])
    player.speak(words, 0.5, start_s=0.1)
    assert arrived.wait(WAIT_S)
    assert player.wait_idle(WAIT_S)
    [(backend, _error, had_worked, pending)] = reports
    assert backend is player and not had_worked
    assert pending == [SpeechRequest(words, 0.5, pytest.approx(0.1, abs=1 / SAMPLE_RATE))]
    player.speak(words)  # a failed player takes nothing more
    assert not player.speech_playing()


# -- the chain -------------------------------------------------------------------------------------


class SpeakingBackend:
    """A backend with a speech channel that records what it was asked, and can fail on speak."""

    def __init__(self, name: str, on_failure: Any, *, fail_on_speak: bool = False) -> None:
        self.name = name
        self.device = ""
        self.calls: list[tuple[Any, ...]] = []
        self.fail_on_speak = fail_on_speak
        self._on_failure = on_failure
        self.speaking = False

    def probe(self) -> bool:
        return True

    def play(self, bell: str, volume: float = 1.0, strikes: int = 1) -> None:
        self.calls.append(("play", bell))

    def speak(self, wav: Path, volume: float = 1.0, *, start_s: float = 0.0) -> None:
        self.calls.append(("speak", wav.name, volume, start_s))
        if self.fail_on_speak:
            owed = SpeechRequest(wav, volume, start_s + 0.25)
            threading.Thread(
                target=self._on_failure,
                args=(self, RuntimeError("gone"), True, [PlayRequest("cue", 1.0, 1), owed]),
            ).start()
            return
        self.speaking = True

    def pause_speech(self) -> None:
        self.calls.append(("pause",))
        self.speaking = False

    def resume_speech(self) -> None:
        self.calls.append(("resume",))
        self.speaking = True

    def stop_speech(self) -> None:
        self.calls.append(("stop",))
        self.speaking = False

    def speech_playing(self) -> bool:
        return self.speaking

    def preload_speech(self, wavs: Any) -> None:
        self.calls.append(("preload", [w.name for w in wavs]))

    def wait_idle(self, timeout: float | None = None) -> bool:
        return True


def _chain(*specs: tuple[str, dict[str, Any]]) -> tuple[FallbackPlayer, dict[str, Any], list[str]]:
    made: dict[str, Any] = {}
    notices: list[str] = []

    def factory(name: str, options: dict[str, Any]) -> Any:
        def make(on_failure: Any) -> Any:
            if name == "terminal":
                made[name] = TerminalBellPlayer(lambda: None, on_failure, strike_gap_s=0.01)
            else:
                made[name] = SpeakingBackend(name, on_failure, **options)
            return made[name]

        return make

    player = FallbackPlayer([(n, factory(n, o)) for n, o in specs], notices.append)
    return player, made, notices


def test_speech_asked_for_before_a_backend_is_chosen_is_handed_to_it() -> None:
    player, made, _ = _chain(("miniaudio", {}))
    assert isinstance(player, BellPlayer)
    player.preload_speech([Path("a.wav"), Path("b.wav")])
    player.speak(Path("a.wav"), 0.5)
    player.speak(Path("b.wav"), 0.7)  # replaces the one waiting
    player.pause_speech()
    assert not player.speech_playing()
    player.resume_speech()
    assert player.speech_playing()
    player.start()
    assert player.wait_idle(WAIT_S)
    assert made["miniaudio"].calls == [
        ("preload", ["a.wav", "b.wav"]),
        ("speak", "b.wav", 0.7, 0.0),
    ]
    player.pause_speech()
    player.resume_speech()
    player.stop_speech()
    player.speak(Path("c.wav"), 0.0)  # muted: stops any speech
    assert made["miniaudio"].calls[2:] == [("pause",), ("resume",), ("stop",), ("stop",)]
    assert not player.speech_playing()


def test_a_failure_while_speaking_falls_down_the_chain_with_one_notice() -> None:
    player, made, notices = _chain(("miniaudio", {"fail_on_speak": True}), ("simpleaudio", {}))
    player.start()
    assert player.wait_idle(WAIT_S)
    player.speak(Path("step.wav"), 0.6)
    assert player.wait_idle(WAIT_S)
    assert player.name == "simpleaudio"
    assert notices == [notice_for("stopped", "simpleaudio")]
    # The next backend rings the bell owed and carries on the words from where they were.
    assert made["simpleaudio"].calls == [("play", "cue"), ("speak", "step.wav", 0.6, 0.25)]
    assert player.speech_playing()


def test_the_terminal_bell_and_silence_cannot_speak_and_say_nothing_more() -> None:
    player, _made, notices = _chain(("miniaudio", {"fail_on_speak": True}), ("terminal", {}))
    player.start()
    assert player.wait_idle(WAIT_S)
    player.speak(Path("step.wav"))
    assert player.wait_idle(WAIT_S)
    assert player.name == "terminal"
    assert notices == [notice_for("stopped", "terminal")]
    for call in (player.pause_speech, player.resume_speech, player.stop_speech):
        call()
    player.preload_speech([Path("x.wav")])
    assert not player.speech_playing()
    silent = SilentPlayer()
    silent.speak(Path("x.wav"))
    silent.preload_speech([Path("x.wav")])
    assert not silent.speech_playing()


def test_open_player_speaks_on_the_null_device(tmp_path: Path) -> None:
    words = make_wav(tmp_path / "words.wav", seconds=0.1)
    notices: list[str] = []
    player = open_player(notices.append, prefer=("miniaudio",), miniaudio_backends=NULL)
    player.preload_speech([words])
    player.speak(words, 0.5)
    assert player.wait_ready(WAIT_S)
    assert player.wait_idle(WAIT_S)
    assert list(player.backend.spoken) == [words]
    assert notices == []


def test_open_player_with_no_device_speaks_nothing_and_says_so_once(tmp_path: Path) -> None:
    words = make_wav(tmp_path / "words.wav", seconds=0.1)
    notices: list[str] = []
    player = open_player(notices.append, prefer=("miniaudio",), miniaudio_backends=[])
    player.speak(words)
    player.play("cue")
    assert player.wait_ready(WAIT_S)
    assert player.wait_idle(WAIT_S)
    player.speak(words)
    assert player.name == "silent" and not player.speech_playing()
    assert notices == [NOTICE_NO_DEVICE]


# -- simpleaudio: its own play object, paused by stopping it ---------------------------------------


class FakePlay:
    """A play object that sounds until stopped, or (given ``polls``) until asked that often."""

    def __init__(self, polls: int | None = None) -> None:
        self.stopped = False
        self.polls = polls

    def is_playing(self) -> bool:
        if self.polls is not None:
            self.polls -= 1
            if self.polls < 0:
                return False
        return not self.stopped

    def wait_done(self) -> None:
        return None

    def stop(self) -> None:
        self.stopped = True


class FakeSimpleaudio:
    """Stands in for the ``simpleaudio`` module: records each play_buffer call."""

    def __init__(self, fail_on: int | None = None, polls: int | None = None) -> None:
        self.calls: list[tuple[array, int, int, int]] = []
        self.plays: list[FakePlay] = []
        self.fail_on = fail_on
        self.polls = polls

    def play_buffer(self, audio: bytes, channels: int, width: int, rate: int) -> FakePlay:
        if self.fail_on is not None and len(self.calls) >= self.fail_on:
            raise RuntimeError("Error opening PCM device. -- CODE: -2")
        self.calls.append((array("h", audio), channels, width, rate))
        self.plays.append(FakePlay(self.polls))
        return self.plays[-1]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _line(fake: FakeSimpleaudio, failures: list[Any] | None = None) -> tuple[Any, Clock]:
    from practice_tui.sound.simpleaudio_speech import SpeechLine

    clock = Clock()
    line = SpeechLine(fake, lambda *r: (failures or []).append(r), clock=clock)
    return line, clock


def test_simpleaudio_speaks_at_the_files_own_rate_and_resumes_where_it_paused(wav: Path) -> None:
    from practice_tui.sound.speech_wavs import read_wav_pcm16

    samples = read_wav_pcm16(wav).samples
    fake = FakeSimpleaudio()
    line, clock = _line(fake)
    line.speak(wav, 0.5)
    assert line.playing()
    assert line.wait_done(WAIT_S)
    assert line.playing()
    [(audio, channels, width, rate)] = fake.calls
    assert (channels, width, rate) == (1, 2, SPEECH_RATE)
    assert audio.tolist() == [int(s * 0.5) for s in samples]
    clock.now += 0.1  # a tenth of a second heard
    line.pause()
    assert not line.playing()
    assert line.wait_done(WAIT_S)
    assert fake.plays[0].stopped
    clock.now += 5.0  # paused for a while
    line.resume()
    assert line.wait_done(WAIT_S)
    assert line.playing()
    resumed = fake.calls[1][0]
    assert resumed.tolist() == [int(s * 0.5) for s in samples[SPEECH_RATE // 10 :]]
    line.speak(wav)  # a new speak replaces it, from the start
    line.stop()
    assert line.wait_done(WAIT_S)
    assert all(play.stopped for play in fake.plays)
    assert fake.calls[2][0] == samples
    assert not line.playing()


def test_simpleaudio_that_fails_while_speaking_hands_on_the_rest(wav: Path) -> None:
    from practice_tui.sound.simpleaudio_backend import SimpleaudioPlayer

    reports: list[tuple[Any, ...]] = []
    # The probe, the first speak (heard for three looks), then the device is gone.
    fake = FakeSimpleaudio(fail_on=2, polls=3)
    player = SimpleaudioPlayer(bells(), fake, lambda *r: reports.append(r))
    assert isinstance(player, BellPlayer)
    assert player.probe()
    player.speak(wav, 0.7)
    assert player.wait_idle(WAIT_S)
    player.pause_speech()
    player.resume_speech()  # opening the device again fails
    assert player.wait_idle(WAIT_S)
    [(backend, _error, had_worked, pending)] = reports
    assert backend is player and had_worked
    [owed] = pending
    assert (owed.wav, owed.volume, owed.paused) == (wav, 0.7, False)
    assert 0.0 <= owed.start_s < 0.3
    assert player.failed and not player.speech_playing()


def test_decoded_speech_is_kept_within_its_limit_most_recent_first(tmp_path: Path) -> None:
    from practice_tui.sound.speech_wavs import SpeechWavs, read_wav_pcm16

    wavs = [make_wav(tmp_path / f"{n}.wav", seconds=0.1) for n in range(4)]
    one = read_wav_pcm16(wavs[0]).nbytes
    kept = SpeechWavs(read_wav_pcm16, limit_bytes=2 * one)
    for path in wavs[:3]:
        assert kept.get(path) is not None
    assert kept.get(wavs[1]) is not None  # used again: now the most recent
    kept.get(wavs[3])
    assert [path in kept for path in wavs] == [False, True, False, True]
    assert kept.get(tmp_path / "missing.wav") is None


@pytest.fixture(scope="module")
def tones(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("tones")
    return [make_wav(folder / "a.wav", 0.4, 300), make_wav(folder / "b.wav", 0.4, 500)]


#: The largest step between two samples of the tones themselves: 8000 * 2 pi * 500 / 44100.
TONE_STEP = 570


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["speak a", "speak b", "pause", "resume", "stop"]),
            st.integers(min_value=1, max_value=2000),
        ),
        max_size=30,
    )
)
def test_no_pause_stop_or_new_words_is_ever_heard_as_a_click(
    tones: list[Path], script: list[Any]
) -> None:
    """Whatever is done to the words, and whenever, the sound never jumps: from one sample to
    the next it moves no more than three of the tones at once could (a cut without a fade
    would jump by up to 8000)."""
    fake = FakeDevice(MiniaudioPlayer(bells(), backends=NULL))
    calls = {
        "speak a": lambda: fake.player.speak(tones[0]),
        "speak b": lambda: fake.player.speak(tones[1]),
        "pause": fake.player.pause_speech,
        "resume": fake.player.resume_speech,
        "stop": fake.player.stop_speech,
    }
    heard = array("h", [0])
    for step in [*script, 4 * CHUNK]:
        if isinstance(step, str):
            calls[step]()
        else:
            heard.extend(fake.pull(1, step))
    assert max(abs(b - a) for a, b in itertools.pairwise(heard)) <= 3 * TONE_STEP
