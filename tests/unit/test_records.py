"""``Record`` behaves as ``typing.NamedTuple`` and ``FrozenRecord`` as a frozen dataclass: the
same class built both ways, then the same calls made on each, over generated fields and
values. They exist only to be cheaper to define (command-line start-up)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import types
from keyword import iskeyword
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_tui.records import FrozenRecord, FrozenRecordError, Record

#: Names a class body could annotate (never a keyword, which a class body cannot hold).
NAME = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda n: not iskeyword(n))
NAMES = st.lists(NAME, min_size=1, max_size=6, unique=True)
VALUES = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.integers()))


def _namespace(fields: list[str], defaults: dict[str, Any]) -> dict[str, Any]:
    return {"__module__": __name__, "__annotations__": dict.fromkeys(fields, "object"), **defaults}


def _both_tuples(fields: list[str], defaults: dict[str, Any]) -> tuple[type, type]:
    theirs = types.new_class(
        "Thing", (NamedTuple,), exec_body=lambda ns: ns.update(_namespace(fields, defaults))
    )
    ours = types.new_class(
        "Thing", (Record,), exec_body=lambda ns: ns.update(_namespace(fields, defaults))
    )
    return theirs, ours


def _outcome(make: Any) -> Any:
    try:
        made = make()
    except (TypeError, ValueError) as error:
        return type(error)
    return made


@st.composite
def cases(
    draw: st.DrawFn, values: st.SearchStrategy[Any]
) -> tuple[list[str], dict[str, Any], list[Any], dict[str, Any]]:
    """Fields, their defaults (the last few), and a call: too many, too few, or unknown
    arguments as well as right ones."""
    fields = draw(NAMES)
    first_default = draw(st.integers(0, len(fields)))
    defaults = {name: draw(values) for name in fields[first_default:]}
    args = draw(st.lists(values, max_size=len(fields) + 1))
    keys = draw(st.lists(st.sampled_from([*fields, "elsewhere"]), unique=True, max_size=3))
    kwargs = {key: draw(values) for key in keys}
    return fields, defaults, args, kwargs


@given(cases(VALUES))
def test_a_record_is_made_and_used_as_a_named_tuple_is(case: Any) -> None:
    fields, defaults, args, kwargs = case
    theirs, ours = _both_tuples(fields, defaults)
    assert ours._fields == theirs._fields
    assert ours._field_defaults == theirs._field_defaults
    assert ours.__match_args__ == theirs.__match_args__
    expected = _outcome(lambda: theirs(*args, **kwargs))
    made = _outcome(lambda: ours(*args, **kwargs))
    if isinstance(expected, type):
        assert made is expected  # the same kind of mistake, said as Python says it
        return
    assert isinstance(made, ours) and isinstance(made, tuple)
    assert tuple(made) == tuple(expected) and made == expected and hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    assert made._asdict() == expected._asdict()
    for name in fields:
        assert getattr(made, name) == getattr(expected, name)
    change = {fields[0]: "changed"}
    assert tuple(made._replace(**change)) == tuple(expected._replace(**change))
    assert _outcome(lambda: made._replace(elsewhere=1)) is ValueError
    assert ours._make(list(made)) == made
    assert _outcome(lambda: ours._make([*made, 1])) is TypeError
    assert copy.copy(made) == made and copy.deepcopy(made) == made
    assert not hasattr(made, "__dict__")  # no room for stray attributes, as a named tuple


class Step(Record):
    """Kept at module level so that pickle finds it."""

    words: str
    weight: float = 1.0

    def heavier(self) -> Step:
        return self._replace(weight=self.weight * 2)


def test_a_record_keeps_its_methods_and_pickles() -> None:
    step = Step("Rest", 2.0)
    assert step.heavier() == Step("Rest", 4.0)
    assert pickle.loads(pickle.dumps(step)) == step
    match step:
        case Step(words, weight):
            assert (words, weight) == ("Rest", 2.0)
    with pytest.raises(AttributeError):
        step.words = "Run"  # type: ignore[misc]


def test_a_record_is_refused_where_a_named_tuple_is() -> None:
    with pytest.raises(TypeError):
        types.new_class(
            "Bad", (Record,), exec_body=lambda ns: ns.update(_namespace(["a", "b"], {"a": 1}))
        )
    with pytest.raises(ValueError):
        types.new_class("Bad", (Record,), exec_body=lambda ns: ns.update(_namespace(["_a"], {})))
    with pytest.raises(TypeError):
        types.new_class("Longer", (Step,), exec_body=lambda ns: ns.update(_namespace(["more"], {})))


# FrozenRecord against a frozen dataclass whose __post_init__ checks and adjusts.


def _clamped(self: Any) -> None:
    for name in (
        self._fields if hasattr(self, "_fields") else [f.name for f in dataclasses.fields(self)]
    ):
        value = getattr(self, name)
        if isinstance(value, int) and not isinstance(value, bool):
            if value < 0:
                raise ValueError(f"{name} is below zero")
            object.__setattr__(self, name, min(value, 100))
        elif isinstance(value, dict):
            object.__setattr__(self, name, dict(value))


def _both_frozen(fields: list[str], defaults: dict[str, Any]) -> tuple[type, type]:
    def body(ns: dict[str, Any]) -> None:
        ns.update(_namespace(fields, defaults))
        ns["__post_init__"] = _clamped

    theirs = dataclasses.dataclass(frozen=True)(types.new_class("Settings", (), exec_body=body))
    ours = types.new_class("Settings", (FrozenRecord,), exec_body=body)
    return theirs, ours


FROZEN_VALUES = st.one_of(st.none(), st.integers(-5, 500), st.text(max_size=4))


def _values(thing: Any, fields: list[str]) -> list[Any]:
    return [getattr(thing, name) for name in fields]


@given(cases(FROZEN_VALUES), FROZEN_VALUES)
def test_a_frozen_record_is_made_and_used_as_a_frozen_dataclass_is(case: Any, new: Any) -> None:
    fields, defaults, args, kwargs = case
    theirs, ours = _both_frozen(fields, defaults)
    assert ours._fields == tuple(f.name for f in dataclasses.fields(theirs))
    expected = _outcome(lambda: theirs(*args, **kwargs))
    made = _outcome(lambda: ours(*args, **kwargs))
    if isinstance(expected, type):
        assert made is expected
        return
    assert _values(made, fields) == _values(expected, fields)
    assert made == ours(*_values(expected, fields)) and made != expected  # other classes
    assert hash(made) == hash(ours(**made._asdict()))
    assert repr(made).replace(ours.__qualname__, "X") == repr(expected).replace(
        theirs.__qualname__, "X"
    )
    changed = _outcome(lambda: made._replace(**{fields[0]: new}))
    reference = _outcome(lambda: dataclasses.replace(expected, **{fields[0]: new}))
    if isinstance(reference, type):
        assert changed is reference  # the checks run again on a change
    else:
        assert _values(changed, fields) == _values(reference, fields)
    assert _outcome(lambda: made._replace(elsewhere=1)) is TypeError
    with pytest.raises(FrozenRecordError):
        setattr(made, fields[0], 1)
    with pytest.raises(AttributeError):
        delattr(made, fields[0])


def test_a_frozen_record_copies_and_leaves_a_dict_out_of_its_hash() -> None:
    ours = types.new_class(
        "Settings",
        (FrozenRecord,),
        exec_body=lambda ns: ns.update(
            _namespace(["name", "choices"], {"choices": {}}), __post_init__=_clamped
        ),
    )
    shared: dict[str, bool] = {"walking": True}
    made = ours("a", shared)
    shared["walking"] = False
    assert made.choices == {"walking": True}  # the __post_init__ copy, as the dataclass's
    assert hash(made) == hash(ours("a", {"other": False}))
    assert made != ours("a", {"other": False})
