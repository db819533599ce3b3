"""Configuration: discovery, strict validation, selection, severities and user rule folders."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followlint.cli import main
from followlint.config import Config, ConfigError, find_config, load_config_file, resolve_config
from followlint.registry import load_pack
from followlint.rulefile import RuleError
from followlint.runner import build_pack, lint_paths

DRAFT = (
    "Hi Maria,\n\nThank you for the tour. Could you reply ASAP? I need it by tomorrow.\n\n"
    "Best,\nAna\n"
)

NO_TOMORROW = """\
id: pushy.no-tomorrow
kind: existence
category: pushy
severity: error
message: "'{match}' sets a deadline for them."
description: A deadline of your own making reads as pressure.
tokens:
  - by tomorrow
"""

LONG_RULE = """\
id: overwhelm.fltest-long
kind: metric
category: overwhelm
severity: info
metric: words
message: "{value} words is more than {limit}."
description: A test metric rule with an option.
options:
  max: 500
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run_cli(args: list[str]) -> Result:
    return CliRunner().invoke(main, ["--proofreader", "none", *args])


def rules_of(result: Result) -> list[str]:
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


def one_line_error(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# --- discovery ----------------------------------------------------------------------------


def test_pyproject_found_by_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.followlint]\nselect = ["pushy.urgency"]\n')
    draft = write(tmp_path / "a" / "b" / "draft.md", DRAFT)
    assert find_config(draft) == tmp_path / "pyproject.toml"
    result = run_cli(["--format", "json", str(draft)])
    assert rules_of(result) == ["pushy.urgency"]


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.followlint]\nselect = ["pushy"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n')
    draft = write(tmp_path / "a" / "draft.md", DRAFT)
    assert find_config(draft) == tmp_path / "pyproject.toml"


@pytest.mark.parametrize("name", ["followlint.toml", ".followlint.toml"])
def test_followlint_toml_top_level_keys(tmp_path: Path, name: str) -> None:
    write(tmp_path / name, 'select = ["pushy.urgency"]\nfail_on = "error"\n')
    draft = write(tmp_path / "sub" / "draft.md", DRAFT)
    config = resolve_config(None, [draft])
    assert config.path == tmp_path / name
    assert config.select == ("pushy.urgency",)
    assert config.fail_on == "error"
    result = run_cli(["--format", "json", str(draft)])
    assert rules_of(result) == ["pushy.urgency"]
    assert result.exit_code == 0  # only a warning, fail_on = error


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "followlint.toml", 'select = ["pushy.urgency"]\n')
    write(
        tmp_path / "sub" / ".followlint.toml",
        'select = ["pushy.no-such-thing"]\nfail_on = "info"\n',
    )
    draft = write(tmp_path / "sub" / "draft.md", DRAFT)
    assert resolve_config(None, [draft]).path == tmp_path / "sub" / ".followlint.toml"


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path / "followlint.toml", 'select = ["thanks"]\n')
    other = write(tmp_path / "elsewhere" / "strict.toml", 'select = ["pushy.urgency"]\n')
    draft = write(tmp_path / "draft.md", DRAFT)
    result = run_cli(["--config", str(other), "--format", "json", str(draft)])
    assert rules_of(result) == ["pushy.urgency"]


def test_explicit_config_that_does_not_exist(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.md", DRAFT)
    one_line_error(run_cli(["--config", "nope.toml", str(draft)]), "nope.toml")


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.md", DRAFT)
    config = resolve_config(None, [draft])
    assert config == Config()


def test_command_line_beats_file(tmp_path: Path) -> None:
    write(tmp_path / "followlint.toml", 'select = ["thanks"]\nfail_on = "error"\n')
    draft = write(tmp_path / "draft.md", DRAFT)
    result = run_cli(
        ["--select", "pushy.urgency", "--fail-on", "warning", "--format", "json", str(draft)]
    )
    assert rules_of(result) == ["pushy.urgency"]
    assert result.exit_code == 1


# --- strict validation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ('fail_on = "fatal"', "fail_on"),
        ('severity = {"pushy.urgency" = "loud"}', "severity"),
        ("bogus = 1", "bogus"),
        ('select = "pushy"', "select"),
        ("ignore = [1, 2]", "ignore"),
        ('proofreader = "word"', "proofreader"),
        ('dialect = "en-XX"', "dialect"),
        ('[rules]\n"pushy.urgency" = 3', "pushy.urgency"),
        ('[rules."pushy.urgency"]\nfoo = 1', "foo"),
        ('[rules."pushy.not-a-rule"]\nmax = 1', "pushy.not-a-rule"),
        ('[per_file_ignores]\n"*.md" = "pushy"', "per_file_ignores"),
    ],
)
def test_bad_config_is_exit_2_naming_file_and_key(tmp_path: Path, table: str, key: str) -> None:
    config = write(tmp_path / "followlint.toml", table + "\n")
    draft = write(tmp_path / "draft.md", DRAFT)
    one_line_error(run_cli([str(draft)]), str(config), key)


