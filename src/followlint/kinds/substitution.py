"""substitution: a phrase with better alternatives, each offered as a fix."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from followlint.document import Document
from followlint.kinds._shared import bounded, match_case, scope_of
from followlint.model import Edit, Fix, Hit, Span
from followlint.rulefile import RuleSpec

KEYS: Mapping[str, object] = {
    "swap": dict,
    "ignorecase": bool,
    "fix": str,
    "scope": str,
    "boundaries": str,
}

_BACKREF_RE = re.compile(r"\\\d|\(\?P=")


@dataclass(frozen=True, slots=True)
class Substitution:
    """Replace matches of `swap` keys with their alternatives ("a|b" offers two fixes)."""

    patterns: tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...]
    alternatives: tuple[tuple[str, ...], ...]
    scope: str
    safe: bool
    offer: bool

    def check(self, doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
        """Yield a Hit with one Fix per alternative for each match."""
        view = doc.view(self.scope)
        for pattern, fixed in self.patterns:
            for m in pattern.finditer(view):
                if m.end() == m.start():
                    continue
                choices = fixed if fixed is not None else self._choices(m)
                replacements = tuple(
                    match_case(m.group(), m.expand(choice) if fixed is not None else choice)
                    for choice in choices
                )
                fixes: tuple[Fix, ...] = ()
                if self.offer:
                    fixes = tuple(
                        Fix(
                            (Edit(Span(m.start(), m.end()), r),),
                            description=f"Replace with '{r}'" if r else "Remove it",
                            safe=self.safe and len(replacements) == 1,
                        )
                        for r in replacements
                    )
                yield Hit(
                    Span(m.start(), m.end()),
                    args={
                        "match": m.group(),
                        "replacement": replacements[0] if replacements else "",
                        "alternatives": "', '".join(replacements),
                    },
                    fixes=fixes,
                )

    def _choices(self, m: re.Match[str]) -> tuple[str, ...]:
        index = int((m.lastgroup or "g0")[1:])
        return self.alternatives[index]


def from_spec(spec: RuleSpec) -> Substitution:
    """Compile the swap table: one combined pattern, or one per key that uses backreferences."""
    swap = spec.get("swap", dict)
    if not swap:
        raise spec.error("swap", "is required and must not be empty")
    assert isinstance(swap, dict)
    flags = re.IGNORECASE if spec.flag("ignorecase", True) else 0
    keys: list[str] = []
    alternatives: list[tuple[str, ...]] = []
    for key, value in swap.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise spec.error("swap", f"entry {key!r} must map a pattern to a string")
        spec.compile(f"swap[{key!r}]", key, flags)
        keys.append(key)
        alternatives.append(tuple(value.split("|")))
    separate = [i for i, k in enumerate(keys) if _BACKREF_RE.search(k)]
    combined = [i for i in range(len(keys)) if i not in separate]
    patterns: list[tuple[re.Pattern[str], tuple[str, ...] | None]] = []
    if combined:
        alternation = "|".join(f"(?P<g{i}>{keys[i]})" for i in combined)
        patterns.append((spec.compile("swap", bounded(spec, alternation), flags), None))
    for i in separate:
        patterns.append((spec.compile(f"swap[{keys[i]!r}]", bounded(spec, keys[i]), flags), alternatives[i]))
    mode = spec.choice("fix", ("safe", "suggest", "none"), "suggest")
    return Substitution(tuple(patterns), tuple(alternatives), scope_of(spec), mode == "safe", mode != "none")
