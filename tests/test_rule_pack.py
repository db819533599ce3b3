"""Meta-tests over the rule pack: ids, categories, cases and examples (codespell style)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from followlint.engine import lint
from followlint.model import CATEGORIES
from followlint.registry import RulePack, builtin_rules_dir, load_pack
from helpers import case_document

CASES = Path(__file__).parent / "rules"
PACK = load_pack()
RULE_IDS = [rule.id for rule in PACK]


def test_pack_covers_every_category() -> None:
    assert {rule.category for rule in PACK} == set(CATEGORIES)


def test_ids_are_unique_and_match_paths() -> None:
    assert len(RULE_IDS) == len(set(RULE_IDS))
    for rule in PACK:
        assert rule.spec.path.relative_to(builtin_rules_dir()).as_posix() == (
            f"{rule.category}/{rule.spec.slug}.yml"
        )


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_cases_that_fail_and_pass(rule_id: str) -> None:
    category, slug = rule_id.split(".", 1)
    path = CASES / category / f"{slug}.yml"
    assert path.is_file(), f"{rule_id} has no case file {path}"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["rule"] == rule_id
    expectations = [case["expect"] for case in data["cases"]]
    if not PACK.get(rule_id).crossdraft:  # cross-draft rules fire over several files: own tests
        assert any(expectations), f"{rule_id} needs a case that fires"
    assert any(e == [] for e in expectations), f"{rule_id} needs a case that passes"


def test_no_case_file_names_a_missing_rule() -> None:
    for path in CASES.rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] in RULE_IDS, f"{path} names unknown rule {data['rule']}"
        assert path.relative_to(CASES).as_posix() == data["rule"].replace(".", "/", 1) + ".yml"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_examples_fire_and_stay_silent(rule_id: str, rule_pack: RulePack) -> None:
    rule = rule_pack.get(rule_id)
    if rule.crossdraft:
        pytest.skip("cross-draft rules are proven by their cases over several files")
    assert rule.spec.bad and rule.spec.good, f"{rule_id} needs bad and good examples"
    only = rule_pack.only(rule_id)
    for example in rule.spec.bad:
        findings = lint(case_document(example.text, example.meta), only)
        assert findings, f"{rule_id}: bad example did not fire: {example.text!r}"
        for finding in findings:
            unfilled = finding.message.replace(finding.match, "")
            assert "{" not in unfilled, f"{rule_id}: unfilled message {finding.message!r}"
    for example in rule.spec.good:
        findings = lint(case_document(example.text, example.meta), only)
        assert not findings, f"{rule_id}: good example fired: {example.text!r} -> {findings}"


def test_descriptions_are_short_explanations() -> None:
    for rule in PACK:
        assert 20 <= len(rule.spec.description) <= 600, rule.id
