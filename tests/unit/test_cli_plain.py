"""``practice-tui play ID --plain``: a practice as lines of text, through a real pipe, on a
fast fake clock (tests/support/plain_runner.py): each step at its time with its phase and the
time left, the bells, the questions on standard input, and the journal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.cli.plain import PlainPractice, Surroundings
from practice_tui.cli.play import draws_screens
from practice_tui.course import load_builtin_course
from practice_tui.engine.engine import PacingEngine
from practice_tui.journal import Journal
from practice_tui.paths import resolve_paths
from practice_tui.preferences import Preferences
from practice_tui.sitting import sitting_timeline
from practice_tui.wording import clock_time
from tests.support.clock import FakeClock
from tests.support.plain_runner import PrintedBells
from tests.unit.speech_standins import install

ROOT = Path(__file__).parents[2]
#: Anything a terminal would obey rather than show: no colour, no cursor moves, no drawing.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(
    answers: str, *args: str, stop_after: int | None = None, speech: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if speech is not None:
        env["PLAIN_RUNNER_SPEECH_DIR"] = str(speech)
    if stop_after is not None:
        env["PLAIN_RUNNER_STOP_AFTER"] = str(stop_after)
    return subprocess.run(
        [sys.executable, "-m", "tests.support.plain_runner", "play", *args, "--plain"],
        input=answers,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def bells(stderr: str) -> list[tuple[str, int, float]]:
    found = re.findall(r"bell: (\S+) x(\d+) at ([\d.]+)", stderr)
    return [(name, int(strikes), float(at)) for name, strikes, at in found]


def step_lines(stdout: str) -> list[re.Match[str]]:
    pattern = re.compile(r"^Phase (\d) of (\d), ([^,]+), (\d+:\d\d) left: (.+)$", re.M)
    return list(pattern.finditer(stdout))


def test_each_step_is_a_line_at_its_time_then_the_answers_are_kept(
    private_folders: Path,
) -> None:
    done = plain("My breath slowed.\n\nKinder to myself.\n", "breathing-space")

    assert done.returncode == 0, done.stderr
    assert "textual loaded: False" in done.stderr
    assert not CONTROL.search(done.stdout)
    rung = bells(done.stderr)
    # Ten seconds to settle, the start bell, a cue with each new step, three strikes at the end.
    assert rung[0] == ("singing-bowl", 1, 10.0)
    assert rung[-1] == ("singing-bowl", 3, 190.0)
    cues = [at for name, _, at in rung if name == "cue"]
    steps = step_lines(done.stdout)
    assert len(steps) == len(cues) + 1
    # Each step is printed when its cue rings: the time left it shows is the time left then.
    starts = [10.0, *cues]
    assert [m[4] for m in steps] == [clock_time(190.0 - at) for at in starts]
    assert [int(m[1]) for m in steps] == sorted(int(m[1]) for m in steps)
    assert {m[2] for m in steps} == {"3"}
    lines = done.stdout.splitlines()
    assert lines[0] == "Breathing Space, 3 min. Ctrl+C stops and keeps the time practised."
    assert "The practice has ended. 3 min practised, kept in your journal." in lines
    assert lines[-1] == "Saved to your journal."

    with Journal.open(private_folders / "journal.sqlite3") as journal:
        (session,) = journal.sessions.newest()
        (entry,) = journal.entries.newest()
    assert session.completed and session.practised_seconds == 180
    assert entry.session_id == session.id and entry.practice_id == "breathing-space"
    assert [a.answer for a in entry.answers] == ["My breath slowed.", "", "Kinder to myself.", ""]


def test_with_a_voice_each_step_is_spoken_after_its_bell(
    private_folders: Path, tmp_path: Path
) -> None:
    install(tmp_path / "speech", ("espeak-ng",))
    done = plain("", "breathing-space", speech=tmp_path / "speech")

    assert done.returncode == 0, done.stderr
    assert "Getting the words ready to be spoken…" in done.stdout
    spoken = [float(at) for at in re.findall(r"speak: \.wav at ([\d.]+)", done.stderr)]
    rung = bells(done.stderr)
    assert len(spoken) == len(step_lines(done.stdout)) > 1
    # The words are spoken in order, between the start bell and the end bell, and a new
    # phase's words follow its bell within a few seconds (once it has rung out).
    assert spoken == sorted(spoken)
    assert rung[0][2] < spoken[0] and spoken[-1] < rung[-1][2]
    for _, _, at in rung[1:-1]:
        assert any(at < said < at + 10 for said in spoken)


def test_no_voice_is_looked_for_with_no_voice(private_folders: Path, tmp_path: Path) -> None:
    install(tmp_path / "speech", ("espeak-ng",))
    done = plain("", "breathing-space", "--no-voice", speech=tmp_path / "speech")
    assert "Getting the words ready" not in done.stdout and "speak:" not in done.stderr


def test_ctrl_c_stops_keeps_the_time_practised_and_still_asks(private_folders: Path) -> None:
    done = plain("Restless today.\n", "breathing-space", stop_after=5)

    assert done.returncode == 0, done.stderr
    assert re.search(r"^Stopped\. [\w ]+ practised, kept in your journal\.$", done.stdout, re.M)
    assert "Saved to your journal." in done.stdout
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        (session,) = journal.sessions.newest()
        (entry,) = journal.entries.newest()
    assert not session.completed and 0 < session.practised_seconds < 180
    assert entry.answers[0].answer == "Restless today."


def test_ctrl_c_while_settling_keeps_nothing(private_folders: Path) -> None:
    done = plain("", "breathing-space", stop_after=1)

    assert done.returncode == 0, done.stderr
    assert "Stopped before the start bell: there is no time to keep." in done.stdout
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        assert journal.sessions.newest() == [] and journal.entries.newest() == []


def test_no_answers_keep_the_session_and_no_entry(private_folders: Path) -> None:
    done = plain("", "breathing-space", "--minutes", "6")

    assert done.returncode == 0, done.stderr
    assert "Breathing Space, 6 min." in done.stdout
    assert done.stdout.splitlines()[-1] == "Nothing written, so nothing more is kept."
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        assert len(journal.sessions.newest()) == 1 and journal.entries.newest() == []


def test_a_way_of_doing_it_is_named_and_a_wrong_one_refused(private_folders: Path) -> None:
    done = plain("\n", "compassionate-listening", "--mode", "nonsense")
    assert done.returncode == 2 and "can be done as" in done.stderr


def test_plain_never_needs_a_screen() -> None:
    assert draws_screens(plain=False) and not draws_screens(plain=True)


STEPS = load_builtin_course().practice("breathing-space").default_mode.plan(3)


@settings(deadline=None)
@given(st.text(), st.text())
def test_words_and_phase_names_are_printed_literally_on_one_line(words: str, phase: str) -> None:
    """Whatever a script says (escapes, bells, line breaks), the line obeys none of it."""
    timeline = sitting_timeline(STEPS, Preferences(), preparation=0, speaking=False)
    engine = PacingEngine(timeline, FakeClock())
    engine.start()
    line = PlainPractice._step_line(engine, phase, words)
    assert not CONTROL.search(line) and "\n" not in line


class GoneAfter(io.StringIO):
    """Standard output read by ``head -n LINES``: after that many lines, a broken pipe."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines

    def write(self, text: str) -> int:
        if self.getvalue().count("\n") >= self.lines:
            raise BrokenPipeError
        return super().write(text)


