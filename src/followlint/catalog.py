"""The rule catalog: `followlint rules`, `followlint explain` and docs/rules.md, from rule files."""

from __future__ import annotations

import json

from followlint.model import CATEGORIES
from followlint.registry import Rule, RulePack

_WHOLE_MESSAGE = (
    "Judges a whole message, so it is not run on template partials and layouts "
    "(`_name.hbs`, `partials/`, `_includes/`, `layouts/`)."
)


def _options(rule: Rule) -> str:
    return ", ".join(f"{k} = {v!r}" for k, v in rule.spec.options.items())


def explain(rule: Rule) -> str:
    """A rule's full explanation: why, severity, options and examples."""
    spec = rule.spec
    lines = [f"{spec.id} ({spec.kind}, default severity {spec.severity})", "", spec.description, ""]
    if rule.whole_message:
        lines += [_WHOLE_MESSAGE, ""]
    if spec.options:
        lines += [f"Options: {_options(rule)}", ""]
    if spec.bad:
        lines.append("Flagged:")
        lines += [f"  ✗ {example.text.strip()}" for example in spec.bad]
    if spec.good:
        lines.append("Fine:")
        lines += [f"  ✓ {example.text.strip()}" for example in spec.good]
    if spec.link:
        lines += ["", f"More: {spec.link}"]
    return "\n".join(lines) + "\n"


def render_catalog(pack: RulePack, output_format: str = "text") -> str:
    """The catalog of rules as text, JSON or Markdown (docs/rules.md is the Markdown form)."""
    if output_format == "json":
        return (
            json.dumps(
                [
                    {
                        "id": r.id,
                        "category": r.category,
                        "kind": r.spec.kind,
                        "severity": r.spec.severity,
                        "description": r.spec.description,
                        "options": dict(r.spec.options),
                        "whole_message": r.whole_message,
                    }
                    for r in pack
                ],
                indent=2,
            )
            + "\n"
        )
    if output_format == "markdown":
        return _markdown(pack)
    width = max((len(r.id) for r in pack), default=10)
    lines = [
        f"{r.id:<{width}}  {r.spec.severity:<7}  {r.spec.description.split('. ')[0].rstrip('.')}."
        for r in pack
    ]
    return "\n".join(lines) + "\n"


def _markdown(pack: RulePack) -> str:
    out = [
        "# followlint rules",
        "",
        "Generated from `rules/` by `followlint rules --format markdown`; do not edit by hand.",
        "",
    ]
    for category in CATEGORIES:
        rules = [r for r in pack if r.category == category]
        if not rules:
            continue
        out += [f"## {category}", ""]
        for rule in rules:
            spec = rule.spec
            out += [
                f"### `{spec.id}`",
                "",
                f"*{spec.kind}, {spec.severity}*",
                "",
                spec.description,
                "",
            ]
            if rule.whole_message:
                out += [_WHOLE_MESSAGE, ""]
            if spec.options:
                out += [f"Options: `{_options(rule)}`", ""]
            for example in spec.bad:
                out.append(f"- ✗ {example.text.strip()}")
            for example in spec.good:
                out.append(f"- ✓ {example.text.strip()}")
            out.append("")
    return "\n".join(out)
