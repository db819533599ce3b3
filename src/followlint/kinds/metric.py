"""metric: one document-level Hit when a named measure of the text is out of range.

Options `max`/`min` bound the value at the rule's severity; `max_info`, `max_warning` and
`max_error` grade it (the highest level exceeded wins). No formula language: metrics are named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from followlint.document import Document
from followlint.fast_state import fast_setstate
from followlint.kinds._shared import scope_of
from followlint.model import Hit, Severity
from followlint.rulefile import RuleSpec

KEYS: Mapping[str, object] = {"metric": str, "scope": str}

_PARAGRAPH_RE = re.compile(r"(?:^|\n)[ \t\x00]*\r?\n(?=[ \t]*[^\s\x00])")


def _words(doc: Document, scope: str) -> float:
    return float(len(doc.word_texts(scope)))


def _sentences(doc: Document, scope: str) -> float:
    return float(len(doc.sentences(scope)))


def _questions(doc: Document, scope: str) -> float:
    return float(len(re.findall(r"\?+", doc.view(scope))))


def _exclamations(doc: Document, scope: str) -> float:
    return float(len(re.findall(r"!+", doc.view(scope))))


def _paragraphs(doc: Document, scope: str) -> float:
    view = doc.view(scope).strip("\x00 \t\r\n")
    return float(len(_PARAGRAPH_RE.findall(view)) + 1) if view else 0.0


def _grade(doc: Document, scope: str) -> float:
    from followlint.readability import flesch_kincaid_grade

    return flesch_kincaid_grade(_prose(doc, scope))


def _reading_ease(doc: Document, scope: str) -> float:
    from followlint.readability import flesch_reading_ease

    return flesch_reading_ease(_prose(doc, scope))


def _prose(doc: Document, scope: str) -> str:
    return doc.view(scope).replace("\x00", " ")


METRICS: dict[str, Callable[[Document, str], float]] = {
    "words": _words,
    "sentences": _sentences,
    "paragraphs": _paragraphs,
    "questions": _questions,
    "exclamations": _exclamations,
    "grade": _grade,
    "reading_ease": _reading_ease,
}
_GRADES: tuple[Severity, ...] = ("error", "warning", "info")


@fast_setstate
@dataclass(frozen=True, slots=True)
class Metric:
    """Measure the scope with a named metric and compare with the rule's options."""

    measure: Callable[[Document, str], float]
    scope: str

    def check(self, doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
        """Yield one Hit at the first body line when the value is out of range."""
        region = doc.region(self.scope)
        if region is None or region.end == region.start:
            return
        value = self.measure(doc, self.scope)
        shown = int(value) if value == int(value) else round(value, 1)
        for level in _GRADES:
            limit = options.get(f"max_{level}")
            if isinstance(limit, int | float) and value > limit:
                yield Hit(doc.first_body_line(), {"value": shown, "limit": limit}, severity=level)
                return
        high, low = options.get("max"), options.get("min")
        if isinstance(high, int | float) and value > high:
            yield Hit(doc.first_body_line(), {"value": shown, "limit": high})
        elif isinstance(low, int | float) and value < low:
            yield Hit(doc.first_body_line(), {"value": shown, "limit": low})


def from_spec(spec: RuleSpec) -> Metric:
    """Look the metric up by name and check that a bound is given."""
    name = spec.choice("metric", tuple(METRICS), "words")
    bounds = ("min", "max", "max_info", "max_warning", "max_error")
    if not any(isinstance(spec.options.get(k), int | float) for k in bounds):
        raise spec.error("options", f"kind metric needs a number in one of {', '.join(bounds)}")
    return Metric(METRICS[name], scope_of(spec, "body"))
