"""Pattern search that skips the drafts and places where a rule's pattern cannot match.

Most phrase rules match in few drafts, yet a regex search costs a step at every character,
and Python's `re` has no fast literal scan under IGNORECASE. At load time
`followlint.kinds._literals` reads each pattern and derives (1) literals that the text around
any match must contain, checked per draft through word sets and substring searches, and (2)
for patterns that start with punctuation, the characters a match can start with. A `Search`
uses them only to skip work: wherever a match is possible the rule's own pattern runs, so
the matches are exactly those of `pattern.finditer`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from followlint.ascii_runs import keeping, runs
from followlint.document import Document
from followlint.fast_state import fast_setstate

#: Under IGNORECASE an ASCII letter matches its two cases and these four characters only
#: (the `re` documentation on `[a-z]`); mapping them first keeps `lower()` one-to-one.
_FOLD_TABLE = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_WORD_RUN_RE = re.compile(r"\w+")
#: Word characters (letters, digits, `_`) stay.
_WORD_CHARS = keeping(lambda c: c.isalnum() or c == "_")


def _word_runs(text: str) -> list[str]:
    """Every maximal run of word characters in `text`."""
    if text.isascii():
        return runs(text, _WORD_CHARS)  # three times as fast as `findall`
    return _WORD_RUN_RE.findall(text)


def fold_key(text: str) -> str:
    """The text as IGNORECASE sees ASCII letters: every character that matches one becomes it.

    Same length as `text`, and each character is a word character exactly when the original is.
    """
    return text.translate(_FOLD_TABLE).lower()


class Haystack:
    """One view of a draft as prefilters read it; folded text and word sets are made once."""

    __slots__ = ("_key", "_key_words", "_view_words", "view")

    def __init__(self, view: str) -> None:
        self.view = view
        self._key: str | None = None
        self._key_words: frozenset[str] | None = None
        self._view_words: frozenset[str] | None = None

    @property
    def key(self) -> str:
        """The view folded as IGNORECASE sees ASCII letters (`fold_key`)."""
        if self._key is None:
            self._key = fold_key(self.view)
        return self._key

    @property
    def key_words(self) -> frozenset[str]:
        """Every maximal run of word characters in the folded view."""
        if self._key_words is None:
            self._key_words = frozenset(_word_runs(self.key))
        return self._key_words

    @property
    def view_words(self) -> frozenset[str]:
        """Every maximal run of word characters in the view as written."""
        if self._view_words is None:
            self._view_words = frozenset(_word_runs(self.view))
        return self._view_words


def haystack(doc: Document, scope: str) -> Haystack:
    """The scope's view as prefilters read it, made once per document for every rule."""
    return doc.derive("haystack", scope, Haystack)


@fast_setstate
@dataclass(frozen=True, slots=True)
class Need:
    """One of these literals must be in the text (folded literals in the folded view).

    Checked from cheapest to dearest, each step a C loop: one rare word of every literal
    (`gate`), then all the whole words of some literal, then the literals themselves.
    """

    key_literals: tuple[str, ...]
    view_literals: tuple[str, ...]
    key_gate: frozenset[str] = frozenset()
    view_gate: frozenset[str] = frozenset()
    #: The whole words of each literal, when every literal has some (else empty: no such step).
    key_word_sets: tuple[frozenset[str], ...] = ()
    view_word_sets: tuple[frozenset[str], ...] = ()
    #: `key_literals` in groups that share a prefix, each sought only where its prefix is
    #: (`prefix_groups`); empty when there are few literals.
    key_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def met(
        self, key_words: frozenset[str], view_words: frozenset[str], key: str, view: str
    ) -> bool:
        """Whether one of the literals may be in the text.

        The text comes as a haystack has it (word sets, folded and plain text), read once by
        the caller for all the terms it tries.
        """
        if (self.key_gate or self.view_gate) and not (
            (self.key_gate and not self.key_gate.isdisjoint(key_words))
            or (self.view_gate and not self.view_gate.isdisjoint(view_words))
        ):
            return False
        if (self.key_word_sets or self.view_word_sets) and not (
            (self.key_word_sets and any(map(key_words.issuperset, self.key_word_sets)))
            or (self.view_word_sets and any(map(view_words.issuperset, self.view_word_sets)))
        ):
            return False
        if self.key_groups:
            for prefix, group in self.key_groups:
                if prefix in key and (not group or any(map(key.__contains__, group))):
                    return True
        elif any(map(key.__contains__, self.key_literals)):
            return True
        return any(map(view.__contains__, self.view_literals))


@fast_setstate
@dataclass(frozen=True, slots=True)
class Term:
    """What one alternative of a pattern needs: all these whole words, and every need met."""

    needs: tuple[Need, ...]
    key_words: frozenset[str] = frozenset()
    view_words: frozenset[str] = frozenset()

    def admits(
        self, key_words: frozenset[str], view_words: frozenset[str], key: str, view: str
    ) -> bool:
        """Whether this alternative may match the text (given as for `Need.met`)."""
        if self.key_words and not self.key_words <= key_words:
            return False
        if self.view_words and not self.view_words <= view_words:
            return False
        for need in self.needs:  # noqa: SIM110  (a loop: no generator on this hot path)
            if not need.met(key_words, view_words, key, view):
                return False
        return True


