"""Readability scores: Flesch-Kincaid grade and Flesch reading ease, fast and offline.

Sentences are counted as textstat 0.7.8 counts them (a test compares the two), without
importing textstat (~200 ms). Syllables come from the en_US hyphenation patterns that pyphen
ships, read lazily by `followlint.hyphenation` rather than textstat's CMU dictionary, whose
first load costs about a second per process. The pattern count runs a little lower on long
words, so grades are about half a grade lower than textstat's own; rule thresholds are set on
this measure.
"""

from __future__ import annotations

import re
from collections import Counter

from followlint.ascii_runs import keeping, runs
from followlint.hyphenation import syllables as _syllables

_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
#: textstat's sentence: a run up to and including its closing punctuation.
_SENTENCE_RE = re.compile(r"\b[^.!?]+[.!?]*")
#: A token textstat counts as a word has a word character: it drops punctuation and every
#: apostrophe not followed by a contraction's letters ('t, 's, 've, ...), and a kept
#: apostrophe is followed by a letter of the same token, so only tokens of punctuation vanish.
_WORD_CHAR_RE = re.compile(r"\w")


def sentence_count(text: str) -> int:
    """Sentences in `text`, ignoring those of two words or fewer (as textstat counts them)."""
    if not text:
        return 0
    sentences = _SENTENCE_RE.findall(text)
    short = sum(1 for sentence in sentences if _is_short(sentence))
    return max(1, len(sentences) - short)


def _is_short(sentence: str) -> bool:
    """Whether textstat counts two words or fewer in the sentence (stops at the third)."""
    count = 0
    for token in sentence.split():
        if _WORD_CHAR_RE.search(token):
            count += 1
            if count > 2:
                return False
    return True


#: Letters and apostrophes stay.
_IN_WORD = keeping(lambda c: c.isalpha() or c == "'")


def word_counts(text: str) -> Counter[str]:
    """How often each word (`_WORD_RE`) occurs in `text`, lower-cased."""
    if not text.isascii():
        return Counter(map(str.lower, _WORD_RE.findall(text)))
    # Twice as fast: a run of letters and apostrophes is one word unless it has an apostrophe,
    # and only those few runs need the pattern ("rock'n'roll" is two words, "'tis" one).
    lowered = text.lower()
    counts = Counter(runs(lowered, _IN_WORD))
    if "'" in lowered:
        for run in [run for run in counts if "'" in run]:
            times = counts.pop(run)
            for word in _WORD_RE.findall(run):
                counts[word] += times
    return counts


def _counts(text: str) -> tuple[int, int, int]:
    sentences = max(1, sentence_count(text))
    # Each distinct word once: a note repeats its words, and Counter counts in C.
    counts = word_counts(text)
    known = _KNOWN_SYLLABLES
    if len(known) > _KNOWN_LIMIT:
        known.clear()
    syllables = 0
    for word, n in counts.items():
        count = known.get(word)
        if count is None:
            count = known[word] = _syllables(word)
        syllables += count * n
    return counts.total(), sentences, syllables


#: Syllables of words already counted: drafts share most of their words, and a pattern
#: lookup costs a few microseconds a word. Cleared when full, so memory stays bounded.
_KNOWN_SYLLABLES: dict[str, int] = {}
_KNOWN_LIMIT = 20_000


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade: 0.39·words/sentences + 11.8·syllables/words − 15.59."""
    words, sentences, syllables = _counts(text)
    if words == 0:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease: 206.835 − 1.015·words/sentences − 84.6·syllables/words."""
    words, sentences, syllables = _counts(text)
    if words == 0:
        return 100.0
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words
