"""substitution: a phrase with better alternatives, each offered as a fix."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from followlint.ascii_runs import keeping, runs
from followlint.document import Document
from followlint.fast_state import fast_setstate
from followlint.kinds._search import Search
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
#: A replacement that refers to a group ("\\1", "\\g<name>") must be expanded per match.
_GROUP_REF_RE = re.compile(r"\\(?:\d|g<)")


@fast_setstate
@dataclass(frozen=True, slots=True)
class Substitution:
    """Replace matches of `swap` keys with their alternatives ("a|b" offers two fixes)."""

    search: Search | None
    words: Mapping[str, tuple[str, ...]]
    literals: Mapping[str, tuple[str, ...]]
    keyed: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    separate: tuple[tuple[Search, tuple[str, ...]], ...]
    scope: str
    safe: bool
    offer: bool

    def check(self, doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
        """Yield a Hit with one Fix per alternative for each match."""
        view = doc.view(self.scope)
        if self.words and not self.words.keys().isdisjoint(_lowered_words(doc, self.scope)):
            for m in _WORD_RE.finditer(view):
                choices = self.words.get(m.group().lower())
                if choices is not None:
                    yield self._hit(m, choices, expand=False)
        if self.search is not None:
            for m in self.search.finditer(doc, self.scope):
                choices = self._choices(view, m)
                if choices is not None and m.end() > m.start():
                    yield self._hit(m, choices, expand=False)
        for search, choices in self.separate:
            for m in search.finditer(doc, self.scope):
                if m.end() > m.start():
                    yield self._hit(m, choices, expand=True)

    def _choices(self, view: str, m: re.Match[str]) -> tuple[str, ...] | None:
        # Literal keys are looked up; only a match of a regex key pays for a second match,
        # made in place so that lookarounds see the same context.
        found = self.literals.get(" ".join(m.group().lower().split()))
        if found is not None:
            return found
        for pattern, choices in self.keyed:
            again = pattern.match(view, m.start())
            if again is not None and again.end() == m.end():
                return choices
        return None

    def _hit(self, m: re.Match[str], choices: tuple[str, ...], expand: bool) -> Hit:
        replacements = tuple(match_case(m.group(), m.expand(c) if expand else c) for c in choices)
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
        return Hit(
            Span(m.start(), m.end()),
            args={
                "match": m.group(),
                "replacement": replacements[0] if replacements else "",
                "alternatives": "', '".join(replacements),
            },
            fixes=fixes,
        )


#: Words as single-word literal keys are looked up: letters and digits, inner apostrophes.
#: Possessive: an apostrophe is not a letter, so giving letters back never finds more.
_WORD_RE = re.compile(r"\w++(?:['’]\w++)*+")
_ASCII_WORD_RE = re.compile(r"\w++(?:'\w++)*+", re.ASCII)  # the same words in ASCII text


#: Word characters and apostrophes stay.
_IN_WORD = keeping(lambda c: c.isalnum() or c in "_'")


def _lowered_words(doc: Document, scope: str) -> frozenset[str]:
    """Every word of the scope, lower-cased: one set per document for all word tables."""
    return doc.derive("substitution.words", scope, _lowered)


def _lowered(view: str) -> frozenset[str]:
    if not view.isascii():
        return frozenset(map(str.lower, _WORD_RE.findall(view)))
    # Lower-casing the text is lower-casing each word, in one call. A run of word characters
    # and apostrophes is one word unless it holds an apostrophe; only those few runs need the
    # pattern ("'tis" is "tis", "rock''n" two words).
    lowered = view.lower()
    words = set(runs(lowered, _IN_WORD))
    if "'" in lowered:
        odd = [run for run in words if "'" in run]
        words.difference_update(odd)
        for run in odd:
            words.update(_ASCII_WORD_RE.findall(run))
    return frozenset(words)


def _is_literal(key: str) -> bool:
    return all(re.escape(word) == word for word in key.replace("'", "").replace("’", "").split(" "))


def from_spec(spec: RuleSpec) -> Substitution:
    """Compile the swap table into one pattern (plus one per key that uses backreferences)."""
    from followlint.kinds._literals import search_for  # only when a pack is built, not loaded

    swap = spec.get("swap", dict)
    if not swap:
        raise spec.error("swap", "is required and must not be empty")
    assert isinstance(swap, dict)
    ignorecase = spec.flag("ignorecase", True)
    flags = re.IGNORECASE if ignorecase else 0
    literals: dict[str, tuple[str, ...]] = {}
    words: dict[str, tuple[str, ...]] = {}
    by_word = spec.choice("boundaries", ("word", "none"), "word") == "word" and ignorecase
    keyed: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
    separate: list[tuple[Search, tuple[str, ...]]] = []
    combined: list[str] = []
    for key, value in swap.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise spec.error("swap", f"entry {key!r} must map a pattern to a string")
        compiled = spec.compile(f"swap[{key!r}]", key, flags)
        choices = tuple(value.split("|"))
        if _BACKREF_RE.search(key) or _GROUP_REF_RE.search(value):
            whole = spec.compile(f"swap[{key!r}]", bounded(spec, key), flags)
            separate.append((search_for(whole), choices))
            continue
        if by_word and _WORD_RE.fullmatch(key):
            # A plain word is a dict lookup per word of the text: no alternation to backtrack.
            words.setdefault(key.lower(), choices)
            continue
        combined.append(key)
        if _is_literal(key) and ignorecase:
            literals.setdefault(" ".join(key.lower().split()), choices)
        else:
            keyed.append((compiled, choices))
    # Longest alternatives first, so "should of" wins over "should" and the regex needs no groups.
    combined.sort(key=len, reverse=True)
    pattern = spec.compile("swap", bounded(spec, "|".join(combined)), flags) if combined else None
    mode = spec.choice("fix", ("safe", "suggest", "none"), "suggest")
    return Substitution(
        search_for(pattern) if pattern is not None else None,
        words,
        literals,
        tuple(keyed),
        tuple(separate),
        scope_of(spec),
        mode == "safe",
        mode != "none",
    )
