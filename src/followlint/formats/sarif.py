"""`--format sarif`: SARIF 2.1.0 for code scanning, with rule metadata, fingerprints and fixes."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from followlint.formats import RenderOptions, indented_json
from followlint.model import Finding
from followlint.runner import Report

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_INFO_URI = "https://github.com/followlint/followlint"


def _uri(path: str) -> str:
    if path == "-":
        return "stdin"
    posix = PurePosixPath(path.replace("\\", "/")).as_posix()
    return posix[2:] if posix.startswith("./") else posix


def _region(
    f: Finding, start_line: int, start_col: int, end_line: int, end_col: int
) -> dict[str, object]:
    return {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
    }


def fingerprint(f: Finding) -> str:
    """A fingerprint of file, rule and matched text: stable when the rest of the file changes."""
    digest = hashlib.sha256(f"{_uri(f.path)}\0{f.rule}\0{f.match}".encode()).hexdigest()
    return digest[:32]


def _rule_descriptor(rule_id: str, findings: list[Finding]) -> dict[str, object]:
    from followlint.registry import load_pack

    sample = findings[0]
    descriptor: dict[str, object] = {
        "id": rule_id,
        "name": rule_id.split(".", 1)[1] if "." in rule_id else rule_id,
        "shortDescription": {"text": sample.message if sample.source != "followlint" else rule_id},
        "defaultConfiguration": {"level": _LEVELS[sample.severity]},
        "properties": {"category": sample.category, "tags": [sample.category]},
    }
    if sample.source == "followlint":
        try:
            spec = load_pack().get(rule_id).spec
        except (KeyError, ValueError):
            return descriptor
        first = spec.description.split(". ")[0].rstrip(".") + "."
        descriptor["shortDescription"] = {"text": first}
        descriptor["fullDescription"] = {"text": spec.description}
        descriptor["help"] = {"text": f"{spec.description}\n\nRun `followlint explain {rule_id}`."}
        descriptor["defaultConfiguration"] = {"level": _LEVELS[spec.severity]}
    return descriptor


def _result(f: Finding, index: int) -> dict[str, object]:
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
            "region": {
                **_region(f, f.line, f.column, f.end_line, f.end_column),
                "snippet": {"text": f.match},
            },
        }
    }
    result: dict[str, object] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"followlintHash/v1": fingerprint(f)},
    }
    fixes = []
    for fix in f.fixes:
        fixes.append(
            {
                "description": {"text": fix.description or "Apply the suggestion"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": e.span.start,
                                    "charLength": e.span.end - e.span.start,
                                },
                                "insertedContent": {"text": e.replacement},
                            }
                            for e in fix.edits
                        ],
                    }
                ],
            }
        )
    if fixes:
        result["fixes"] = fixes
    return result


def render(report: Report, options: RenderOptions) -> str:
    """Render one SARIF log with one run."""
    findings = report.findings
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    rule_ids = sorted(by_rule)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "followlint",
                        "version": options.version,
                        "semanticVersion": options.version,
                        "informationUri": _INFO_URI,
                        "rules": [_rule_descriptor(r, by_rule[r]) for r in rule_ids],
                    }
                },
                "automationDetails": {"id": "followlint/"},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule]) for f in findings],
                "invocations": [
                    {
                        "executionSuccessful": not report.errors,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": f"{e.path}: {e.message}"}}
                            for e in report.errors
                        ],
                    }
                ],
            }
        ],
    }
    return indented_json.dumps(log) + "\n"