def test_bad_config_in_pyproject_names_pyproject(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", '[tool.followlint]\nfail_on = "fatal"\n')
    draft = write(tmp_path / "draft.md", DRAFT)
    one_line_error(run_cli([str(draft)]), str(config), "fail_on")


def test_invalid_toml_is_exit_2(tmp_path: Path) -> None:
    config = write(tmp_path / "followlint.toml", "select = [\n")
    draft = write(tmp_path / "draft.md", DRAFT)
    line = one_line_error(run_cli([str(draft)]), str(config))
    assert "TOML" in line


def test_option_of_wrong_type(tmp_path: Path) -> None:
    write(tmp_path / "myrules" / "overwhelm" / "fltest-long.yml", LONG_RULE)
    config = write(
        tmp_path / "followlint.toml",
        'rule_dirs = ["myrules"]\n[rules."overwhelm.fltest-long"]\nmax = "lots"\n',
    )
    draft = write(tmp_path / "draft.md", DRAFT)
    one_line_error(run_cli([str(draft)]), str(config), "max")


def test_option_override_is_applied(tmp_path: Path) -> None:
    write(tmp_path / "myrules" / "overwhelm" / "fltest-long.yml", LONG_RULE)
    write(
        tmp_path / "followlint.toml",
        'rule_dirs = ["myrules"]\nselect = ["overwhelm.fltest-long"]\n'
        '[rules."overwhelm.fltest-long"]\nmax = 3\n',
    )
    draft = write(tmp_path / "draft.md", DRAFT)
    result = run_cli(["--format", "json", str(draft)])
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["severity"], f["line"]) for f in findings] == [
        ("overwhelm.fltest-long", "info", 1)
    ]
    assert result.exit_code == 0  # info is below the default fail level


def test_parse_errors_are_config_errors(tmp_path: Path) -> None:
    config = write(tmp_path / "followlint.toml", 'fail_on = "fatal"\n')
    with pytest.raises(ConfigError, match="fail_on"):
        load_config_file(config)


def test_unknown_selector_is_an_error(tmp_path: Path) -> None:
    config = write(tmp_path / "followlint.toml", 'select = ["pushy.urgencyy"]\n')
    draft = write(tmp_path / "draft.md", DRAFT)
    one_line_error(run_cli([str(draft)]), str(config), "pushy.urgencyy")


# --- selection and severity ---------------------------------------------------------------


def pack_ids(**config: object) -> set[str]:
    return {rule.id for rule in build_pack(Config(**config))}  # type: ignore[arg-type]


def test_select_by_id_category_and_prefix() -> None:
    everything = pack_ids()
    assert "pushy.urgency" in everything
    assert pack_ids(select=("pushy.urgency",)) == {"pushy.urgency"}
    pushy = pack_ids(select=("pushy",))
    assert "pushy.urgency" in pushy
    assert all(rule.startswith("pushy.") for rule in pushy)
    assert pack_ids(select=("pushy.urg*",)) == {"pushy.urgency"}
    assert pack_ids(select=("ALL",)) == everything


def test_ignore_and_extend_select() -> None:
    assert "pushy.urgency" not in pack_ids(ignore=("pushy",))
    assert "pushy.urgency" not in pack_ids(ignore=("pushy.urgency",))
    assert pack_ids(select=("pushy",), ignore=("pushy",)) == set()
    assert "pushy.urgency" in pack_ids(select=("thanks",), extend_select=("pushy.urgency",))


