"""thanks: is there gratitude in the message, and is it more than a stock phrase?"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping

from followlint.document import MASK, Document
from followlint.kinds._search import fold_key
from followlint.model import Hit, Span

#: A word of thanks; "thanks to my training" (a cause, not gratitude) is excluded. Searched in
#: the folded text (`fold_key`: what IGNORECASE sees), so each alternative starts with a plain
#: letter and `re` skips to the next t, g or a instead of trying every position; the word
#: boundary before that letter is the lookbehind after it. Tests check it against the plain
#: form: \b(?:thank(?:ful|ing)?|grateful(?:ly)?|gratitude|app?reciat(?:e|ed|es|ing|ion|ive))\b
#: |\bthanks\b(?! to (?!you\b|…)), with IGNORECASE, on the text as written.
GRATITUDE_RE = re.compile(
    r"t(?<!\w.)hank(?:(?:ful|ing)?\b|s\b(?! to (?!you\b|all\b|everyone\b|each\b|both\b|your\b"
    r"|the (?:whole |entire )?(?:team|panel|committee|group)\b)))"
    r"|g(?<!\w.)rat(?:eful(?:ly)?|itude)\b"
    r"|a(?<!\w.)pp?reciat(?:e|ed|es|ing|ion|ive)\b"
)
#: The whole of a stock thank-you: nothing particular is being thanked.
_STOCK_RE = re.compile(
    r"(?:(?:i |and |again |once again |many |with |i (?:really|truly|sincerely|do) )?"
    r"(?:thank you|thanks|thank|appreciate)(?: (?:you )?(?:so|very) much)?(?: again)?"
    r"(?: (?:for|in advance for) (?:your|the) (?:time|consideration|help|attention)"
    r"(?: and (?:time|consideration|help|attention))?"
    r"| (?:for|in advance for) considering (?:me|my application|my candidacy)"
    r"| (?:your|the) (?:time|consideration)(?: and (?:time|consideration))?"
    r"| (?:for|in advance for) (?:taking the time to )?(?:meet|meeting|speak|speaking|talk|talking)"
    r" with me"
    r"| for taking (?:the )?time out of your busy schedule)?"
    r"(?: (?:today|again|in advance|very much|so much))?)"
)
#: Sentence ends: terminal punctuation, a blank line, text that is not the writer's, or a
#: line break before a capital (sign-off lines); other line breaks are hard wrapping. That is
#: [.!?]|\n[ \t\r]*\n|\x00+|,?[ \t\r]*\n(?=[ \t]*[A-Z]), spelled so that every alternative
#: starts with one character: `re` then skips the letters between candidates (tests compare).
_LINE_BEFORE_CAPITAL = r"\n(?=[ \t]*[A-Z])"
_BOUNDARY_RE = re.compile(
    r"\.|!|\?|\n[ \t\r]*\n|\x00+"
    + "".join(rf"|{first}[ \t\r]*{_LINE_BEFORE_CAPITAL}" for first in (",", " ", r"\t", r"\r"))
    + f"|{_LINE_BEFORE_CAPITAL}"
)
_SPACE = " \t\r\n" + MASK
#: Where a thank-you clause ends and the next clause begins.
_CLAUSE_END_RE = re.compile(r"\s*(?:[;—–]|,\s*(?:and |but |as )?(?:i|we|please|it|looking)\b)")


def gratitude_spans(doc: Document, scope: str) -> list[Span]:
    """Spans of the words of thanks in a scope of the document."""
    return list(doc.derive("gratitude", scope, _gratitude_in))


def _gratitude_in(view: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end()) for m in GRATITUDE_RE.finditer(fold_key(view)))


def missing(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report a message that thanks no one anywhere, sign-off and subject included."""
    if not doc.view("content").strip(MASK + " \t\r\n"):
        return
    if not gratitude_spans(doc, "all"):
        yield Hit(doc.first_body_line())


def _sentence(view: str, at: int, boundaries: list[tuple[int, int]]) -> Span:
    """The sentence around offset `at`, hard-wrapped lines joined (boundaries found once)."""
    index = bisect_left(boundaries, (at, -1))
    before = [end for start, end in boundaries[max(0, index - 1) : index] if end <= at]
    start = before[-1] if before else 0
    if index > 0 and boundaries[index - 1][1] > at:
        start = boundaries[index - 2][1] if index > 1 else 0
    after = boundaries[index][0] if index < len(boundaries) else len(view)
    return Span(start, min(after + 1, len(view)))


def _clause(view: str, sentence: Span) -> str:
    """The normalised thank-you clause of a sentence."""
    text = view[sentence.start : sentence.end].replace("’", "'").lower()
    text = re.sub(r"[^\w',;—–]+", " ", text).strip()
    cut = _CLAUSE_END_RE.search(text)
    return (text[: cut.start()] if cut else text).strip(" ,")


def perfunctory(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report a message whose every thank-you is a stock phrase such as 'thanks for your time'."""
    words = gratitude_spans(doc, "content")
    if not words:
        return
    view = doc.view("content")
    boundaries = [(m.start(), m.end()) for m in _BOUNDARY_RE.finditer(view)]
    sentences = [_sentence(view, word.start, boundaries) for word in words]
    if all(_STOCK_RE.fullmatch(_clause(view, sentence)) for sentence in sentences):
        first = sentences[0]
        text = view[first.start : first.end]
        start = first.start + len(text) - len(text.lstrip(_SPACE))
        yield Hit(Span(start, start + len(text[start - first.start :].rstrip(_SPACE))))
