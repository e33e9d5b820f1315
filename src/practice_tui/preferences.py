"""The participant's settings, kept between runs: bells, volume, preparation, timer presets,
the voice that speaks a practice's words, the theme and motion, and the anchor every
practice comes back to.

Stored as JSON in ``settings.json`` in the config folder, readable by the owner alone and
written atomically. Reading never fails: a missing file means the defaults; a damaged one
means the defaults (or, for a value that is not understood, that value's default) plus one
calm sentence for the screen to show. The damaged file is left as it is until the participant
saves, so nothing is lost by merely opening the app. Unknown keys are ignored, so an older
version reads a newer file; numbers out of range are clamped.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from practice_tui.anchors import DEFAULT_ANCHOR, Anchor
from practice_tui.engine.timer_rules import (
    DEFAULT_BELL,
    DEFAULT_INTERVAL_BELL,
    MAX_MINUTES,
    MAX_STRIKES,
    check_length,
    checked_intervals,
)
from practice_tui.paths import Paths, ensure_private_dir, private_atomic_writer, resolve_paths
from practice_tui.records import FrozenRecord
from practice_tui.speech.speed import Speed  # alone: the engines load when used

if TYPE_CHECKING:
    from practice_tui.engine.practice_plan import PracticeBells
    from practice_tui.engine.timer_plan import TimerPlan

SETTINGS_FILENAME = "settings.json"
#: Written into the file, for a future change of layout; reading does not depend on it yet.
FORMAT_VERSION = 1
MAX_PREPARATION_SECONDS = 120
#: The voice's volume (0..100) until the participant chooses; louder than the bells, as
#: words heard only half are worse than a bell heard softly.
DEFAULT_VOICE_VOLUME = 80
#: How progress may be counted: by the participant's programme weeks, or calendar weeks.
PROGRESS_BY = ("programme", "calendar")


class TimerPreset(FrozenRecord):
    """A saved timer ("Morning 20") shown on the Home screen. Checked like a :class:`TimerPlan`,
    so a preset that could not run cannot be made."""

    name: str
    minutes: int | None
    interval_minutes: float | None = None
    interval_at: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a preset needs a name")
        object.__setattr__(self, "name", self.name.strip())
        check_length(self.minutes)  # the checks of a TimerPlan, without loading the engine
        intervals = checked_intervals(self.interval_minutes, self.interval_at)
        object.__setattr__(self, "interval_at", intervals)

    def to_plan(self, prefs: Preferences) -> TimerPlan:
        return prefs.timer_plan(self.minutes, self.interval_minutes, self.interval_at)


DEFAULT_PRESETS = (
    TimerPreset("Desk 5", 5),
    TimerPreset("Morning 20", 20, interval_minutes=5),
)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


class Preferences(FrozenRecord):
    """Every setting, with its default. Numbers are clamped into range on construction, so
    ``prefs._replace(volume=prefs.volume + 5)`` is always safe."""

    volume: int = 70  # 0..100, for the start, phase and end bells
    muted: bool = False
    start_bell: str = DEFAULT_BELL
    phase_bell: str = "cue"
    end_bell: str = DEFAULT_BELL
    interval_bell: str = DEFAULT_INTERVAL_BELL
    interval_volume: int = 60  # 0..100, the timer's interval bells
    preparation_seconds: int = 10  # before a guided practice and the timer
    start_strikes: int = 1
    end_strikes: int = 3
    timer_presets: tuple[TimerPreset, ...] = DEFAULT_PRESETS
    show_streak: bool = True
    day_ends_at: int = 4  # 0..12: the hour a practice day ends, so late practice counts
    #: Whether practices are spoken: None until the participant chooses, which means on
    #: whenever a voice is found (see :func:`speaking_for`).
    voice_on: bool | None = None
    voice_engine: str | None = None  # an engine's name ("piper"); None: the best found
    voice: str | None = None  # the engine's id for the voice; None: the engine's own
    voice_speed: Speed = Speed.SLOW
    voice_volume: int = DEFAULT_VOICE_VOLUME  # 0..100, apart from the bells' volume
    #: The ready screen's choice for one practice, by practice id, where it differs.
    voice_by_practice: dict[str, bool] = {}  # never shared: __post_init__ keeps a copy
    #: Without a voice, a soft cue with every step that brings new words (not only each new
    #: phase), so a practice can be followed with the eyes closed.
    cue_every_step: bool = True
    #: The day the participant's programme began (from the week they said they were in);
    #: None until they say, which counts progress by calendar week.
    programme_start: date | None = None
    #: Home asks for the programme week once; answered or declined, it never asks again.
    programme_asked: bool = False
    #: Progress by programme week (when there is a start) or by calendar week.
    progress_by: str = "programme"
    #: The folder the last export was written to, offered for the next one.
    export_folder: str | None = None
    #: The look: "dark", "light" or "high-contrast" (the app opens dark for a name it does
    #: not know, and high contrast under NO_COLOR).
    theme: str = "dark"
    #: No animation anywhere: scrolling jumps, and the mark of a new phase appears and goes
    #: without fading.
    reduced_motion: bool = False
    #: Where attention comes back to in every practice: None until the participant chooses
    #: (they are asked before their first practice), which means :data:`DEFAULT_ANCHOR`.
    anchor: Anchor | None = None

    def __post_init__(self) -> None:
        limits = {
            "volume": (0, 100),
            "interval_volume": (0, 100),
            "preparation_seconds": (0, MAX_PREPARATION_SECONDS),
            "start_strikes": (1, MAX_STRIKES),
            "end_strikes": (1, MAX_STRIKES),
            "day_ends_at": (0, 12),
            "voice_volume": (0, 100),
        }
        for name, (low, high) in limits.items():
            object.__setattr__(self, name, _clamp(getattr(self, name), low, high))
        object.__setattr__(self, "timer_presets", tuple(self.timer_presets))
        # A copy: a frozen setting is never changed behind its back through a shared dict.
        object.__setattr__(self, "voice_by_practice", dict(self.voice_by_practice))
        object.__setattr__(self, "voice_speed", Speed(self.voice_speed))
        if self.progress_by not in PROGRESS_BY:
            object.__setattr__(self, "progress_by", "programme")
        if self.anchor is not None:
            object.__setattr__(self, "anchor", Anchor(self.anchor))

    @property
    def by_programme(self) -> bool:
        """Whether progress is counted by programme week: chosen, and a start is known."""
        return self.progress_by == "programme" and self.programme_start is not None

    @property
    def practice_anchor(self) -> Anchor:
        """The anchor a practice uses: the one chosen, or the default until then."""
        return self.anchor or DEFAULT_ANCHOR

    @property
    def bell_gain(self) -> float:
        """The player's volume (0..1) for start, phase and end bells; 0 when muted.

        Squared, because the ear hears loudness roughly that way: half way on the 0-100 scale
        is a quarter of the power (about -12 dB), so each step sounds like the same change.
        """
        return 0.0 if self.muted else (self.volume / 100) ** 2

    @property
    def interval_gain(self) -> float:
        return 0.0 if self.muted else (self.interval_volume / 100) ** 2

    @property
    def voice_gain(self) -> float:
        """The speech channel's volume (0..1); 0 when muted. Straight, not squared: as
        ``practice-tui voices test`` plays it, so the test sounds as the practice will."""
        return 0.0 if self.muted else self.voice_volume / 100

    def with_voice_for(self, practice_id: str, on: bool) -> Preferences:
        """These settings with the voice turned ``on`` or off for one practice: remembered
        only where it differs from the voice in Settings, so Settings stays the rule."""
        by_practice = dict(self.voice_by_practice)
        by_practice.pop(practice_id, None)
        if on != (self.voice_on is not False):
            by_practice[practice_id] = on
        return self._replace(voice_by_practice=by_practice)

    def with_voice_on(self, on: bool) -> Preferences:
        """The voice turned on or off in Settings, for every practice: it clears the ready
        screen's choices, so "off" in an open-plan office means off everywhere."""
        return self._replace(voice_on=on, voice_by_practice={})

    def practice_bells(self) -> PracticeBells:
        """A guided practice's bells, struck as the participant chose; rung at the volume of
        the moment (``bell_gain``), as they carry no volume of their own."""
        # Here: the command line reads the settings without loading the engine (start-up).
        from practice_tui.engine.practice_plan import PracticeBells

        return PracticeBells(
            start=self.start_bell,
            phase=self.phase_bell,
            end=self.end_bell,
            start_strikes=self.start_strikes,
            end_strikes=self.end_strikes,
        )

    def timer_plan(
        self,
        minutes: int | None,
        interval_minutes: float | None = None,
        interval_at: tuple[float, ...] = (),
    ) -> TimerPlan:
        """A timer with these bells, strikes, volumes and preparation (presets and the CLI)."""
        # Here: the command line reads the settings without loading the engine (start-up).
        from practice_tui.engine.timer_plan import TimerPlan

        return TimerPlan(
            minutes,
            preparation_seconds=self.preparation_seconds,
            interval_minutes=interval_minutes,
            interval_at=interval_at,
            start_strikes=self.start_strikes,
            end_strikes=self.end_strikes,
            start_bell=self.start_bell,
            interval_bell=self.interval_bell,
            end_bell=self.end_bell,
            volume=self.bell_gain,
            interval_volume=self.interval_gain,
        )