def test_severity_overrides_longest_selector_wins(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.md", DRAFT)
    config = Config(select=("pushy.urgency",), severity={"pushy": "info", "pushy.urgency": "error"})
    report = lint_paths([str(draft)], config=config)
    assert [(f.rule, f.severity) for f in report.findings] == [("pushy.urgency", "error")]
    config = Config(select=("pushy.urgency",), severity={"pushy": "info"})
    report = lint_paths([str(draft)], config=config)
    assert [(f.rule, f.severity) for f in report.findings] == [("pushy.urgency", "info")]


def test_severity_override_changes_exit_code(tmp_path: Path) -> None:
    write(
        tmp_path / "followlint.toml",
        'select = ["pushy.urgency"]\nfail_on = "error"\n[severity]\n"pushy" = "error"\n',
    )
    draft = write(tmp_path / "draft.md", DRAFT)
    assert run_cli([str(draft)]).exit_code == 1


def test_per_file_ignores(tmp_path: Path) -> None:
    write(
        tmp_path / "followlint.toml",
        'select = ["pushy.urgency"]\n[per_file_ignores]\n"drafts/old-*.md" = ["pushy"]\n',
    )
    old = write(tmp_path / "drafts" / "old-note.md", DRAFT)
    new = write(tmp_path / "drafts" / "new-note.md", DRAFT)
    result = run_cli(["--format", "json", str(old), str(new)])
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {str(new)}


def test_exclude_skips_files_in_folders(tmp_path: Path) -> None:
    write(tmp_path / "followlint.toml", 'select = ["pushy.urgency"]\nexclude = ["archive/*"]\n')
    write(tmp_path / "archive" / "a.md", DRAFT)
    write(tmp_path / "current" / "b.md", DRAFT)
    result = run_cli(["--format", "json", "."])
    paths = {Path(f["path"]).as_posix() for f in json.loads(result.stdout)["findings"]}
    assert paths == {"current/b.md"}


# --- user rule folders --------------------------------------------------------------------


def test_rule_dirs_user_rule_is_loaded_and_fires(tmp_path: Path) -> None:
    write(tmp_path / "myrules" / "pushy" / "no-tomorrow.yml", NO_TOMORROW)
    write(tmp_path / "followlint.toml", 'rule_dirs = ["myrules"]\nselect = ["pushy.no-tomorrow"]\n')
    draft = write(tmp_path / "draft.md", DRAFT)
    result = run_cli(["--format", "json", str(draft)])
    findings = json.loads(result.stdout)["findings"]
    assert [
        (f["rule"], f["category"], f["severity"], f["line"], f["column"]) for f in findings
    ] == [("pushy.no-tomorrow", "pushy", "error", 3, 57)]
    assert findings[0]["match"] == "by tomorrow"
    assert result.exit_code == 1


def test_rule_dirs_resolve_relative_to_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "proj" / "myrules" / "pushy" / "no-tomorrow.yml", NO_TOMORROW)
    write(tmp_path / "proj" / "followlint.toml", 'rule_dirs = ["myrules"]\n')
    draft = write(tmp_path / "proj" / "drafts" / "a.md", DRAFT)
    monkeypatch.chdir(tmp_path / "proj" / "drafts")
    config = resolve_config(None, [draft])
    assert config.rule_dirs == ((tmp_path / "proj" / "myrules").resolve(),)
    assert "pushy.no-tomorrow" in pack_ids(rule_dirs=config.rule_dirs)


def test_missing_rule_dir_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "followlint.toml", 'rule_dirs = ["nowhere"]\n')
    draft = write(tmp_path / "draft.md", DRAFT)
    one_line_error(run_cli([str(draft)]), "nowhere")


