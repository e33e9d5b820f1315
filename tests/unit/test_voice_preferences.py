"""The voice in the settings: kept between runs, read calmly when damaged, and the one rule
that decides whether a practice is spoken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.preferences import (
    DEFAULT_VOICE_VOLUME,
    Preferences,
    load_preferences,
    save_preferences,
    speaking_for,
)
from practice_tui.speech import Speed
from tests.unit.test_preferences import path, write

__all__ = ["path"]  # the settings file's place, a fixture shared with test_preferences


def test_the_voice_defaults_to_on_when_found_slow_and_louder_than_the_bells() -> None:
    prefs = Preferences()
    assert prefs.voice_on is None and prefs.voice_engine is None and prefs.voice is None
    assert prefs.voice_speed is Speed.SLOW
    assert prefs.voice_volume == DEFAULT_VOICE_VOLUME == 80
    assert prefs.voice_by_practice == {}
    assert prefs.voice_gain == pytest.approx(0.8)
    assert Preferences(voice_volume=50, muted=True).voice_gain == 0.0


def test_a_round_trip_keeps_every_voice_setting(path: Path) -> None:
    prefs = Preferences(
        voice_on=False,
        voice_engine="piper",
        voice="en_GB-alba-medium",
        voice_speed=Speed.NATURAL,
        voice_volume=45,
        voice_by_practice={"breathing-space": True, "walking": False},
    )
    save_preferences(path, prefs)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["voice_speed"] == "natural" and saved["voice_on"] is False
    assert load_preferences(path) == (prefs, None)


def test_an_older_file_without_the_voice_loads_unchanged(path: Path) -> None:
    write(path, {"version": 1, "volume": 40, "muted": True, "day_ends_at": 2})
    prefs, problem = load_preferences(path)
    assert problem is None
    assert prefs == Preferences(volume=40, muted=True, day_ends_at=2)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("voice_on", "yes"),
        ("voice_on", 1),
        ("voice_engine", ""),
        ("voice_engine", 3),
        ("voice", ["en"]),
        ("voice_speed", "fast"),
        ("voice_speed", None),
        ("voice_volume", "loud"),
        ("voice_volume", float("nan")),
        ("voice_by_practice", ["walking"]),
        ("voice_by_practice", {"walking": "off"}),
        ("voice_by_practice", {"": True}),
    ],
)
def test_a_voice_setting_not_understood_falls_back_to_its_default_and_says_so(
    path: Path, key: str, value: object
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"volume": 30, key: value}, allow_nan=True)
    path.write_text(text, encoding="utf-8")
    prefs, problem = load_preferences(path)
    assert problem is not None and "not understood" in problem and str(path) in problem
    assert getattr(prefs, key) == getattr(Preferences(), key)
    assert prefs.volume == 30  # the rest is kept
    assert path.read_text(encoding="utf-8") == text  # left alone until the participant saves


def test_the_voice_volume_is_clamped_and_kept_apart_from_the_bells() -> None:
    assert Preferences(voice_volume=250).voice_volume == 100
    assert Preferences(voice_volume=-3).voice_volume == 0
    assert Preferences(voice_volume=20).volume == Preferences().volume


def test_a_remembered_choice_is_a_copy_and_settings_stay_hashable() -> None:
    choices = {"walking": False}
    prefs = Preferences(voice_by_practice=choices)
    choices["walking"] = True
    assert prefs.voice_by_practice == {"walking": False}
    assert hash(prefs) == hash(Preferences(voice_by_practice={"x": True}))


def test_the_ready_screen_remembers_only_what_differs_from_settings() -> None:
    prefs = Preferences().with_voice_for("walking", False)
    assert prefs.voice_by_practice == {"walking": False}
    assert prefs.with_voice_for("walking", True).voice_by_practice == {}
    quiet = Preferences(voice_on=False).with_voice_for("walking", True)
    assert quiet.voice_by_practice == {"walking": True}


def test_turning_the_voice_off_in_settings_turns_it_off_everywhere() -> None:
    prefs = Preferences().with_voice_for("walking", False).with_voice_for("metta", True)
    off = prefs.with_voice_on(False)
    assert off.voice_on is False and off.voice_by_practice == {}
    assert not any(speaking_for(off, p, True, None) for p in ("walking", "metta", "other"))


choices = st.dictionaries(st.sampled_from(["a", "b", "c"]), st.booleans(), max_size=3)


@given(
    voice_on=st.sampled_from([None, True, False]),
    by_practice=choices,
    practice=st.sampled_from(["a", "b", "c"]),
    engine_found=st.booleans(),
    override=st.sampled_from([None, True, False]),
)
def test_whether_a_practice_is_spoken_for_every_combination(
    voice_on: bool | None,
    by_practice: dict[str, bool],
    practice: str,
    engine_found: bool,
    override: bool | None,
) -> None:
    prefs = Preferences(voice_on=voice_on, voice_by_practice=by_practice)
    spoken = speaking_for(prefs, practice, engine_found, override)
    if not engine_found:
        assert spoken is False  # nothing can speak: never claimed
    elif override is not None:
        assert spoken is override  # --voice / --no-voice, for this run only
    elif practice in by_practice:
        assert spoken is by_practice[practice]  # the ready screen's key
    else:
        assert spoken is (voice_on is not False)  # Settings; on unless turned off
    # Choices for other practices never change this one's.
    others = {key: not on for key, on in by_practice.items() if key != practice}
    changed = Preferences(voice_on=voice_on, voice_by_practice={**by_practice, **others})
    assert speaking_for(changed, practice, engine_found, override) is spoken


@given(
    voice_on=st.sampled_from([None, True, False]),
    by_practice=choices,
    practice=st.sampled_from(["a", "b", "c"]),
    on=st.booleans(),
)
def test_the_ready_screen_s_key_always_gets_what_it_asked_for(
    voice_on: bool | None, by_practice: dict[str, bool], practice: str, on: bool
) -> None:
    prefs = Preferences(voice_on=voice_on, voice_by_practice=by_practice)
    assert speaking_for(prefs.with_voice_for(practice, on), practice, True, None) is on
