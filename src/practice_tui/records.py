"""Records that are cheap to define, for the classes every command loads.

``Record`` is a named tuple; ``FrozenRecord`` a frozen dataclass whose ``__post_init__`` checks
its values (the settings). Both exist because the standard ones compile code for each class.

``typing.NamedTuple`` builds each class by generating and compiling source text (about 0.2 to
0.6 ms a class here), and the course and the journal define some thirty of them, which was a
tenth of a command's start. A ``Record`` class is made from its annotations by a metaclass that
compiles nothing (about 0.02 ms), and behaves as the named tuple would: positional or keyword
construction with defaults, ``_fields``, ``_field_defaults``, ``_make``, ``_replace``,
``_asdict``, the same ``repr``, tuple equality, hashing and unpacking, methods and properties in
the class body. Type checkers are told it *is* ``typing.NamedTuple`` (see the end), so they check
its construction as they always did; ``tests/unit/test_records.py`` holds the two to the same
behaviour.
"""

from __future__ import annotations

import inspect
import itertools
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar, Self, dataclass_transform

__all__ = ["FrozenRecord", "FrozenRecordError", "Record"]

_MISSING = object()


def _arranged(cls: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """The values in field order, from positional and keyword arguments and the defaults,
    with the TypeError Python's own named tuple raises for a wrong call."""
    fields: tuple[str, ...] = cls._fields
    name = cls.__name__
    if len(args) > len(fields):
        raise TypeError(
            f"{name}() takes {len(fields)} positional arguments but {len(args)} were given"
        )
    values = list(args) + [_MISSING] * (len(fields) - len(args))
    for key, value in kwargs.items():
        try:
            index = fields.index(key)
        except ValueError:
            raise TypeError(f"{name}() got an unexpected keyword argument {key!r}") from None
        if index < len(args):
            raise TypeError(f"{name}() got multiple values for argument {key!r}")
        values[index] = value
    defaults: dict[str, Any] = cls._field_defaults
    missing = []
    for index, value in enumerate(values):
        if value is _MISSING:
            field = fields[index]
            if field in defaults:
                values[index] = defaults[field]
            else:
                missing.append(field)
    if missing:
        names = ", ".join(repr(field) for field in missing)
        raise TypeError(f"{name}() missing {len(missing)} required argument(s): {names}")
    return tuple(values)


def _fields_and_defaults(cls: type) -> tuple[tuple[str, ...], dict[str, Any]]:
    """A class's own fields (its annotations but ``ClassVar``s, in order) and their defaults
    (the class attributes of the same names). The annotations are the module's strings
    (``from __future__ import annotations``): only their names are read, never evaluated."""
    annotations = inspect.get_annotations(cls)
    fields = tuple(
        name for name, kind in annotations.items() if not str(kind).startswith("ClassVar")
    )
    defaults = {name: cls.__dict__[name] for name in fields if name in cls.__dict__}
    for name in fields:
        if name.startswith("_"):
            raise ValueError(f"{cls.__name__}: a field's name cannot start with '_': {name!r}")
    for before, after in itertools.pairwise(fields):
        if before in defaults and after not in defaults:
            raise TypeError(f"{cls.__name__}: {after!r}, without a default, follows a default")
    return fields, defaults


class _RecordMeta(type):
    """Turns a class body's annotations into a named tuple's fields, without compiling code."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if namespace.get("_record_base"):
            return super().__new__(mcls, name, bases, namespace)
        if bases != (Record,):
            raise TypeError(f"{name}: a record extends Record alone, not another record")
        cls = super().__new__(mcls, name, bases, {**namespace, "__slots__": ()})
        fields, defaults = _fields_and_defaults(cls)
        for index, field in enumerate(fields):
            prop = property(itemgetter(index), doc=f"Alias for field number {index}")
            setattr(cls, field, prop)  # in place of the default, kept in _field_defaults
        cls._fields = fields
        cls._field_defaults = defaults
        cls.__match_args__ = fields
        return cls


class Record(tuple, metaclass=_RecordMeta):  # type: ignore[misc]
    """A named tuple whose fields are the class's annotations (see the module's docstring)."""

    _record_base = True
    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, Any] = {}

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if not kwargs and len(args) == len(cls._fields):
            return tuple.__new__(cls, args)
        return tuple.__new__(cls, _arranged(cls, args, kwargs))

    @classmethod
    def _make(cls, iterable: Any) -> Any:
        values = tuple.__new__(cls, iterable)
        if len(values) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(values)}")
        return values

    def _replace(self, **changes: Any) -> Any:
        values = self._make(
            changes.pop(field, value) for field, value in zip(self._fields, self, strict=True)
        )
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return values

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self) -> str:
        inside = ", ".join(
            f"{field}={value!r}" for field, value in zip(self._fields, self, strict=True)
        )
        return f"{type(self).__name__}({inside})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)


class FrozenRecordError(AttributeError):
    """A field of a frozen record was assigned to (as ``dataclasses.FrozenInstanceError``)."""


@dataclass_transform(frozen_default=True)
class FrozenRecord:
    """A frozen dataclass made without compiling code: fields from the class's annotations
    (in order, a default given as the class attribute), then ``__post_init__``, which may check
    and adjust the values with ``object.__setattr__`` as a frozen dataclass's does.
    ``_replace(**changes)`` makes a new one through the same checks (so does Python 3.13's
    ``copy.replace``); ``_fields`` names the fields. A ``dict`` field is copied by whoever
    keeps it (``__post_init__``) and left out of the hash (``field(hash=False)``)."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _field_defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls._fields:
            raise TypeError(f"{cls.__name__}: a record cannot extend another record's fields")
        cls._fields, cls._field_defaults = _fields_and_defaults(cls)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for name, value in zip(self._fields, _arranged(type(self), args, kwargs), strict=True):
            object.__setattr__(self, name, value)
        self.__post_init__()

    def __post_init__(self) -> None:
        """Check and adjust the values; nothing to do unless a record says so."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self._values(), strict=True))

    def _replace(self, **changes: Any) -> Self:
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        return type(self)(**{**self._asdict(), **changes})

    __replace__ = _replace

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, FrozenRecord)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(tuple(value for value in self._values() if not isinstance(value, dict)))

    def __repr__(self) -> str:
        inside = ", ".join(f"{name}={value!r}" for name, value in self._asdict().items())
        return f"{type(self).__name__}({inside})"


if TYPE_CHECKING:  # checkers know named tuples; at run time, the cheap class above
    from typing import NamedTuple as Record
