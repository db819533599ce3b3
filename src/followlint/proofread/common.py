"""What every proofreading engine shares: what to send, which matches to keep, and how to report.

Engines see the writer's words only: every masked character (front matter, headers, quotes,
code, URLs, e-mail addresses, placeholders) is sent as a space, so offsets never shift, and any
match touching a masked character is dropped. Names are never typos: a spelling match on a
name the draft knows (metadata, greeting, signature), on a word from the user's vocabulary, or
on a capitalised word in mid-sentence (most likely a proper noun) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from followlint.document import MASK, Document
from followlint.engine import Stamp, locate
from followlint.model import Edit, Finding, Fix, Hit, Severity, Span

#: Issue types that are mistakes (warning); everything else is style advice (info).
_MISTAKES = frozenset(
    {
        "spelling",
        "misspelling",
        "typo",
        "grammar",
        "repetition",
        "agreement",
        "typographical",
        "punctuation",
        "capitalization",
        "eggcorn",
        "malapropism",
        "boundaryerror",
        "usage",
        "duplication",
        "inconsistency",
        "nonconformance",
        "wordchoice",
    }
)
_SPELLING = frozenset({"spelling", "misspelling", "typo"})
#: Issue types that are style advice rather than mistakes; not reported (they nag good notes).
_STYLE = frozenset(
    {
        "style",
        "readability",
        "enhancement",
        "formatting",
        "whitespace",
        "locale-violation",
        "register",
    }
)
#: Engine rules that judge single words by a dictionary, like spelling does.
_WORD_RULES = frozenset({"SplitWords", "OrthographicConsistency", "SpellCheck"})
_TITLE_BEFORE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Mt|Rev|Hon)\.\s*$")
#: Shorter words are left to the curated misspelling list: engines guess wildly on them.
_MIN_WORD = 4
#: Long words get a second edit: "maintainance" is two slips from "maintenance".
_LONG_WORD = 8
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?:^|[.!?:;][\"”’)]*|\n[ \t]*\r?\n|^[ \t]*[-*•])\s*$")


@dataclass(frozen=True, slots=True)
class EngineMatch:
    """One engine match, already in code points of the text that was sent."""

    start: int
    end: int
    rule: str
    issue: str
    message: str
    replacements: tuple[str, ...] = ()
    safe: bool = False


def text_to_send(doc: Document) -> str:
    """The writer's words with every masked character as a space (same length as the file)."""
    return doc.view("all").replace(MASK, " ")


def vocabulary(doc: Document, words: Iterable[str]) -> set[str]:
    """Lower-cased words that are never spelling mistakes in this draft."""
    known = {w.lower() for w in doc.known_names()}
    known.update(w.lower() for w in words)
    return known


def is_name_like(doc: Document, start: int, end: int, known: set[str]) -> bool:
    """Whether the word at [start, end) is a name or a term rather than a typo."""
    word = _POSSESSIVE_RE.sub("", doc.text[start:end].strip())
    if not word:
        return True
    if word.lower() in known or any(
        part.lower() in known for part in re.split(r"[-’']", word) if part
    ):
        return True
    if any(ch.isdigit() for ch in word) or (word.isupper() and len(word) > 1):
        return True
    if re.search(r"[a-z][A-Z]", word):
        return True
    if word[0].isupper():
        before = doc.view("all")[max(0, start - 40) : start].replace(MASK, " ")
        at_sentence_start = bool(_SENTENCE_END_RE.search(before))
        if _TITLE_BEFORE_RE.search(doc.text[max(0, start - 8) : start]):
            at_sentence_start = False
        return not at_sentence_start
    return False


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps)."""
    a, b = a.lower(), b.lower()
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def split_into_non_word(word: str, replacements: tuple[str, ...]) -> bool:
    """Whether an engine proposes splitting `word` into pieces that are not all words.

    "seagrass" -> "sea grass" is a claim about compounds (style); "relevent" -> "rel event"
    is an engine's way of saying it does not know the word.
    """
    from followlint.proofread.wordlist import english_words

    for replacement in replacements:
        parts = replacement.split()
        if len(parts) > 1 and "".join(parts).lower() == word.lower():
            return not all(p.lower() in english_words() for p in parts)
    return False


def is_real_word_or_guess(word: str, replacements: tuple[str, ...]) -> bool:
    """Whether a flagged word is probably fine: short, a dictionary word, or far from every fix."""
    from followlint.proofread.wordlist import english_words

    bare = _POSSESSIVE_RE.sub("", word)
    if len(bare) < _MIN_WORD or bare.lower() in english_words():
        return True
    if split_into_non_word(bare, replacements):
        return False
    allowed = 2 if len(bare) >= _LONG_WORD else 1
    # A split ("mar ram") or a capitalised name for a lowercase word is a guess, not a fix.
    plausible = [
        r
        for r in replacements
        if r and " " not in r and not (r[:1].isupper() and bare[:1].islower())
    ]
    close = [r for r in plausible if edit_distance(bare, r) <= allowed]
    return not close


def severity_for(issue: str) -> Severity:
    """Mistakes are warnings; style advice is info."""
    return "warning" if issue.lower().replace(" ", "") in _MISTAKES else "info"


def findings_for(
    doc: Document, matches: Iterable[EngineMatch], engine: str, words: Iterable[str]
) -> list[Finding]:
    """Filter an engine's matches to the writer's real mistakes and turn them into Findings."""
    view = doc.view("all")
    known = vocabulary(doc, words)
    out = []
    for match in matches:
        start, end = match.start, match.end
        if (
            end <= start
            or end > len(view)
            or MASK in view[start:end]
            or not view[start:end].strip()
        ):
            continue
        if match.issue.lower() in _STYLE or severity_for(match.issue) == "info":
            continue  # style advice nags good notes; only mistakes are reported
        word_rule = match.rule in _WORD_RULES or match.rule.startswith("MORFOLOGIK_RULE")
        if word_rule and " " not in view[start:end].strip():
            if is_name_like(doc, start, end, known):
                continue
            if is_real_word_or_guess(doc.text[start:end], match.replacements):
                continue
        span = Span(start, end)
        fixes = tuple(
            Fix(
                (Edit(span, r),),
                description=f"Replace with '{r}'" if r else "Remove it",
                safe=match.safe and len(match.replacements) == 1,
            )
            for r in match.replacements[:5]
        )
        stamp = Stamp(
            rule=f"proofreading.{engine}.{match.rule}",
            category="proofreading",
            severity=severity_for(match.issue),
            message=match.message,
            options={},
            source=engine,
        )
        hit = Hit(span, args={}, fixes=fixes)
        finding = locate(doc.path, doc.text, doc.lines, stamp, hit)
        out.append(finding)
    return out
