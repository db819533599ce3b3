"""Engine: suppression comments, sorting and de-duplication, rules that crash."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import followlint
from followlint.cli import main
from followlint.config import Config
from followlint.document import Document
from followlint.engine import finish, lint, render_message, suppressions_of
from followlint.model import Finding, Span
from followlint.registry import RulePack, load_pack
from followlint.runner import lint_paths

URGENCY = Config(select=("pushy.urgency",))


def lines_of(text: str, path: str = "x.md") -> list[int]:
    return [f.line for f in followlint.lint_text(text, path=path, config=URGENCY)]


# --- suppression --------------------------------------------------------------------------


def test_without_directives_every_line_fires() -> None:
    assert lines_of("Hi,\n\nASAP one\nASAP two\nASAP three\n") == [3, 4, 5]


def test_disable_enable_range() -> None:
    text = textwrap.dedent(
        """\
        Hi,

        ASAP before
        <!-- followlint-disable pushy -->
        ASAP inside
        ASAP inside too
        <!-- followlint-enable pushy -->
        ASAP after
        """
    )
    assert lines_of(text) == [3, 8]


def test_disable_by_rule_id_and_enable_without_list() -> None:
    text = (
        "Hi,\n\n<!-- followlint-disable pushy.urgency -->\nASAP inside\n"
        "<!-- followlint-enable -->\nASAP after\n"
    )
    assert lines_of(text) == [6]


def test_disable_other_rule_does_not_suppress() -> None:
    text = (
        "Hi,\n\n<!-- followlint-disable outcome -->\nASAP inside\n"
        "<!-- followlint-enable outcome -->\n"
    )
    assert lines_of(text) == [4]


def test_disable_without_enable_runs_to_the_end() -> None:
    assert lines_of("Hi,\n\nASAP\n<!-- followlint-disable -->\nASAP\n\nASAP\n") == [3]


def test_disable_next_line() -> None:
    text = (
        "Hi,\n\n<!-- followlint-disable-next-line pushy.urgency -->\nASAP skipped\nASAP reported\n"
    )
    assert lines_of(text) == [5]


def test_disable_next_line_for_another_rule() -> None:
    text = "Hi,\n\n<!-- followlint-disable-next-line pushy.shouting -->\nASAP reported\n"
    assert lines_of(text) == [4]


def test_disable_next_line_at_end_of_a_text_line() -> None:
    text = "Hi,\n\nASAP here <!-- followlint-disable-next-line -->\nASAP skipped\nASAP again\n"
    assert lines_of(text) == [3, 5]


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- followlint: ignore=pushy -->",
        "<!-- followlint: ignore=pushy.urgency -->",
        "<!-- followlint: ignore=outcome, pushy.urgency -->",
        "<!--followlint:ignore=pushy.urg*-->",
    ],
)
def test_whole_file_ignore_comment(directive: str) -> None:
    assert lines_of(f"Hi,\n\nASAP\n\n{directive}\n\nASAP\n") == []


def test_whole_file_ignore_of_another_rule() -> None:
    assert lines_of("Hi,\n\nASAP\n<!-- followlint: ignore=outcome -->\n") == [3]


@pytest.mark.parametrize("ignore", ["[pushy.urgency]", "[pushy]", "pushy.urgency"])
def test_front_matter_ignore(ignore: str) -> None:
    text = f"---\nfollowlint: {{ignore: {ignore}}}\n---\nHi,\n\nASAP\n"
    assert lines_of(text) == []


def test_front_matter_ignore_of_another_rule() -> None:
    assert lines_of("---\nfollowlint: {ignore: [outcome]}\n---\nHi,\n\nASAP\n") == [6]


def test_directives_work_in_plain_text_and_crlf() -> None:
    text = "Hi,\r\n\r\n<!-- followlint-disable-next-line pushy -->\r\nASAP\r\nASAP\r\n"
    assert lines_of(text, "x.txt") == [5]


def test_directive_comment_is_not_itself_linted() -> None:
    assert lines_of("Hi,\n\n<!-- followlint-disable-next-line pushy ASAP -->\nfine\n") == []


def test_repeated_disable_keeps_the_first_start() -> None:
    text = (
        "Hi,\n\n<!-- followlint-disable pushy -->\nASAP one\n<!-- followlint-disable pushy -->\n"
        "ASAP two\n<!-- followlint-enable pushy -->\nASAP after\n"
    )
    assert lines_of(text) == [8]


def test_suppressions_object() -> None:
    doc = Document.from_text(
        "a\n<!-- followlint-disable pushy -->\nb\n<!-- followlint-enable pushy -->\nc\n"
        "<!-- followlint-disable-next-line outcome.asks -->\nd\n"
    )
    suppressions = suppressions_of(doc)
    assert not suppressions.covers("pushy.urgency", 1)
    assert suppressions.covers("pushy.urgency", 3)
    assert not suppressions.covers("outcome.asks", 3)
    assert not suppressions.covers("pushy.urgency", 5)
    assert suppressions.covers("outcome.asks", 7)
    assert not suppressions.covers("outcome.asks-more", 7)


def test_word_boundaries_treat_underscore_as_part_of_a_word() -> None:
    assert lines_of("Hi,\n\nsee ASAP_NOTES and snake_case_asap\n") == []


# --- sorting and de-duplication -----------------------------------------------------------


def make(rule: str, start: int, end: int, line: int = 1) -> Finding:
    return Finding(
        path="x.md",
        rule=rule,
        category=rule.split(".")[0],
        severity="warning",
        message=rule,
        span=Span(start, end),
        line=line,
        column=start + 1,
        end_line=line,
        end_column=end + 1,
    )


def test_findings_sorted_and_deduplicated() -> None:
    doc = Document.from_text("some text here\n")
    raw = [
        make("pushy.b", 5, 9),
        make("pushy.a", 5, 9),
        make("pushy.b", 5, 9),
        make("outcome.x", 0, 4),
        make("pushy.a", 5, 12),
    ]
    got = finish(raw, suppressions_of(doc))
    assert [(f.rule, f.span.start, f.span.end) for f in got] == [
        ("outcome.x", 0, 4),
        ("pushy.a", 5, 9),
        ("pushy.b", 5, 9),
        ("pushy.a", 5, 12),
    ]


def test_lint_output_is_sorted_across_rules(tmp_path: Path) -> None:
    (tmp_path / "pushy").mkdir()
    (tmp_path / "pushy" / "fltest-please.yml").write_text(
        "id: pushy.fltest-please\nkind: existence\ncategory: pushy\nseverity: info\n"
        "message: m\ndescription: d\ntokens: [please]\n",
        encoding="utf-8",
    )
    pack = load_pack([tmp_path]).select(["pushy.fltest-please", "pushy.urgency"])
    doc = Document.from_text("Hi,\n\nPlease reply ASAP, please, ASAP.\n")
    got = [(f.line, f.column, f.rule) for f in lint(doc, pack)]
    assert got == sorted(got)
    assert len(got) == 4


def test_extra_findings_are_suppressed_and_deduplicated(rule_pack: RulePack) -> None:
    doc = Document.from_text(
        "Hi,\n\n<!-- followlint-disable-next-line proofreading -->\nteh\nteh\n"
    )
    extra = [make("proofreading.X", 55, 58, line=4), make("proofreading.X", 59, 62, line=5)]
    got = lint(doc, rule_pack.select(["pushy.urgency"]), [*extra, extra[1]])
    assert [(f.rule, f.line) for f in got] == [("proofreading.X", 5)]


def test_render_message_keeps_unknown_fields() -> None:
    assert render_message("'{match}' and {nothing}", {"match": "ASAP"}) == "'ASAP' and {nothing}"
    assert render_message("broken {", {}) == "broken {"


# --- a rule that crashes ------------------------------------------------------------------

BOOM_RULE = """\
id: pushy.fltest-boom
kind: python
entry: fltest_boom_check:check
category: pushy
severity: warning
message: boom
description: A rule that raises on some drafts.
"""

BOOM_MODULE = """\
from followlint.model import Hit


