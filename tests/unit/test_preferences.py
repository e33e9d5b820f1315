"""Settings kept between runs: a round trip, a damaged file met calmly, a private atomic write."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, TextIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.anchors import DEFAULT_ANCHOR, Anchor
from practice_tui.engine.timer_plan import TimerPlan
from practice_tui.paths import CONFIG_DIR_ENV, PRIVATE_FILE_MODE
from practice_tui.preferences import (
    DEFAULT_PRESETS,
    Preferences,
    TimerPreset,
    load_preferences,
    preferences_json,
    preferences_path,
    save_preferences,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")


def test_the_defaults_and_their_two_presets() -> None:
    prefs = Preferences()
    assert (prefs.volume, prefs.muted, prefs.preparation_seconds) == (70, False, 10)
    assert (prefs.start_strikes, prefs.end_strikes, prefs.interval_volume) == (1, 3, 60)
    assert [(p.name, p.minutes, p.interval_minutes) for p in prefs.timer_presets] == [
        ("Desk 5", 5, None),
        ("Morning 20", 20, 5),
    ]


def test_a_missing_file_means_the_defaults_and_no_message(path: Path) -> None:
    assert load_preferences(path) == (Preferences(), None)
    assert not path.exists()


def test_a_round_trip_keeps_every_setting(path: Path) -> None:
    prefs = Preferences(
        volume=35,
        muted=True,
        start_bell="bell",
        phase_bell="bell",
        end_bell="cue",
        interval_bell="cue",
        interval_volume=90,
        preparation_seconds=0,
        start_strikes=3,
        end_strikes=1,
        timer_presets=(
            TimerPreset("Open", None),
            TimerPreset("Lunch 12", 12, interval_at=(3, 6.5)),
            TimerPreset("Ünïcode ☼", 45, interval_minutes=15),
        ),
    )
    save_preferences(path, prefs)
    assert load_preferences(path) == (prefs, None)


def test_every_setting_has_a_reader() -> None:
    """A setting added to Preferences without a reader would be saved but never read back."""
    from practice_tui.preferences import _READERS

    names = set(Preferences._fields)
    assert names == {*_READERS, "timer_presets"}


@settings(max_examples=100, deadline=None)
@given(
    volume=st.integers(-50, 200),
    preparation=st.integers(-10, 500),
    strikes=st.integers(-3, 9),
    muted=st.booleans(),
    name=st.text(min_size=1).filter(str.strip),
)
def test_any_settings_survive_a_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    volume: int,
    preparation: int,
    strikes: int,
    muted: bool,
    name: str,
) -> None:
    path = tmp_path_factory.mktemp("prefs") / "settings.json"
    prefs = Preferences(
        volume=volume,
        muted=muted,
        preparation_seconds=preparation,
        end_strikes=strikes,
        timer_presets=(TimerPreset(name, 10),),
    )
    assert 0 <= prefs.volume <= 100 and 1 <= prefs.end_strikes <= 3
    save_preferences(path, prefs)
    assert load_preferences(path) == (prefs, None)


def test_replace_clamps_so_the_screen_can_step_past_the_ends() -> None:
    prefs = Preferences(volume=98)
    assert prefs._replace(volume=prefs.volume + 5).volume == 100
    assert prefs._replace(interval_volume=-5).interval_volume == 0
    assert prefs._replace(preparation_seconds=600).preparation_seconds == 120
    assert prefs._replace(timer_presets=[]).timer_presets == ()


@pytest.mark.parametrize(
    "content",
    ["{not json", "", "[1, 2, 3]", '"volume"', "\x00\x01", "[" * 100_000],
)
def test_a_file_that_is_not_a_settings_object_gives_defaults_and_one_sentence(
    path: Path, content: str
) -> None:
    write(path, content)
    prefs, message = load_preferences(path)
    assert prefs == Preferences()
    assert message is not None and str(path) in message
    assert message.count(".") >= 1 and "\n" not in message
    assert path.read_text(encoding="utf-8") == content  # left alone until the user saves


def test_an_unreadable_file_gives_defaults_and_names_the_file(path: Path) -> None:
    path.mkdir(parents=True)  # a folder where the file should be
    prefs, message = load_preferences(path)
    assert prefs == Preferences()
    assert message is not None and str(path) in message


def test_bytes_that_are_not_utf8_give_defaults(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"volume": "\xff"}')
    prefs, message = load_preferences(path)
    assert prefs == Preferences() and message is not None


def test_a_value_of_the_wrong_type_falls_back_alone(path: Path) -> None:
    write(
        path,
        {
            "volume": "loud",
            "muted": 1,
            "end_bell": "",
            "start_bell": "bell",
            "interval_volume": 40,
            "preparation_seconds": float("nan"),
            "timer_presets": [
                {"name": "Fine", "minutes": 7},
                {"name": "", "minutes": 7},
                {"name": "Both", "minutes": 20, "interval_minutes": 5, "interval_at": [3]},
                {"name": "Bad minutes", "minutes": "ten"},
                "not a preset",
            ],
        },
    )
    prefs, message = load_preferences(path)
    assert message is not None and str(path) in message
    assert (prefs.volume, prefs.muted, prefs.end_bell) == (70, False, Preferences().end_bell)
    assert (prefs.start_bell, prefs.interval_volume, prefs.preparation_seconds) == ("bell", 40, 10)
    assert [p.name for p in prefs.timer_presets] == ["Fine"]


def test_a_cue_for_every_new_step_is_on_unless_turned_off(path: Path) -> None:
    """Issue 11: on by default, and for a settings file written before it existed."""
    assert Preferences().cue_every_step is True
    write(path, {"volume": 50})
    assert load_preferences(path)[0].cue_every_step is True
    save_preferences(path, Preferences(cue_every_step=False))
    assert load_preferences(path) == (Preferences(cue_every_step=False), None)
    write(path, {"cue_every_step": "no", "volume": 50})
    prefs, message = load_preferences(path)
    assert prefs.cue_every_step is True and prefs.volume == 50 and message is not None


@pytest.mark.parametrize("anchor", list(Anchor))
def test_the_anchor_is_unchosen_until_chosen_and_then_kept(path: Path, anchor: Anchor) -> None:
    """Issue 13: no anchor until the participant chooses (so they are asked once), the default
    meanwhile; a choice survives a round trip, and one not understood falls back alone."""
    assert Preferences().anchor is None
    assert Preferences().practice_anchor is DEFAULT_ANCHOR
    write(path, {"volume": 50})
    assert load_preferences(path)[0].anchor is None
    save_preferences(path, Preferences(anchor=anchor))
    prefs, message = load_preferences(path)
    assert (prefs.anchor, prefs.practice_anchor, message) == (anchor, anchor, None)
    write(path, {"anchor": "elbows", "volume": 50})
    prefs, message = load_preferences(path)
    assert prefs.anchor is None and prefs.volume == 50 and message is not None


def test_presets_that_are_not_a_list_give_the_default_presets(path: Path) -> None:
    write(path, {"timer_presets": {"name": "x"}})
    prefs, message = load_preferences(path)
    assert prefs.timer_presets == DEFAULT_PRESETS and message is not None


def test_an_empty_preset_list_is_kept(path: Path) -> None:
    write(path, {"timer_presets": []})
    assert load_preferences(path) == (Preferences(timer_presets=()), None)


def test_out_of_range_numbers_are_clamped_quietly_and_unknown_keys_ignored(path: Path) -> None:
    write(
        path,
        {
            "version": 9,
            "volume": 250,
            "interval_volume": -3,
            "preparation_seconds": 99999,
            "start_strikes": 0,
            "end_strikes": 7.4,
            "a_setting_from_the_future": {"x": 1},
            "timer_presets": [{"name": "Long", "minutes": 100_000, "future": True}],
        },
    )
    prefs, message = load_preferences(path)
    assert message is None
    assert (prefs.volume, prefs.interval_volume, prefs.preparation_seconds) == (100, 0, 120)
    assert (prefs.start_strikes, prefs.end_strikes) == (1, 3)
    assert prefs.timer_presets == (TimerPreset("Long", 24 * 60),)


def test_the_file_is_private_and_its_folder_too(path: Path) -> None:
    path.parent.mkdir(mode=0o755)
    os.chmod(path.parent, 0o755)
    save_preferences(path, Preferences())
    assert stat.S_IMODE(path.stat().st_mode) == PRIVATE_FILE_MODE
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(preferences_json(Preferences())))
    assert data["version"] == 1


def test_a_disk_that_fills_mid_write_leaves_the_old_file_whole(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_preferences(path, Preferences(volume=20))
    before = path.read_bytes()
    real_fdopen = os.fdopen

    def half_then_full(*args: Any, **kwargs: Any) -> TextIO:
        stream = real_fdopen(*args, **kwargs)
        write = stream.write

        def write_half(text: str) -> int:
            write(text[: len(text) // 2])
            stream.flush()
            raise OSError(28, "No space left on device")

        stream.write = write_half  # type: ignore[method-assign]
        return stream

    monkeypatch.setattr(os, "fdopen", half_then_full)
    with pytest.raises(OSError, match="No space"):
        save_preferences(path, Preferences(volume=90))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_write_that_fails_part_way_leaves_the_old_file_and_no_litter(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_preferences(path, Preferences(volume=20))
    before = path.read_bytes()
    real_replace = os.replace

    def no_rename(src: str, dst: str) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError):
        save_preferences(path, Preferences(volume=90))
    monkeypatch.setattr(os, "replace", real_replace)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_saving_where_no_folder_can_be_made_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OSError):
        save_preferences(blocker / "settings.json", Preferences())


def test_a_preset_becomes_a_plan_with_the_participants_bells() -> None:
    prefs = Preferences(volume=50, interval_volume=20, end_strikes=2, preparation_seconds=15)
    plan = DEFAULT_PRESETS[1].to_plan(prefs)
    assert plan == TimerPlan(
        20,
        preparation_seconds=15,
        interval_minutes=5,
        start_strikes=1,
        end_strikes=2,
        start_bell=prefs.start_bell,
        interval_bell=prefs.interval_bell,
        end_bell=prefs.end_bell,
        volume=0.25,  # squared: half way is a quarter of the power
        interval_volume=0.2**2,
    )
    muted = prefs._replace(muted=True)
    assert (muted.bell_gain, muted.interval_gain) == (0.0, 0.0)
    assert TimerPreset("x", None).to_plan(muted).volume == 0.0


def test_a_preset_that_could_not_run_cannot_be_made() -> None:
    with pytest.raises(ValueError, match="name"):
        TimerPreset("  ", 5)
    with pytest.raises(ValueError, match="not both"):
        TimerPreset("x", 20, interval_minutes=5, interval_at=(3,))
    assert TimerPreset(" Evening ", 10, interval_at=[7, 3]) == TimerPreset(
        "Evening", 10, None, (3, 7)
    )


def test_the_file_lives_in_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "cfg"))
    assert preferences_path() == (tmp_path / "cfg" / "settings.json").absolute()
