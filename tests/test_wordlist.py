"""The spelling second opinion: the compact word list answers exactly as a set would."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def _build_counter(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from followlint.proofread import wordlist

    builds: list[int] = []
    real = wordlist._cmu_words

    def counted() -> set[str]:
        builds.append(1)
        return real()

    monkeypatch.setattr(wordlist, "_cmu_words", counted)
    return builds


def test_a_second_process_reads_the_stored_list_instead_of_the_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followlint.proofread import wordlist

    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("FOLLOWLINT_NO_PACK_CACHE", raising=False)
    builds = _build_counter(monkeypatch)
    first = wordlist._english_words.__wrapped__()
    second = wordlist._english_words.__wrapped__()
    assert builds == [1]
    assert second.lines() == first.lines() and len(second) == len(first) > 120_000
    assert "zebra" in second and "alot" not in second
    stored = list(tmp_path.glob("words-v1-*.txt"))
    assert len(stored) == 1

    stored[0].write_text("truncated")  # no final newline: damaged, built again
    assert wordlist._english_words.__wrapped__().lines() == first.lines()
    assert builds == [1, 1]


def test_a_changed_rule_file_keys_a_new_list_and_the_old_one_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followlint.proofread import wordlist

    cache, rules = tmp_path / "cache", tmp_path / "misspelling.yml"
    rules.write_text("one")
    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(cache))
    monkeypatch.delenv("FOLLOWLINT_NO_PACK_CACHE", raising=False)
    monkeypatch.setattr(wordlist, "_misspelling_rule_files", lambda: [rules])
    monkeypatch.setattr(wordlist, "known_misspellings", lambda: frozenset({"zebra"}))
    builds = _build_counter(monkeypatch)
    wordlist._english_words.__wrapped__()
    rules.write_text("two")
    assert "zebra" not in wordlist._english_words.__wrapped__()
    assert builds == [1, 1]
    assert len(list(cache.glob("words-v1-*.txt"))) == 1


def test_without_the_cache_nothing_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followlint.proofread import wordlist

    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("FOLLOWLINT_NO_PACK_CACHE", "1")
    assert "zebra" in wordlist._english_words.__wrapped__()
    assert list(tmp_path.iterdir()) == []


def test_the_module_that_builds_the_list_is_part_of_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from followlint.proofread import wordlist

    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("FOLLOWLINT_NO_PACK_CACHE", raising=False)
    before = wordlist._stored_path()
    stat = os.stat(wordlist.__file__)
    os.utime(wordlist.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    try:
        assert wordlist._stored_path() not in (None, before)
    finally:
        os.utime(wordlist.__file__, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert wordlist._stored_path() == before
