"""A quicker way back from a pickle for the frozen, slotted dataclasses of the rule pack.

The compiled rules cache holds ~840 of them. `dataclasses` restores each one with a generic
`__setstate__` that looks the class's fields up again for every object (`fields(self)`) and
goes through `object.__setattr__` per field: about a third of unpickling the pack, which
every `followlint` process does before its first draft. The fields of a class never change,
so their slot descriptors are looked up once here and each object's state is stored through
them, as `dataclasses` would store it.

This module imports nothing from the package.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def fast_setstate(cls: T) -> T:
    """Give a frozen dataclass with slots a `__setstate__` that sets its slots directly.

    Apply above `@dataclass(frozen=True, slots=True)`: the state is the list of field values
    in field order, as `dataclasses` pickles it.
    """
    names = tuple(f.name for f in fields(cls))
    descriptors = [vars(cls).get(name) for name in names]
    setters = tuple(getattr(d, "__set__", None) for d in descriptors)
    if not names or not all(setters) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__qualname__} is not a dataclass with slots")

    def __setstate__(self: Any, state: Any) -> None:
        for store, value in zip(setters, state, strict=True):
            store(self, value)  # type: ignore[misc]  # a slot's own setter: frozen is kept

    __setstate__.__qualname__ = f"{cls.__qualname__}.__setstate__"
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls
