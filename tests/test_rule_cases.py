"""Run every data-driven case in tests/rules/<category>/<slug>.yml against its rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from _pytest.mark.structures import ParameterSet

from followlint.engine import lint
from followlint.fixes import apply_fixes
from followlint.registry import RulePack
from helpers import case_document

CASE_FILES = sorted((Path(__file__).parent / "rules").rglob("*.yml"))
CASE_KEYS = {"name", "text", "expect", "fixed", "meta", "options", "path"}


def _case_iter() -> Iterator[ParameterSet]:
    for path in CASE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}::{case['name']}")


def _project(got: list[dict[str, Any]], expect: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(got) != len(expect):
        return got
    return [{k: g.get(k) for k in e} for g, e in zip(got, expect, strict=True)]


@pytest.mark.parametrize(("rule_id", "case"), list(_case_iter()))
def test_case(rule_id: str, case: dict[str, Any], rule_pack: RulePack) -> None:
    assert set(case) <= CASE_KEYS, f"unknown case keys {set(case) - CASE_KEYS}"
    rules = rule_pack.only(rule_id, options=case.get("options"))
    path = case.get("path", "case.md")
    doc = case_document(case["text"], case.get("meta"), path)
    findings = lint(doc, rules)
    got = [
        {
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "match": f.match,
            "severity": f.severity,
        }
        for f in findings
    ]
    assert _project(got, case["expect"]) == case["expect"]
    if "fixed" in case:
        fixed = apply_fixes(doc.text, findings, unsafe=True)
        assert fixed == case["fixed"]
        again = lint(case_document(fixed, case.get("meta"), path), rules)
        assert again == [], "a fixed text must not fire the rule again"
