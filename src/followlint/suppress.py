"""Inline and front-matter suppression of findings.

In any draft: `<!-- followlint-disable pushy -->` … `<!-- followlint-enable pushy -->` for a
range, `<!-- followlint-disable-next-line pushy.urgency -->` for one line, and
`<!-- followlint: ignore=pushy.urgency -->` or front matter `followlint: {ignore: [...]}` for
the whole file. Without a rule list, a directive covers every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followlint.positions import LineIndex
from followlint.registry import matches

_DIRECTIVE_RE = re.compile(
    r"<!--\s*followlint(?::\s*ignore\s*=|-(disable-next-line|disable|enable))\s*([^>]*?)\s*-->",
    re.IGNORECASE,
)
_FILE = "file"


@dataclass(frozen=True, slots=True)
class Suppressions:
    """Which rules are off on which lines of one file."""

    whole_file: tuple[str, ...]
    #: (first line, last line inclusive, selectors); last line -1 means to the end.
    ranges: tuple[tuple[int, int, tuple[str, ...]], ...]

    def covers(self, rule_id: str, line: int) -> bool:
        """Whether a finding of `rule_id` on `line` is suppressed."""
        if any(matches(rule_id, s) for s in self.whole_file):
            return True
        for first, last, selectors in self.ranges:
            in_range = first <= line and (last == -1 or line <= last)
            if in_range and any(matches(rule_id, s) for s in selectors):
                return True
        return False


def _selectors(raw: str) -> tuple[str, ...]:
    found = tuple(s for s in re.split(r"[\s,]+", raw.strip()) if s)
    return found or ("ALL",)


def parse_suppressions(text: str, lines: LineIndex, front_matter: tuple[str, ...]) -> Suppressions:
    """Find the directives in `text` (a comment anywhere in the file counts)."""
    whole = list(front_matter)
    ranges: list[tuple[int, int, tuple[str, ...]]] = []
    open_ranges: dict[tuple[str, ...], int] = {}
    if "followlint" not in text:
        return Suppressions(tuple(whole), ())
    for m in _DIRECTIVE_RE.finditer(text):
        kind = (m.group(1) or _FILE).lower()
        selectors = _selectors(m.group(2))
        line, _ = lines.position(m.start())
        end_line, _ = lines.position(m.end())
        if kind == _FILE:
            whole.extend(selectors)
        elif kind == "disable-next-line":
            ranges.append((end_line + 1, end_line + 1, selectors))
        elif kind == "disable":
            open_ranges.setdefault(selectors, line)
        else:
            for key in [k for k in open_ranges if k == selectors or selectors == ("ALL",)]:
                ranges.append((open_ranges.pop(key), line, key))
    ranges.extend((first, -1, key) for key, first in open_ranges.items())
    return Suppressions(tuple(whole), tuple(ranges))