def speaking_for(
    preferences: Preferences, practice_id: str, engine_found: bool, override: bool | None
) -> bool:
    """Whether this practice is spoken: never without a voice; else the command line's
    ``--voice``/``--no-voice`` for this run, else the ready screen's choice for this practice,
    else Settings, else on (a voice was found)."""
    if not engine_found:
        return False
    if override is not None:
        return override
    remembered = preferences.voice_by_practice.get(practice_id)
    if remembered is not None:
        return remembered
    return preferences.voice_on is not False


def preferences_path(paths: Paths | None = None) -> Path:
    """Where the settings live: ``settings.json`` in the config folder."""
    return (paths or resolve_paths()).config_dir / SETTINGS_FILENAME


# ------------------------------------------------------------------------------ reading


class _NotUnderstood(Exception):
    """One value of the wrong type: that setting falls back to its default."""


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _NotUnderstood
    return value


def _whole(value: object) -> int:
    return round(_number(value))


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _NotUnderstood
    return value


def _name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _NotUnderstood
    return value.strip()


def _speed(value: object) -> Speed:
    if value not in tuple(Speed):
        raise _NotUnderstood
    return Speed(value)


def _day(value: object) -> date:
    try:
        return date.fromisoformat(_name(value))
    except ValueError as exc:
        raise _NotUnderstood from exc


