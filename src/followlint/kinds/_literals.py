r"""Read a rule's pattern for what its matches need: literals, and first characters.

From `re`'s own parse of a pattern, at load time, this works out literal strings that the text
around every match must contain (lookarounds included, `\b` marking where a word must end),
and, for patterns that start with punctuation, the characters a match can start with. The
result is a `Search` (see followlint.kinds._search), which uses them only to skip drafts and
places where the pattern cannot match. Anything this reader does not follow makes it claim
less, never more: an unknown construct needs no literal, and a pattern it cannot read at all
is searched the usual way.

Case: under IGNORECASE an ASCII letter is looked for in the draft folded by `fold_key`, where
every character that IGNORECASE matches with it has become it; other cased characters are
not used as literals there.
"""

from __future__ import annotations

import importlib
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from followlint.kinds._search import Need, Prefilter, Search, Term, prefix_groups, shortest

#: `re`'s own parser: the only way to read a pattern's structure (private, hence untyped).
_parser: Any = importlib.import_module("re._parser")

_WORD_RUN_RE = re.compile(r"\w+")
_WORD_CHAR_RE = re.compile(r"\w")
#: Literal modes: uncased text (the same in the view and its folded key), cased text as
#: written (searched in the view) and ASCII letters matched ignoring case (in the folded key).
_ANY, _EXACT, _FOLD = "u", "x", "f"
#: Stands in a literal where a word must start or end (\b, ^, $, \A, \Z): no word runs on.
_EDGE = "\x01"
_EDGES = frozenset(
    {"AT_BOUNDARY", "AT_BEGINNING", "AT_BEGINNING_STRING", "AT_END", "AT_END_STRING"}
)
#: Bounds on the work: literals per set, characters per class, needs per alternative.
_MAX_STRINGS = 64
_MAX_CLASS = 16
_NEEDS = 4
#: A literal this long is rare enough; past it, fewer literals make a cheaper check.
_ENOUGH = 6
#: Words too frequent in notes to tell drafts apart (a gate on them would let most through).
_COMMON_WORDS = """
    a an and are as at be but by can could did do for from had has have he her his i if in is
    it its me my not of on or our she so that the their them they this to up was we were what
    when where which will with would you your thank thanks interview team role time forward
    look looking opportunity
"""
_COMMON = frozenset(_COMMON_WORDS.split())
#: Characters too common in prose for a first-character scan to pay: words and blanks.
_COMMON_CHAR_RE = re.compile(r"[\w\s]")
_MAX_FIRST_CHARS = 64

Lit = tuple[str, str]
Lits = frozenset[Lit]
_EMPTY: Lits = frozenset({("", _ANY)})


def search_for(pattern: re.Pattern[str]) -> Search:
    """The pattern with its prefilter and first-character scan, where they can be worked out."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern this reader does not follow is searched the usual way
        return Search(pattern)
    return Search(pattern, _prefilter(pattern, parsed), _scanner(parsed))


@dataclass(frozen=True, slots=True)
class _Info:
    """What a parsed node says about the text it matches."""

    #: The node always consumes exactly one of these strings (`_EDGE` consumes nothing).
    exact: Lits | None = None
    #: Every match starts (ends) with one of these.
    prefix: Lits | None = None
    suffix: Lits | None = None
    #: Sets that must each have a literal in the text (a conjunction).
    reqs: tuple[Lits, ...] = ()
    #: The node consumes nothing; `behind`/`ahead` is text just before/after its position.
    zero: bool = False
    behind: Lits | None = None
    ahead: Lits | None = None


_OPAQUE = _Info()


def _mode(a: str, b: str) -> str | None:
    if a in (_ANY, b):
        return b
    return a if b == _ANY else None


def _concat(left: Lits | None, right: Lits | None) -> Lits | None:
    """Every string of `left` followed by every string of `right`; None when too many or mixed."""
    if left is None or right is None or len(left) * len(right) > _MAX_STRINGS:
        return None
    out = set()
    for a, mode_a in left:
        for b, mode_b in right:
            mode = _mode(mode_a, mode_b)
            if mode is None:
                return None
            out.add((a + b, mode))
    return frozenset(out)


def _union(sets: Iterable[Lits | None]) -> Lits | None:
    out: set[Lit] = set()
    for one in sets:
        if one is None:
            return None
        out |= one
    return frozenset(out) if len(out) <= _MAX_STRINGS else None


def _char(code: int, ignorecase: bool) -> Lit | None:
    ch = chr(code)
    if ch == _EDGE:
        return None
    if ch.lower() == ch == ch.upper():
        return (ch, _ANY)
    if not ignorecase:
        return (ch, _EXACT)
    return (ch.lower(), _FOLD) if ch.isascii() else None


def _items(subpattern: Any) -> Sequence[tuple[Any, Any]]:
    data: Sequence[tuple[Any, Any]] = subpattern.data
    return data


def _charset(items: Sequence[tuple[Any, Any]], ignorecase: bool) -> Lits | None:
    codes: list[int] = []
    for op, av in items:
        if op is _parser.LITERAL:
            codes.append(av)
        elif op is _parser.RANGE and av[1] - av[0] < _MAX_CLASS:
            codes.extend(range(av[0], av[1] + 1))
        else:
            return None  # NEGATE, CATEGORY or a wide range: not a small set of literals
    chars = [_char(code, ignorecase) for code in codes]
    if len(chars) > _MAX_CLASS or any(c is None for c in chars):
        return None
    return frozenset(c for c in chars if c is not None)


def _repeat(low: int, high: int, sub: _Info) -> _Info:
    if sub.zero:
        return _Info(zero=True)
    if sub.exact is not None:
        if high <= 4:
            power: Lits | None = _EMPTY
            options: list[Lits | None] = []
            for count in range(high + 1):
                if count >= low:
                    options.append(power)
                power = _concat(power, sub.exact)
            exact = _union(options)
            if exact is not None:
                return _Info(exact=exact)
        if low >= 1:
            head = sub.exact
            for _ in range(min(low, 8) - 1):
                head = _concat(head, sub.exact) or head
            return _Info(prefix=head, suffix=sub.exact, reqs=(head,))
        return _OPAQUE
    if low >= 1:
        return _Info(prefix=sub.prefix, suffix=sub.suffix, reqs=sub.reqs)
    return _OPAQUE


def _branch(alternatives: Sequence[Any], ignorecase: bool) -> _Info:
    infos = [_sequence(_items(alt), ignorecase) for alt in alternatives]
    picks = [_ranked(info.reqs, ignorecase)[:1] for info in infos]
    union = _union(pick[0][0] for pick in picks) if all(picks) else None
    reqs = (union,) if union is not None else ()
    if all(info.zero for info in infos):
        behind = _union(info.behind for info in infos)
        ahead = _union(info.ahead for info in infos)
        return _Info(zero=True, behind=behind, ahead=ahead, reqs=reqs)
    if any(info.zero for info in infos):
        return _Info(reqs=reqs)
    exact = _union(info.exact for info in infos)
    prefix = _union(info.exact or info.prefix for info in infos)
    suffix = _union(info.exact or info.suffix for info in infos)
    return _Info(exact=exact, prefix=prefix, suffix=suffix, reqs=reqs)


def _node(op: Any, av: Any, ignorecase: bool) -> _Info:
    p = _parser
    if op is p.LITERAL:
        lit = _char(av, ignorecase)
        return _Info(exact=frozenset({lit})) if lit is not None else _OPAQUE
    if op is p.IN:
        exact = _charset(av, ignorecase)
        return _Info(exact=exact) if exact is not None else _OPAQUE
    if op is p.AT:
        return _Info(exact=frozenset({(_EDGE, _ANY)})) if str(av) in _EDGES else _Info(zero=True)
    if op is p.ASSERT_NOT:
        return _Info(zero=True)
    if op is p.ASSERT:
        direction, sub = av
        inner = _sequence(_items(sub), ignorecase)
        if direction == 1:
            return _Info(zero=True, ahead=inner.exact or inner.prefix, reqs=inner.reqs)
        return _Info(zero=True, behind=inner.exact or inner.suffix, reqs=inner.reqs)
    if op is p.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags & re.ASCII:
            return _OPAQUE  # ASCII word boundaries are not where words are split
        if add_flags & re.IGNORECASE:
            ignorecase = True
        if del_flags & re.IGNORECASE:
            ignorecase = False
        return _sequence(_items(sub), ignorecase)
    if op is p.ATOMIC_GROUP:
        return _sequence(_items(av), ignorecase)
    if op is p.BRANCH:
        return _branch(av[1], ignorecase)
    if op is p.MAX_REPEAT or op is p.MIN_REPEAT or op is p.POSSESSIVE_REPEAT:
        low, high, sub = av
        return _repeat(low, high, _sequence(_items(sub), ignorecase))
    return _OPAQUE  # any character, categories, backreferences: no literal known


def _tail_join(left: Lits, right: Lits) -> Lits:
    """`right` after as much of `left`'s end as fits, so that its first word stays whole."""
    for keep in (8, 4, 2, 1, 0):
        joined = _concat(frozenset((_tail(text, keep), mode) for text, mode in left), right)
        if joined is not None:
            return joined
    return right


