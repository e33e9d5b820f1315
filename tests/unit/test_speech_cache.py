"""The cache of spoken words: private, whole files only, within its limit, least used first."""

from __future__ import annotations

import os
import stat
import wave
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.speech import SpeechCache, SpeechError, Speed, Voice, render_all, wav_seconds

FRAME_RATE = 8000


class FakeEngine:
    """Writes a WAV of ``seconds`` for any words, counting how often it was asked."""

    name = "fake"
    label = "Fake"
    writes_files = True

    def __init__(self, seconds: float = 0.5, width: int = 2, fail: bool = False) -> None:
        self.seconds = seconds
        self.width = width
        self.fail = fail
        self.rendered: list[str] = []
        self.seen_final_name: list[bool] = []

    def voices(self) -> list[Voice]:
        return [Voice(self.name, "one", "One")]

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        self.rendered.append(text)
        with wave.open(str(out), "wb") as written:
            written.setnchannels(1)
            written.setsampwidth(self.width)
            written.setframerate(FRAME_RATE)
            frames = int(FRAME_RATE * self.seconds)
            half = frames // 2 if self.fail else frames
            written.writeframes(b"\x10" * half * self.width)
        self.seen_final_name.append(any(out.parent.glob("[0-9a-f]*.wav")))
        if self.fail:
            raise SpeechError("The fake voice broke part-way.")


def _files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_rendered_file_is_private_whole_and_used_again(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path / "speech")
    engine = FakeEngine()
    assert cache.get("Breathe in.", engine, None, Speed.SLOW) is None
    path = cache.render(engine, "Breathe in.", None, Speed.SLOW)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert wav_seconds(path) == pytest.approx(0.5)
    assert _files(path.parent) == [path.name]
    os.utime(path, (1000, 1000))
    assert cache.render(engine, "Breathe in.", None, Speed.SLOW) == path
    assert cache.get("Breathe in.", engine, None, Speed.SLOW) == path
    assert engine.rendered == ["Breathe in."]
    assert path.stat().st_mtime > 1000  # using it made it recent


def test_an_existing_cache_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "speech"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    SpeechCache(folder).render(FakeEngine(), "Breathe in.", None, Speed.SLOW)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_key_tells_apart_words_engine_voice_and_speed(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    base = cache.key("Breathe in.", "espeak-ng", "en-gb", Speed.SLOW)
    assert base == cache.key("Breathe in.", "espeak-ng", "en-gb", Speed.SLOW)
    others = {
        cache.key("Breathe out.", "espeak-ng", "en-gb", Speed.SLOW),
        cache.key("Breathe in.", "piper", "en-gb", Speed.SLOW),
        cache.key("Breathe in.", "espeak-ng", "en-us", Speed.SLOW),
        cache.key("Breathe in.", "espeak-ng", "en-gb", Speed.NATURAL),
        cache.key("Breathe in.", FakeEngine(), "en-gb", Speed.SLOW),
    }
    assert base not in others and len(others) == 5


@given(st.text(), st.text(), st.text(max_size=20), st.sampled_from(list(Speed)))
def test_every_key_is_a_plain_file_name_and_words_never_collide(
    first: str, second: str, voice: str, speed: Speed
) -> None:
    cache = SpeechCache(Path("unused"))
    key = cache.key(first, "espeak-ng", voice, speed)
    assert len(key) == 64 and set(key) <= set("0123456789abcdef")
    assert (key == cache.key(second, "espeak-ng", voice, speed)) == (first == second)


@pytest.mark.parametrize(
    ("engine", "message"),
    [(FakeEngine(fail=True), "broke part-way"), (FakeEngine(width=1), "16-bit")],
)
def test_a_render_that_fails_leaves_nothing_behind(
    tmp_path: Path, engine: FakeEngine, message: str
) -> None:
    cache = SpeechCache(tmp_path / "speech")
    with pytest.raises(SpeechError, match=message):
        cache.render(engine, "Breathe in.", None, Speed.SLOW)
    assert _files(tmp_path / "speech") == []
    assert cache.get("Breathe in.", engine, None, Speed.SLOW) is None


def test_the_file_appears_under_its_name_only_when_whole(tmp_path: Path) -> None:
    engine = FakeEngine()
    SpeechCache(tmp_path / "speech").render(engine, "Breathe in.", None, Speed.SLOW)
    assert engine.seen_final_name == [False]


def test_a_partial_file_left_by_a_stopped_render_is_cleared_later(tmp_path: Path) -> None:
    folder = tmp_path / "speech"
    folder.mkdir()
    old = folder / ".0123.99.abc.part.wav"
    recent = folder / ".4567.98.def.part.wav"  # perhaps another window rendering right now
    for partial in (old, recent):
        partial.write_bytes(b"half")
    os.utime(old, (1000, 1000))
    SpeechCache(folder).render(FakeEngine(), "Breathe in.", None, Speed.SLOW)
    assert not old.exists() and recent.exists()


def test_an_unwritable_cache_folder_is_one_sentence(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("in the way")
    with pytest.raises(SpeechError, match="could not be made") as failed:
        SpeechCache(blocked / "speech").render(FakeEngine(), "Hi.", None, Speed.SLOW)
    assert "\n" not in str(failed.value)


def test_past_its_limit_the_least_recently_used_go_first(tmp_path: Path) -> None:
    engine = FakeEngine(seconds=1.0)  # 16 kB of samples each
    one = SpeechCache(tmp_path / "speech").render(engine, "one", None, Speed.SLOW).stat().st_size
    cache = SpeechCache(tmp_path / "speech", limit_bytes=int(one * 2.5))
    paths = {}
    for age, text in enumerate(["one", "two"]):
        paths[text] = cache.render(engine, text, None, Speed.SLOW)
        os.utime(paths[text], (1000 + age, 1000 + age))
    cache.get("one", engine, None, Speed.SLOW)  # "one" is used again: "two" is now the oldest
    paths["three"] = cache.render(engine, "three", None, Speed.SLOW)
    assert paths["one"].exists() and paths["three"].exists()
    assert not paths["two"].exists()
    tiny = SpeechCache(tmp_path / "speech", limit_bytes=1)
    kept = tiny.render(engine, "four", None, Speed.SLOW)
    assert _files(tmp_path / "speech") == [kept.name]  # the one just made is always kept


def test_render_all_renders_each_block_once_and_reports_progress(tmp_path: Path) -> None:
    engine = FakeEngine()
    cache = SpeechCache(tmp_path / "speech")
    progress: list[tuple[int, int]] = []
    texts = ["Arrive.", "", "Breathe.", "Arrive.", "  ", "Rest."]
    rendered = render_all(
        texts, engine, None, Speed.SLOW, cache, lambda done, total: progress.append((done, total))
    )
    assert list(rendered) == ["Arrive.", "Breathe.", "Rest."]
    assert engine.rendered == ["Arrive.", "Breathe.", "Rest."]
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert all(path.exists() for path in rendered.values())


def test_render_all_stops_when_asked(tmp_path: Path) -> None:
    engine = FakeEngine()
    cache = SpeechCache(tmp_path / "speech")
    asked = iter([False, False, True])
    rendered = render_all(
        ["a", "b", "c"], engine, None, Speed.SLOW, cache, None, lambda: next(asked)
    )
    assert list(rendered) == ["a", "b"]
    assert engine.rendered == ["a", "b"]
