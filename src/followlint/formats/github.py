"""`--format github`: GitHub Actions workflow commands that become pull-request annotations.

The runner shows at most 10 annotations of each level per step, so findings are printed most
serious first and a summary notice closes the output.
"""

from __future__ import annotations

from collections import Counter

from followlint.formats import RenderOptions
from followlint.model import SEVERITY_RANK
from followlint.runner import Report

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a message: %, CR and LF (commas and colons stay readable)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ':' and ',' which would split properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    """Render one workflow command per finding, most serious first, then a summary notice."""
    findings = sorted(report.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key()))
    lines = []
    for f in findings:
        props = [f"file={escape_property(f.path)}", f"line={f.line}", f"col={f.column}"]
        props += [
            f"endLine={f.end_line}",
            f"endColumn={f.end_column}",
            f"title={escape_property(f.rule)}",
        ]
        lines.append(f"::{_LEVELS[f.severity]} {','.join(props)}::{escape_data(f.message)}")
    for error in report.errors:
        where = escape_property(error.path)
        lines.append(f"::error file={where},title=followlint::{escape_data(error.message)}")
    counts = Counter(f.severity for f in findings)
    summary = (
        ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        or "no problems"
    )
    lines.append(
        f"::notice title=followlint::{len(report.files)} files checked: {escape_data(summary)}"
    )
    return "\n".join(lines) + "\n"
