"""The declarative rule kinds: the only registry of kinds in followlint.

A kind turns a validated RuleSpec into a checker (compiled once, at load time) whose
`check(doc, options)` yields Hits. A new kind is one module here plus one entry in KINDS.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

from followlint.document import Document
from followlint.kinds import existence, metric, occurrence, python, substitution
from followlint.model import Hit
from followlint.rulefile import RuleSpec


class Checker(Protocol):
    """What every kind's `from_spec` returns."""

    def check(self, doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
        """Yield what the rule sees in one document."""
        ...


class KindModule(Protocol):
    """A kind module: the keys it accepts and how it builds a checker."""

    KEYS: Mapping[str, object]

    def from_spec(self, spec: RuleSpec) -> Checker:
        """Compile a checker from a validated spec."""
        ...


KINDS: dict[str, KindModule] = {
    "existence": existence,
    "substitution": substitution,
    "occurrence": occurrence,
    "metric": metric,
    "python": python,
    "crossdraft": python,
}

#: Extra keys each kind accepts beyond the common ones (for strict decoding).
KIND_KEYS: dict[str, Mapping[str, object]] = {name: module.KEYS for name, module in KINDS.items()}
