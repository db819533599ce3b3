"""Helpers the declarative kinds share: scopes, boundaries and case-preserving replacements."""

from __future__ import annotations

from followlint.document import SCOPES
from followlint.rulefile import RuleSpec


def scope_of(spec: RuleSpec, default: str = "all") -> str:
    """Return the rule's `scope` key, validated against the document's regions."""
    return spec.choice("scope", SCOPES, default)


def bounded(spec: RuleSpec, alternatives: str) -> str:
    """Wrap an alternation in word boundaries unless the rule says `boundaries: none`."""
    if spec.choice("boundaries", ("word", "none"), "word") == "none":
        return f"(?:{alternatives})"
    return rf"\b(?:{alternatives})\b"


def match_case(matched: str, replacement: str) -> str:
    """Give `replacement` the capitalisation of `matched` (Title, UPPER or as written)."""
    if not replacement or not matched:
        return replacement
    if matched.isupper() and " " in matched and replacement.lower() == replacement:
        return replacement.upper()
    if matched[0].isupper() and not matched.isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement
