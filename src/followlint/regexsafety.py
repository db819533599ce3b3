r"""Refuse, at load time, regular expressions that can backtrack for an exponential time.

Python's `re` backtracks: when a match fails it tries every other way the pattern could have
matched the text so far. A repeat whose body can match the same text in more than one way
(`(a|aa)+`, `(\w+\s?)+`, `(.*a){12}`) therefore tries exponentially many splits of one long
word before giving up, and a single draft hangs the run. Rule files are data that users write,
so every pattern is parsed once, and every repeat that can run more than MAX_UNCHECKED_ROUNDS
rounds (counting the repeats around it) must be *deterministic*: at each character of its body,
at most one part of the body (or the start of its next round) can take that character, and its
alternatives start with different characters or different words. Then a failed match gives up
after one try per character instead of trying every split. A body such as `\s+\w+` (a space
run, then a word) passes; `(\w+\s?)+` does not, since a word can end one round or go on.
Outside repeats nothing is refused: overlapping parts side by side (`\w+\w+`) cost time
polynomial in the length of one word, not exponential.

Which characters a class matches is asked of the regex engine itself (case folding included)
over a sample alphabet: ASCII, Latin-1, a few characters of other scripts, spaces, the
characters case folding ties together ('ſ' and 's'), and every character the pattern names,
with its neighbours. That decides the overlaps of the classes rule authors write (`\w`,
`[a-z]`, `\s`, `.`) exactly.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the typeshed stubs of re's private parser live under their old names
    import sre_constants as _c
    import sre_parse as _parser
else:
    from re import _constants as _c
    from re import _parser
_casefix = importlib.import_module("re._casefix")  # no typing stub: read defensively

#: A repeat of up to this many rounds (`?`, `{0,3}`), counting the repeats around it, is cheap
#: whatever its body does.
MAX_UNCHECKED_ROUNDS = 3

_MAY_REPEAT_RE = re.compile(r"[*+{]")
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT)
_SINGLE_CHAR = (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}
_CHAR_FLAGS = re.IGNORECASE | re.ASCII | re.DOTALL
#: ASCII, Latin-1, other scripts, spaces and punctuation, and every character that case
#: folding ties to another one ('ſ' and 's', 'K' and 'k', 'ı' and 'i').
_BASE_SAMPLE = (
    frozenset(map(chr, range(256)))
    | frozenset("ĀāƒΩωЖжא٣०中あ가\u2000\u2003\u2028\u2029\u3000\u200b’‘“”–—…€™\U0001f600")
    | frozenset(chr(point) for point in getattr(_casefix, "_EXTRA_CASES", {}))
    | frozenset(
        chr(point) for pair in getattr(_casefix, "_EXTRA_CASES", {}).values() for point in pair
    )
)

NESTED = (
    "nested repetition can take exponential time; let every repeated part be followed by "
    r"something it cannot match, e.g. '\w+(?:\s+\w+)*' instead of '(\w+\s?)+'"
)
ALTERNATIVES = (
    "alternatives inside a repetition that can start with the same text can take exponential "
    "time; give each alternative a different first character, e.g. 'a+' instead of '(a|aa)+'"
)
OPTIONAL = (
    "an optional part inside a repetition that can also match what follows it can take "
    r"exponential time; count the part instead, e.g. '(?:\d{1,2}:)+' instead of '(?:\d?\d:)+'"
)
EMPTY = (
    "a repetition whose body can match nothing can take exponential time; make every round "
    "consume at least one character, e.g. '(?:a|b)+' instead of '(a?b?)+'"
)


class Ambiguous(Exception):
    """A repeat's body can match the same text in more than one way; the message says how."""


def problem(pattern: str, flags: int = 0) -> str | None:
    """Why `pattern` can backtrack for an exponential time, or None when it cannot.

    Compile the pattern first: this may raise re.error, or pass a pattern without repeats.
    """
    if not _MAY_REPEAT_RE.search(pattern):
        return None  # most rule patterns are word lists: no need to parse them again
    parsed = _parser.parse(pattern, flags)
    nodes = list(_walk(parsed.data, parsed.state.flags))
    long_repeats = [
        (av, local)
        for op, av, local, around in nodes
        if op in _REPEATS and around * _rounds(av[1]) > MAX_UNCHECKED_ROUNDS and not _is_char(av[2])
    ]
    if not long_repeats:
        return None
    groups = {av[0]: av[3] for op, av, _, _ in nodes if op is _c.SUBPATTERN and av[0] is not None}
    alphabet = _BASE_SAMPLE | frozenset(_named_chars(parsed.data))
    checker = _Checker(alphabet, groups)
    for av, local in long_repeats:
        try:
            checker.repeat(av, frozenset(), local)
        except Ambiguous as exc:
            return str(exc)
    return None


def _rounds(maximum: int) -> float:
    return math.inf if maximum is _c.MAXREPEAT else maximum


def _is_char(body: Any) -> bool:
    """Whether a repeat's body is one character (a class or a group around one)."""
    items = list(body)
    while len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        items = list(items[0][1][3])
    return len(items) == 1 and items[0][0] in _SINGLE_CHAR


