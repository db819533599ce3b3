"""Apply fixes as edits: non-overlapping, deterministic, and never partial."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from followlint.model import Edit, Finding, Fix


def choose_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """Pick one fix per finding: the first safe fix, or with `unsafe` the first of any kind."""
    chosen = []
    for finding in findings:
        for fix in finding.fixes:
            if fix.safe or unsafe:
                chosen.append(fix)
                break
    return chosen


def apply_edits(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply every fix whose edits do not overlap an earlier accepted fix.

    Fixes are considered in position order (then replacement text, for determinism); a fix
    that overlaps one already accepted is skipped whole, so its edits never apply in part.
    Returns the new text and the number of fixes applied.
    """
    accepted: list[Edit] = []
    applied = 0
    ordered = sorted(
        (fix for fix in fixes if fix.edits),
        key=lambda f: (min(e.span.start for e in f.edits), [e.replacement for e in f.edits]),
    )
    for fix in ordered:
        if not fix.edits or any(_overlaps(e, a) for e in fix.edits for a in accepted):
            continue
        accepted.extend(fix.edits)
        applied += 1
    out = text
    for edit in sorted(accepted, key=lambda e: (e.span.start, e.span.end), reverse=True):
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    return out, applied


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.span.start == a.span.end and b.span.start == b.span.end:
        return a.span.start == b.span.start
    if a.span.start == a.span.end:
        return b.span.start < a.span.start < b.span.end or a.span.start == b.span.start
    if b.span.start == b.span.end:
        return a.span.start < b.span.start < a.span.end or a.span.start == b.span.start
    return a.span.start < b.span.end and b.span.start < a.span.end


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> str:
    """Return `text` with the chosen fixes of `findings` applied."""
    return apply_edits(text, choose_fixes(findings, unsafe))[0]


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's fix, as `--diff` prints it."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
