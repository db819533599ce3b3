"""`--format text` (the default): ruff-style findings with the source line underlined.

Grouped by file; ends with a summary by severity and category, how many are fixable, and the
proofreading engine that ran. Colour only when asked (the CLI decides: a terminal, no NO_COLOR).
"""

from __future__ import annotations

from collections import Counter

from followlint.formats import RenderOptions
from followlint.model import Finding
from followlint.runner import FileResult, Report

_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "blue": "34"}


def _paint(text: str, color: str, on: bool) -> str:
    return f"\x1b[{_COLORS[color]}m{text}\x1b[0m" if on else text


def _snippet(finding: Finding, result: FileResult, color: bool) -> list[str]:
    line = result.lines.get(finding.line)
    if line is None:
        return []
    gutter = " " * len(str(finding.line))
    shown = line.replace("\t", " ").replace("\ufeff", "")
    start = finding.column - 1
    if finding.end_line == finding.line:
        width = max(1, finding.end_column - finding.column)
    else:
        width = max(1, len(shown) - start)
    marks = " " * start + "^" * min(width, max(1, len(shown) - start))
    return [
        f"{gutter} |",
        f"{finding.line} | {shown}",
        f"{gutter} | " + _paint(marks, finding.severity, color),
    ]


def _fix_line(finding: Finding) -> list[str]:
    if not finding.fixes:
        return []
    fix = finding.fixes[0]
    label = "fix" if fix.safe else "suggestion"
    return [f"  = {label}: {fix.description}"]


def render(report: Report, options: RenderOptions) -> str:
    """Render findings grouped by file, then the summary."""
    out: list[str] = []
    color = options.color
    for result in report.files:
        for finding in result.findings:
            where = _paint(f"{finding.path}:{finding.line}:{finding.column}:", "bold", color)
            level = _paint(finding.severity, finding.severity, color)
            out.append(f"{where} {level} {_paint(finding.rule, 'blue', color)} {finding.message}")
            if not options.quiet:
                out.extend(_snippet(finding, result, color))
                out.extend(_fix_line(finding))
                out.append("")
    out.extend(_summary(report, options))
    return "\n".join(out) + ("\n" if out else "")


def _summary(report: Report, options: RenderOptions) -> list[str]:
    findings = report.findings
    lines: list[str] = []
    if options.statistics and findings:
        lines.append("Statistics by rule:")
        for rule, count in Counter(f.rule for f in findings).most_common():
            lines.append(f"{count:5d}  {rule}")
        lines.append("")
    files = len(report.files)
    if not findings:
        if not options.quiet:
            lines.append(f"All clear: {files} file{'s' * (files != 1)} checked, no problems found.")
    else:
        severities = Counter(f.severity for f in findings)
        parts = [  # "info" has no plural
            f"{severities[s]} {s}{'s' * (severities[s] != 1 and s != 'info')}"
            for s in ("error", "warning", "info")
            if severities[s]
        ]
        with_problems = sum(1 for r in report.files if r.findings)
        lines.append(
            f"Found {len(findings)} problem{'s' * (len(findings) != 1)} ({', '.join(parts)}) "
            f"in {with_problems} of {files} file{'s' * (files != 1)}."
        )
        categories = Counter(f.category for f in findings)
        lines.append("By category: " + ", ".join(f"{c} {n}" for c, n in sorted(categories.items())))
        fixable = sum(1 for f in findings if f.fixable)
        if fixable:
            lines.append(f"{fixable} fixable with `followlint --fix`.")
    if report.engine and not options.quiet:
        lines.append(f"Proofreading: {report.engine}.")
    return lines
