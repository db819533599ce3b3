"""fast_setstate: the rule pack's frozen dataclasses come back from a pickle unchanged, quickly."""

from __future__ import annotations

import dataclasses
import io
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from followlint import packcache
from followlint.fast_state import fast_setstate
from followlint.registry import KINDS, builtin_rules_dir, load_specs
from followlint.safepickle import SafeUnpickler


@fast_setstate
@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: tuple[str, ...] = ()


def test_an_object_round_trips_and_stays_frozen() -> None:
    before = Point(3, ("a", "b"))
    after = pickle.loads(pickle.dumps(before, protocol=pickle.HIGHEST_PROTOCOL))
    assert after == before and after is not before
    with pytest.raises(dataclasses.FrozenInstanceError):
        after.x = 4


def test_state_of_another_shape_is_refused() -> None:
    blank = object.__new__(Point)
    with pytest.raises(ValueError):
        blank.__setstate__([1])  # type: ignore[attr-defined]


def test_only_slotted_dataclasses_are_accepted() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        x: int

    with pytest.raises(TypeError, match="NoSlots"):
        fast_setstate(NoSlots)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FOLLOWLINT_NO_PACK_CACHE", raising=False)
    yield tmp_path / "cache"


class _Recording(SafeUnpickler):
    """The stored pack's own unpickler, noting every class the pickle names."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.named: list[Any] = []

    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name)
        self.named.append(found)
        return found


def test_the_built_in_pack_never_takes_the_generic_path(folder: Path) -> None:
    """Counts work, not time: each slotted dataclass in the stored pack uses fast_setstate."""
    dirs = (builtin_rules_dir(),)

    def build() -> Any:
        return tuple((spec, KINDS[spec.kind].from_spec(spec)) for spec in load_specs(dirs))

    fresh = packcache.load_or_build(dirs, build)
    (stored,) = folder.glob("pack-*.pickle")
    unpickler = _Recording(stored.read_bytes())
    restored = unpickler.load()
    states = {
        found.__name__: getattr(found, "__setstate__", None)
        for found in unpickler.named
        if isinstance(found, type)
        and "__slots__" in vars(found)
        and dataclasses.is_dataclass(found)
    }
    generic = dataclasses._dataclass_setstate  # type: ignore[attr-defined]
    assert [name for name, state in states.items() if state is generic] == []
    fast = {name for name, state in states.items() if state.__module__ == fast_setstate.__module__}
    assert {"Need", "Term", "Search", "Example"} <= fast
    assert [s.id for s, _ in restored] == [s.id for s, _ in fresh]
    assert [c for _, c in restored] == [c for _, c in fresh]
