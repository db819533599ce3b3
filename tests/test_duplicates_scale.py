"""customization.near-duplicate at scale: candidate pairs grow with the files, not their square.

Work is counted (candidate pairs), never timed. Sketches are made up directly: 16 bands of
4 positions, as the rule's defaults give.
"""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from followlint.checks.duplicates import (
    Summary,
    _candidates,
    _fewest_shared_bands,
    compare,
)
from followlint.model import Span

OPTIONS = {"min_similarity_percent": 80, "band_rows": 4}
SIZE = 64


def summary(index: int, sketch: list[int]) -> Summary:
    return Summary(
        f"d{index}.md", frozenset({f"person{index}"}), f"P{index}", tuple(sketch), Span(0, 1)
    )


def unique(rng: random.Random) -> list[int]:
    return [rng.getrandbits(60) for _ in range(SIZE)]


def pair_count(summaries: list[Summary | None]) -> int:
    after, _bands = _candidates(summaries, 4)
    return sum(len(partners) for partners in after.values())


def with_stock_bands(count: int, seed: int = 1) -> list[Summary | None]:
    """Drafts that share stock text: each has three of its bands in common with many others."""
    rng = random.Random(seed)
    stock = [[rng.getrandbits(60) for _ in range(4)] for _ in range(3)]
    out: list[Summary | None] = []
    for index in range(count):
        sketch = unique(rng)
        for band in rng.sample(range(3), 3):
            sketch[band * 4 : band * 4 + 4] = stock[band]
        out.append(summary(index, sketch))
    return out


def test_candidate_pairs_grow_linearly_with_stock_text() -> None:
    small, large = pair_count(with_stock_bands(300)), pair_count(with_stock_bands(1200))
    assert large <= 4.4 * small, (small, large)
    # Every file shares its stock bands with all the others, yet names only a few partners.
    assert large <= 1200 * 8, large


def test_small_buckets_compare_every_pair_that_shares_a_band() -> None:
    rng = random.Random(7)
    base = unique(rng)
    summaries: list[Summary | None] = []
    for index in range(40):
        sketch = unique(rng)
        for band in rng.sample(range(16), 2):  # a few shared bands, buckets stay small
            if rng.random() < 0.3:
                sketch[band * 4 : band * 4 + 4] = base[band * 4 : band * 4 + 4]
        summaries.append(summary(index, sketch))
    after, _bands = _candidates(summaries, 4)
    found = {(a, b) for a, partners in after.items() for b in partners}
    every = {
        (a, b)
        for a, b in combinations(range(len(summaries)), 2)
        if any(
            summaries[a].sketch[i : i + 4] == summaries[b].sketch[i : i + 4]  # type: ignore[union-attr]
            for i in range(0, SIZE, 4)
        )
    }
    assert found == every


def test_a_note_sent_to_many_interviewers_is_reported_for_each_of_them() -> None:
    rng = random.Random(3)
    note = unique(rng)
    summaries: list[Summary | None] = [summary(i, unique(rng)) for i in range(200)]
    for index in range(200, 260):  # the same note to sixty people
        summaries.append(summary(index, note))
    reported = {index for index, _hit in compare(summaries, OPTIONS)}
    assert reported == set(range(200, 260))


def test_a_twin_among_drafts_that_share_stock_text_is_found() -> None:
    summaries = with_stock_bands(500, seed=5)
    twin = list(summaries[123].sketch)  # type: ignore[union-attr]
    twin[60] += 1  # one position differs: 63 of 64 equal
    summaries.append(summary(500, twin))
    hits = dict(compare(summaries, OPTIONS))
    assert set(hits) == {123, 500}
    assert hits[500].args["similarity"] == 98


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=SIZE, max_size=SIZE),
    st.sets(st.integers(0, SIZE - 1), max_size=SIZE // 2),
    st.sampled_from([50, 70, 80, 95]),
)
def test_similar_sketches_share_at_least_the_fewest_bands(
    left: list[int], changed: set[int], threshold: int
) -> None:
    right = [value + 1 if i in changed else value for i, value in enumerate(left)]
    same = sum(x == y for x, y in zip(left, right, strict=True))
    shared = sum(left[i : i + 4] == right[i : i + 4] for i in range(0, SIZE, 4))
    if round(100 * same / SIZE) >= threshold:
        assert shared >= _fewest_shared_bands(SIZE, 4, threshold)


def plain_sketch(shingles: set[str], size: int) -> tuple[int, ...]:
    """The sketch as the module docstring defines it: per bin the smallest hash's quotient,
    empty bins borrowing circularly from the next filled bin, marked by the distance."""
    from followlint.digest import blake2b

    hashes = [int.from_bytes(blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles]
    bins = [min((h // size for h in hashes if h % size == i), default=None) for i in range(size)]
    out = []
    for i in range(size):
        step = next(d for d in range(size) if bins[(i + d) % size] is not None)
        out.append((bins[(i + step) % size] or 0) + step * 2**64)
    return tuple(out)


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(alphabet="abc ", min_size=1, max_size=6), min_size=1, max_size=80))
def test_the_sketch_is_the_plain_one_permutation_minhash(shingles: set[str]) -> None:
    from followlint.checks.duplicates import _sketch

    assert _sketch(shingles, 16) == plain_sketch(shingles, 16)
    assert _sketch(shingles, 64) == plain_sketch(shingles, 64)
