"""Syllable counts from Liang's hyphenation patterns, read lazily from pyphen's en_US dictionary.

`pyphen.Pyphen(lang="en_US")` parses all ~4,900 patterns of the dictionary before the first
word (~60 ms, every process): more than linting a draft. Liang's algorithm only ever looks up
the substrings of the words it is given, so this module indexes the raw pattern lines by their
letters in a few bulk string operations and parses a pattern's digits only when a word hits
it. The result is exactly pyphen's `positions()` (a test compares the two word by word).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

_PATTERN_PARTS = re.compile(r"(\d?)(\D?)")
#: Lines of a hunspell hyphenation file that are settings or comments, not patterns.
_IGNORED = (
    "%",
    "#",
    "LEFTHYPHENMIN",
    "RIGHTHYPHENMIN",
    "COMPOUNDLEFTHYPHENMIN",
    "COMPOUNDRIGHTHYPHENMIN",
)
_NO_DIGITS = str.maketrans("", "", "0123456789")
#: A marker (compared by identity) for letters not looked up yet.
_UNSEEN: tuple[int, tuple[int, ...]] = (-1, ())
#: pyphen's defaults: no break within the first two or the last two letters of a word.
_LEFT, _RIGHT = 2, 2


class HyphenationError(RuntimeError):
    """The hyphenation dictionary cannot be found or read."""


def dictionary_path(lang: str = "en_US") -> Path:
    """Where pyphen keeps the hunspell dictionary for `lang` (pyphen is not imported)."""
    spec = find_spec("pyphen")
    if spec is None or spec.origin is None:
        raise HyphenationError("pyphen is not installed; run `pip install pyphen`")
    path = Path(spec.origin).parent / "dictionaries" / f"hyph_{lang}.dic"
    if not path.is_file():
        raise HyphenationError(f"pyphen has no hyphenation dictionary {path.name}")
    return path


class Patterns:
    """Liang hyphenation patterns keyed by their letters, parsed on first use."""

    def __init__(self, data: bytes) -> None:
        body = data.replace(b"\r", b"").partition(b"\n")[2]
        if b"/" in body or b"^^" in body:
            # Nonstandard hyphenation and hex escapes never occur in the English files; refuse
            # rather than count differently from pyphen.
            raise HyphenationError("the dictionary uses pattern features followlint does not read")
        text = body.decode("utf-8")
        letters = body.translate(None, b"0123456789").decode("utf-8")
        #: pattern letters -> pattern as written; built in C, then the few odd lines fixed.
        self.raw = dict(zip(letters.split("\n"), text.split("\n"), strict=True))
        self.raw.pop("", None)  # blank lines
        for line in _odd_lines(text):
            key = line.translate(_NO_DIGITS)
            if self.raw.get(key) == line:
                del self.raw[key]
            if line.strip() and not line.lstrip().startswith(_IGNORED):
                self.raw[key.strip()] = line.strip()
        self.maxlen = max(map(len, self.raw))
        #: pattern letters -> (offset, values), or None for a pattern of zeros; only the
        #: patterns some word has hit (letters no pattern has are not kept: most of a word's
        #: substrings are such, and remembering each cost more than looking it up again).
        self.parsed: dict[str, tuple[int, tuple[int, ...]] | None] = {}

    def get(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        """The (offset, values) of the pattern spelled `key`, or None."""
        raw = self.raw.get(key)
        if raw is None:
            return None
        found = self.parsed.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self.parsed[key] = _parse(raw)
        return found


def _odd_lines(text: str) -> set[str]:
    """Lines that are not plain patterns: settings, comments, stray white space.

    Found from their few marks with `str.find` (a regex over every line costs more than the
    rest of the loading).
    """
    odd = set()
    for mark in " \t\f\v%#":
        at = text.find(mark)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            odd.add(text[start:end])
            at = text.find(mark, end)
    return odd


#: The value of each ASCII digit; any other character of a pattern is a letter.
_DIGIT_VALUES = {str(digit): digit for digit in range(10)}


def _parse(pattern: str) -> tuple[int, tuple[int, ...]] | None:
    """(offset of the first non-zero value, values from there to the last non-zero one)."""
    if pattern.isascii():
        # Each letter takes the digit just before it (0 if none), and the end the digit after
        # the last letter: `_PATTERN_PARTS` pairs, three times as fast (most of a one-draft
        # run's readability was this parsing).
        values, digit, value_of = [], 0, _DIGIT_VALUES.get
        for char in pattern:
            found = value_of(char)
            if found is None:
                values.append(digit)
                digit = 0
            else:
                digit = found
        values.append(digit)
    else:
        values = [int(digit or "0") for digit, _ in _PATTERN_PARTS.findall(pattern)]
    if not any(values):
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


@lru_cache(maxsize=2)
def patterns(lang: str = "en_US") -> Patterns:
    """The patterns of one language, read once per process."""
    path = dictionary_path(lang)
    try:
        return Patterns(path.read_bytes())
    except (OSError, UnicodeDecodeError) as exc:
        raise HyphenationError(f"{path}: cannot read the hyphenation dictionary: {exc}") from None


@lru_cache(maxsize=8192)
def positions(word: str, lang: str = "en_US") -> tuple[int, ...]:
    """Where `word` may be hyphenated (as `pyphen.Pyphen(lang=lang).positions`)."""
    table = patterns(lang)
    word = word.lower()
    dotted = f".{word}."
    points = [0] * (len(dotted) + 1)
    parsed, raw, maxlen, size = table.parsed, table.raw, table.maxlen, len(dotted)
    for i in range(size - 1):
        for j in range(i + 1, min(i + maxlen, size) + 1):
            # `table.get` inlined: this loop runs ~100 times per new word.
            key = dotted[i:j]
            text = raw.get(key)
            if text is None:
                continue
            found = parsed.get(key, _UNSEEN)
            if found is _UNSEEN:
                found = parsed[key] = _parse(text)
            if found is None:
                continue
            offset, values = found
            for k, value in enumerate(values, start=i + offset):
                if value > points[k]:
                    points[k] = value
    return tuple(
        i - 1
        for i, value in enumerate(points)
        if value % 2 and _LEFT <= i - 1 <= len(word) - _RIGHT
    )


def syllables(word: str) -> int:
    """Syllables in one word: its hyphenation points plus one."""
    return len(positions(word)) + 1
