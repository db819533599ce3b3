"""outcome: a note that is about nothing but the result."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from followlint.checks.gratitude import gratitude_spans
from followlint.document import Document
from followlint.model import Hit

#: A sentence that asks about, chases or demands the result.
_ABOUT_RESULT_RE = re.compile(
    r"\b(?:decision|decided|results?|outcome|status of|any (?:news|updates?|word|feedback)"
    r"|hear(?:d)? back|(?:been )?(?:selected|shortlisted|chosen)|next round|final round"
    r"|in the running|where I stand|my chances|did I get|(?:still )?being considered"
    r"|follow(?:ing)?[- ]up|check(?:ing)? in|get back to me|picked someone"
    r"|filled the (?:role|position))\b",
    re.IGNORECASE,
)


def only_outcome(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report a note with no thanks whose sentences are mostly about the result."""
    if gratitude_spans(doc, "all"):
        return
    view = doc.view("body")
    sentences = [view[s.start : s.end] for s in doc.sentences("body")]
    about = sum(bool(_ABOUT_RESULT_RE.search(sentence)) for sentence in sentences)
    share = options.get("min_share", 0.5)
    limit = float(share) if isinstance(share, int | float) else 0.5
    if about and about / len(sentences) >= limit:
        yield Hit(doc.first_body_line(), args={"count": about, "total": len(sentences)})
