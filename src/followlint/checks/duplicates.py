"""customization.near-duplicate: one note sent to several interviewers with only the name changed.

Each file is summarised by a small sketch: a one-permutation MinHash of its word shingles
(names masked), densified by rotation, plus where to point. `compare` buckets the sketches by
LSH bands, so a run of thousands of files costs about one pass instead of all pairs, then
checks each candidate pair by the share of equal sketch positions (an estimate of Jaccard).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from followlint.checks.customization import fold, name_tokens, real_names
from followlint.document import Document
from followlint.model import Hit, Span

_NAME = "\x01"
_MAX_HASH = 1 << 64


@dataclass(frozen=True, slots=True)
class Summary:
    """What one file contributes to the comparison: no text, only a sketch and an anchor."""

    path: str
    recipients: frozenset[str]
    shown: str
    sketch: tuple[int, ...]
    span: Span


def _option(options: Mapping[str, object], key: str, default: int) -> int:
    value = options.get(key, default)
    return int(value) if isinstance(value, int | float) else default


def _sketch(shingles: set[str], size: int) -> tuple[int, ...]:
    """One-permutation MinHash: each shingle's hash lands in one bin, which keeps its minimum."""
    bins: list[int | None] = [None] * size
    for shingle in shingles:
        h = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        index, value = h % size, h // size
        current = bins[index]
        if current is None or value < current:
            bins[index] = value
    # Rotation densification: an empty bin borrows the next filled bin (circularly), marked by
    # its distance so that borrowed values only match values borrowed the same way.
    source = next(i for i, v in enumerate(bins) if v is not None) + size
    out = [0] * size
    for i in range(size - 1, -1, -1):
        if bins[i] is not None:
            source = i
        out[i] = (bins[source % size] or 0) + (source - i) * _MAX_HASH
    return tuple(out)


def summarize(doc: Document, options: Mapping[str, object]) -> Summary | None:
    """Sketch a draft's body with its names masked; None when it is too short to judge."""
    names = [*real_names(doc.meta.interviewers), *doc.signature_names, doc.greeting_name() or ""]
    masked = set(name_tokens(names))
    raw = [doc.text[s.start : s.end] for s in doc.words("body")]
    words = [_NAME if fold(w) in masked else fold(w) or w.lower() for w in raw]
    k = _option(options, "shingle_words", 3)
    if len(words) < max(_option(options, "min_words", 30), k):
        return None
    shingles = {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
    recipients = real_names(doc.meta.interviewers) or [doc.greeting_name() or ""]
    folded = frozenset(f for f in (fold(r) for r in recipients) if f)
    sketch = _sketch(shingles, _option(options, "sketch_size", 64))
    return Summary(doc.path, folded, " and ".join(recipients), sketch, doc.first_body_line())


def _candidates(summaries: Sequence[Summary | None], rows: int, cap: int) -> set[tuple[int, int]]:
    """Pairs of files that share at least one LSH band of `rows` sketch positions."""
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    for index, summary in enumerate(summaries):
        if summary is None or not summary.recipients:
            continue
        for band in range(0, len(summary.sketch) - rows + 1, rows):
            buckets.setdefault((band, summary.sketch[band : band + rows]), []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for offset, first in enumerate(members):
            # A huge bucket is one note mass-sent: each file needs only a few partners named.
            pairs.update((first, second) for second in members[offset + 1 : offset + 1 + cap])
    return pairs


def compare(
    summaries: Sequence[Summary | None], options: Mapping[str, object]
) -> Iterator[tuple[int, Hit]]:
    """Yield a Hit for every file whose note nearly equals one sent to a different interviewer."""
    threshold = _option(options, "min_similarity_percent", 80)
    best: dict[int, tuple[int, int]] = {}
    counts: dict[int, int] = {}
    for a, b in sorted(_candidates(summaries, _option(options, "band_rows", 4), 50)):
        left, right = summaries[a], summaries[b]
        assert left is not None and right is not None
        if left.recipients & right.recipients or len(left.sketch) != len(right.sketch):
            continue  # the same person (a draft and its revision) or incomparable settings
        same = sum(x == y for x, y in zip(left.sketch, right.sketch, strict=True))
        percent = round(100 * same / len(left.sketch))
        if percent < threshold:
            continue
        for mine, other in ((a, b), (b, a)):
            counts[mine] = counts.get(mine, 0) + 1
            if mine not in best or percent > best[mine][1]:
                best[mine] = (other, percent)
    for index in sorted(best):
        summary, (other, percent) = summaries[index], best[index]
        twin = summaries[other]
        assert summary is not None and twin is not None
        args = {
            "other": twin.path,
            "other_interviewer": twin.shown,
            "similarity": percent,
            "more_text": f" (and {counts[index] - 1} more)" if counts[index] > 1 else "",
        }
        yield index, Hit(summary.span, args)
