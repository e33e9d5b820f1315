"""The piecewise JSON reader gives what json.loads gives, and breaks where json.loads breaks,
whatever size the pieces are read in."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice_tui.journal.json_stream import LIST_START, JsonSyntaxError, load_whole, read_object

LISTS = {"entries", "sessions"}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
documents = st.dictionaries(
    st.one_of(st.sampled_from(sorted(LISTS)), st.text(max_size=8)),
    st.one_of(values, st.lists(values, max_size=5)),
    max_size=5,
)


def expected_events(document: dict[str, Any]) -> list[tuple[str, int | None, Any]]:
    events: list[tuple[str, int | None, Any]] = []
    for key, value in document.items():
        if key in LISTS and isinstance(value, list):
            events.append((key, None, LIST_START))
            events += [(key, index, item) for index, item in enumerate(value)]
        else:
            events.append((key, None, value))
    return events


def read(text: str, chunk: int = 1 << 20) -> list[tuple[str, int | None, Any]]:
    return list(read_object(io.StringIO(text), LISTS, chunk=chunk))


@settings(max_examples=200, deadline=None)
@given(
    document=documents,
    indent=st.sampled_from([None, 0, 2]),
    chunk=st.sampled_from([1, 2, 3, 7, 64, 1 << 20]),
    ascii_only=st.booleans(),
)
def test_read_in_pieces_gives_what_json_loads_gives(
    document: dict[str, Any],
    indent: int | None,
    chunk: int,
    ascii_only: bool,
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=ascii_only)
    assert read(text, chunk) == expected_events(json.loads(text))


SAMPLE = json.dumps(
    {
        "format": "x",
        "entries": [{"id": "a", "n": 12345, "text": "line\nbreak"}, {"id": "b", "n": -1.5e3}],
        "sessions": [],
        "other": {"deep": [1, 2, {"k": "v"}]},
    },
    indent=2,
)


def where_json_breaks(text: str) -> tuple[int, int] | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.lineno, error.colno
    return None


@pytest.mark.parametrize("chunk", [1, 5, 1 << 20])
def test_a_file_cut_anywhere_is_said_to_be_cut_short_where_it_ends(chunk: int) -> None:
    for end in range(1, len(SAMPLE)):
        cut = SAMPLE[:end]
        if not cut.strip() or where_json_breaks(cut) is None:
            continue
        with pytest.raises(JsonSyntaxError) as caught:
            read(cut, chunk)
        error = caught.value
        assert (error.line, error.column) == where_json_breaks(cut), cut
        lines = cut.split("\n")
        offset = sum(len(line) + 1 for line in lines[: error.line - 1]) + error.column - 1
        assert error.cut_short == (not cut[offset:].strip()), cut


@pytest.mark.parametrize("chunk", [1, 5, 1 << 20])
def test_a_character_missing_anywhere_is_found_where_json_finds_it(chunk: int) -> None:
    for index, char in enumerate(SAMPLE):
        if char in " \n":
            continue
        broken = SAMPLE[:index] + SAMPLE[index + 1 :]
        place = where_json_breaks(broken)
        if place is None or not broken.startswith("{"):
            continue  # whole, or not an object: the caller reads those whole
        with pytest.raises(JsonSyntaxError) as caught:
            read(broken, chunk)
        assert (caught.value.line, caught.value.column) == place, broken


def test_not_an_object_is_left_to_the_caller() -> None:
    with pytest.raises(ValueError, match="not an object"):
        read("[1, 2]")


def test_nan_is_refused_with_its_place() -> None:
    with pytest.raises(JsonSyntaxError) as caught:
        read('{"entries": [{"a": 1},\n {"b": NaN}]}')
    assert (caught.value.line, caught.value.column) == (2, 8)
    assert caught.value.message == "NaN is not a number JSON allows"


def test_load_whole() -> None:
    assert load_whole(' [1, {"a": 2}] ') == [1, {"a": 2}]
    with pytest.raises(JsonSyntaxError) as caught:
        load_whole("[1, 2] 3")
    assert caught.value.message == "extra data after the end of the JSON"
