"""Equality and repr for the domain dataclasses, written once instead of per class.

`@dataclass` compiles an `__eq__` and a `__repr__` for every class when the module
is imported: about a third of the ~2.6 M instructions each dataclass costs, before
the app's first frame. The nine domain records are declared with
`@dataclass(slots=True, eq=False, repr=False)` and inherit both from `Plain`,
which behaves as the generated ones do (tests/unit/test_domain_plain.py).
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any, ClassVar

_COMPARED: dict[type, Callable[[Any], tuple[Any, ...]]] = {}

FACTORY: Any = dataclasses.MISSING
"""The default of a hand-written `__init__` parameter whose field has a default_factory:
the factory runs when the argument is left out (an explicit None stays None, as in the
`__init__` `@dataclass` would generate)."""


def _compared(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of a record's compared fields, in field order (built once per class)."""
    getter = _COMPARED.get(cls)
    if getter is None:
        names = [f.name for f in fields(cls) if f.compare]
        if len(names) > 1:
            getter = attrgetter(*names)
        else:  # attrgetter of one name gives the value itself, of none it raises
            getter = lambda record: tuple(getattr(record, name) for name in names)  # noqa: E731
        _COMPARED[cls] = getter
    return getter


class Plain:
    """What `@dataclass`'s generated `__eq__` and `__repr__` do: equal when the same class
    with equal compared fields (else NotImplemented), unhashable (eq without frozen), repr
    `Name(field=value!r, ...)` of the repr fields, '...' for a record inside itself."""

    __slots__ = ()
    __hash__: ClassVar[None] = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _compared(self.__class__)
        return compared(self) == compared(other)

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        record: Any = self
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(record) if f.repr)
        return f"{self.__class__.__qualname__}({shown})"