@fast_setstate
@dataclass(frozen=True, slots=True)
class Prefilter:
    """Any term (one per alternative of the pattern) admits a text; else nothing can match.

    Every term needs its first need met, so only the terms whose first need can be met are
    tried: those with a gate word of that need in the text, and those (without gate words)
    with one of its literals in the text. A text that lets no term in is turned away at once.
    """

    terms: tuple[Term, ...]
    key_words: frozenset[str]
    view_words: frozenset[str]
    #: The terms (indexes) each gate word of a first need may let in.
    by_key_word: dict[str, tuple[int, ...]]
    by_view_word: dict[str, tuple[int, ...]]
    #: The terms whose first need has no gate words, by the literals of that need.
    by_key_literal: dict[str, tuple[int, ...]]
    by_view_literal: dict[str, tuple[int, ...]]
    #: Whether any step reads the view's words as written (else they are never made).
    reads_view_words: bool

    @classmethod
    def of(cls, terms: tuple[Term, ...]) -> Prefilter:
        """Build the prefilter, indexing each term by what its first need looks for first."""
        by_key: dict[str, list[int]] = {}
        by_view: dict[str, list[int]] = {}
        by_key_literal: dict[str, list[int]] = {}
        by_view_literal: dict[str, list[int]] = {}
        for index, term in enumerate(terms):
            first = term.needs[0]
            if first.key_gate or first.view_gate:
                for word in first.key_gate:
                    by_key.setdefault(word, []).append(index)
                for word in first.view_gate:
                    by_view.setdefault(word, []).append(index)
            else:
                for literal in first.key_literals:
                    by_key_literal.setdefault(literal, []).append(index)
                for literal in first.view_literals:
                    by_view_literal.setdefault(literal, []).append(index)
        reads_view_words = bool(by_view) or any(
            term.view_words or any(need.view_gate or need.view_word_sets for need in term.needs)
            for term in terms
        )
        return cls(
            terms,
            frozenset(by_key),
            frozenset(by_view),
            {word: tuple(found) for word, found in by_key.items()},
            {word: tuple(found) for word, found in by_view.items()},
            {text: tuple(found) for text, found in by_key_literal.items()},
            {text: tuple(found) for text, found in by_view_literal.items()},
            reads_view_words,
        )

    def admits(self, hay: Haystack) -> bool:
        """Whether the pattern may match the haystack's view."""
        key, view = hay.key, hay.view
        key_words = hay.key_words
        view_words = hay.view_words if self.reads_view_words else _NO_WORDS
        tried: set[int] = set()
        if self.key_words:
            for word in self.key_words.intersection(key_words):
                tried.update(self.by_key_word[word])
        if self.view_words:
            for word in self.view_words.intersection(view_words):
                tried.update(self.by_view_word[word])
        for text, found in self.by_key_literal.items():
            if text in key:
                tried.update(found)
        for text, found in self.by_view_literal.items():
            if text in view:
                tried.update(found)
        terms = self.terms
        for index in tried:  # noqa: SIM110  (a loop: no generator on this hot path)
            if terms[index].admits(key_words, view_words, key, view):
                return True
        return False


_NO_WORDS: frozenset[str] = frozenset()


#: Literals a need has before they are grouped by prefix, and the shortest shared prefix.
GROUPED_FROM = 8
_MIN_PREFIX = 4


def prefix_groups(literals: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(prefix, literals) groups of sorted literals sharing a prefix; () for few literals.

    A literal is in the text only if its prefix is, so a group whose prefix is absent costs
    one search instead of one per literal. A literal alone is its own prefix (no group).
    """
    if len(literals) < GROUPED_FROM:
        return ()
    groups: list[tuple[str, list[str]]] = []
    for text in sorted(literals):
        if groups:
            prefix, members = groups[-1]
            shared = os.path.commonprefix([prefix, text])  # noqa: RUF071 - text, not paths
            if len(shared) >= _MIN_PREFIX:
                groups[-1] = (shared, [*members, text])
                continue
        groups.append((text, [text]))
    if len(groups) > len(literals) // 2:  # little shared: a loop in Python would cost more
        return ()
    return tuple((prefix, tuple(members) if len(members) > 1 else ()) for prefix, members in groups)


def shortest(literals: set[str]) -> tuple[str, ...]:
    """The literals that contain no other one: finding the shorter one is enough."""
    ordered = sorted(literals, key=lambda t: (len(t), t))
    kept: list[str] = []
    for text in ordered:
        if not any(other in text for other in kept):
            kept.append(text)
    return tuple(sorted(kept))


@fast_setstate
@dataclass(frozen=True, slots=True)
class Search:
    """A rule's compiled pattern with what lets it skip work (see the module docstring)."""

    pattern: re.Pattern[str]
    #: Turns away drafts without the literals a match needs (None: every draft is searched).
    needs: Prefilter | None = None
    #: The characters a match can start with (None: the pattern is tried everywhere).
    scan: re.Pattern[str] | None = None

    def finditer(self, doc: Document, scope: str) -> Iterator[re.Match[str]]:
        """Exactly `pattern.finditer(doc.view(scope))`."""
        if self.needs is not None and not self.needs.admits(haystack(doc, scope)):
            return iter(())
        view = doc.view(scope)
        if self.scan is None:
            return self.pattern.finditer(view)
        return _scanned(self.pattern, self.scan, view)


def _scanned(pattern: re.Pattern[str], scan: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying the pattern only where `scan` finds a first character.

    The same matches: a match is never empty (`scan` exists only then), so each search goes on
    from the end of the last match as finditer does; `match` at a position still lets
    lookbehinds and word boundaries see the text before it.
    """
    pos = 0
    search, match = scan.search, pattern.match
    while (hit := search(text, pos)) is not None:
        start = hit.start()
        found = match(text, start)
        if found is None:
            pos = start + 1
        else:
            yield found
            pos = found.end()
