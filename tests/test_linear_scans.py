"""Linear replacements of quadratic scans: same answers as before, bounded work per match.

`document._comments`, `document._code_spans` and `document._emails` replace regexes that
searched to the end of the text (or of a run) again from every unclosed `<!--`, backtick or
word of a dotted run; on any text they must find exactly what those regexes found.
`customization._sentence_initial` looked at the whole text before every capitalised word.
"""

from __future__ import annotations

import random
import re

import pytest

from followlint.checks.customization import _sentence_initial, _specific_words
from followlint.document import Document, _code_spans, _comments, _emails
from followlint.model import Span

OLD_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
OLD_CODE_SPAN_RE = re.compile(r"(`+)(?!`).+?(?<!`)\1")
OLD_EMAIL_RE = re.compile(r"<?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?")


def _pieces(rng: random.Random, pieces: list[str], most: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


@pytest.mark.parametrize("seed", range(4))
def test_code_spans_are_what_the_old_regex_found(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(5_000):
        text = _pieces(rng, ["`", "``", "```", "a", " ", "\n", "b c"], 16)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = [Span(*m.span()) for m in OLD_CODE_SPAN_RE.finditer(text, start, end)]
        assert list(_code_spans(text, start, end)) == expected, (text, start, end)


@pytest.mark.parametrize("seed", range(4))
def test_comments_are_what_the_old_regex_found(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(5_000):
        text = _pieces(rng, ["<!--", "-->", "<!-->", "-", "<", "!", ">", "a", "\n"], 12)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = [Span(*m.span()) for m in OLD_COMMENT_RE.finditer(text, start, end)]
        assert list(_comments(text, start, end)) == expected, (text, start, end)


@pytest.mark.parametrize("seed", range(4))
def test_emails_are_what_the_old_regex_found(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["a", "b", "1", "_", "é", ".", "-", "+", "@", "<", ">", " ", "!", "a@b.c", "<x@y.z>"]
    for _ in range(5_000):
        text = _pieces(rng, pieces, 14)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = [Span(*m.span()) for m in OLD_EMAIL_RE.finditer(text, start, end)]
        assert list(_emails(text, start, end)) == expected, (text, start, end)


def test_markdown_code_and_comments_are_masked() -> None:
    text = "Hi,\n\nRun `make  test` or ``a ` b`` <!-- note the the -->, then ```x. <!-- x\n"
    doc = Document.from_text(text)
    masked = [text[s.start : s.end] for s in doc.masked]
    assert masked == ["`make  test`", "``a ` b``", "<!-- note the the -->"]


class _CountingStr(str):
    """A str that counts the characters its slices copy."""

    copied = 0

    def __getitem__(self, key: object) -> str:  # type: ignore[override]
        if isinstance(key, slice):
            _CountingStr.copied += len(range(*key.indices(len(self))))
        return str.__getitem__(self, key)  # type: ignore[index]


def test_sentence_initial_looks_back_only_over_the_gap() -> None:
    text = "Hi,\n\n" + "We met Maria and Tom at Zentrix. " * 2_000 + "\x00" * 5_000 + " Ana"
    view = _CountingStr(text)
    starts = [m.start() for m in re.finditer(r"[A-Z]\w*", text)]
    _CountingStr.copied = 0
    verdicts = [_sentence_initial(view, start) for start in starts]
    # the work is the gaps before the words (plus a small window each), not the text before them
    assert _CountingStr.copied < 400 * len(starts) + 4 * 5_000
    assert verdicts[:5] == [True, True, False, False, False]  # Hi, We, Maria, Tom, Zentrix
    assert verdicts[-1] is True  # "Ana" follows a '.' across masked text, which is transparent
    assert _sentence_initial(text, 0) is True


def test_specific_words_skip_sentence_starts_even_behind_masked_text() -> None:
    doc = Document.from_text("Hi Maria,\n\nThanks. `code` Zentrix was fun. Again, Zentrix.\n")
    view = doc.view("body")
    assert list(_specific_words(doc, view)) == ["Zentrix"]  # the second one only
