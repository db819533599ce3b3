"""`--format json`: one JSON document with a `findings` list (the contract), plus run facts."""

from __future__ import annotations

from collections import Counter

from followlint.formats import RenderOptions, indented_json
from followlint.runner import Report


def render(report: Report, options: RenderOptions) -> str:
    """Render the report as one JSON document."""
    findings = report.findings
    document = {
        "tool": {"name": "followlint", "version": options.version},
        "proofreader": report.engine,
        "findings": [f.to_dict() for f in findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "summary": {
            "files": len(report.files),
            "findings": len(findings),
            "by_severity": dict(Counter(f.severity for f in findings)),
            "by_category": dict(Counter(f.category for f in findings)),
            "fixable": sum(1 for f in findings if f.fixable),
            "errors": len(report.errors),
        },
    }
    return indented_json.dumps(document) + "\n"
