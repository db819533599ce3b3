"""Templates: placeholders are expected, syntax and variables are checked, prose still linted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from followlint.config import DEFAULT_INCLUDE, Config
from followlint.engine import lint
from followlint.readers import read_document
from followlint.readers.template import scan
from followlint.registry import RulePack
from followlint.runner import lint_paths

TEMPLATE_RULES = ["customization.template-syntax", "customization.template-variables"]
REPO = Path(__file__).parent / "data" / "templates"
NOW = datetime(2025, 9, 20, tzinfo=UTC)
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".liquid", ".hbs", ".handlebars", ".mustache")
CONFIG = Config(include=(*DEFAULT_INCLUDE, ".html", *TEMPLATE_SUFFIXES), exclude=("_*",))


@pytest.fixture(scope="module")
def repo() -> dict[str, list[tuple[str, int, int, str]]]:
    report = lint_paths([str(REPO)], CONFIG, now=NOW)
    assert report.errors == []
    out: dict[str, list[tuple[str, int, int, str]]] = {}
    for result in report.files:
        out[Path(result.path).name] = [
            (f.rule, f.line, f.column, f.match) for f in result.findings if f.severity != "info"
        ]
    return out


def test_clean_templates_lint_clean(repo: dict[str, list[tuple[str, int, int, str]]]) -> None:
    assert repo["thank-you.md.j2"] == []
    assert repo["panel.html.hbs"] == []
    assert "_signature.hbs" not in repo  # partials are excluded by the config


def test_broken_tag_and_undeclared_variable(
    repo: dict[str, list[tuple[str, int, int, str]]],
) -> None:
    assert repo["status-check.txt.j2"] == [
        ("customization.template-syntax", 6, 71, "{{ role }"),
        ("customization.template-variables", 7, 29, "{{ wekes }}"),
    ]


def test_unclosed_block(repo: dict[str, list[tuple[str, int, int, str]]]) -> None:
    assert repo["follow-up.liquid"] == [
        ("customization.template-syntax", 7, 1, "{% if references %}")
    ]


def test_placeholder_left_in_a_plain_draft_is_an_error(
    repo: dict[str, list[tuple[str, int, int, str]]],
) -> None:
    assert ("customization.placeholder", 1, 6, "{{ first_name }}") in repo["leftover.md"]


def test_placeholders_are_masked_and_inner_format_is_read() -> None:
    path = REPO / "thank-you.md.j2"
    doc = read_document(str(path), path.read_bytes(), NOW)
    assert doc.template and doc.kind == "markdown"
    assert doc.text == path.read_text(encoding="utf-8")
    view = doc.view("all")
    assert "{{" not in view and "{%" not in view and "keep this" not in view
    assert doc.subject is not None and doc.greeting is not None
    assert doc.signature_names == ("Dev Malhotra",)


def test_html_template_masks_tags_and_placeholders(rule_pack: RulePack) -> None:
    path = REPO / "panel.html.hbs"
    doc = read_document(str(path), path.read_bytes(), NOW)
    assert doc.template and doc.kind == "html"
    assert doc.greeting is not None
    assert "{{" not in doc.view("all") and "<li>" not in doc.view("all")
    assert lint(doc, rule_pack.select(["customization.placeholder"])) == []


def test_prose_rules_still_see_the_words_around_placeholders(rule_pack: RulePack) -> None:
    data = b"Dear {{ name }},\n\nPlease reply ASAP about the {{ role }} role.\n"
    doc = read_document("n.txt.j2", data, NOW)
    assert [(f.line, f.column, f.match) for f in lint(doc, rule_pack.select(["pushy"]))] == [
        (3, 14, "ASAP")
    ]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("{{ a }", "single brace"),
        ("{{ a %}", "closes with percent-brace"),
        ("{% if a", "never closed"),
        ("{{{ a }}", "closes with double braces"),
        ("x }} y", "closes nothing"),
        ("{a}}", "single brace"),
    ],
)
def test_scan_reports_delimiter_problems(text: str, what: str) -> None:
    found = scan(text, 0, len(text))
    assert [p.what for p in found.problems if what in p.what], found


def test_scan_accepts_every_dialect() -> None:
    text = (
        "{{ a | b }} {%- if c -%}{% endif %} {# n #} {{{ raw }}} {{#s}}{{/s}} {{> p}} "
        "{{!-- c --}} {{ .Name }} <style>@media(x){.y{z:1}}</style>"
    )
    found = scan(text, 0, len(text))
    assert found.problems == ()
    assert len(found.tags) == 10


def test_go_template_blocks(rule_pack: RulePack) -> None:
    good = b"---\nvariables: [Name]\n---\n{{ if .Name }}Dear {{ .Name }},{{ end }}\n"
    doc = read_document("g.txt.tmpl", good, NOW)
    assert lint(doc, rule_pack.select(TEMPLATE_RULES)) == []
    bad = b"---\nvariables: [Name]\n---\n{{ range .Items }}{{ .Title }}\n"
    doc = read_document("g.txt.tmpl", bad, NOW)
    got = [(f.rule, f.match) for f in lint(doc, rule_pack.select(TEMPLATE_RULES))]
    assert got == [
        ("customization.template-variables", "Name"),
        ("customization.template-syntax", "{{ range .Items }}"),
        ("customization.template-variables", "{{ range .Items }}"),
    ]


def test_bad_template_input_is_a_finding_not_a_traceback(rule_pack: RulePack) -> None:
    doc = read_document("t.html.j2", b"<p>Dear {{ name </p>\n<p>{% for x in", NOW)
    rules = {f.rule for f in lint(doc, rule_pack.select(["customization.template-syntax"]))}
    assert rules == {"customization.template-syntax"}
