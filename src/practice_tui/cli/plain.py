"""``practice-tui play ID --plain``: a practice as lines of text, for screen readers, plain
terminals and pipes.

Each step is one line, printed when it is due, with its phase and the time left; the bells
ring and the voice speaks as in the app. Then the practice's questions are asked one by one
on standard input, and the answers are kept in the journal. No screen is drawn and nothing is
coloured. Ctrl+C stops the practice and keeps the time practised (a second one, during the
questions, keeps what is already answered and leaves).

The same engine runs it as runs the practice screen, on the same plan and timeline
(practice_tui.sitting): this module only prints, sleeps until the next event, and reads.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from practice_tui.cli.context import quiet_stdout
from practice_tui.course import LengthError
from practice_tui.engine.clock import Clock, SystemClock
from practice_tui.engine.engine import PacingEngine, State
from practice_tui.journal import Answer
from practice_tui.journal.literal_text import literal
from practice_tui.preferences import Preferences, speaking_for
from practice_tui.sitting import ring, session_of, sitting_name, sitting_timeline, spoken_plan
from practice_tui.wording import clock_time, duration

if TYPE_CHECKING:
    from practice_tui.anchors import Anchor
    from practice_tui.course import Mode, Practice
    from practice_tui.course.model import PlannedStep
    from practice_tui.engine.timeline import Timeline
    from practice_tui.journal import Journal, PracticeSession
    from practice_tui.paths import Paths
    from practice_tui.sound import BellPlayer
    from practice_tui.speech import EngineStatus
    from practice_tui.speech.speaker import Speaker


STOPPING = "Ctrl+C stops and keeps the time practised."
#: The longest plain mode waits, at the very end, for the last bell to finish ringing.
RING_OUT_SECONDS = 30.0


@dataclass
class Surroundings:
    """What plain mode takes from the computer: time, sleep, the bells and the voices."""

    clock: Clock
    sleep: Callable[[float], None]
    open_bells: Callable[[Callable[[str], None]], BellPlayer]
    find_speech: Callable[[], list[EngineStatus]]


def _terminal_bell() -> None:
    """The terminal's own bell, the last sound left: to standard error, which stays the
    terminal when the words go into a pipe."""
    try:
        sys.stderr.write("\a")
        sys.stderr.flush()
    except OSError:
        pass


def surroundings(paths: Paths) -> Surroundings:
    """The real clock, sleep, sound and speech."""

    def open_bells(notice: Callable[[str], None]) -> BellPlayer:
        from practice_tui.sound import open_player

        return open_player(on_notice=notice, terminal_bell=_terminal_bell)

    def find_speech() -> list[EngineStatus]:
        from practice_tui.speech import find_engines

        return find_engines(voices_dir=paths.voices_dir)

    return Surroundings(SystemClock(), time.sleep, open_bells, find_speech)


def _one_line(text: str) -> str:
    """A script's text as one line, shown literally (an escape is seen, never obeyed)."""
    return " ".join(literal(text).split())


