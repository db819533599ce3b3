"""customization.near-duplicate: one note sent to several interviewers with only the name changed.

Each file is summarised by a small sketch: a one-permutation MinHash of its word shingles
(names masked), densified by rotation, plus where to point. `compare` buckets the sketches by
LSH bands, so a run of thousands of files costs about one pass instead of all pairs, then
checks each candidate pair by the share of equal sketch positions (an estimate of Jaccard).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import eq

from followlint.checks.customization import fold, name_tokens, real_names
from followlint.digest import blake2b
from followlint.document import Document
from followlint.model import Hit, Span

_NAME = "\x01"
_MAX_HASH = 1 << 64
#: Candidate generation bounds (see `_candidates`).
_BUCKET = 16
_NEIGHBOURS = 2
_PARTNERS = 32


@dataclass(frozen=True, slots=True)
class Summary:
    """What one file contributes to the comparison: no text, only a sketch and an anchor."""

    path: str
    recipients: frozenset[str]
    shown: str
    sketch: tuple[int, ...]
    span: Span
    #: The sketch's LSH bands as (first position, values...), made where the draft was linted
    #: (a worker process), so the run's end only looks them up; () to make them then.
    bands: tuple[tuple[int, ...], ...] = ()


def band_keys(sketch: tuple[int, ...], rows: int) -> tuple[tuple[int, ...], ...]:
    """The sketch cut into bands of `rows` positions, each led by where it starts."""
    return tuple(
        (band, *sketch[band : band + rows]) for band in range(0, len(sketch) - rows + 1, rows)
    )


def _option(options: Mapping[str, object], key: str, default: int) -> int:
    value = options.get(key, default)
    return int(value) if isinstance(value, int | float) else default


#: Each shingle already seen, as (bin, quotient) of its hash for one sketch size: drafts
#: from one template share most of their shingles. Cleared when full: memory stays bounded.
_SHINGLE_BINS: dict[int, dict[str, tuple[int, int]]] = {}
_SHINGLE_LIMIT = 20_000


def _sketch(shingles: set[str], size: int) -> tuple[int, ...]:
    """One-permutation MinHash: each shingle's hash lands in one bin, which keeps its minimum."""
    known = _SHINGLE_BINS.setdefault(size, {})
    if len(known) > _SHINGLE_LIMIT:
        known.clear()
    for shingle in shingles.difference(known):
        digest = blake2b(shingle.encode(), digest_size=8).digest()
        known[shingle] = divmod(int.from_bytes(digest, "big"), size)[::-1]
    # Within a bin the smallest hash has the smallest quotient: keep the quotients.
    bins: list[int | None] = [None] * size
    for bin_, quotient in map(known.__getitem__, shingles):
        kept = bins[bin_]
        if kept is None or quotient < kept:
            bins[bin_] = quotient
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
    raw = doc.word_texts("body")
    words = list(map(fold, raw))
    if not all(words):  # a word without letters (a number) stands for itself
        words = [f or w.lower() for w, f in zip(raw, words, strict=True)]
    if not masked.isdisjoint(words):
        words = [_NAME if f in masked else f for f in words]
    k = _option(options, "shingle_words", 3)
    if len(words) < max(_option(options, "min_words", 30), k):
        return None
    shingles = set(map(" ".join, zip(*(words[i:] for i in range(k)), strict=False)))
    recipients = real_names(doc.meta.interviewers) or [doc.greeting_name() or ""]
    folded = frozenset(f for f in (fold(r) for r in recipients) if f)
    sketch = _sketch(shingles, _option(options, "sketch_size", 64))
    bands = band_keys(sketch, _option(options, "band_rows", 4))
    return Summary(doc.path, folded, " and ".join(recipients), sketch, doc.first_body_line(), bands)


def _candidates(
    summaries: Sequence[Summary | None], rows: int
) -> tuple[dict[int, set[int]], list[tuple[int, ...]]]:
    """Candidate pairs (each file's partners after it) and each file's bands as bucket numbers.

    Candidates share an LSH band of `rows` sketch positions; equal bucket numbers are equal
    bands. Each file names at most about `_PARTNERS` partners, from its least shared bands
    first, so the work grows with the number of files, not with its square. A band shared by
    more than `_BUCKET` files is stock text or one note sent many times: there a file takes
    only its `_NEIGHBOURS` nearest files on either side, enough to name a few partners.
    """
    number_of: dict[tuple[int, ...], int] = {}  # bucket numbers in order of first appearance
    buckets: list[list[int]] = []
    numbers: list[tuple[int, ...]] = []
    for index, summary in enumerate(summaries):
        if summary is None or not summary.recipients:
            numbers.append(())
            continue
        keys = summary.bands or band_keys(summary.sketch, rows)
        # `len` is read before each key goes in: a new key gets the next number.
        found = tuple([number_of.setdefault(key, len(number_of)) for key in keys])
        buckets.extend([] for _ in range(len(number_of) - len(buckets)))
        for number in found:
            buckets[number].append(index)  # in index order: neighbours are found by bisection
        numbers.append(found)
    after: dict[int, set[int]] = {}
    for index, found in enumerate(numbers):
        partners: set[int] = set()
        for members in sorted([buckets[number] for number in found], key=len):
            if len(members) <= _BUCKET:
                partners.update(members)
            else:
                at = bisect_left(members, index)
                partners.update(members[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS + 1])
            if len(partners) > _PARTNERS:
                break
        for other in partners:
            if other != index:
                low, high = (index, other) if index < other else (other, index)
                after.setdefault(low, set()).add(high)
    return after, numbers


def _fewest_shared_bands(size: int, rows: int, threshold: int) -> int:
    """Bands two sketches must share to reach `threshold` percent of equal positions.

    Each unequal position spoils at most one band, so sketches with `same` equal positions
    share at least `bands - (size - same)` whole bands.
    """
    same = next((n for n in range(size + 1) if round(100 * n / size) >= threshold), size + 1)
    return (size // rows) - (size - same) if size and rows else 0


def compare(
    summaries: Sequence[Summary | None], options: Mapping[str, object]
) -> Iterator[tuple[int, Hit]]:
    """Yield a Hit for every file whose note nearly equals one sent to a different interviewer."""
    threshold = _option(options, "min_similarity_percent", 80)
    rows = _option(options, "band_rows", 4)
    similar: list[tuple[int, int, int]] = []
    after, band_numbers = _candidates(summaries, rows)
    fewest: dict[int, int] = {}
    for a in sorted(after):  # pairs in order, each once: the order decides ties below
        left = summaries[a]
        assert left is not None
        # A bucket number names its band's position too: shared numbers are equal bands.
        size, left_bands = len(left.sketch), frozenset(band_numbers[a])
        if size not in fewest:
            fewest[size] = _fewest_shared_bands(size, rows, threshold)
        for b in sorted(after[a]):
            right = summaries[b]
            assert right is not None
            if not left.recipients.isdisjoint(right.recipients) or size != len(right.sketch):
                continue  # the same person (a draft and its revision) or incomparable settings
            # Comparing 16 band numbers is cheaper than 64 positions, and rules out most pairs.
            if len(left_bands.intersection(band_numbers[b])) < fewest[size]:
                continue
            same = sum(map(eq, left.sketch, right.sketch))
            percent = round(100 * same / size)
            if percent >= threshold:
                similar.append((a, b, percent))
    best: dict[int, tuple[int, int]] = {}
    counts: dict[int, int] = {}
    for a, b, percent in similar:
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
