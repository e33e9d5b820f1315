"""The real system speech: espeak-ng speaks every shipped practice's steps, each within its share
of the practice's shortest length, at the slowest speed. CI installs espeak-ng (.ci/run)."""

from __future__ import annotations

import shutil
import wave
from array import array
from pathlib import Path

import pytest

from practice_tui.course.loader import load_course
from practice_tui.paths import scripts_dir
from practice_tui.speech import SpeechCache, Speed, render_all, wav_seconds
from practice_tui.speech.system import EspeakEngine

PROGRAM = shutil.which("espeak-ng")
pytestmark = pytest.mark.skipif(
    PROGRAM is None, reason="espeak-ng is not installed (sudo apt install espeak-ng)"
)
COURSE = load_course(scripts_dir())
MODES = [(practice, mode) for practice in COURSE.practices.values() for mode in practice.modes]
#: A sample this far from silence somewhere in the file: words, not a hiss.
LOUD = 3000


def _peak(path: Path) -> tuple[int, int]:
    with wave.open(str(path), "rb") as spoken:
        width = spoken.getsampwidth()
        samples = array("h", spoken.readframes(spoken.getnframes())) if width == 2 else array("h")
    return width, max((abs(sample) for sample in samples), default=0)


@pytest.mark.parametrize(("practice", "mode"), MODES, ids=[f"{p.id}-{m.id}" for p, m in MODES])
def test_every_step_is_spoken_within_its_share_of_the_shortest_length(
    tmp_path: Path, practice, mode
) -> None:
    steps = mode.plan(min(mode.lengths))
    engine = EspeakEngine(str(PROGRAM), "espeak-ng")
    rendered = render_all(
        [step.words for step in steps], engine, None, Speed.SLOW, SpeechCache(tmp_path)
    )
    for step in steps:
        width, peak = _peak(rendered[step.words])
        assert width == 2, step.words
        assert peak > LOUD, step.words
        assert 0 < wav_seconds(rendered[step.words]) < step.seconds, step.words
