"""docs/rules.md is generated from the rule files; this fails when it is stale."""

from __future__ import annotations

from pathlib import Path

from followlint.catalog import render_catalog
from followlint.registry import load_pack

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rules_reference_is_current(update_golden: bool) -> None:
    expected = render_catalog(load_pack(), "markdown")
    if update_golden:
        DOC.write_text(expected, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: run `followlint rules --format markdown > docs/rules.md`"
    )


def test_every_rule_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for rule in load_pack():
        assert f"### `{rule.id}`" in text