def _tail(text: str, keep: int) -> str:
    """The last `keep` characters, widened so the first word is whole and its start is known."""
    if keep == 0 or keep >= len(text):
        return text if keep else ""
    cut = len(text) - keep
    while cut > 0 and _WORD_CHAR_RE.match(text, cut - 1) and _WORD_CHAR_RE.match(text, cut):
        cut -= 1  # never split a word: only whole words are looked up in the text's words
    return text[max(0, cut - 1) :]


def _only_edges(lits: Lits) -> bool:
    return all(not text.strip(_EDGE) for text, _mode in lits)


def _sequence(items: Sequence[tuple[Any, Any]], ignorecase: bool) -> _Info:
    """Join adjacent literals into runs; every run (and every item's needs) is required."""
    cur: Lits = _EMPTY
    reqs: list[Lits] = []
    prefix: Lits | None = None
    run_is_prefix, exact_so_far, all_zero = True, True, True
    behind: Lits | None = None
    ahead: Lits | None = None
    for op, av in items:
        info = _node(op, av, ignorecase)
        reqs.extend(info.reqs)
        if info.zero:
            joined = _concat(info.behind, cur) if _only_edges(cur) else None
            if joined is not None:
                # Text just before a fresh run (a lookbehind) is part of what the text holds.
                cur, run_is_prefix, exact_so_far = joined, False, False
                behind = info.behind if all_zero and behind is None else behind
            if info.ahead is not None:
                joined = _concat(cur, info.ahead)
                reqs.append(joined if joined is not None else info.ahead)
                ahead = info.ahead if all_zero and ahead is None else ahead
            continue
        all_zero = False
        if info.exact is not None:
            joined = _concat(cur, info.exact)
            if joined is not None:
                cur = joined
                continue
            reqs.append(cur)
            prefix = cur if run_is_prefix else prefix
            run_is_prefix, exact_so_far = False, False
            cur = _tail_join(cur, info.exact)
            continue
        joined = _concat(cur, info.prefix)
        reqs.append(joined if joined is not None else cur)
        if run_is_prefix:
            prefix = joined if joined is not None else cur
        run_is_prefix, exact_so_far = False, False
        cur = info.suffix if info.suffix is not None else _EMPTY
    reqs.append(cur)
    if all_zero:
        return _Info(zero=True, behind=behind, ahead=ahead, reqs=tuple(reqs))
    return _Info(
        exact=cur if exact_so_far else None,
        prefix=cur if run_is_prefix else prefix,
        suffix=cur,
        reqs=tuple(reqs),
    )


@dataclass(frozen=True, slots=True)
class _Literal:
    text: str
    words: frozenset[str]
    folded: bool


def _whole_words(text: str) -> frozenset[str]:
    """Words of a literal that cannot run on in the text: bounded inside it on both sides.

    Words and literals are interned: the same word in many needs is then one object, which
    the compiled-rules cache stores once (5,890 distinct of 17,316 strings) and loads once.
    """
    return frozenset(
        sys.intern(m.group())
        for m in _WORD_RUN_RE.finditer(text)
        if m.start() > 0 and m.end() < len(text)
    )


def _word_rarity(word: str) -> int:
    return 0 if word in _COMMON or len(word) < 3 else min(len(word), 8)


def _literals(lits: Lits, ignorecase: bool) -> list[_Literal] | None:
    """The set's literals as searched (no edge marks); None if one is empty (nothing needed)."""
    merged: dict[tuple[str, bool], frozenset[str]] = {}
    for text, mode in lits:
        plain = sys.intern(text.replace(_EDGE, ""))
        if not plain:
            return None
        # Uncased text reads the same in both: look where the rest of the pattern looks.
        folded = mode == _FOLD or (mode == _ANY and ignorecase)
        merged[plain, folded] = merged.get((plain, folded), frozenset()) | _whole_words(text)
    return [_Literal(text, words, folded) for (text, folded), words in merged.items()]


def _rarest(literal: _Literal) -> str:
    return max(literal.words, key=lambda w: (_word_rarity(w), w), default="")


def _rank(literals: list[_Literal]) -> tuple[int, float, int]:
    """Sort key of a need: a rare gate word first, then long literals, but few of them.

    A literal of `_ENOUGH` characters is about as rare as a longer one, while each literal
    costs a search: doubling their number costs as much as one character less.
    """
    rarities = [_word_rarity(_rarest(lit)) for lit in literals]
    gate = min(rarities) if all(rarities) else 0
    length = min(_ENOUGH, *(len(lit.text) for lit in literals))
    return -gate, math.log2(len(literals)) - length, len(literals)


def _ranked(reqs: Iterable[Lits], ignorecase: bool) -> list[tuple[Lits, list[_Literal]]]:
    """The useful sets (none with an empty literal), most selective first."""
    scored = []
    for lits in set(reqs):
        literals = _literals(lits, ignorecase)
        if literals:
            tie = sorted((lit.text, lit.folded) for lit in literals)
            scored.append((_rank(literals), tie, lits, literals))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [(lits, literals) for _rank_, _tie, lits, literals in scored]


