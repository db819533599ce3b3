"""Patterns spelled for speed (thanks, shouting) find exactly what their plain forms find.

`followlint.checks.gratitude` and `followlint.checks.shouting` spell some patterns for speed
(each alternative starts with one character, so `re` skips to candidates instead of trying
every position). Their plain forms are the specification; Hypothesis compares both on
generated text.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from followlint.checks.gratitude import _BOUNDARY_RE, GRATITUDE_RE, gratitude_spans
from followlint.document import Document
from followlint.kinds._search import fold_key

PLAIN_GRATITUDE = re.compile(
    r"\b(?:thank(?:ful|ing)?|grateful(?:ly)?|gratitude|app?reciat(?:e|ed|es|ing|ion|ive))\b"
    r"|\bthanks\b(?! to (?!you\b|all\b|everyone\b|each\b|both\b|your\b|the (?:whole |entire )?"
    r"(?:team|panel|committee|group)\b))",
    re.IGNORECASE,
)
PLAIN_BOUNDARY = re.compile(r"[.!?]|\n[ \t\r]*\n|\x00+|,?[ \t\r]*\n(?=[ \t]*[A-Z])")

WORDS = [
    "thank", "Thank", "THANKS", "thanks", "thankful", "thanking", "thankfully", "grateful",
    "GRATEFULLY", "gratitude", "appreciate", "apreciated", "appreciation", "appreciative",
    "to", "you", "the", "whole", "team", "my", "training", "panel", "all", "ſ", "K", "İ", "ı",
    "x", "é", "_", "1", "tHaNk", "ungrateful", "thanksgiving",
]  # fmt: skip
GAPS = [" ", "", ".", ", ", "\n", "-", "'", "\x00", "!"]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=14).map(
    lambda pairs: "".join(word + gap for word, gap in pairs)
)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(TEXT)
def test_thanks_in_the_folded_text_are_the_plain_patterns_matches(text: str) -> None:
    assert spans(GRATITUDE_RE, fold_key(text)) == spans(PLAIN_GRATITUDE, text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\r", "\n", ",", ".", "!", "?", "\x00", "A", "a"])))
def test_sentence_boundaries_are_the_plain_patterns_matches(chars: list[str]) -> None:
    text = "".join(chars)
    assert spans(_BOUNDARY_RE, text) == spans(PLAIN_BOUNDARY, text)


def test_a_drafts_thanks_are_found_where_they_are_written() -> None:
    doc = Document.from_text("Hi Ana,\n\nTHANK you, and thanks to the team. Thanks to my mentor.\n")
    found = [doc.text[s.start : s.end] for s in gratitude_spans(doc, "all")]
    assert found == ["THANK", "thanks"]


PLAIN_CAPS_WORD = r"\b[A-Z]+(?:['’][A-Z]+)*\b(?!['’]?[a-z])"
PLAIN_CAPS_RUN = re.compile(rf"{PLAIN_CAPS_WORD}(?:[ \t,&/:-]+{PLAIN_CAPS_WORD})*")
CAPS_PIECES = ["PLEASE", "READ", "I", "a", "Ab", "NASA", "'", "’", "s", "_", "1", "É", "é"]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(CAPS_PIECES), st.sampled_from([" ", "", ", ", "\t", "/", "."])),
        max_size=12,
    ).map(lambda pairs: "".join(word + gap for word, gap in pairs))
)
def test_capital_runs_are_the_plain_patterns_matches(text: str) -> None:
    from followlint.checks.shouting import _CAPS_RUN_RE

    assert spans(_CAPS_RUN_RE, text) == spans(PLAIN_CAPS_RUN, text)


PLAIN_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
URL_PIECES = ["http", "https", "://", "www", ".", "x", "é", "_", "1", " ", "(", "a.b", "/", ","]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=14).map("".join))
def test_links_are_the_plain_patterns_matches(text: str) -> None:
    from followlint.document import _URL_RE

    assert spans(_URL_RE, text) == spans(PLAIN_URL, text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ_1 .'’éß\u0130\x00-", max_size=30))
def test_word_runs_are_the_same_in_ascii_and_other_text(text: str) -> None:
    from followlint.kinds._search import _word_runs

    assert _word_runs(text) == re.findall(r"\w+", text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_word_runs_are_the_patterns_runs(text: str) -> None:
    # Every ASCII character, the separators `str.split` knows (\x1c-\x1f, \x0b, ...) among them.
    from followlint.kinds._search import _word_runs

    assert _word_runs(text) == re.findall(r"\w+", text)


def test_ascii_word_runs_cover_every_character() -> None:
    from followlint.kinds._search import _word_runs

    text = "".join(map(chr, range(128)))
    runs = ["0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "_", "abcdefghijklmnopqrstuvwxyz"]
    assert _word_runs(text) == re.findall(r"\w+", text) == runs


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=40)
    | st.text(alphabet="aB1_'- .\x00\n’", max_size=30)
)
def test_word_texts_are_the_word_patterns_matches(text: str) -> None:
    # ASCII text takes a translate-and-split path; the rest the pattern itself.
    from followlint.document import _WORD_RE, _word_texts

    assert _word_texts(text) == tuple(_WORD_RE.findall(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a1!?\n\r .\x00é٣", max_size=30) | st.text(max_size=20))
def test_scans_that_skip_the_pattern_agree_with_it(text: str) -> None:
    # Three shortcuts for ASCII text or a pattern's first character; each against the plain form.
    from followlint.checks.customization import has_digit
    from followlint.checks.shouting import _PUNCT_RE
    from followlint.document import _blank

    assert has_digit(text) == (re.search(r"\d", text) is not None)
    assert spans(_PUNCT_RE, text) == spans(re.compile(r"[!?]{2,}"), text)
    assert _blank(text) == re.sub(r"[^\r\n]", "\x00", text)


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=40)
    | st.text(alphabet="aB1_' .-’\n", max_size=30)
)
def test_lowered_words_are_the_word_patterns_words(text: str) -> None:
    # ASCII text is cut by translate and split, runs with apostrophes by the pattern.
    from followlint.kinds.substitution import _WORD_RE, _lowered

    assert _lowered(text) == frozenset(w.lower() for w in _WORD_RE.findall(text))


NOT_PROSE_PIECES = [
    "On Mon, 3 Jun 2024, Ana wrote:",
    "WROTE:",
    "-- ",
    "--",
    "\n",
    "\r\n",
    "> ",
    ">",
    "From: Ana",
    "Sent: today",
    "Date: x",
    "---- Original Message",
    "FROM:",
    "https://",
    "http://a.b",
    "www.",
    "WWW.",
    "```",
    "~~~",
    " ",
    "text",
    "ſ",
    "K",
    "@",
]


@settings(max_examples=800, deadline=None)
@example("From: Ana\nSent: today", 0, 200)
@example("---- Original Message", 0, 200)
@example("On Mon, Ana WROTE:", 0, 200)
@given(
    st.lists(st.sampled_from(NOT_PROSE_PIECES), max_size=12).map("".join),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=200),
)
def test_a_pattern_skipped_for_missing_text_could_not_have_matched(
    text: str, start: int, end: int
) -> None:
    # The history, signature, quote, link and fence patterns run only where their literals are.
    from followlint.document import _NEEDS, _may_match

    for pattern in _NEEDS:
        if not _may_match(pattern, text, start, end):
            assert pattern.search(text, start, end) is None, (pattern.pattern, text)
