"""existence: flag every match of any of the rule's `tokens` inside its scope."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from followlint.document import Document
from followlint.fast_state import fast_setstate
from followlint.kinds._search import Search
from followlint.kinds._shared import bounded, scope_of
from followlint.model import Hit, Span
from followlint.rulefile import RuleSpec

KEYS: Mapping[str, object] = {
    "tokens": list,
    "exceptions": list,
    "ignorecase": bool,
    "scope": str,
    "boundaries": str,
}


@fast_setstate
@dataclass(frozen=True, slots=True)
class Existence:
    """Flag every match of the rule's tokens, except those that match an exception."""

    search: Search
    exceptions: re.Pattern[str] | None
    scope: str

    def check(self, doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
        """Yield a Hit per match in the rule's scope."""
        for m in self.search.finditer(doc, self.scope):
            if m.end() == m.start():
                continue
            if self.exceptions is not None and self.exceptions.fullmatch(m.group()):
                continue
            yield Hit(Span(m.start(), m.end()), args={"match": m.group()})


def from_spec(spec: RuleSpec) -> Existence:
    """Compile the rule's tokens into one pattern, once."""
    from followlint.kinds._literals import search_for  # only when a pack is built, not loaded

    flags = re.IGNORECASE if spec.flag("ignorecase", True) else 0
    tokens = spec.strings("tokens")
    for index, token in enumerate(tokens):
        spec.compile(f"tokens[{index}]", token, flags)
    pattern = spec.compile("tokens", bounded(spec, "|".join(f"(?:{t})" for t in tokens)), flags)
    exceptions = spec.strings("exceptions", required=False)
    for index, exception in enumerate(exceptions):
        spec.compile(f"exceptions[{index}]", exception, flags)
    exception_re = (
        spec.compile("exceptions", "|".join(f"(?:{e})" for e in exceptions), flags)
        if exceptions
        else None
    )
    return Existence(search_for(pattern), exception_re, scope_of(spec))