def _walk(
    nodes: Iterable[Any], flags: int, rounds: float = 1
) -> Iterator[tuple[Any, Any, int, float]]:
    """Every node of a parsed pattern, depth first, lookarounds included.

    Yields (op, argument, flags in force, how many rounds the repeats around it allow).
    """
    for op, av in nodes:
        yield op, av, flags, rounds
        inner = _local_flags(flags, av) if op is _c.SUBPATTERN else flags
        repeats = op in _REPEATS or op is _c.POSSESSIVE_REPEAT
        inside = rounds * _rounds(av[1]) if repeats else rounds
        for child in _children(op, av):
            yield from _walk(child, inner, inside)


def _children(op: Any, av: Any) -> list[Any]:
    if op is _c.BRANCH:
        return list(av[1])
    if op is _c.SUBPATTERN:
        return [av[3]]
    if op in _REPEATS or op is _c.POSSESSIVE_REPEAT:
        return [av[2]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is _c.ATOMIC_GROUP:
        return [av]
    if op is _c.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _named_chars(nodes: Iterable[Any]) -> Iterator[str]:
    """Every character a pattern names, with its neighbours, to add to the sample alphabet."""
    for op, av, _, _ in _walk(nodes, 0):
        points: Sequence[int] = ()
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            points = (av,)
        elif op is _c.IN:
            points = [v for o, v in av if o is _c.LITERAL]
            points += [end for o, v in av if o is _c.RANGE for end in v]
        for point in points:
            for near in (point - 1, point, point + 1):
                if 0 <= near <= 0x10FFFF:
                    char = chr(near)
                    yield from _case_variants(char)


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a piece of a pattern can start with, and whether it can match nothing."""

    first: frozenset[str]
    nullable: bool


@dataclass(frozen=True, slots=True)
class _Alternative:
    """One alternative of a branch.

    Its first characters, its leading literal word, and what can come right after that word.
    """

    starts: frozenset[str]
    word: str
    after_word: frozenset[str]


class _Checker:
    """Decides whether repeat bodies are deterministic, over one pattern's sample alphabet."""

    def __init__(self, alphabet: frozenset[str], groups: dict[int, Any]) -> None:
        self.alphabet = alphabet
        self.groups = groups
        self.classes: dict[tuple[str, int], frozenset[str]] = {}

    def sequence(self, nodes: Any, follow: frozenset[str], flags: int) -> _Shape:
        """Check each part of a sequence against what can follow it; return the sequence's shape.

        `follow` is what can come after the sequence. Walking from the last part to the
        first, every choice a part makes (one more round or stop, which alternative, enter or
        skip) must be decided by the next character alone.
        """
        first: frozenset[str] = frozenset()
        nullable = True
        for op, av in reversed(list(nodes)):
            shape = self.node(op, av, first | follow if nullable else first, flags)
            first = shape.first | first if shape.nullable else shape.first
            nullable = nullable and shape.nullable
        return _Shape(first, nullable)

    def node(self, op: Any, av: Any, follow: frozenset[str], flags: int) -> _Shape:
        """Check one node given what can follow it; return its shape."""
        if op is _c.SUBPATTERN:
            return self.sequence(av[3], follow, _local_flags(flags, av))
        if op is _c.BRANCH:
            return self.branch(av[1], follow, flags)
        if op in _REPEATS:
            return self.repeat(av, follow, flags)
        # Characters and lookarounds make no choice; nor do backreferences (they repeat text
        # already matched), possessive repeats, atomic groups and conditionals, which never
        # go back on a choice once made.
        return self.shape([(op, av)], flags)

    def branch(self, alternatives: Sequence[Any], follow: frozenset[str], flags: int) -> _Shape:
        """At any place, at most one alternative may be able to match.

        Alternatives qualify when they start with different characters (what follows an
        empty one counts as its first), with different words ("almost " and "about "), or
        when one word starts the other but what follows the shorter one cannot go on like
        the longer one ("thank" then a space, and "thanks").
        """
        first: frozenset[str] = frozenset()
        seen: dict[str, list[_Alternative]] = {}  # by first character: only those can clash
        nullable = False
        for nodes in alternatives:
            shape = self.sequence(nodes, follow, flags)
            word = _leading_word(nodes)
            rest = self.shape(list(nodes)[len(word) :], flags)
            alternative = _Alternative(
                shape.first | follow if shape.nullable else shape.first,
                word,
                rest.first | follow if rest.nullable else rest.first,
            )
            rivals = {id(o): o for char in alternative.starts for o in seen.get(char, ())}
            if (shape.nullable and nullable) or not all(
                self.apart(alternative, other, flags) for other in rivals.values()
            ):
                raise Ambiguous(ALTERNATIVES)
            for char in alternative.starts:
                seen.setdefault(char, []).append(alternative)
            first |= shape.first
            nullable = nullable or shape.nullable
        return _Shape(first, nullable)

    def apart(self, one: _Alternative, other: _Alternative, flags: int) -> bool:
        """Whether two alternatives can never both match at one place."""
        if not one.starts & other.starts or _differ(one.word, other.word, flags):
            return True
        short, long = sorted((one, other), key=lambda alternative: len(alternative.word))
        if len(short.word) == len(long.word):
            return False
        goes_on = self.chars(_c.LITERAL, ord(long.word[len(short.word)]), flags)
        return not goes_on & short.after_word

    def repeat(self, av: Any, follow: frozenset[str], flags: int) -> _Shape:
        """A repeat may go on or stop: the next character must decide which."""
        low, high, body = av
        inner = self.shape(body, flags)
        if low < high and inner.nullable:
            raise Ambiguous(EMPTY)
        once = high is not _c.MAXREPEAT and high <= 1
        # Inside a repeat, the body's last part can be followed by the body's next round.
        self.sequence(body, follow if once else inner.first | follow, flags)
        if low < high and inner.first & follow:
            raise Ambiguous(OPTIONAL if once else NESTED)
        return _Shape(inner.first, low == 0 or inner.nullable)

    def shape(self, nodes: Any, flags: int) -> _Shape:
        """The shape of a sequence, without checking its choices."""
        first: frozenset[str] = frozenset()
        for op, av in nodes:
            shape = self._shape_of(op, av, flags)
            first |= shape.first
            if not shape.nullable:
                return _Shape(first, False)
        return _Shape(first, True)

    def _shape_of(self, op: Any, av: Any, flags: int) -> _Shape:
        if op in _SINGLE_CHAR:
            return _Shape(self.chars(op, av, flags), False)
        if op in _ZERO_WIDTH:
            return _Shape(frozenset(), True)
        if op is _c.SUBPATTERN:
            return self.shape(av[3], _local_flags(flags, av))
        if op is _c.BRANCH:
            shapes = [self.shape(alt, flags) for alt in av[1]]
            return _Shape(
                frozenset().union(*(s.first for s in shapes)), any(s.nullable for s in shapes)
            )
        if op in _REPEATS or op is _c.POSSESSIVE_REPEAT:
            inner = self.shape(av[2], flags)
            return _Shape(inner.first, av[0] == 0 or inner.nullable)
        if op is _c.ATOMIC_GROUP:
            return self.shape(av, flags)
        if op is _c.GROUPREF:
            # The text a group took may have been matched ignoring case: assume it was.
            group = self.groups.get(av)
            if group is None:
                return _Shape(self.alphabet, True)
            return self.shape(group, flags | re.IGNORECASE)
        if op is _c.GROUPREF_EXISTS:
            yes = self.shape(av[1], flags)
            no = self.shape(av[2], flags) if av[2] is not None else _Shape(frozenset(), True)
            return _Shape(yes.first | no.first, yes.nullable or no.nullable)
        return _Shape(self.alphabet, True)  # anything new: assume the worst

    def chars(self, op: Any, av: Any, flags: int) -> frozenset[str]:
        """The sample characters one single-character node matches.

        Asks the regex engine itself, so case folding ('ſ' is 's' when case is ignored),
        Unicode classes and DOTALL mean exactly what they mean when matching.
        """
        key = (_char_source(op, av), flags & _CHAR_FLAGS)
        found = self.classes.get(key)
        if found is None:
            matcher = re.compile(*key)
            found = frozenset(char for char in self.alphabet if matcher.fullmatch(char))
            self.classes[key] = found
        return found


def _char_source(op: Any, av: Any) -> str:
    """Regex source for one parsed single-character node."""
    if op is _c.ANY:
        return "."
    if op is _c.LITERAL:
        return _code_point(av)
    if op is _c.NOT_LITERAL:
        return f"[^{_code_point(av)}]"
    parts: list[str] = []
    for item, value in av:
        if item is _c.NEGATE:
            parts.insert(0, "^")
        elif item is _c.LITERAL:
            parts.append(_code_point(value))
        elif item is _c.RANGE:
            parts.append(f"{_code_point(value[0])}-{_code_point(value[1])}")
        else:
            parts.append(_CATEGORIES[value])
    return f"[{''.join(parts)}]"


def _code_point(point: int) -> str:
    return f"\\U{point:08x}"


def _leading_word(nodes: Any) -> str:
    """The literal characters a sequence starts with."""
    word = []
    for op, av in nodes:
        if op is not _c.LITERAL:
            break
        word.append(chr(av))
    return "".join(word)


def _differ(word: str, other: str, flags: int) -> bool:
    """Whether two literal starts disagree somewhere (neither is a prefix of the other)."""
    fold = flags & re.IGNORECASE
    return any(
        a != b and not (fold and re.fullmatch(re.escape(a), b, re.IGNORECASE))
        for a, b in zip(word, other, strict=False)
    )


def _case_variants(char: str) -> set[str]:
    """The character and its one-character lower and upper case forms ('ß' has no upper one)."""
    return {variant for variant in (char, char.lower(), char.upper()) if len(variant) == 1}


def _local_flags(flags: int, av: Any) -> int:
    """Flags inside a group such as `(?i:...)` or `(?-i:...)`."""
    added: int = av[1]
    removed: int = av[2]
    return (flags | added) & ~removed
