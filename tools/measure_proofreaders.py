"""Measure the proofreading engines on a folder of drafts (default ../shared/corpus).

    .venv/bin/python tools/measure_proofreaders.py [FOLDER] [--starts 3]

Prints LanguageTool's server start time (launch to healthy, median of --starts), and for each
engine the per-draft check time (median over the drafts; the engine is warmed up on other text,
since both engines cache results for text they have already seen).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from followlint.config import Config
from followlint.document import Document
from followlint.proofread.harper import HarperProofreader
from followlint.proofread.languagetool import (
    LanguageToolProofreader,
    LanguageToolServer,
    find_install,
)
from followlint.readers import read_document

ROOT = Path(__file__).resolve().parents[1]


def drafts(folder: Path) -> list:  # type: ignore[type-arg]
    docs = []
    for path in sorted(folder.iterdir()):
        if path.suffix in {".md", ".txt", ".eml"} and path.name != "README.md":
            docs.append(read_document(str(path), path.read_bytes(), None))
    return docs


def per_draft(engine, docs) -> list[float]:  # type: ignore[no-untyped-def]
    # Warm up on other text: both engines cache results for text they have seen, so
    # the drafts themselves are checked once, and that first check is what is timed.
    for n in range(5):
        engine.check(
            Document.from_text(f"Dear Sam,\n\nThank you for the {n} tours. I realy liked it.\n")
        )
    times = []
    for doc in docs:
        start = time.perf_counter()
        engine.check(doc)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args()
    docs = drafts(Path(args.folder))
    print(f"{len(docs)} drafts from {args.folder}")

    start = time.perf_counter()
    harper = HarperProofreader()
    harper.check(docs[0])
    print(
        f"harper: first check in a fresh engine (Linter built): {time.perf_counter() - start:.2f} s"
    )
    times = per_draft(harper, docs)
    median, worst = statistics.median(times) * 1000, max(times) * 1000
    print(f"harper: per draft median {median:.1f} ms, max {worst:.1f} ms")

    install = find_install()
    if install is None:
        print("languagetool: not installed (followlint languagetool install --maven)")
        return 0
    starts = []
    for _ in range(args.starts):
        begin = time.perf_counter()
        with LanguageToolServer(install) as server:
            starts.append(time.perf_counter() - begin)
    print(
        f"languagetool: server start to healthy median {statistics.median(starts):.2f} s "
        f"({', '.join(f'{s:.2f}' for s in starts)})"
    )
    with LanguageToolServer(install) as server:
        engine = LanguageToolProofreader(server.url, Config().dialect, server=server)
        begin = time.perf_counter()
        engine.check(docs[0])
        print(f"languagetool: first check after start {time.perf_counter() - begin:.2f} s")
        times = per_draft(engine, docs)
        print(
            f"languagetool: per draft median {statistics.median(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
