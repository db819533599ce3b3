"""next-steps: were promised items delivered, and is what the text calls attached attached?"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from followlint.document import Document
from followlint.model import Hit, Span

_WORD_RE = re.compile(r"[^\W\d_]+")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+")

#: Options each check uses as regular expressions (case-insensitive), vetted at load time.
PATTERN_OPTIONS: Mapping[str, tuple[str, ...]] = {"attachment_missing": ("phrases",)}
#: Words that say nothing about which item it is ("a link to my portfolio" is about the portfolio).
_FILLER = frozenset(
    {
        "a",
        "an",
        "the",
        "my",
        "our",
        "your",
        "of",
        "for",
        "to",
        "and",
        "or",
        "on",
        "in",
        "with",
        "from",
        "about",
        "at",
        "by",
        "copy",
        "copies",
        "link",
        "links",
        "url",
        "list",
        "file",
        "files",
        "document",
        "documents",
        "details",
        "info",
        "information",
        "version",
        "pdf",
        "doc",
        "new",
        "more",
        "some",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "few",
        "several",
    }
)
_LINK_WORDS = frozenset({"link", "links", "url", "website", "site"})


def _stem(word: str) -> str:
    """A crude stem, enough to match "references" with "reference" and "writing" with "write"."""
    word = word.lower().removesuffix("'s").removesuffix("’s")
    for suffixes in (("ies", "s"), ("ing", "ed"), ("e",)):
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
    return word


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD_RE.findall(text)}


def _own_urls(doc: Document) -> list[str]:
    """URLs the writer gives in the message (not in quoted lines or after the sign-off)."""
    end = doc.signoff.end if doc.signoff else doc.body.end
    lines = doc.text[doc.body.start : end].splitlines()
    return [u for line in lines if not line.lstrip().startswith(">") for u in _URL_RE.findall(line)]


def _delivered(item: str, said: set[str], files: set[str], has_link: bool) -> bool:
    words = [w for w in _WORD_RE.findall(item.lower()) if w not in _FILLER]
    if not words:
        return True
    stems = [_stem(w) for w in words]
    if files & set(stems) or (has_link and _LINK_WORDS & set(_WORD_RE.findall(item.lower()))):
        return True
    found = sum(stem in said for stem in stems)
    return found >= (len(stems) if len(stems) <= 2 else len(stems) - 1)


def promised_missing(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report the `promised` items that the message neither delivers nor mentions."""
    if not doc.meta.promised:
        return
    urls = _own_urls(doc)
    said = _stems(doc.view("content")) | _stems(" ".join(urls))
    files = _stems(" ".join(doc.meta.attachments or ()))
    missing = [i for i in doc.meta.promised if not _delivered(i, said, files, bool(urls))]
    if missing:
        # One finding: the engine keeps one finding per rule and span.
        items = " and ".join(", ".join(f"'{i}'" for i in missing).rsplit(", ", 1))
        pronoun = "it" if len(missing) == 1 else "them"
        yield Hit(doc.first_body_line(), args={"items": items, "it": pronoun, "first": missing[0]})


@lru_cache(maxsize=8)  # one pattern per configuration: joining and looking it up cost ~30 us
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in phrases) + r")\b", re.I)


def attachment_missing(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report 'please find attached' and the like in a message that has no attachment.

    Only where the format can know: e-mail files, or drafts whose front matter lists
    `attachments:`.
    """
    if doc.meta.attachments is None or doc.meta.attachments:
        return
    phrases = options.get("phrases", [])
    if not isinstance(phrases, list) or not phrases:
        return
    for m in _phrases_pattern(tuple(map(str, phrases))).finditer(doc.view("content")):
        yield Hit(Span(m.start(), m.end()))