def _plainly(out: io.StringIO, answers: str = "", **world: object) -> PlainPractice:
    clock = FakeClock()
    surroundings = Surroundings(
        clock=clock,
        sleep=clock.advance,
        open_bells=lambda notice: PrintedBells(clock),
        find_speech=list,
    )
    for name, value in world.items():
        setattr(surroundings, name, value)
    practice = load_builtin_course().practice("breathing-space")
    return PlainPractice(
        practice,
        practice.default_mode,
        3,
        Preferences(),
        surroundings,
        out,
        io.StringIO(answers),
        resolve_paths(),
    )


def test_a_reader_that_goes_away_ends_the_sitting_and_keeps_its_time(
    private_folders: Path,
) -> None:
    out = GoneAfter(lines=4)
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        _plainly(out, "never read\n").run(journal)
        (session,) = journal.sessions.newest()
        assert journal.entries.newest() == []
    assert not session.completed and 0 < session.practised_seconds < 180
    assert out.getvalue().count("\n") == 4


def test_ctrl_c_while_the_voice_gets_ready_keeps_nothing(private_folders: Path) -> None:
    def interrupted() -> list[object]:
        raise KeyboardInterrupt

    out = io.StringIO()
    with Journal.open(private_folders / "journal.sqlite3") as journal:
        _plainly(out, find_speech=interrupted).run(journal)
        assert journal.sessions.newest() == []
    assert out.getvalue() == "Stopped before the start bell: there is no time to keep.\n"


def test_play_plain_anchor_words_the_practice_for_that_anchor(private_folders: Path) -> None:
    """Issue 13: the first words name the anchor chosen for this run, and so do the steps
    that anchor; no question is asked (there is no screen to ask on)."""
    done = plain("\n\n\n\n", "breathing-space", "--anchor", "sounds")

    assert done.returncode == 0, done.stderr
    words = [step.group(5) for step in step_lines(done.stdout)]
    assert "come back to the sounds around you" in words[0]
    assert any("Let it rest on the sounds around you" in line for line in words)
    assert not any("belly rises and falls" in line for line in words)
