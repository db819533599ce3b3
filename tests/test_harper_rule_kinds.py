"""tools/harper_rule_kinds.py: which Harper rules it calls advice, on a small crate of its own."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

_TOOL = Path(__file__).resolve().parents[1] / "tools" / "harper_rule_kinds.py"

_FILES = {
    "weir_rules/StyleOnly.weir": 'expr main (a b)\nlet kind "Style"\n',
    "weir_rules/GrammarRule.weir": 'expr main (c d)\nlet kind "Grammar"\n',
    "weir_rules/Grouped/one.weir": 'let kind "Redundancy"\n',
    "weir_rules/Grouped/two.weir": "expr main (e f)\n",  # no kind: the group is unknown
    "weir_rules/mod.rs": "",
    "phrase_set_corrections/mod.rs": (
        "    add_1_to_1_mappings!(group, {\n"
        '        "DefaultKind" => (\n'
        '            &[("a", "b")],\n            "m",\n            "d"\n        ),\n'
        '        "EggcornKind" => (\n'
        '            &[("c", "d")],\n            "m",\n            "d",\n'
        "            LintKind::Eggcorn\n        ),\n"
    ),
    "map_phrase_set_linter.rs": "lint_kind: lint_kind.unwrap_or(LintKind::Miscellaneous),\n",
    "map_phrase_linter.rs": (
        "    pub fn new_closed_compound(x) -> Self {\n"
        "        Self::new_fixed_phrases(x, Some(LintKind::Miscellaneous))\n    }\n"
        "    pub fn other() { LintKind::Grammar }\n"
    ),
    "closed_compounds.rs": '        "Anybody"  => (&["any body"][..], "anybody"),\n',
    "initialisms.rs": '        "AsSoonAsPossible" => ("asap", &["as soon as possible"]),\n',
    "initialism_linter.rs": "lint_kind: LintKind::Miscellaneous,\n",
    "lint_group/mod.rs": (
        "        insert_expr_rule!(MixedRule);\n"
        "        insert_struct_rule!(HelperBuilt);\n"
        '        out.add("Named", NamedType::default());\n'
    ),
    "mixed_rule.rs": "pub struct MixedRule;\nLintKind::Style\nLintKind::Grammar\n",
    "helper_built.rs": "pub struct HelperBuilt { inner: SomeHelper }\n",
    "named/mod.rs": "mod part;\npub struct NamedType;\n",
    "named/part.rs": "lint_kind: LintKind::Redundancy,\n",
}


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("harper_rule_kinds", _TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _crate(root: Path) -> Path:
    for name, text in _FILES.items():
        path = root / "src" / "linting" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_rules_are_placed_with_the_kinds_their_source_names(tmp_path: Path) -> None:
    kinds = _tool().rule_kinds(_crate(tmp_path))
    assert kinds == {
        "StyleOnly": {"Style"},
        "GrammarRule": {"Grammar"},
        "Grouped": set(),
        "DefaultKind": {"Miscellaneous"},
        "EggcornKind": {"Eggcorn"},
        "Anybody": {"Miscellaneous"},
        "AsSoonAsPossible": {"Miscellaneous"},
        "MixedRule": {"Style", "Grammar"},
        "HelperBuilt": set(),
        "Named": {"Redundancy"},
    }


def test_only_rules_known_to_emit_advice_alone_are_listed(tmp_path: Path) -> None:
    tool = _tool()
    advice = tool.advice_rules(tool.rule_kinds(_crate(tmp_path)))
    assert set(advice) == {"StyleOnly", "DefaultKind", "Anybody", "AsSoonAsPossible", "Named"}


def test_the_list_names_the_release_it_is_for(tmp_path: Path) -> None:
    tool = _tool()
    out = tmp_path / "list.txt"
    assert (
        tool.main(
            [
                "9.9.9",
                "--source",
                str(_crate(tmp_path / "crate")),
                "--harper-py",
                "0.9.0",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    body = [line for line in out.read_text().splitlines() if not line.startswith("#")]
    assert body[0] == "harper-py==0.9.0"
    assert body[1:] == [
        "Anybody Miscellaneous",
        "AsSoonAsPossible Miscellaneous",
        "DefaultKind Miscellaneous",
        "Named Redundancy",
        "StyleOnly Style",
    ]