def _progress_by(value: object) -> str:
    if value not in PROGRESS_BY:
        raise _NotUnderstood
    return str(value)


def _anchor(value: object) -> Anchor:
    if value not in tuple(Anchor):
        raise _NotUnderstood
    return Anchor(value)


def _by_practice(value: object) -> dict[str, bool]:
    if not isinstance(value, Mapping):
        raise _NotUnderstood
    return {_name(key): _flag(on) for key, on in value.items()}


def _optional(read: Callable[[object], Any]) -> Callable[[object], Any]:
    return lambda value: None if value is None else read(value)


def _preset(value: object) -> TimerPreset:
    if not isinstance(value, Mapping):
        raise _NotUnderstood
    minutes = _optional(_whole)(value.get("minutes"))
    at = value.get("interval_at", [])
    if not isinstance(at, list):
        raise _NotUnderstood
    try:
        return TimerPreset(
            name=_name(value.get("name")),
            minutes=None if minutes is None else _clamp(minutes, 1, MAX_MINUTES),
            interval_minutes=_optional(_number)(value.get("interval_minutes")),
            interval_at=tuple(_number(m) for m in at),
        )
    except ValueError as exc:
        raise _NotUnderstood from exc


_READERS: dict[str, Callable[[object], Any]] = {
    "volume": _whole,
    "muted": _flag,
    "start_bell": _name,
    "phase_bell": _name,
    "end_bell": _name,
    "interval_bell": _name,
    "interval_volume": _whole,
    "preparation_seconds": _whole,
    "start_strikes": _whole,
    "end_strikes": _whole,
    "show_streak": _flag,
    "day_ends_at": _whole,
    "voice_on": _optional(_flag),
    "voice_engine": _optional(_name),
    "voice": _optional(_name),
    "voice_speed": _speed,
    "voice_volume": _whole,
    "voice_by_practice": _by_practice,
    "cue_every_step": _flag,
    "programme_start": _optional(_day),
    "programme_asked": _flag,
    "progress_by": _progress_by,
    "export_folder": _optional(_name),
    "theme": _name,
    "reduced_motion": _flag,
    "anchor": _optional(_anchor),
}


