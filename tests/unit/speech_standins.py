"""Stand-in speech programs for the tests: one small Python script, installed under each name
(piper, espeak-ng, espeak, say, powershell, pwsh, spd-say), that checks its command line as the
real program would read it, records what it was given, writes a WAV, and makes noise on its
own stdout and stderr (which must never reach the terminal).
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

ALL = ("piper", "espeak-ng", "espeak", "say", "powershell", "pwsh", "spd-say")

SCRIPT = r"""
import base64, json, math, os, signal, struct, sys, wave

LOG = __LOG__
name = os.path.basename(sys.argv[0])
args = sys.argv[1:]
text = sys.stdin.read()
try:
    with open("/dev/tty", "w"):
        pass
    tty = True
except OSError:
    tty = False
env = {k: v for k, v in os.environ.items() if k.startswith("PRACTICE_TUI_")}
with open(LOG, "a", encoding="utf-8") as log:
    record = {"program": name, "args": args, "stdin": text, "tty": tty, "env": env}
    log.write(json.dumps(record) + "\n")
sys.stdout.write("noise on stdout\n")
sys.stderr.write("noise on stderr\n")


def write_wav(path, seconds=0.4):
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
        frames = int(22050 * seconds)
        out.writeframes(b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * 220 * i / 22050)))
            for i in range(frames)))


def value(flag):
    if flag not in args or args.index(flag) + 1 >= len(args):
        sys.stderr.write(f"{name}: missing {flag}\n")
        sys.exit(2)
    return args[args.index(flag) + 1]


if "FAIL" in text or os.environ.get("PRACTICE_TUI_TEXT", "").startswith("FAIL"):
    sys.exit(1)
if name in ("espeak-ng", "espeak"):
    if args == ["--voices=en"]:
        print("Pty Language       Age/Gender VoiceName          File          Other Languages")
        print(" 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)")
        print(" 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)")
        print(" 5  en-us           --/F      us-mbrola-1        mb/mb-us1            (en 8)")
        print(" 5  variant         --/M      Storm              !v/Storm             (en-us 5)")
        sys.exit(0)
    if "--stdin" not in args or value("-b") != "1":
        sys.exit(2)
    write_wav(value("-w"))
elif name == "say":
    if args == ["-v", "?"]:
        print("Daniel              en_GB    # Hello! My name is Daniel.")
        print("Amélie              fr_CA    # Bonjour! Je m’appelle Amélie.")
        print("Bad News            en_US    # The light you see at the end of the tunnel.")
        sys.exit(0)
    if value("-f") != "-" or "--file-format=WAVE" not in args:
        sys.exit(2)
    if "--data-format=LEI16@22050" not in args:
        sys.exit(2)
    write_wav(value("-o"))
elif name in ("powershell", "pwsh"):
    script = base64.b64decode(value("-EncodedCommand")).decode("utf-16-le")
    if "GetInstalledVoices" in script:
        print("Microsoft Hazel Desktop\ten-GB")
        print("Microsoft Hortense Desktop\tfr-FR")
        sys.exit(0)
    if "$env:PRACTICE_TUI_TEXT" not in script or "-NonInteractive" not in args:
        sys.exit(2)
    write_wav(env["PRACTICE_TUI_OUT"])
elif name == "piper":
    known = {"-m", "-c", "-f", "--length_scale"}
    flags = args[0::2]
    # Piper reads any argument it does not know as words to speak: none may be left over.
    if len(args) % 2 or set(flags) != known or not text.endswith("\n") or "\n" in text[:-1]:
        sys.stderr.write(f"piper: bad command line {args!r}\n")
        sys.exit(2)
    model, config = value("-m"), value("-c")
    if not (model.endswith(".onnx") and os.path.isfile(model)) or config != model + ".json":
        sys.exit(2)
    float(value("--length_scale"))
    write_wav(value("-f"))
elif name == "spd-say":
    if args == ["-L"]:
        print("NAME                 LANGUAGE  VARIANT")
        print("english              en        none")
        print("german               de        none")
        sys.exit(0)
    if args == ["--cancel"]:
        sys.exit(0)
    if "--wait" not in args or args[-2] != "--":
        sys.exit(2)
    if os.environ.get("PRACTICE_TUI_STANDIN_SPEAKS") != "briefly":
        signal.pause()  # speaks until it is stopped (killed), as a long step would
else:
    sys.exit(3)
"""


def install(folder: Path, names: tuple[str, ...] = ALL) -> tuple[dict[str, Path], Path]:
    """Write the stand-ins into ``folder``: each name's path, and the log they append to."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "calls.jsonl"
    body = f"#!{sys.executable}\n" + SCRIPT.replace("__LOG__", repr(str(log)))
    programs = {}
    for name in names:
        program = folder / name
        program.write_text(body, encoding="utf-8")
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
        programs[name] = program
    return programs, log


def which_of(programs: dict[str, Path]) -> Callable[[str], str | None]:
    """A ``shutil.which`` that finds the stand-ins and nothing else."""
    return lambda name: str(programs[name]) if name in programs else None


def calls(log: Path) -> list[dict[str, object]]:
    """What the stand-ins were given, in order."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def add_piper_voice(folder: Path, stem: str = "en_GB-alba-medium", scale: float = 1.0) -> Path:
    """A Piper voice's two files (a stand-in model), as ``voices add`` would leave them."""
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{stem}.onnx"
    model.write_bytes(b"\x08\x07\x12\x07pytorch" + os.urandom(64))
    config = {
        "audio": {"sample_rate": 22050, "quality": "medium"},
        "dataset": stem.split("-")[1] if "-" in stem else stem,
        "language": {
            "code": "en_GB",
            "name_english": "English",
            "country_english": "Great Britain",
        },
        "inference": {"noise_scale": 0.667, "length_scale": scale, "noise_w": 0.8},
        "phoneme_id_map": {"_": [0]},
    }
    (folder / f"{stem}.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    return model
