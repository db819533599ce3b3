"""Readability counts agree with the libraries they replace, without their start-up cost."""

from __future__ import annotations

import re
from pathlib import Path

import pyphen
import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from followlint import hyphenation
from followlint.readability import flesch_kincaid_grade, sentence_count

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")

SENTENCE_PIECES = st.sampled_from(
    [
        "Thank you",
        " for the tour",
        ".",
        "!",
        "?",
        "...",
        " ",
        "\n\n",
        "I'm",
        " don't",
        " 'quoted'",
        " Ms. Rao",
        " e.g.",
        " 3.5",
        " — ",
        "ok",
        "x",
        " Émile's",
    ]
)


def corpus_texts() -> list[str]:
    """Every draft of the shared corpus (the tests skip without it)."""
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not beside the repository")
    return [
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(CORPUS.rglob("*"))
        if path.is_file() and path.suffix in (".md", ".txt", ".eml")
    ]


def test_sentence_count_matches_textstat_on_the_corpus() -> None:
    texts = corpus_texts()
    assert texts
    assert [sentence_count(t) for t in texts] == [textstat.sentence_count(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCE_PIECES, max_size=40).map("".join))
def test_sentence_count_matches_textstat_on_generated_text(text: str) -> None:
    assert sentence_count(text) == textstat.sentence_count(text)


def test_hyphenation_matches_pyphen_on_every_corpus_word() -> None:
    reference = pyphen.Pyphen(lang="en_US")
    words = {w.lower() for text in corpus_texts() for w in WORD_RE.findall(text)}
    assert len(words) > 500
    differ = [w for w in words if hyphenation.positions(w) != tuple(reference.positions(w))]
    assert not differ


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", min_size=1, max_size=24))
def test_hyphenation_matches_pyphen_on_generated_words(word: str) -> None:
    reference = pyphen.Pyphen(lang="en_US")
    assert hyphenation.positions(word) == tuple(reference.positions(word))


def test_patterns_are_parsed_only_when_a_word_needs_them() -> None:
    table = hyphenation.Patterns(hyphenation.dictionary_path().read_bytes())
    assert len(table.raw) > 4000
    assert table.parsed == {}
    table.get("tion")
    assert len(table.parsed) == 1


def test_a_dictionary_with_unsupported_features_is_refused() -> None:
    with pytest.raises(hyphenation.HyphenationError, match="features"):
        hyphenation.Patterns(b"UTF-8\n1a2b/ab=b,1,1\n")


def test_grade_of_a_plain_note() -> None:
    text = "Thank you for the tour. I enjoyed meeting the team. I hope to hear from you soon."
    # 17 words, 3 sentences; one syllable each but "enjoyed" and "meeting": 19.
    assert sentence_count(text) == 3
    assert flesch_kincaid_grade(text) == pytest.approx(0.39 * 17 / 3 + 11.8 * 19 / 17 - 15.59)


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=40)
    | st.text(alphabet="aZ'’ _1.\n", max_size=30)
    | st.lists(SENTENCE_PIECES, max_size=12).map("".join)
)
def test_word_counts_are_the_word_patterns_words(text: str) -> None:
    # ASCII text is counted by translate and split; runs with apostrophes by the pattern.
    from collections import Counter

    from followlint.readability import word_counts

    assert word_counts(text) == Counter(w.lower() for w in WORD_RE.findall(text))


def test_every_pattern_of_the_dictionary_parses_as_pyphen_reads_it() -> None:
    # The fast parse against the pattern-pairs reading (pyphen's own regex) on all ~11,000.
    table = hyphenation.Patterns(hyphenation.dictionary_path().read_bytes())
    pairs = re.compile(r"(\d?)(\D?)")
    for pattern in table.raw.values():
        values = [int(digit or "0") for digit, _ in pairs.findall(pattern)]
        if not any(values):
            assert hyphenation._parse(pattern) is None, pattern
            continue
        start = next(i for i, v in enumerate(values) if v)
        end = len(values) - next(i for i, v in enumerate(reversed(values)) if v)
        assert hyphenation._parse(pattern) == (start, tuple(values[start:end])), pattern


@pytest.mark.parametrize("pattern", ["a1", "1a", "ab", ".ab1c", "2a1b3", "éa1"])
def test_a_pattern_parses_to_the_digits_between_its_letters(pattern: str) -> None:
    values = [int(d or "0") for d, _ in re.findall(r"(\d?)(\D?)", pattern)]
    parsed = hyphenation._parse(pattern)
    if parsed is None:
        assert not any(values)
    else:
        start, kept = parsed
        assert values[start : start + len(kept)] == list(kept)
        assert not any(values[:start]) and not any(values[start + len(kept) :])
