"""Frozen value types shared by every layer: spans, edits, fixes, hits and findings.

This module imports nothing from the package, so every other module may import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]

#: The contract's fixed vocabulary, in the order of the seed article.
CATEGORIES: tuple[str, ...] = (
    "thanks",
    "promptness",
    "customization",
    "qualifications",
    "next-steps",
    "pushy",
    "overwhelm",
    "outcome",
    "proofreading",
)

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

#: Higher is more serious; used for --fail-on and sorting.
SEVERITY_RANK: Mapping[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open [start, end) range of code points in the file text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text under `span` with `replacement` ("" deletes it)."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """One alternative the writer may accept; its edits apply together."""

    edits: tuple[Edit, ...]
    description: str = ""
    safe: bool = False

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape of this fix (the contract's `fixes` entries)."""
        return {
            "replacement": self.edits[0].replacement if self.edits else "",
            "description": self.description,
            "safe": self.safe,
            "edits": [
                {"start": e.span.start, "end": e.span.end, "replacement": e.replacement}
                for e in self.edits
            ],
        }


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule saw; the engine turns it into a Finding.

    `severity` is only set by graded rules (for example lateness that is a note at 24 hours
    and a warning at 48); otherwise the rule's configured severity applies.
    """

    span: Span
    args: Mapping[str, object] = field(default_factory=dict)
    fixes: tuple[Fix, ...] = ()
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A located, stamped problem in one file: the unit every output format renders."""

    path: str
    rule: str
    category: str
    severity: Severity
    message: str
    span: Span
    line: int
    column: int
    end_line: int
    end_column: int
    fixes: tuple[Fix, ...] = ()
    match: str = ""
    source: str = "followlint"

    @property
    def fixable(self) -> bool:
        """Whether a safe fix exists (what `--fix` would apply)."""
        return any(fix.safe for fix in self.fixes)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings by file, position and rule id."""
        return (self.path, self.span.start, self.span.end, self.rule)

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape of this finding: the only place output field names are spelled."""
        return {
            "path": self.path,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.span.start,
            "end_offset": self.span.end,
            "match": self.match,
            "source": self.source,
            "fixes": [fix.to_dict() for fix in self.fixes],
        }


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be linted: reported as one line, exit code 2."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