def _from_json(raw: Mapping[str, object]) -> tuple[Preferences, bool]:
    """The settings in ``raw``, and whether anything in it was not understood."""
    values: dict[str, Any] = {}
    troubled = False
    for name, read in _READERS.items():
        if name in raw:
            try:
                values[name] = read(raw[name])
            except _NotUnderstood:
                troubled = True
    presets = raw.get("timer_presets", None)
    if isinstance(presets, list):
        kept = []
        for item in presets:
            try:
                kept.append(_preset(item))
            except _NotUnderstood:
                troubled = True  # drop that one preset, keep the rest
        values["timer_presets"] = tuple(kept)
    elif "timer_presets" in raw:
        troubled = True
    return Preferences(**values), troubled


def load_preferences(path: Path) -> tuple[Preferences, str | None]:
    """The saved settings, and one calm sentence for the screen if the file was damaged.

    Never raises and never writes: a damaged file stays until the participant saves.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Preferences(), None
    except (OSError, UnicodeDecodeError):
        return (
            Preferences(),
            f"Your settings in {path} could not be read, so the defaults are in use.",
        )
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raw = None
    if not isinstance(raw, dict):
        return Preferences(), (
            f"Your settings in {path} are not in a form the app can read, "
            "so the defaults are in use."
        )
    prefs, troubled = _from_json(raw)
    if troubled:
        return prefs, f"Some settings in {path} were not understood, so those use their defaults."
    return prefs, None


# ------------------------------------------------------------------------------ writing


def _preset_json(preset: TimerPreset) -> dict[str, object]:
    return {
        "name": preset.name,
        "minutes": preset.minutes,
        "interval_minutes": preset.interval_minutes,
        "interval_at": list(preset.interval_at),
    }


def preferences_json(prefs: Preferences) -> dict[str, object]:
    """The settings as the JSON object stored on disk."""
    data: dict[str, object] = {"version": FORMAT_VERSION}
    for name in prefs._fields:
        data[name] = getattr(prefs, name)
    data["timer_presets"] = [_preset_json(p) for p in prefs.timer_presets]
    start = prefs.programme_start
    data["programme_start"] = None if start is None else start.isoformat()
    return data


def save_preferences(path: Path, prefs: Preferences) -> None:
    """Write the settings owner-only and atomically; raises OSError for the screen to show."""
    ensure_private_dir(path.parent)
    text = json.dumps(preferences_json(prefs), indent=2, ensure_ascii=False) + "\n"
    with private_atomic_writer(path) as stream:
        stream.write(text)
