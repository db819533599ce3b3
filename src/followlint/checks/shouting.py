"""Shouting: runs of ALL-CAPS words and stacked "!!" / "?!" punctuation.

Acronyms (HACCP, GWO, NASA, IT) are capitals too, so capitals count as shouting only when a
run contains an everyday English word ("PLEASE READ", "WAITING FOR YOUR REPLY"), fills a whole
line such as a subject, or is a lone emphasis word ("I REALLY need this").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from followlint.document import Document
from followlint.model import Edit, Fix, Hit, Span

_CAPS = r"\b[A-Z]+(?:['’][A-Z]+)*\b(?!['’]?[a-z])"
#: A run of capital words, {_CAPS}(?:[ \t,&/:-]+{_CAPS})*, with the first word's leading
#: boundary written as a lookbehind after its first letter: the pattern then starts with a
#: capital and `re` skips from capital to capital (tests compare it with the plain form).
_FIRST_CAPS = r"[A-Z](?<!\w.)[A-Z]*(?:['’][A-Z]+)*\b(?!['’]?[a-z])"
_CAPS_RUN_RE = re.compile(rf"{_FIRST_CAPS}(?:[ \t,&/:-]+{_CAPS})*")
#: [!?]{2,}, spelled to start with one mark: `re` then skips from mark to mark.
_PUNCT_RE = re.compile(r"[!?][!?]+")
#: Everyday words: in capitals next to another capital word they are shouting, not an acronym.
_COMMON = frozenset(
    """ABOUT ALL AND ANY ARE BACK BE BEEN BUT CALL CAN DO DON'T FOR FROM GET HAVE HEAR HERE HOW
    IMPORTANT IS JUST KNOW LET ME MUST MY NEED NEVER NO NOT NOW OF ON PLEASE READ REALLY REPLY
    RESPONSE SOON THANK THE THIS TO TODAY URGENT VERY WAIT WAITING WANT WE WHEN WHY WILL WITH YET
    YOU YOUR""".split()  # noqa: SIM905 - a word list reads better as text
)
#: Words that are emphasis even alone ("I REALLY need this").
_EMPHASIS = frozenset(
    "IMMEDIATELY IMPORTANT MUST NEED NEVER NOT NOW PLEASE REALLY URGENT VERY".split()  # noqa: SIM905
)


def shouting(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Yield a Hit per shouted run of capitals and per stack of "!"/"?" marks."""
    view = doc.view("all")
    min_words = options.get("min_words", 2)
    min_words = min_words if isinstance(min_words, int) else 2
    for m in _CAPS_RUN_RE.finditer(view):
        words = [w.replace("’", "'") for w in re.findall(r"[A-Z'’]{2,}", m.group())]
        if _shouted(view, m, words, min_words, doc.subject):
            span = Span(m.start(), m.end())
            fix = Fix((Edit(span, _sentence_case(view, m)),), "Use sentence case")
            yield Hit(span, {"advice": "write it in sentence case"}, (fix,))
    for m in _PUNCT_RE.finditer(view):
        mark = "?" if "?" in m.group() else "!"
        fix = Fix((Edit(Span(m.start(), m.end()), mark),), f"Use a single '{mark}'", safe=True)
        yield Hit(Span(m.start(), m.end()), {"advice": f"one '{mark}' is enough"}, (fix,))


def _shouted(
    view: str, m: re.Match[str], words: list[str], min_words: int, subject: Span | None
) -> bool:
    if view[m.start() - 1 : m.start()] in ("[", "<", "{", "(", "_") and m.start() > 0:
        return False  # a template placeholder such as [YOUR NAME]: customization reports it
    if len(words) == 1:
        return words[0] in _EMPHASIS
    if len(words) < min_words:
        return False
    if any(word in _COMMON for word in words):
        return True
    # Acronyms only ("CPA, CFA, PMP") are shouting just when they make up an all-caps subject.
    if subject is None or not subject.start <= m.start() < subject.end:
        return False
    line = view[subject.start : subject.end]
    return not any(ch.islower() for ch in line) and sum(map(len, words)) >= 8


def _sentence_case(view: str, m: re.Match[str]) -> str:
    lowered = re.sub(r"\bi\b", "I", m.group().lower())
    before = view[max(0, m.start() - 80) : m.start()].rstrip(" \t\x00")
    if not before or before[-1] in ".!?:\n":
        return lowered[:1].upper() + lowered[1:]
    return lowered
