"""A repository of templates: configured globs, partials and layouts, HTML, broken templates."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followlint.cli import main
from followlint.config import Config, ConfigError, parse_config
from followlint.engine import lint
from followlint.globs import matches_any
from followlint.kinds import KIND_KEYS
from followlint.readers import read_document
from followlint.readers.template import is_partial
from followlint.registry import RulePack
from followlint.rulefile import RuleError, parse_rule
from followlint.runner import lint_paths

REPO = Path(__file__).parent / "data" / "template-repo"
NOW = datetime(2025, 9, 20, tzinfo=UTC)

#: Everything the repository should produce, and nothing else (every severity).
EXPECTED = {
    ("status-check.txt.j2", "qualifications.missing", 4, 1),
    ("status-check.txt.j2", "thanks.missing", 4, 1),
    ("status-check.txt.j2", "outcome.asks-for-decision", 6, 51),
    ("status-check.txt.j2", "customization.template-syntax", 7, 1),
    ("status-check.txt.j2", "customization.template-variables", 7, 1),
    ("status-check.txt.j2", "customization.template-variables", 7, 42),
    # A partial still gets phrase rules and syntax checks, but no whole-message rules.
    ("partials/_footer.hbs", "pushy.urgency", 1, 46),
    ("partials/_footer.hbs", "customization.template-syntax", 2, 21),
}


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["--proofreader", "none", "--no-cache", *args])


def found(result: Result) -> set[tuple[str, str, int, int]]:
    return {
        (Path(f["path"]).relative_to(REPO).as_posix(), f["rule"], f["line"], f["column"])
        for f in json.loads(result.stdout)["findings"]
    }


def test_the_repository_lints_clean_where_it_should_and_flags_what_it_should() -> None:
    # The repository's followlint.toml is found from the path and makes emails/*.txt templates.
    result = cli("--format", "json", str(REPO))
    assert result.exit_code == 1, result.output
    assert found(result) == EXPECTED
    assert "emails/reminder.txt" not in {path for path, *_ in found(result)}


def test_without_the_glob_a_txt_email_is_a_draft_with_placeholders_left_in() -> None:
    report = lint_paths([str(REPO)], Config(), now=NOW, base=REPO)
    placeholders = [
        (Path(r.path).name, f.line, f.column, f.match)
        for r in report.files
        for f in r.findings
        if f.rule == "customization.placeholder"
    ]
    assert placeholders == [
        ("reminder.txt", 1, 4, "{{ first_name }}"),
        ("reminder.txt", 3, 50, "{{ topic }}"),
    ]


@pytest.mark.parametrize(
    ("partial", "alias"),
    [
        ("partials/availability.md.j2", "availability.md.j2"),
        ("layouts/base.html.j2", "base.html.j2"),
        ("partials/_footer.hbs", "footer.hbs"),
    ],
)
def test_a_partial_skips_exactly_the_whole_message_rules(
    partial: str, alias: str, rule_pack: RulePack
) -> None:
    data = (REPO / partial).read_bytes()
    as_partial = read_document(partial, data, NOW)
    as_message = read_document(alias, data, NOW)
    assert as_partial.partial and not as_message.partial
    kept = {f.rule for f in lint(as_partial, rule_pack)}
    whole = {f.rule for f in lint(as_message, rule_pack)}
    assert "thanks.missing" in whole
    dropped = whole - kept
    assert dropped and all(rule_pack.get(rule).whole_message for rule in dropped)
    assert kept <= whole


@pytest.mark.parametrize(
    ("name", "partial"),
    [
        ("_signature.hbs", True),
        ("emails/_intro.txt", True),
        ("site/partials/footer.liquid", True),
        ("site/_includes/footer.liquid", True),
        ("layouts/base.html.j2", True),
        ("src\\partials\\footer.hbs", True),
        ("thank-you.md.j2", False),
        ("partials.md.j2", False),
        ("my_partials/note.j2", False),
    ],
)
def test_partials_are_known_by_their_name_or_folder(name: str, partial: bool) -> None:
    assert is_partial(name) is partial


def test_a_draft_that_is_not_a_template_is_never_a_partial() -> None:
    doc = read_document("_notes.md", b"Hi Maria,\n\nSee you soon.\n", NOW)
    assert not doc.template and not doc.partial


def test_whole_message_comes_from_the_kind_or_the_rule_file(rule_pack: RulePack) -> None:
    assert rule_pack.get("overwhelm.too-long").whole_message  # a metric
    assert rule_pack.get("customization.near-duplicate").whole_message  # cross-draft
    assert rule_pack.get("thanks.missing").whole_message  # python, says so
    assert not rule_pack.get("pushy.urgency").whole_message
    assert not rule_pack.get("customization.template-syntax").whole_message


def test_whole_message_must_be_a_boolean(tmp_path: Path) -> None:
    path = tmp_path / "pushy" / "nag.yml"
    data = {
        "id": "pushy.nag",
        "kind": "existence",
        "category": "pushy",
        "severity": "warning",
        "message": "m",
        "description": "d",
        "tokens": ["nag"],
        "whole_message": "yes",
    }
    with pytest.raises(RuleError, match="key 'whole_message'"):
        parse_rule(path, data, KIND_KEYS)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("emails/*.txt", "expected list"),
        (["emails/*.txt", 3], "must be a list of strings"),
        (["emails/[abc.txt"], "never closed"),
        ([""], "empty pattern"),
    ],
)
def test_templates_key_is_validated(value: object, problem: str) -> None:
    with pytest.raises(ConfigError, match=f"key 'templates'.*{problem}"):
        parse_config({"templates": value}, Path("/x/followlint.toml"))


def test_templates_key_is_read() -> None:
    config = parse_config({"templates": ["emails/**/*.txt", "*.tpl"]}, None)
    assert config.templates == ("emails/**/*.txt", "*.tpl")
    assert config.is_template("emails/a.txt") and config.is_template("emails/x/y/a.txt")
    assert config.is_template("deep/note.tpl")
    assert not config.is_template("notes/a.txt") and not Config().is_template("a.tpl")


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("emails/**/*.txt", "emails/a.txt", True),
        ("emails/**/*.txt", "emails/2025/march/a.txt", True),
        ("emails/*.txt", "emails/2025/a.txt", False),
        ("emails/**", "emails/2025/a.txt", True),
        ("*.tpl", "a/b/c.tpl", True),
        ("./emails/?.txt", "emails/a.txt", True),
        ("emails/[!_]*.txt", "emails/_partial.txt", False),
        ("emails/[!_]*.txt", "emails/note.txt", True),
        ("Emails/*.txt", "emails/a.txt", False),
    ],
)
def test_glob_semantics(pattern: str, path: str, hit: bool) -> None:
    assert matches_any([pattern], path) is hit


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "welcome.tpl").write_text(
        "Hi {{ first_name }},\n\nThank you for the tour of the {{ site }} lab. I definately "
        "enjoyed it, and my three years of lab automation would help your team.\n\nBest,\nDev\n",
        encoding="utf-8",
    )
    return tmp_path


def test_a_glob_adds_files_of_any_suffix_to_a_folder_run(project: Path) -> None:
    assert cli("--format", "json", "mail").exit_code == 2  # .tpl is not a draft suffix
    (project / "followlint.toml").write_text('templates = ["mail/*.tpl"]\n', encoding="utf-8")
    result = cli("--format", "json", "mail")
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert rules == ["proofreading.misspelling"], result.output


def test_a_glob_template_is_still_a_template_after_fixing(project: Path) -> None:
    (project / "followlint.toml").write_text('templates = ["mail/*.tpl"]\n', encoding="utf-8")
    result = cli("--fix", "--format", "json", "mail/welcome.tpl")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []
    fixed = (project / "mail" / "welcome.tpl").read_text(encoding="utf-8")
    assert "I definitely enjoyed" in fixed and "{{ first_name }}" in fixed


def test_changing_the_globs_is_not_hidden_by_the_cache(project: Path) -> None:
    (project / "followlint.toml").write_text("", encoding="utf-8")
    runner = CliRunner()
    args = ["--proofreader", "none", "--format", "json", "mail/welcome.tpl"]
    before = json.loads(runner.invoke(main, args).stdout)["findings"]
    assert {f["rule"] for f in before} == {"customization.placeholder", "proofreading.misspelling"}
    (project / "followlint.toml").write_text('templates = ["mail/*.tpl"]\n', encoding="utf-8")
    after = json.loads(runner.invoke(main, args).stdout)["findings"]
    assert [f["rule"] for f in after] == ["proofreading.misspelling"]


def test_explain_and_the_catalog_say_which_rules_skip_partials() -> None:
    runner = CliRunner()
    assert (
        "not run on template partials" in runner.invoke(main, ["explain", "thanks.missing"]).output
    )
    assert "partials" not in runner.invoke(main, ["explain", "pushy.urgency"]).output
    catalog = json.loads(runner.invoke(main, ["rules", "--format", "json"]).stdout)
    flags = {entry["id"]: entry["whole_message"] for entry in catalog}
    assert flags["overwhelm.too-long"] and not flags["pushy.urgency"]
