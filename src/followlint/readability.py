"""Readability scores: Flesch-Kincaid grade and Flesch reading ease, fast and offline.

textstat (pinned to 0.7.8, which never downloads) counts words and sentences. Syllables come
from its hyphenation dictionary (pyphen, en_US) rather than textstat's CMU dictionary, whose
first load costs about a second per process: far more than the whole lint of a draft. The
pyphen count runs a little lower on long words, so grades are about half a grade lower than
textstat's own; rule thresholds are set on this measure.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


@lru_cache(maxsize=1)
def _tools() -> tuple[Any, Any]:
    import pyphen
    import textstat

    return textstat, pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=4096)
def _syllables(word: str) -> int:
    _, dictionary = _tools()
    return len(dictionary.positions(word)) + 1


def _counts(text: str) -> tuple[int, int, int]:
    textstat, _ = _tools()
    words = _WORD_RE.findall(text)
    sentences = max(1, int(textstat.sentence_count(text)))
    syllables = sum(_syllables(word.lower()) for word in words)
    return len(words), sentences, syllables


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
