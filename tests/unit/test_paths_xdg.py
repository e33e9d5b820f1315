"""The folders worked out without platformdirs are the ones platformdirs itself gives."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui import paths

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is Linux's")

#: Values an XDG variable or HOME may hold: absent, empty, relative, absolute, odd.
_VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "relative/dir", "~", "~/x", "/", "/home/ann", "/tmp/x/", "//a//b"]),
    st.text(alphabet="/ab~. ", max_size=8),
)
_VARIABLES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "HOME")


@given(values=st.tuples(*(_VALUES for _ in _VARIABLES)))
def test_each_folder_is_the_one_platformdirs_gives(values: tuple[str | None, ...]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for variable, value in zip(_VARIABLES, values, strict=True):
            if value is None:
                patch.delenv(variable, raising=False)
            else:
                patch.setenv(variable, value)
        patch.delenv("ANDROID_DATA", raising=False)
        for kind in ("data", "config", "cache"):
            found = paths.xdg_folder(kind)
            if found is None:  # left to platformdirs
                continue
            expected = getattr(platformdirs, f"user_{kind}_path")(paths.APP_NAME)
            assert found == expected
            assert str(found) == str(expected)


def test_the_usual_desk_needs_no_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", "/srv/conf")
    monkeypatch.setenv("HOME", "/home/ann")
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    assert paths.xdg_folder("data") == Path("/home/ann/.local/share/practice-tui")
    assert paths.xdg_folder("config") == Path("/srv/conf/practice-tui")


def test_a_relative_home_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "somewhere")
    assert paths.xdg_folder("cache") is None
