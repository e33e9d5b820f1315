"""speech-dispatcher's ``spd-say``: the last resort on Linux. It cannot write a file, so it
speaks each step's words straight away, and it cannot pause: pausing stops the words and
resuming starts the step's words again.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from practice_tui.speech.base import DirectSpeech, SpeechError, Speed, Voice
from practice_tui.speech.process import ProgramEngine, run_quietly, start_quietly
from practice_tui.speech.system import LIST_TIMEOUT_S, one_line

if TYPE_CHECKING:
    import subprocess

__all__ = ["SpdSayEngine", "SpdSaySpeech"]

#: Seconds to let ``spd-say`` end when asked to stop, and to cancel what it queued.
STOP_TIMEOUT_S = 2.0


class SpdSaySpeech:
    """One block of words being spoken by ``spd-say --wait`` (a :class:`DirectSpeech`)."""

    def __init__(self, program: str, args: list[str]) -> None:
        self.program = program
        self.args = args
        self.process: subprocess.Popen[bytes] | None = None
        self.paused = False
        self._start()

    def _start(self) -> None:
        self.process = start_quietly(self.args, what="speech-dispatcher could not speak")

    def _end(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        import subprocess  # here: the speech process module says why (start-up)

        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)
        # The words already handed to the speech service would carry on without this.
        with contextlib.suppress(SpeechError):
            run_quietly([self.program, "--cancel"], what="cancel", timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        self.paused = False
        self._end()

    def pause(self) -> None:
        if self.is_playing():
            self.paused = True
            self._end()

    def resume(self) -> None:
        if self.paused:
            self.paused = False
            self._start()

    def is_playing(self) -> bool:
        return self.process is not None and self.process.poll() is None


class SpdSayEngine(ProgramEngine):
    """The speech service many Linux desktops run, through its ``spd-say`` program."""

    name = "spd-say"
    label = "speech-dispatcher"
    writes_files = False
    #: spd-say's rate, -100 (slowest) to 100; 0 is the service's own pace.
    RATE = {Speed.SLOW: -25, Speed.NATURAL: 0}

    def voices(self) -> list[Voice]:
        """The English voices of the speech service's default synthesiser (``-L``)."""
        listing = run_quietly(
            [self.program, "-L"],
            what="speech-dispatcher could not list its voices",
            timeout=LIST_TIMEOUT_S,
        )
        voices = []
        for line in listing.splitlines():
            parts = line.split()  # name, language, variant (after a heading line)
            if len(parts) >= 2 and parts[0] != "NAME" and parts[1].lower().startswith("en"):
                voices.append(Voice(self.name, parts[0], f"{parts[0]} ({parts[1]})"))
        return voices

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        raise SpeechError("speech-dispatcher speaks the words directly; it cannot write a file.")

    def speak(self, text: str, voice: str | None, speed: Speed) -> DirectSpeech:
        args = [self.program, "--wait", "-r", str(self.RATE[Speed(speed)]), "-l", "en"]
        args += [*(["-y", voice] if voice else []), "--", one_line(text)]
        return SpdSaySpeech(self.program, args)
