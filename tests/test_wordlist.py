"""The spelling second opinion: the compact word list answers exactly as a set would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followlint.proofread.wordlist import WordList, english_words

_WORDS = st.text(alphabet="abz'é\n", max_size=5)


@given(st.sets(_WORDS, max_size=60), st.lists(_WORDS, max_size=30))
def test_membership_is_that_of_the_set_of_words(words: set[str], probes: list[str]) -> None:
    listed = WordList(words)
    kept = {w for w in words if w and "\n" not in w}
    assert len(listed) == len(kept)
    for word in [*words, *probes]:
        assert (word in listed) == (word in kept)


def test_the_cmu_list_knows_words_and_not_typos_or_names() -> None:
    words = english_words()
    assert len(words) > 120_000
    for word in ("afterwards", "aardvark", "zebra", "interview"):
        assert word in words
    assert "qxzvbtr" not in words and "Zebra" not in words and 3 not in words  # type: ignore[operator]
