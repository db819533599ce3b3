"""occurrence: one document-level Hit when a token occurs too often or too rarely."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from followlint.document import Document
from followlint.fast_state import fast_setstate
from followlint.kinds._shared import bounded, scope_of
from followlint.model import Hit
from followlint.rulefile import RuleSpec

KEYS: Mapping[str, object] = {"token": str, "ignorecase": bool, "scope": str, "boundaries": str}


@fast_setstate
@dataclass(frozen=True, slots=True)
class Occurrence:
    """Count matches of `token`; options `min`/`max` bound the count."""

    pattern: re.Pattern[str]
    scope: str

    def check(self, doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
        """Yield one Hit at the first body line when the count is out of range."""
        if doc.region(self.scope) is None:
            return
        matches = list(self.pattern.finditer(doc.view(self.scope)))
        count = len(matches)
        low, high = options.get("min"), options.get("max")
        if (isinstance(high, int) and count > high) or (isinstance(low, int) and count < low):
            yield Hit(doc.first_body_line(), args={"count": count, "min": low, "max": high})


def from_spec(spec: RuleSpec) -> Occurrence:
    """Compile the token once and check that `min` or `max` is an option."""
    token = spec.get("token", str)
    if not isinstance(token, str):
        raise spec.error("token", "is required for kind occurrence")
    if not any(isinstance(spec.options.get(k), int) for k in ("min", "max")):
        raise spec.error("options", "kind occurrence needs an integer 'min' or 'max' option")
    flags = re.IGNORECASE if spec.flag("ignorecase", True) else 0
    spec.compile("token", token, flags)  # vetted as written, so an error shows the user's pattern
    return Occurrence(spec.compile("token", bounded(spec, token), flags), scope_of(spec, "body"))