BROKEN_RULES = [
    # (relative path, yaml text, key the message must name)
    ("pushy/no-tomorrow.yml", NO_TOMORROW + "colour: red\n", "colour"),
    ("pushy/no-tomorrow.yml", NO_TOMORROW.replace("by tomorrow", "'by (tomorrow'"), "tokens"),
    ("pushy/deadline.yml", NO_TOMORROW, "id"),
    (
        "pushy/no-tomorrow.yml",
        NO_TOMORROW.replace("category: pushy", "category: rudeness"),
        "category",
    ),
    ("rudeness/no-tomorrow.yml", NO_TOMORROW.replace("pushy", "rudeness"), "category"),
    (
        "pushy/no-tomorrow.yml",
        NO_TOMORROW.replace("kind: existence", "kind: python").replace(
            "tokens:\n  - by tomorrow\n", "entry: followlint.checks.does_not_exist:check\n"
        ),
        "entry",
    ),
    (
        "pushy/no-tomorrow.yml",
        NO_TOMORROW.replace("kind: existence", "kind: python").replace(
            "tokens:\n  - by tomorrow\n", "entry: followlint.engine:no_such_function\n"
        ),
        "entry",
    ),
    (
        "pushy/no-tomorrow.yml",
        NO_TOMORROW.replace("severity: error", "severity: fatal"),
        "severity",
    ),
    ("pushy/no-tomorrow.yml", NO_TOMORROW.replace("kind: existence", "kind: magic"), "kind"),
    ("pushy/no-tomorrow.yml", NO_TOMORROW.replace("by tomorrow", "'(a+)+'"), "tokens"),
    (
        "pushy/no-tomorrow.yml",
        NO_TOMORROW.replace("  - by tomorrow\n", "  - by tomorrow\n  - '(a|aa)+$'\n"),
        "tokens[1]",
    ),
    (
        "pushy/no-tomorrow.yml",
        NO_TOMORROW.replace("by tomorrow", "by tomorrow\nexceptions: ['(\\w+\\s?)+$']"),
        "exceptions[0]",
    ),
    ("pushy/no-tomorrow.yml", "id: [unclosed\n", "no-tomorrow.yml"),
]


@pytest.mark.parametrize(
    ("relative", "text", "key"),
    BROKEN_RULES,
    ids=[
        "unknown-key",
        "bad-regex",
        "id-path-mismatch",
        "category-vocabulary",
        "category-folder-vocabulary",
        "bad-python-module",
        "bad-python-function",
        "bad-severity",
        "unknown-kind",
        "catastrophic-regex",
        "catastrophic-alternation",
        "catastrophic-exception",
        "bad-yaml",
    ],
)
def test_broken_user_rule_fails_at_load_time(
    tmp_path: Path, relative: str, text: str, key: str
) -> None:
    rule = write(tmp_path / "myrules" / relative, text)
    with pytest.raises(RuleError) as info:
        load_pack([tmp_path / "myrules"])
    assert str(rule) in str(info.value)
    assert key in str(info.value)
    # and the CLI turns it into exit 2 with one line, before linting anything
    write(tmp_path / "followlint.toml", 'rule_dirs = ["myrules"]\n')
    draft = write(tmp_path / "draft.md", DRAFT)
    result = run_cli(["--format", "json", str(draft)])
    one_line_error(result, str(rule), key)
    assert result.stdout == ""


def test_user_rule_may_not_redefine_a_builtin_id(tmp_path: Path) -> None:
    rule = write(
        tmp_path / "myrules" / "pushy" / "urgency.yml",
        NO_TOMORROW.replace("pushy.no-tomorrow", "pushy.urgency"),
    )
    with pytest.raises(RuleError, match="already defined") as info:
        load_pack([tmp_path / "myrules"])
    assert str(rule) in str(info.value)


# --- word list ----------------------------------------------------------------------------


def test_followlint_words_next_to_config(tmp_path: Path) -> None:
    write(tmp_path / "followlint.toml", 'words = ["Zentrix"]\n')
    write(tmp_path / ".followlint-words", "# names\nOkonkwo\n\nKubernetes  # tech\n")
    draft = write(tmp_path / "d" / "draft.md", DRAFT)
    config = resolve_config(None, [draft])
    assert config.words == ("Zentrix", "Okonkwo", "Kubernetes")


def test_followlint_words_without_config_file(tmp_path: Path) -> None:
    write(tmp_path / ".followlint-words", "Okonkwo\n")
    draft = write(tmp_path / "draft.md", DRAFT)
    assert resolve_config(None, [draft]).words == ("Okonkwo",)
