"""Harper (harper-py): offline, in-process proofreading in milliseconds; the default engine.

A `harper.Linter` is not thread-safe and costs about half a second to build, so linters are
kept in a pool: a check borrows an idle one (building one only when every linter is busy) and
returns it. `warm_up` builds the first linter in the background while followlint reads its
rules and drafts; construction releases the GIL.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from followlint import harper_early
from followlint.document import Document
from followlint.model import Finding
from followlint.proofread import installed_version
from followlint.proofread.common import EngineMatch, findings_for, text_to_send

_DIALECTS = {
    "en-US": "AMERICAN",
    "en-GB": "BRITISH",
    "en-AU": "AUSTRALIAN",
    "en-CA": "CANADIAN",
    "en-IN": "INDIAN",
}
#: Kinds whose single suggestion cannot change meaning, so `--fix` may apply it.
_SAFE_KINDS = frozenset({"Repetition", "Formatting", "Punctuation"})
#: Harper rules that misfire on ordinary, correct English (SplitWords stays on: a split into
#: real words, "seagrass" -> "sea grass", is dropped in common.py as a style claim):
#: ThereToTheir: "Are there opportunities to…?" -> "their";
#: YourPredicateAdjective: "I appreciated your advice on preparing…" -> "you're";
#: LongSentences: style advice, not a mistake.
DISABLED_RULES = frozenset({"ThereToTheir", "YourPredicateAdjective", "LongSentences"})
_ADVICE_RULES_FILE = Path(__file__).with_name("data") / "harper_advice_rules.txt"
_WARM_UP_TEXT = "Thank you for the interview on Tuesday; I enjoyed meeting the team.\n"
#: A word more than three edits from every English word, for `prime`.
_FAR_WORD = "Qxzvbtrplk.\n"
#: Drafts per process from which a process almost surely meets a word like `_FAR_WORD`
#: (at one draft in twenty, 1 - 0.95 ** 100 = 99.4%).
DEEP_PRIME_DRAFTS = 100


class HarperProofreader:
    """Proofread with Harper; a pool of Linters, one per concurrent check."""

    name = "harper"

    def __init__(self, dialect: str = "en-US", words: Iterable[str] = ()) -> None:
        import harper

        self._harper = harper
        self._dialect_name = _DIALECTS.get(dialect, "AMERICAN")
        self._dialect = getattr(harper.Dialect, self._dialect_name)
        self._words = tuple(words)
        self._idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.built = 0
        self._count_lock = threading.Lock()
        self.version = installed_version("harper-py", "harper") or "unknown"
        off = DISABLED_RULES | advice_rules(self.version)
        self._switched_off: dict[str, bool | None] = dict.fromkeys(off, False)

    def _build(self) -> Any:
        linter = harper_early.take(self._dialect_name)
        if linter is None:
            linter = self._harper.Linter(self._dialect)
        # The build's ~35 MB of scratch, left in the C heap. `prime` trims again before a fork;
        # this one serves the runs that stay in one process (one draft: 179 vs 193 MiB).
        _release_free_memory()
        linter.set_lint_config(self._switched_off)
        if self._words:
            linter.import_words(list(self._words))
        with self._count_lock:
            self.built += 1
        return linter

    def warm_up(self) -> None:
        """Build one linter now (call from a background thread) and leave it idle."""
        self._idle.put(self._build())

    def prime(self, drafts_each: int = 0) -> None:
        """Check a sentence before forking workers, so that they inherit what it sets up.

        Harper's first check in a process sets up more than later ones (~50 ms). Its first
        word with no dictionary word within three edits builds a distance-4 spelling
        automaton (~0.9 s, ~54 MB, kept per thread); names like "Stonebridge" or "Siddiqui"
        reach it in one draft in ten or twenty. When each process will check at least
        `DEEP_PRIME_DRAFTS` drafts, each would almost surely build its own, so the sentence
        carries such a word and the workers share one. Then the C heap's free pages go back
        to the system, so no worker copies them. A run that stays in one process lets its
        first draft pay, and builds the automaton only if a draft needs it.
        """
        text = _WARM_UP_TEXT + (_FAR_WORD if drafts_each >= DEEP_PRIME_DRAFTS else "")
        with self._linter() as linter:
            linter.organized_lints(text, language="plaintext")
        _release_free_memory()

    def preload(self) -> None:
        """Load the word list that filters spelling findings (call from a background thread)."""
        from followlint.proofread.wordlist import english_words

        english_words()

    @contextmanager
    def _linter(self) -> Iterator[Any]:
        try:
            linter = self._idle.get_nowait()
        except queue.Empty:
            linter = self._build()
        try:
            yield linter
        finally:
            self._idle.put(linter)

    def check(self, doc: Document) -> list[Finding]:
        """Proofread the writer's words of one document."""
        text = text_to_send(doc)
        if not text.strip():
            return []
        with self._linter() as linter:
            organized = linter.organized_lints(text, language="plaintext")
        replace, remove = self._harper.SuggestionKind.REPLACE, self._harper.SuggestionKind.REMOVE
        matches = []
        for rule, lints in organized.items():
            for lint in lints:
                replacements = tuple(
                    s.replacement_text if s.kind == replace else ""
                    for s in lint.suggestions
                    if s.kind in (replace, remove)
                )
                matches.append(
                    EngineMatch(
                        start=lint.span.start,
                        end=lint.span.end,
                        rule=rule,
                        issue=str(lint.lint_kind),
                        message=str(lint.message).replace("`", "'"),
                        replacements=replacements,
                        safe=str(lint.lint_kind) in _SAFE_KINDS,
                    )
                )
        return findings_for(doc, matches, "harper", self._words)

    def describe(self) -> str:
        """The engine and version that ran, for the report footer and JSON."""
        return f"harper {self.version}"

    def close(self) -> None:
        """Nothing to release: the Linters are freed with the pool."""


def advice_rules(version: str) -> frozenset[str]:
    """Harper's rules that only ever emit advice, for the harper-py `version` installed.

    followlint drops Harper's advice (style, redundancy, …: see common.py), so these rules are
    switched off in Harper rather than run and thrown away: a fifth of Harper's check time,
    and a smaller lint cache. It also stops an advice lint from hiding a mistake on the same
    words (Harper keeps one of two overlapping lints). The list is read from Harper's source
    for one harper-py release (tools/harper_rule_kinds.py); with any other release the list is
    empty (only `DISABLED_RULES` stay off), because a rule may have changed what it reports.
    """
    lines = _ADVICE_RULES_FILE.read_text(encoding="utf-8").splitlines()
    rules = [line.split()[0] for line in lines if line and not line.startswith("#")]
    made_for, names = rules[0], rules[1:]
    return frozenset(names) if made_for == f"harper-py=={version}" else frozenset()


def _release_free_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's `malloc_trim`), if it can.

    Harper's build leaves ~35 MB of freed scratch memory behind; built in a thread, it sits in
    that thread's heap, where the workers' lint-time allocations never reuse it. Elsewhere
    (no glibc) this does nothing.
    """
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library this interpreter runs on
    except (OSError, AttributeError):
        return
    trim(0)