def check(doc, options):
    if "BOOM2" in doc.text:
        raise ValueError("kaboom\\nsecond line")
    if "BOOM" in doc.text:
        raise ZeroDivisionError("kaboom")
    yield from ()
"""


@pytest.fixture
def boom_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "fltest_boom_check.py").write_text(BOOM_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    rule = tmp_path / "myrules" / "pushy" / "fltest-boom.yml"
    rule.parent.mkdir(parents=True)
    rule.write_text(BOOM_RULE, encoding="utf-8")
    (tmp_path / "followlint.toml").write_text(
        'rule_dirs = ["myrules"]\nselect = ["pushy.fltest-boom", "pushy.urgency"]\n'
        'proofreader = "none"\n',
        encoding="utf-8",
    )
    (tmp_path / "bad.md").write_text("Hi,\n\nBOOM ASAP\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("Hi,\n\nReply ASAP\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_crashing_rule_is_an_error_for_that_file_only(boom_project: Path) -> None:
    config = Config(
        rule_dirs=(boom_project / "myrules",), select=("pushy.fltest-boom", "pushy.urgency")
    )
    report = lint_paths(["bad.md", "good.md"], config=config)
    assert [(f.path, f.rule, f.line) for f in report.findings] == [("good.md", "pushy.urgency", 3)]
    assert [e.path for e in report.errors] == ["bad.md"]
    assert "pushy.fltest-boom" in report.errors[0].message


def test_crashing_rule_in_the_cli(boom_project: Path) -> None:
    result = CliRunner().invoke(main, ["--format", "json", "bad.md", "good.md"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "bad.md" in lines[0]
    assert "pushy.fltest-boom" in lines[0]
    findings = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["rule"]) for f in findings] == [("good.md", "pushy.urgency")]


def test_crash_message_stays_on_one_line(boom_project: Path) -> None:
    (boom_project / "bad.md").write_text("Hi,\n\nBOOM2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bad.md", "good.md"])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
