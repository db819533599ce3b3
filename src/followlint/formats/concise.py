"""`--format concise`: one line per finding, `path:line:col: rule message`."""

from __future__ import annotations

from followlint.formats import RenderOptions
from followlint.runner import Report


def render(report: Report, options: RenderOptions) -> str:
    """Render one line per finding."""
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}\n" for f in report.findings)