@dataclass
class PlainPractice:
    """One practice, printed as it goes and reflected on afterwards."""

    practice: Practice
    mode: Mode
    minutes: int
    prefs: Preferences
    world: Surroundings
    out: TextIO
    answers_in: TextIO
    paths: Paths
    voice: bool | None = None
    #: The anchor for this run (``play --anchor``); None: as chosen in Settings.
    anchor: Anchor | None = None
    speaker: Speaker | None = field(default=None, init=False)
    reader_gone: bool = field(default=False, init=False)

    @property
    def chosen_anchor(self) -> Anchor:
        """Where the words bring attention back to: this run's, else the participant's."""
        return self.anchor or self.prefs.practice_anchor

    def say(self, line: str) -> None:
        """One line for the reader (a screen reader reads each as it comes). Once the reader
        has gone (``| head``), nothing more is printed, and the sitting ends as at Ctrl+C."""
        if self.reader_gone:
            return
        try:
            print(line, file=self.out, flush=True)
        except BrokenPipeError:
            self.reader_gone = True
            raise

    # ------------------------------------------------------------------ before the bell

    def _voice_steps(self, bells: BellPlayer) -> list[PlannedStep] | None:
        """The plan made for the voice, when it is to speak and can; None otherwise."""
        if self.voice is False or (self.voice is None and self.prefs.voice_on is False):
            return None
        from practice_tui.speech import SpeechError
        from practice_tui.speech.preparing import VoiceChoice, prepare_voice

        statuses = self.world.find_speech()
        found = any(status.engine is not None for status in statuses)
        if not speaking_for(self.prefs, self.practice.id, found, self.voice):
            return None
        self.say("Getting the words ready to be spoken…")
        prefs = self.prefs
        try:
            voice = prepare_voice(
                self.mode.spoken_words(self.chosen_anchor),
                VoiceChoice(prefs.voice_engine, prefs.voice, prefs.voice_speed),
                cache_dir=self.paths.speech_cache_dir,
                engines=lambda: statuses,
            )
        except SpeechError as error:
            self.say(f"{error} This time the words are shown, not spoken.")
            return None
        if voice is None:
            return None
        try:
            steps, self.speaker = spoken_plan(
                self.mode, self.minutes, prefs, voice, bells, anchor=self.chosen_anchor
            )
        except LengthError:
            self.say(
                f"Spoken, {self.practice.name} needs longer than {self.minutes} minutes; "
                "this time its words are shown, not spoken."
            )
            return None
        return steps

    # ----------------------------------------------------------------------- the sitting

    def run(self, journal: Journal) -> None:
        """The whole of it: the sitting, the session kept, then the questions. Ctrl+C, or
        the reader going away (``| head``), ends the sitting; the time practised is kept."""
        bells = self.world.open_bells(self._say_last)
        name = sitting_name(self.practice, self.mode)
        engine: PacingEngine | None = None
        try:
            engine = PacingEngine(self._timeline(bells), self.world.clock)
            self.say(
                f"{literal(name)}, {self.minutes} min. Ctrl+C stops and keeps the time practised."
            )
            self._follow(engine, bells)
        except (KeyboardInterrupt, BrokenPipeError):
            if engine is not None and not engine.is_over:
                ring(engine.stop(), bells, self.prefs, self.speaker)
        finally:
            if self.speaker is not None:
                self.speaker.stop()
        if engine is None or not engine.has_begun:
            self._say_last("Stopped before the start bell: there is no time to keep.")
            return
        session = session_of(
            engine,
            self.world.clock,
            practice_id=self.practice.id,
            practice_name=name,
            week=self.practice.week,
        )
        journal.sessions.keep(session)
        practised = duration(session.practised_seconds)
        ended = "The practice has ended." if engine.state is State.FINISHED else "Stopped."
        self._say_last(f"{ended} {practised} practised, kept in your journal.")
        if not self.reader_gone:
            self._reflect(journal, session, name)
        wait_idle = getattr(bells, "wait_idle", None)  # the end bell rings out before exit
        if callable(wait_idle):
            wait_idle(RING_OUT_SECONDS)

    def _timeline(self, bells: BellPlayer) -> Timeline:
        """The sitting's timeline: made for the voice when it speaks, else for the eyes."""
        steps = self._voice_steps(bells)
        if steps is None:
            steps = self.mode.plan(
                self.minutes, cue_every_step=self.prefs.cue_every_step, anchor=self.chosen_anchor
            )
        return sitting_timeline(
            steps,
            self.prefs,
            preparation=self.prefs.preparation_seconds,
            speaking=self.speaker is not None,
        )

    def _say_last(self, line: str) -> None:
        """A line that may find the reader gone (a bell's notice, from any thread, too): then
        nothing more is printed, and Python is not left to complain about the closed pipe."""
        with contextlib.suppress(BrokenPipeError):
            self.say(line)
        if self.reader_gone and self.out is sys.stdout:
            quiet_stdout()

    def _follow(self, engine: PacingEngine, bells: BellPlayer) -> None:
        """Ring, print each new step as it comes, and sleep until the next event."""
        clock = self.world.clock
        ring(engine.start(), bells, self.prefs, self.speaker)
        if engine.is_preparing:
            settle = clock_time(engine.preparation_left())
            self.say(f"Settle in. The bell will mark the start in {settle}.")
        shown = -1
        while True:
            ring(engine.poll(), bells, self.prefs, self.speaker)
            if engine.is_over:
                return
            step = engine.current_step
            if engine.has_begun and step is not None and engine.step_index != shown:
                shown = engine.step_index
                self.say(self._step_line(engine, step.phase_title, step.words))
            deadline = engine.next_deadline()
            wait = 1.0 if deadline is None else deadline - clock.monotonic()
            self.world.sleep(max(0.0, wait))

    @staticmethod
    def _step_line(engine: PacingEngine, phase: str, words: str) -> str:
        """ "Phase 1 of 3, Arriving, 2:40 left: words…", on one line."""
        left = clock_time(engine.time_left() or 0.0)
        where = f"Phase {engine.phase_number} of {engine.phase_count}, {_one_line(phase)}"
        return f"{where}, {left} left: {_one_line(words)}"

    # ----------------------------------------------------------------------- afterwards

    def _reflect(self, journal: Journal, session: PracticeSession, name: str) -> None:
        """Each question on its own line, each answer one line of standard input; what was
        answered is kept, however the questions end (Ctrl+D, Ctrl+C, the pipe running dry)."""
        questions = self.mode.questions
        if not questions:
            return
        self.say("")
        self.say(
            "Reflect, if you like: answer each question on one line, or press Enter to "
            "pass it by. Ctrl+D ends."
        )
        answers: list[str] = []
        try:
            for question in questions:
                self.say(literal(question))
                line = self.answers_in.readline()
                if not line:
                    break
                answers.append(line.rstrip("\r\n"))
        except KeyboardInterrupt:
            self.say("")
        if not any(answer.strip() for answer in answers):
            self.say("Nothing written, so nothing more is kept.")
            return
        answers += [""] * (len(questions) - len(answers))
        journal.entries.add(
            answers=[Answer(q, a) for q, a in zip(questions, answers, strict=True)],
            session_id=session.id,
            practice_id=self.practice.id,
            practice_name=name,
            week=self.practice.week,
        )
        self.say("Saved to your journal.")
