"""The system's own speech: espeak-ng (or espeak) on Linux, ``say`` on macOS, and the Windows
speech synthesiser through PowerShell's ``System.Speech``.

Each is a program run once per block of words, writing a 16-bit WAV. The words go in on the
standard input (or, for PowerShell, in the environment), never on a command line a shell reads.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from practice_tui.speech.base import Speed, Voice
from practice_tui.speech.process import ProgramEngine, render_timeout, run_quietly

__all__ = ["EspeakEngine", "SapiEngine", "SayEngine", "one_line"]

#: Seconds to list an engine's voices.
LIST_TIMEOUT_S = 15.0


def one_line(text: str) -> str:
    """The words on one line, spaces tidied: every engine reads them as one block."""
    return " ".join(text.split())


class EspeakEngine(ProgramEngine):
    """espeak-ng, or the older espeak: small, robotic, found on most Linux systems."""

    writes_files = True
    #: Words a minute for each speed (espeak's own default is 175).
    WORDS_PER_MINUTE = {Speed.SLOW: 140, Speed.NATURAL: 165}
    #: British English, for a programme run in the NHS.
    DEFAULT_VOICE = "en-gb"

    def __init__(self, program: str, name: str = "espeak-ng") -> None:
        super().__init__(program)
        self.name = name
        self.label = "eSpeak NG" if name == "espeak-ng" else "eSpeak"

    def default_voice(self) -> str:
        return self.DEFAULT_VOICE

    def voices(self) -> list[Voice]:
        """The English voices, from ``--voices=en``; MBROLA voices (which need more installed)
        and variants (a voice's pitch, not another voice) are left out."""
        listing = run_quietly(
            [self.program, "--voices=en"],
            what=f"{self.label} could not list its voices",
            timeout=LIST_TIMEOUT_S,
        )
        found: dict[str, Voice] = {}
        for line in listing.splitlines():
            parts = line.split()  # priority, language, age/gender, name, file, ...
            if len(parts) < 5 or not parts[0].isdigit() or parts[4].startswith(("mb/", "!v/")):
                continue
            language, name = parts[1], parts[3].replace("_", " ")
            found.setdefault(language, Voice(self.name, language, name))
        return list(found.values())

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        args = [
            self.program,
            "-b",
            "1",
            "-v",
            voice or self.DEFAULT_VOICE,
            "-s",
            str(self.WORDS_PER_MINUTE[Speed(speed)]),
            "-w",
            str(out),
            "--stdin",
        ]
        run_quietly(
            args,
            what=f"{self.label} could not speak the words",
            input_text=one_line(text),
            timeout=render_timeout(text),
        )


#: One voice a line of ``say -v '?'``: its name (may hold spaces), its locale, then ``#``.
_SAY_VOICE = re.compile(r"^(?P<name>.+?)\s+(?P<locale>[a-z]{2,3}[_-][A-Za-z0-9_-]+)\s+#")


class SayEngine(ProgramEngine):
    """macOS's ``say``: the system's voices (Daniel speaks British English)."""

    name = "say"
    label = "macOS speech"
    writes_files = True
    WORDS_PER_MINUTE = {Speed.SLOW: 150, Speed.NATURAL: 180}

    def voices(self) -> list[Voice]:
        """The English voices, from ``say -v '?'``."""
        listing = run_quietly(
            [self.program, "-v", "?"],
            what="macOS speech could not list its voices",
            timeout=LIST_TIMEOUT_S,
        )
        voices = []
        for line in listing.splitlines():
            match = _SAY_VOICE.match(line)
            if match and match["locale"].startswith("en"):
                name, locale = match["name"].strip(), match["locale"]
                voices.append(Voice(self.name, name, f"{name} ({locale})"))
        return voices

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        args = [self.program, *(["-v", voice] if voice else [])]
        args += ["-r", str(self.WORDS_PER_MINUTE[Speed(speed)]), "-o", str(out)]
        args += ["--file-format=WAVE", "--data-format=LEI16@22050", "-f", "-"]
        run_quietly(
            args,
            what="macOS speech could not speak the words",
            input_text=one_line(text),
            timeout=render_timeout(text),
        )


#: The PowerShell that renders words with System.Speech. What varies comes in the environment,
#: so no words or file names are ever parsed as PowerShell.
SAPI_RENDER = """\
$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Speech
$s = New-Object System.Speech.Synthesis.SpeechSynthesizer
try {
  if ($env:PRACTICE_TUI_VOICE) { $s.SelectVoice($env:PRACTICE_TUI_VOICE) }
  $s.Rate = [int]$env:PRACTICE_TUI_RATE
  $format = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(22050, \
[System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, \
[System.Speech.AudioFormat.AudioChannel]::Mono)
  $s.SetOutputToWaveFile($env:PRACTICE_TUI_OUT, $format)
  $s.Speak($env:PRACTICE_TUI_TEXT)
} finally { $s.Dispose() }
"""
SAPI_VOICES = """\
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
Add-Type -AssemblyName System.Speech
$s = New-Object System.Speech.Synthesis.SpeechSynthesizer
try {
  $s.GetInstalledVoices() | Where-Object { $_.Enabled } | ForEach-Object {
    $_.VoiceInfo.Name + "`t" + $_.VoiceInfo.Culture.Name }
} finally { $s.Dispose() }
"""


class SapiEngine(ProgramEngine):
    """The Windows speech synthesiser (SAPI), through PowerShell's System.Speech."""

    name = "sapi"
    label = "Windows speech"
    writes_files = True
    #: System.Speech's rate, -10 (slowest) to 10; 0 is the voice's own pace.
    RATE = {Speed.SLOW: -2, Speed.NATURAL: 0}

    def _args(self, script: str) -> list[str]:
        """PowerShell running ``script``, passed encoded: nothing in it is ever re-quoted."""
        encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
        return [
            self.program,
            "-NoLogo",
            "-NoProfile",
            "-NonInteractive",
            "-EncodedCommand",
            encoded,
        ]

    def voices(self) -> list[Voice]:
        listing = run_quietly(
            self._args(SAPI_VOICES),
            what="Windows speech could not list its voices",
            timeout=LIST_TIMEOUT_S,
        )
        voices = []
        for line in listing.splitlines():
            name, _, culture = line.strip().partition("\t")
            if name and culture.lower().startswith("en"):
                voices.append(Voice(self.name, name, f"{name} ({culture})"))
        return voices

    def render(self, text: str, voice: str | None, speed: Speed, out: Path) -> None:
        env = {
            "PRACTICE_TUI_VOICE": voice or "",
            "PRACTICE_TUI_RATE": str(self.RATE[Speed(speed)]),
            "PRACTICE_TUI_OUT": str(out),
            "PRACTICE_TUI_TEXT": one_line(text),
        }
        run_quietly(
            self._args(SAPI_RENDER),
            what="Windows speech could not speak the words",
            timeout=render_timeout(text),
            env=env,
        )