def _need(literals: list[_Literal]) -> Need:
    rare = [_rarest(lit) for lit in literals]
    gated = all(_word_rarity(word) for word in rare)
    worded = all(lit.words for lit in literals)
    pairs = list(zip(rare, literals, strict=True))
    key_literals = shortest({lit.text for lit in literals if lit.folded})
    return Need(
        key_literals=key_literals,
        view_literals=shortest({lit.text for lit in literals if not lit.folded}),
        key_gate=frozenset(w for w, lit in pairs if lit.folded and gated),
        view_gate=frozenset(w for w, lit in pairs if not lit.folded and gated),
        key_word_sets=_word_sets(literals, folded=True) if worded else (),
        view_word_sets=_word_sets(literals, folded=False) if worded else (),
        key_groups=prefix_groups(key_literals),
    )


def _word_sets(literals: list[_Literal], folded: bool) -> tuple[frozenset[str], ...]:
    return tuple(sorted({lit.words for lit in literals if lit.folded == folded}, key=sorted))


def _term(reqs: Iterable[Lits], ignorecase: bool) -> Term | None:
    """An alternative's most selective needs, and the whole words all its matches have.

    None when the alternative needs no literal.
    """
    ranked = _ranked(reqs, ignorecase)
    if not ranked:
        return None
    words: dict[bool, set[str]] = {True: set(), False: set()}
    for _lits, literals in ranked:
        if len({lit.folded for lit in literals}) == 1:
            words[literals[0].folded] |= frozenset.intersection(*(lit.words for lit in literals))
    needs = tuple(_need(literals) for _lits, literals in ranked[:_NEEDS])
    return Term(needs, frozenset(words[True]), frozenset(words[False]))


def _prefilter(pattern: re.Pattern[str], parsed: Any) -> Prefilter | None:
    """A prefilter for `pattern`, or None when some match might need no literal at all."""
    if pattern.flags & re.ASCII:
        return None  # its word boundaries are not the Unicode ones that words are split at
    try:
        ignorecase = bool(parsed.state.flags & re.IGNORECASE)
        items = list(_items(parsed))
        consuming = [index for index, (op, _av) in enumerate(items) if op is not _parser.AT]
        if len(consuming) == 1 and items[consuming[0]][0] is _parser.BRANCH:
            # One alternation of tokens (the usual rule): each token is a term of its own,
            # with the word boundaries around the alternation.
            index = consuming[0]
            before, after = items[:index], items[index + 1 :]
            terms = [
                _term(_sequence([*before, *_items(alt), *after], ignorecase).reqs, ignorecase)
                for alt in items[index][1][1]
            ]
        else:
            terms = [_term(_sequence(items, ignorecase).reqs, ignorecase)]
    except Exception:  # a pattern this reader does not follow simply runs everywhere
        return None
    if not terms or any(term is None for term in terms):
        return None
    return Prefilter.of(tuple(term for term in terms if term is not None))


def _scanner(parsed: Any) -> re.Pattern[str] | None:
    """A class of the characters every match starts with, or None.

    Only for patterns that cannot match empty text and start with punctuation (not a letter,
    digit or blank, which start too many places): then a scan finds every place worth a try.
    """
    try:
        first, nullable = _first(_items(parsed))
    except Exception:
        return None
    if first is None or nullable or not first or len(first) > _MAX_FIRST_CHARS:
        return None
    if any(ch.lower() != ch or ch.upper() != ch or _COMMON_CHAR_RE.match(ch) for ch in first):
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(first)) + "]")


def _first(items: Sequence[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The characters a match can start with (None: any), and whether it can be empty."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _first_of(op, av)
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    p = _parser
    if op is p.LITERAL:
        return {chr(av)}, False
    if op is p.IN:
        chars = _charset(av, ignorecase=False)
        return ({text for text, _mode in chars} if chars is not None else None), False
    if op is p.AT or op is p.ASSERT or op is p.ASSERT_NOT:
        return set(), True
    if op is p.BRANCH:
        out: set[str] = set()
        empty = False
        for alt in av[1]:
            first, nullable = _first(_items(alt))
            if first is None:
                return None, False
            out |= first
            empty = empty or nullable
        return out, empty
    if op is p.SUBPATTERN:
        return _first(_items(av[3]))
    if op is p.ATOMIC_GROUP:
        return _first(_items(av))
    if op is p.MAX_REPEAT or op is p.MIN_REPEAT or op is p.POSSESSIVE_REPEAT:
        low, _high, sub = av
        first, nullable = _first(_items(sub))
        return first, nullable or low == 0
    return None, False  # any character, a category, a backreference: anything may start
