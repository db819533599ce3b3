"""The pure core: run rules over a Document and turn their Hits into located Findings.

The engine never prints, reads files or looks at the clock; it returns values.
"""

from __future__ import annotations

import string
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from followlint.document import Document
from followlint.model import Finding, Hit, Severity, Span
from followlint.origin import Origin
from followlint.positions import LineIndex
from followlint.registry import RulePack
from followlint.suppress import Suppressions, parse_suppressions


class RuleCrash(RuntimeError):
    """A rule raised while checking a document; names the rule."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who reported a hit: everything the engine needs to turn it into a Finding."""

    rule: str
    category: str
    severity: Severity
    message: str
    options: Mapping[str, object]
    source: str = "followlint"


class _Args(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FORMATTER = string.Formatter()


def render_message(template: str, args: Mapping[str, object]) -> str:
    """Fill a rule's message template; unknown fields stay visible instead of failing."""
    try:
        # Interned: a run over many similar drafts keeps one copy of each distinct message.
        return sys.intern(_FORMATTER.vformat(template, (), _Args(args)))
    except (ValueError, IndexError, AttributeError):
        return template


def locate(path: str, text: str, lines: LineIndex, stamp: Stamp, hit: Hit) -> Finding:
    """Build a Finding from a Hit: message, severity and 1-based positions, computed once."""
    span = Span(min(hit.span.start, len(text)), min(hit.span.end, len(text)))
    line, column = lines.position(span.start)
    end_line, end_column = lines.position(span.end)
    args: dict[str, object] = {**stamp.options, "match": text[span.start : span.end]}
    args.update(hit.args)
    return Finding(
        path=path,
        rule=stamp.rule,
        category=stamp.category,
        severity=hit.severity or stamp.severity,
        message=render_message(stamp.message, args),
        span=span,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fixes=hit.fixes,
        match=text[span.start : span.end],
        source=stamp.source,
    )


def suppressions_of(doc: Document) -> Suppressions:
    """Parse the file's suppression directives and front-matter ignores."""
    return parse_suppressions(doc.text, doc.lines, doc.meta.ignore)


def finish(findings: Iterable[Finding], suppressions: Suppressions) -> list[Finding]:
    """Drop suppressed and duplicate findings and sort the rest by position."""
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for finding in sorted(findings, key=Finding.sort_key):
        key = (finding.rule, finding.span.start, finding.span.end)
        if key in seen or suppressions.covers(finding.rule, finding.line):
            continue
        seen.add(key)
        kept.append(finding)
    return kept


def run_rules(doc: Document, pack: RulePack) -> Iterator[Finding]:
    """Yield unsuppressed-yet findings from every per-file rule in the pack."""
    partial = doc.partial
    for rule in pack.per_file:
        if partial and rule.whole_message:
            continue
        stamp = rule.stamp
        try:
            for hit in rule.checker.check(doc, rule.options):
                yield locate(doc.path, doc.text, doc.lines, stamp, hit)
        except RuleCrash:
            raise
        except Exception as exc:
            detail = " ".join(str(exc).split())
            raise RuleCrash(f"rule {rule.id} failed: {type(exc).__name__}: {detail}") from exc


def lint(doc: Document, pack: RulePack, extra: Iterable[Finding] = ()) -> list[Finding]:
    """Lint one document with every per-file rule in `pack`; `extra` joins before suppression.

    An engine finding (`extra`, from a proofreader) on exactly the span of a rule-pack finding
    is dropped: the rule pack's message knows the genre, and one problem is reported once.
    """
    return merge(doc, list(run_rules(doc, pack)), extra)


def merge(doc: Document, own: Sequence[Finding], extra: Iterable[Finding]) -> list[Finding]:
    """The file's findings: the rules' own (from `run_rules`) and an engine's `extra`.

    What `lint` does after running the rules, for a caller that ran them earlier (before the
    engine was ready).
    """
    taken = {(f.span.start, f.span.end) for f in own}
    kept = [f for f in extra if (f.span.start, f.span.end) not in taken]
    found = finish([*own, *kept], suppressions_of(doc))
    if doc.origin is not None:  # a decoded e-mail part: report positions in the file
        found = sorted(map(doc.origin.relocate, found), key=Finding.sort_key)
    return found


@dataclass(frozen=True, slots=True)
class Anchor:
    """What the engine keeps of a file for cross-draft rules: not its text."""

    path: str
    text_length: int
    lines: LineIndex
    suppressions: Suppressions
    origin: Origin | None = None


def summarize(doc: Document, pack: RulePack) -> tuple[Anchor, dict[str, Any]]:
    """Keep the small per-file summaries that cross-draft rules compare later."""
    rules: Sequence[Any] = pack.cross_draft  # their checkers have summarize and compare
    summaries = {
        rule.id: rule.checker.summarize(doc, rule.options)
        for rule in rules
        if not (doc.partial and rule.whole_message)
    }
    anchor = Anchor(doc.path, len(doc.text), doc.lines, suppressions_of(doc), doc.origin)
    return anchor, summaries


def compare(
    anchors: Sequence[Anchor], summaries: Sequence[Mapping[str, Any]], pack: RulePack
) -> dict[int, list[Finding]]:
    """Run every cross-draft rule over the summaries of one run; findings keyed by file index."""
    out: dict[int, list[Finding]] = {}
    rules: Sequence[Any] = pack.cross_draft  # their checkers have summarize and compare
    for rule in rules:
        stamp = rule.stamp
        column = [s.get(rule.id) for s in summaries]
        for index, hit in rule.checker.compare(column, rule.options):
            anchor = anchors[index]
            finding = _locate_anchor(anchor, stamp, hit)
            if anchor.suppressions.covers(finding.rule, finding.line):
                continue
            if anchor.origin is not None:
                finding = anchor.origin.relocate(finding)
            out.setdefault(index, []).append(finding)
    return out


def _locate_anchor(anchor: Anchor, stamp: Stamp, hit: Hit) -> Finding:
    span = Span(min(hit.span.start, anchor.text_length), min(hit.span.end, anchor.text_length))
    line, column = anchor.lines.position(span.start)
    end_line, end_column = anchor.lines.position(span.end)
    args: dict[str, object] = {**stamp.options, **hit.args}
    return Finding(
        path=anchor.path,
        rule=stamp.rule,
        category=stamp.category,
        severity=hit.severity or stamp.severity,
        message=render_message(stamp.message, args),
        span=span,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fixes=hit.fixes,
        match=str(hit.args.get("match", "")),
        source=stamp.source,
    )
