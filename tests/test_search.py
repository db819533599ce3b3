"""Phrase-rule search: prefilters and first-character scans skip work, never matches.

`Search.finditer` must give exactly `pattern.finditer(view)`; these tests check that on the
rule pack's own patterns and texts, on hand-made tricky patterns with generated texts, and
check the folding that case-insensitive literals rely on, character by character.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from followlint.document import Document
from followlint.kinds._literals import search_for
from followlint.kinds._search import Search, fold_key, haystack
from followlint.registry import RulePack

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def searches(pack: RulePack) -> list[tuple[str, Search, str]]:
    """(rule id, search, scope) for every phrase pattern of the pack."""
    out = []
    for rule in pack:
        checker = rule.checker
        if rule.spec.kind == "existence":
            out.append((rule.id, checker.search, checker.scope))  # type: ignore[attr-defined]
        elif rule.spec.kind == "substitution":
            found = [checker.search] if checker.search else []  # type: ignore[attr-defined]
            found += [search for search, _choices in checker.separate]  # type: ignore[attr-defined]
            out.extend((rule.id, search, checker.scope) for search in found)  # type: ignore[attr-defined]
    return out


def spans(search: Search, text: str, scope: str = "all") -> tuple[list[tuple[int, int]], ...]:
    doc = Document.from_text(text)
    fast = [m.span() for m in search.finditer(doc, scope)]
    slow = [m.span() for m in search.pattern.finditer(doc.view(scope))]
    return fast, slow


def pack_texts() -> list[str]:
    """Every text the repository has about the rules: examples, case files, the corpus."""
    texts: list[str] = []
    for path in sorted((ROOT / "rules").glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for which in ("bad", "good"):
            for item in (data.get("examples") or {}).get(which) or []:
                texts.append(item if isinstance(item, str) else item["text"])
    for path in sorted((ROOT / "tests" / "rules").glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts.extend(case["text"] for case in data.get("cases") or [] if "text" in case)
    if CORPUS.is_dir():
        texts.extend(
            p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.iterdir())
        )
    return texts


def variants(text: str) -> list[str]:
    """The text as written, shouted, and with the letters IGNORECASE folds specially."""
    special = text.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131")
    return [text, text.upper(), special, text.replace("I", "\u0130")]


def test_fold_key_is_how_ignorecase_sees_every_character() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        key = fold_key(ch)
        assert len(key) == 1, hex(code)
        assert bool(word.match(ch)) == bool(word.match(key)), hex(code)
        if letter.fullmatch(ch):
            assert key.isascii() and key.isalpha(), hex(code)
            assert re.fullmatch(key, ch, re.IGNORECASE), hex(code)
        else:
            assert not (key.isascii() and key.isalpha()), hex(code)


def test_every_phrase_pattern_of_the_pack_gets_a_prefilter(rule_pack: RulePack) -> None:
    found = searches(rule_pack)
    assert len(found) >= 15
    missing = [rule for rule, search, _scope in found if search.needs is None]
    assert missing == []
    scanned = {rule for rule, search, _scope in found if search.scan is not None}
    assert "proofreading.missing-space" in scanned


def test_a_clean_note_runs_few_phrase_patterns(rule_pack: RulePack) -> None:
    doc = Document.from_text((ROOT / "examples" / "good-note.md").read_text(encoding="utf-8"))
    found = searches(rule_pack)
    run = [
        rule
        for rule, search, scope in found
        if search.needs is None or search.needs.admits(haystack(doc, scope))
    ]
    # Punctuation and blanks are in every note; the phrase lists' words are not.
    assert len(run) <= 3, run


def test_the_pack_finds_the_same_matches_on_its_own_texts(rule_pack: RulePack) -> None:
    texts = [variant for text in pack_texts() for variant in variants(text)]
    assert len(texts) > 400
    for rule, search, scope in searches(rule_pack):
        for text in texts:
            fast, slow = spans(search, text, scope)
            assert fast == slow, (rule, text[:80])


TRICKY = [
    (r"\b(?:as soon as possible|asap)\b", re.I),
    (r"\b(?:(?<=please )(?:reply|respond) (?:now|today)|time[- ]sensitive)\b", re.I),
    (r"(?:(?<=\brather )|(?<=\bmore ))then(?= (?:ever|usual)\b)", re.I),
    (r"\bI(?:['’]ll| will)(?: have)? no (?:other )?choice but to\b", re.I),
    (r"\b(?:sk|ki|is)i?k+s\b", re.I),
    (r"\b(?i:insert|fill in) (?:the )?\w{1,20} here\b", 0),
    (r"\bABC(?-i:DEF)\b", re.I),
    (r"\b([a-z]+) \1\b", re.I),
    (r"\b(?:a|b){2,3}c\b", re.I),
    (r"(?<=[A-Za-z]),(?=[A-Za-z])|(?<=[a-z]{2})\.(?=[A-Z][a-z]+\b)", 0),
    (r"!+|\?{2,}", 0),
    (r"[$%][A-Z_]{2,}", 0),
    (r"(?a:\bcafé\b)|\bnaïve\b", re.I),
    (r"^dear (?:sir|madam)$", re.I | re.M),
    (r"\Bing\b|\bun\B", re.I),
    (r"colou?rs?", re.I),
    (r"x*", re.I),
    (r"(?:yes|no)(?!\w)|maybe(?=!)", re.I),
    (r"Straße|ſtrong|\bK\b", re.I),
    (r"\bre(?<=re)ply\b|for(?<=\bfor) you|(?<=\w)'s\b", re.I),
]
PIECES = [
    "as soon as possible",
    "ASAP",
    "asap",
    "please reply now",
    "time sensitive",
    "time-sensitive",
    "rather then ever",
    "more then usual",
    "I'll have no choice but to",
    "I will no other choice",
    "skis",
    "kiks",
    "\u212a",
    "\u017f",
    "\u0131",
    "\u0130",
    "insert the name here",
    "FILL IN X HERE",
    "ABCDEF",
    "abcdef",
    "ABCdef",
    "the the",
    "The the",
    "abc",
    "aabc",
    "Anna,Bob",
    "lab.It",
    "!!",
    "??",
    "$NAME",
    "%FIRST_NAME",
    "café",
    "CAFÉ",
    "naïve",
    "Dear Sir",
    "dear madam",
    "singing",
    "undo",
    "colour",
    "colors",
    "yes",
    "no!",
    "maybe!",
    "Strasse",
    "Straße",
    "strong",
    "K",
    "reply",
    "for you",
    "Anna's",
    " ",
    "\n",
    "\x00",
    ",",
    ".",
    "'",
    "’",
    "-",
    "a",
    "e",
    "I",
    "Z",
    "é",
    "1",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_tricky_patterns_find_the_same_matches(text: str) -> None:
    for source, flags in TRICKY:
        search = search_for(re.compile(source, flags))
        fast, slow = spans(search, text)
        assert fast == slow, (source, text)


@pytest.mark.parametrize(
    ("source", "flags", "has", "lacks"),
    [
        (r"\b(?:as soon as possible|urgent)\b", re.I, "Reply AS SOON AS POSSIBLE.", "Thanks."),
        (r"(?<=please )reply", re.I, "Please reply.", "Reply please."),
        (r"\bI must insist\b", re.I, "i MUST insist", "I insisted."),
        (r"\[[A-Z][a-z]+ Name\]", 0, "Dear [Hiring Name],", "Dear Ms. Rao,"),
    ],
)
def test_a_prefilter_turns_away_drafts_without_the_phrase(
    source: str, flags: int, has: str, lacks: str
) -> None:
    search = search_for(re.compile(source, flags))
    assert search.needs is not None
    assert search.needs.admits(haystack(Document.from_text(has), "all"))
    assert not search.needs.admits(haystack(Document.from_text(lacks), "all"))


@pytest.mark.parametrize("source", [r"x*", r"\w+", r"(?:)", r"(\w)\1", r".{3}", r"\bcolou?r|x?"])
def test_patterns_that_need_no_literal_get_no_prefilter(source: str) -> None:
    assert search_for(re.compile(source, re.I)).needs is None


def test_a_scan_needs_a_pattern_that_cannot_match_empty_text() -> None:
    assert search_for(re.compile(r"[,;](?=\w)")).scan is not None
    assert search_for(re.compile(r",*")).scan is None
    assert search_for(re.compile(r"\w,")).scan is None  # letters start too many places


REPEAT_PIECES = [
    *["the", "The", "THE", "had", "Had", "that", "theory", "a", "an", "Bora", "bora", "x"],
    *["is", "this", "so", "also", "ha", "hadn", "thathat", "well", "yada", "knock", "tut", "s"],
]
REPEAT_GAPS = [" ", "  ", "\t", "\n", "\r\n", " \n ", "\n\n", ", ", ".", "-", "", "'", "_"]
#: The rule's plain form: genuine doubles ruled out first, the word taken with backtracking.
PLAIN_REPEATED_WORD = re.compile(
    r"\b(?:(?!(?:had|that|is|do|does|did|so|no|very|bye|ha|there|well|knock|blah|tut|yada)\b)"
    r"([A-Za-z]+)(?:(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)(?=[a-z])(?i:\1))+)\b"
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(REPEAT_PIECES),
            st.integers(1, 3),  # the word again, so repetitions are common
            st.sampled_from(REPEAT_GAPS),
            st.sampled_from(REPEAT_GAPS),
        ),
        max_size=8,
    ).map(lambda parts: "".join(gap.join([word] * n) + end for word, n, gap, end in parts))
)
def test_the_repeated_word_rule_finds_what_its_plain_form_finds(
    rule_pack: RulePack, text: str
) -> None:
    """Its possessive word and late exclusions find exactly what the plain pattern finds."""
    (search,) = [s for rule, s, _scope in searches(rule_pack) if rule.endswith("repeated-word")]
    assert "([A-Za-z]++)" in search.pattern.pattern
    assert [m.span() for m in search.pattern.finditer(text)] == [
        m.span() for m in PLAIN_REPEATED_WORD.finditer(text)
    ]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Don", "'", "’", "t", "ΟΔΟΣ", "İ", "é", "_", " ", ".", "x1"])))
def test_substitution_words_are_the_plain_patterns_words_lower_cased(pieces: list[str]) -> None:
    from followlint.kinds.substitution import _WORD_RE, _lowered

    text = "".join(pieces)
    plain = re.compile(r"\w+(?:['’]\w+)*")
    assert [m.span() for m in _WORD_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert _lowered(text) == frozenset(w.lower() for w in plain.findall(text))


GROUP_WORDS = [" i", " got", " the", " job", " role", " a", " be", " great", "x", "th", " "]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.builds(
            "".join,
            st.tuples(
                st.sampled_from(["", " i got the", " be a", "please", "th"]),  # shared starts
                st.lists(st.sampled_from(GROUP_WORDS), min_size=1, max_size=3).map("".join),
            ),
        ),
        min_size=1,
        max_size=24,
        unique=True,
    ),
    st.lists(st.sampled_from(GROUP_WORDS), max_size=12).map("".join),
    st.integers(-1, 23),
)
def test_a_need_with_literals_grouped_by_prefix_meets_a_text_as_the_literals_do(
    literals: list[str], around: str, embedded: int
) -> None:
    from followlint.kinds._search import GROUPED_FROM, Need, prefix_groups

    # Often one literal is in the text on purpose (any one of them), else the text is random.
    text = around + (literals[embedded] if 0 <= embedded < len(literals) else "") + around
    groups = prefix_groups(tuple(literals))
    grouped = Need(key_literals=tuple(literals), view_literals=(), key_groups=groups)
    assert grouped.met(frozenset(), frozenset(), text, text) == any(x in text for x in literals)
    if groups:
        assert len(literals) >= GROUPED_FROM
        assert sorted(x for p, group in groups for x in group or (p,)) == sorted(literals)
        assert all(x.startswith(p) for p, group in groups for x in group)


def test_many_literals_with_a_shared_start_are_grouped_and_scattered_ones_are_not() -> None:
    from followlint.kinds._search import prefix_groups

    shared = tuple(
        f" i got the {job}"
        for job in ["job", "role", "post", "offer", "place", "spot", "seat", "gig"]
    )
    assert prefix_groups(shared) == ((" i got the ", tuple(sorted(shared))),)
    scattered = tuple(f"{c}{c} word" for c in "abcdefgh")
    assert prefix_groups(scattered) == ()
    assert prefix_groups(shared[:3]) == ()  # too few to be worth a group
