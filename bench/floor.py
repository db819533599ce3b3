"""The floor: a plain Python scan of about 300 phrase rules over each file.

    python3 bench/floor.py FILE...

The phrases are the Vale style's (bench/vale/styles/Bench/*.yml, read with a line parser so
nothing but the standard library is imported). Each phrase is found with str.find on the
lowercased text and kept at word boundaries (300 separate case-insensitive regexes took about
15 times longer here: Python's re has no fast literal search under IGNORECASE). Prints
`path:line:col:rule:match` lines. What any phrase linter costs at least in a Python process:
the tables' reference row.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

STYLE = Path(__file__).resolve().parent / "vale" / "styles" / "Bench"


def load() -> list[tuple[str, str]]:
    """Every phrase of the style as (rule, lowercased phrase)."""
    rules = []
    for path in sorted(STYLE.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("  - "):
                rules.append((path.stem, line[4:].strip().lower()))
    return rules


def scan(text: str, rules: list[tuple[str, str]]) -> Iterator[tuple[str, int, int]]:
    """Yield (rule, start, end) for every phrase found at word boundaries in `text`."""
    low = text.lower()
    for rule, phrase in rules:
        start = low.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            before = low[start - 1] if start else " "
            after = low[end] if end < len(low) else " "
            if not (before.isalnum() or after.isalnum()):
                yield rule, start, end
            start = low.find(phrase, start + 1)


def main() -> int:
    """Scan the files given on the command line."""
    rules = load()
    out = []
    for name in sys.argv[1:]:
        text = Path(name).read_text(encoding="utf-8", errors="replace")
        for rule, start, end in scan(text, rules):
            line = text.count("\n", 0, start) + 1
            col = start - text.rfind("\n", 0, start)
            out.append(f"{name}:{line}:{col}:{rule}:{text[start:end]}")
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
