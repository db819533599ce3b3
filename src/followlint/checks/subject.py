"""Subject lines: missing or generic (customization), too long (overwhelm).

ALL CAPS and "URGENT" subjects are already reported by pushy.shouting and pushy.urgency,
whose scope includes the subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from followlint.document import Document
from followlint.model import Hit, Span

_REPLY_RE = re.compile(r"^\s*(?:re|aw|sv|fw|fwd)\s*:", re.I)

#: Options each check uses as regular expressions (case-insensitive), vetted at load time.
PATTERN_OPTIONS: Mapping[str, tuple[str, ...]] = {"subject": ("generic",)}


def _subject(doc: Document) -> str | None:
    if doc.subject is None:
        return None
    return doc.view("subject")[doc.subject.start : doc.subject.end].replace("\x00", " ").strip()


def _header_line(doc: Document, span: Span) -> Span:
    start = doc.text.rfind("\n", 0, span.start) + 1
    return Span(start, max(span.end, doc.text.find(":", start, span.start + 1) + 1))


def subject(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report an e-mail without a subject, and a subject that says nothing about the note."""
    text = _subject(doc)
    if text is None:
        if doc.kind == "email":
            yield Hit(doc.first_body_line(), args={"problem": "has no subject line"})
        return
    assert doc.subject is not None
    if not text:
        if not doc.template:  # a template's subject may be nothing but a placeholder
            yield Hit(_header_line(doc, doc.subject), args={"problem": "has an empty subject"})
        return
    generic = options.get("generic", [])
    if _REPLY_RE.match(text) or not isinstance(generic, list):
        return
    bare = re.sub(r"[^\w' -]+", " ", text).strip().lower()
    if any(re.fullmatch(str(p), bare, re.I) for p in generic):
        args = {"problem": f"has the generic subject '{text}'"}
        yield Hit(doc.subject, args=args, severity="info")


def long_subject(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report a subject line with more words than `max_words`."""
    text = _subject(doc)
    limit = options.get("max_words", 10)
    if not text or doc.subject is None or not isinstance(limit, int):
        return
    words = len(re.findall(r"[^\W_][\w'’-]*", text))
    if words > limit:
        yield Hit(doc.subject, args={"words": words})
