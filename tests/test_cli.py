"""The command line: exit codes, output shapes, options, stdin, colour and fixing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followlint import __version__
from followlint.cli import main
from followlint.registry import load_pack

DATA = Path(__file__).parent / "data" / "core"
# The drafts are copied into a temporary folder (the cwd of every test), so no configuration
# file of the repository is found by walking up from them.
CLEAN = Path("clean.md")
CLEAN_EML = Path("clean.eml")
PUSHY = Path("pushy.md")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
FINDING_KEYS = {
    "path",
    "rule",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "fixes",
}

TEH_RULE = """\
id: proofreading.fltest-teh
kind: substitution
category: proofreading
severity: warning
message: "'{match}' looks like a typo for '{replacement}'."
description: A test rule whose only fix is safe.
swap:
  teh: the
  recieved: received
fix: safe
"""

URGENT = "Hi Maria,\n\nThank you for the tour. Could you reply ASAP?\n\nBest,\nAna\n"


def cli(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--proofreader", "none", *args], input=stdin, env=env)


def findings(result: Result) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return found


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for draft in (CLEAN, CLEAN_EML, PUSHY):
        shutil.copyfile(DATA / draft, tmp_path / draft)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def teh_project(tmp_path: Path) -> Path:
    """A folder with a config that loads one user rule with safe fixes."""
    rule = tmp_path / "myrules" / "proofreading" / "fltest-teh.yml"
    rule.parent.mkdir(parents=True)
    rule.write_text(TEH_RULE, encoding="utf-8")
    (tmp_path / "followlint.toml").write_text(
        'rule_dirs = ["myrules"]\nselect = ["proofreading.fltest-teh", "pushy.urgency"]\n',
        encoding="utf-8",
    )
    return tmp_path


# --- exit codes ---------------------------------------------------------------------------


@pytest.mark.parametrize("draft", [CLEAN, CLEAN_EML], ids=["md", "eml"])
def test_clean_draft_exits_0(draft: Path) -> None:
    result = cli(str(draft))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_clean_folder_exits_0_in_json() -> None:
    result = cli("--format", "json", str(CLEAN), str(CLEAN_EML))
    assert result.exit_code == 0, result.output
    assert findings(result) == []


def test_findings_at_fail_level_exit_1() -> None:
    result = cli("--select", "pushy.urgency", str(PUSHY))
    assert result.exit_code == 1
    assert "pushy.urgency" in result.stdout


def test_fail_on_error_with_only_warnings_exits_0() -> None:
    result = cli("--select", "pushy.urgency", "--fail-on", "error", str(PUSHY))
    assert result.exit_code == 0
    assert "pushy.urgency" in result.stdout


def test_fail_on_info_counts_info(tmp_path: Path) -> None:
    (tmp_path / "followlint.toml").write_text(
        'select = ["pushy.urgency"]\n[severity]\n"pushy.urgency" = "info"\n', encoding="utf-8"
    )
    assert cli(str(PUSHY)).exit_code == 0
    assert cli("--fail-on", "info", str(PUSHY)).exit_code == 1


def test_exit_zero() -> None:
    assert cli("--select", "pushy.urgency", "--exit-zero", str(PUSHY)).exit_code == 0


def test_missing_path_exits_2_and_others_are_still_reported(tmp_path: Path) -> None:
    result = cli("--select", "pushy.urgency", "--format", "json", "missing.md", str(PUSHY))
    assert result.exit_code == 2
    assert [f["path"] for f in findings(result)] == [str(PUSHY)]
    errors = json.loads(result.stdout)["errors"]
    assert [e["path"] for e in errors] == ["missing.md"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "missing.md" in lines[0]
    assert "Traceback" not in result.output


def test_no_paths_is_a_usage_error() -> None:
    result = cli()
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_unknown_format_is_exit_2() -> None:
    result = cli("--format", "xml", str(CLEAN))
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_bad_fail_on_value_is_exit_2() -> None:
    assert cli("--fail-on", "fatal", str(CLEAN)).exit_code == 2


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


# --- output -------------------------------------------------------------------------------


def test_json_shape_follows_the_contract() -> None:
    result = cli("--select", "pushy.urgency", "--format", "json", str(PUSHY))
    document = json.loads(result.stdout)
    assert isinstance(document["findings"], list)
    (finding,) = document["findings"]
    assert set(finding) >= FINDING_KEYS
    assert finding["path"] == str(PUSHY)
    assert finding["rule"] == "pushy.urgency"
    assert finding["category"] == "pushy"
    assert finding["severity"] == "warning"
    assert isinstance(finding["message"], str) and finding["message"]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (
        11,
        23,
        11,
        27,
    )
    assert finding["fixes"], "pushy.urgency offers a replacement"
    for fix in finding["fixes"]:
        assert isinstance(fix["replacement"], str)
        assert isinstance(fix["safe"], bool)
    text = (DATA / PUSHY).read_text(encoding="utf-8")
    assert text[finding["offset"] : finding["end_offset"]] == "ASAP"


def test_json_has_no_ansi_and_parses_with_errors(tmp_path: Path) -> None:
    result = cli("--select", "pushy.urgency", "--format", "json", "--color", str(PUSHY), "nope.md")
    assert not ANSI.search(result.stdout)
    assert json.loads(result.stdout)["errors"][0]["path"] == "nope.md"


def test_select_and_ignore_on_the_command_line(teh_project: Path) -> None:
    draft = teh_project / "d.md"
    draft.write_text("Hi,\n\nI liked teh demo. Reply ASAP.\n", encoding="utf-8")
    both = {f["rule"] for f in findings(cli("--format", "json", "d.md"))}
    assert both == {"proofreading.fltest-teh", "pushy.urgency"}
    only = findings(cli("--format", "json", "--select", "pushy.urgency", "d.md"))
    assert {f["rule"] for f in only} == {"pushy.urgency"}
    category = findings(cli("--format", "json", "--select", "proofreading", "d.md"))
    assert {f["rule"] for f in category} == {"proofreading.fltest-teh"}
    ignored = findings(cli("--format", "json", "--ignore", "pushy.urgency", "d.md"))
    assert {f["rule"] for f in ignored} == {"proofreading.fltest-teh"}
    comma = cli("--format", "json", "--select", "pushy.urgency,proofreading", "d.md")
    assert {f["rule"] for f in findings(comma)} == both


def test_quiet_prints_only_finding_lines() -> None:
    result = cli("--select", "pushy.urgency", "--quiet", str(PUSHY))
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].startswith(f"{PUSHY}:11:23: warning pushy.urgency ")
    assert not any(line.lstrip().startswith("|") for line in lines)
    assert "^" not in result.stdout


def test_quiet_clean_run_prints_nothing() -> None:
    result = cli("--quiet", str(CLEAN))
    assert result.exit_code == 0
    assert result.stdout.strip() == ""


def test_default_text_output_has_snippet() -> None:
    result = cli("--select", "pushy.urgency", str(PUSHY))
    assert f"{PUSHY}:11:23:" in result.stdout
    assert "Could you let me know ASAP whether I am moving forward?" in result.stdout
    assert "^^^^" in result.stdout


def test_statistics_counts_per_rule(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("Hi,\n\nASAP, please. ASAP!\n", encoding="utf-8")
    result = cli("--select", "pushy.urgency", "--statistics", "d.md")
    assert re.search(r"^\s*2\s+pushy\.urgency\s*$", result.stdout, re.M), result.stdout
    plain = cli("--select", "pushy.urgency", "d.md")
    assert not re.search(r"^\s*2\s+pushy\.urgency\s*$", plain.stdout, re.M)


def test_concise_format() -> None:
    result = cli("--select", "pushy.urgency", "--format", "concise", str(PUSHY))
    assert result.stdout.startswith(f"{PUSHY}:11:23: pushy.urgency ")
    assert len(result.stdout.splitlines()) == 1


def test_output_file(tmp_path: Path) -> None:
    result = cli("--select", "pushy.urgency", "--format", "json", "-o", "out.json", str(PUSHY))
    assert result.exit_code == 1
    assert result.stdout == ""
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in document["findings"]] == ["pushy.urgency"]


# --- stdin --------------------------------------------------------------------------------


def test_stdin_with_stdin_filename() -> None:
    result = cli(
        "--select",
        "pushy.urgency",
        "--format",
        "json",
        "--stdin-filename",
        "notes/draft.md",
        "-",
        stdin=URGENT,
    )
    assert result.exit_code == 1
    assert [(f["path"], f["line"], f["column"]) for f in findings(result)] == [
        ("notes/draft.md", 3, 41)
    ]


def test_stdin_without_filename_reports_dash() -> None:
    result = cli("--select", "pushy.urgency", "--format", "json", "-", stdin=URGENT)
    assert [f["path"] for f in findings(result)] == ["-"]


def test_stdin_filename_picks_the_eml_reader() -> None:
    eml = (DATA / CLEAN_EML).read_text(encoding="utf-8")
    eml = eml.replace("this afternoon", "this afternoon ASAP")
    result = cli(
        "--select",
        "pushy.urgency",
        "--format",
        "json",
        "--stdin-filename",
        "x.eml",
        "-",
        stdin=eml,
    )
    assert [(f["path"], f["line"]) for f in findings(result)] == [("x.eml", 14)]


# --- rules and explain --------------------------------------------------------------------


def test_rules_lists_every_rule_id() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {rule.id for rule in load_pack()} <= listed
    assert "pushy.urgency" in listed


def test_rules_json() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0
    ids = {entry["id"] for entry in json.loads(result.stdout)}
    assert ids == {rule.id for rule in load_pack()}


def test_explain_shows_description_and_examples() -> None:
    spec = load_pack().get("pushy.urgency").spec
    result = CliRunner().invoke(main, ["explain", "pushy.urgency"])
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert " ".join(spec.description.split()) in flat
    for example in (*spec.bad, *spec.good):
        assert example.text.strip() in result.stdout


def test_explain_unknown_rule_is_exit_2() -> None:
    result = CliRunner().invoke(main, ["explain", "pushy.no-such-rule"])
    assert result.exit_code == 2
    assert "pushy.no-such-rule" in result.stderr
    assert "Traceback" not in result.output


# --- colour -------------------------------------------------------------------------------


def test_no_color_flag_and_env_give_no_ansi() -> None:
    assert not ANSI.search(cli("--select", "pushy.urgency", "--no-color", str(PUSHY)).stdout)
    env_off = cli("--select", "pushy.urgency", str(PUSHY), env={"NO_COLOR": "1"})
    assert not ANSI.search(env_off.stdout)
    assert not ANSI.search(cli("--select", "pushy.urgency", str(PUSHY)).stdout)  # not a tty


def test_color_flag_forces_colour_into_a_pipe() -> None:
    forced = cli("--select", "pushy.urgency", "--color", str(PUSHY))
    assert ANSI.search(forced.stdout)


def _run_in_pty(args: list[str], env: dict[str, str]) -> str:
    """Run the CLI with a terminal as stdout (so colour is decided by isatty and NO_COLOR)."""
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "followlint", *args],
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.returncode == 1, proc.stderr
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_subprocess_terminal_colour_honours_no_color() -> None:
    args = ["--proofreader", "none", "--select", "pushy.urgency", str(PUSHY)]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    assert ANSI.search(_run_in_pty(args, env))
    assert not ANSI.search(_run_in_pty(args, {**env, "NO_COLOR": "1"}))
    assert not ANSI.search(_run_in_pty([*args, "--no-color"], env))


# --- fixing -------------------------------------------------------------------------------


def test_fix_applies_safe_fixes_in_place_keeping_crlf_and_bom(teh_project: Path) -> None:
    draft = teh_project / "d.md"
    before = (
        "\ufeffHi Maria,\r\n\r\nI liked teh demo and recieved teh plan. Reply ASAP.\r\n\r\n"
        "Best,\r\nAna\r\n"
    )
    draft.write_bytes(before.encode("utf-8"))
    result = cli("--fix", "--format", "json", "d.md")
    after = draft.read_bytes()
    expected = before.replace("teh", "the").replace("recieved", "received").encode("utf-8")
    assert after == expected
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\r\n") == before.count("\r\n")
    # what is left is the unsafe suggestion, at the position in the fixed file
    assert [(f["rule"], f["line"], f["column"]) for f in findings(result)] == [
        ("pushy.urgency", 3, 47)
    ]
    assert result.exit_code == 1


def test_fixing_twice_changes_nothing_the_second_time(teh_project: Path) -> None:
    draft = teh_project / "d.md"
    draft.write_text("Hi,\n\nteh plan and teh team.\n", encoding="utf-8")
    first = cli("--fix", "d.md")
    assert first.exit_code == 0, first.output
    once = draft.read_bytes()
    assert once == b"Hi,\n\nthe plan and the team.\n"
    second = cli("--fix", "d.md")
    assert second.exit_code == 0
    assert draft.read_bytes() == once


def test_fix_does_not_apply_unsafe_suggestions(teh_project: Path) -> None:
    draft = teh_project / "d.md"
    draft.write_text(URGENT, encoding="utf-8")
    cli("--fix", "d.md")
    assert draft.read_text(encoding="utf-8") == URGENT


def test_unsafe_fixes_apply_suggestions(teh_project: Path) -> None:
    draft = teh_project / "d.md"
    draft.write_text(URGENT, encoding="utf-8")
    result = cli("--fix", "--unsafe-fixes", "d.md")
    assert result.exit_code == 0
    assert "ASAP" not in draft.read_text(encoding="utf-8")


def test_diff_prints_a_unified_diff_and_writes_nothing(teh_project: Path) -> None:
    draft = teh_project / "d.md"
    before = "Hi,\r\n\r\nteh plan\r\n"
    draft.write_bytes(before.encode("utf-8"))
    result = cli("--diff", "d.md")
    assert draft.read_bytes() == before.encode("utf-8")
    assert "--- a/d.md" in result.stdout
    assert "+++ b/d.md" in result.stdout
    assert "-teh plan" in result.stdout
    assert "+the plan" in result.stdout


def test_diff_of_a_file_without_fixes_is_empty(teh_project: Path) -> None:
    draft = teh_project / "d.md"
    draft.write_text("Hi,\n\nthe plan\n", encoding="utf-8")
    result = cli("--diff", "d.md")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_fix_on_read_only_file_is_an_error(teh_project: Path) -> None:
    draft = teh_project / "d.md"
    draft.write_text("Hi,\n\nteh plan\n", encoding="utf-8")
    draft.chmod(0o444)
    try:
        if os.access(draft, os.W_OK):
            pytest.skip("running as a user who can write read-only files")
        result = cli("--fix", "d.md")
        assert result.exit_code == 2
        assert "d.md" in result.stderr
        assert draft.read_text(encoding="utf-8") == "Hi,\n\nteh plan\n"
    finally:
        draft.chmod(0o644)


# --- real processes -----------------------------------------------------------------------


def _console_script() -> list[str]:
    script = Path(sys.executable).with_name("followlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "followlint.cli"]


def _run(
    command: list[str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command, "--proofreader", "none", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
    )


def test_subprocess_console_script_clean_exits_0(tmp_path: Path) -> None:
    proc = _run(_console_script(), str(CLEAN))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_subprocess_module_json_exit_1() -> None:
    proc = _run(
        [sys.executable, "-m", "followlint"],
        "--select",
        "pushy.urgency",
        "--format",
        "json",
        str(PUSHY),
    )
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout)
    assert [(f["rule"], f["line"], f["column"]) for f in document["findings"]] == [
        ("pushy.urgency", 11, 23)
    ]


def test_subprocess_missing_file_exit_2_one_line() -> None:
    proc = _run(_console_script(), "--select", "pushy.urgency", "no-such-draft.md", str(PUSHY))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.strip()] == [
        line for line in proc.stderr.splitlines() if "no-such-draft.md" in line
    ]
    assert f"{PUSHY}:11:23:" in proc.stdout


def test_subprocess_stdin() -> None:
    proc = _run(
        _console_script(),
        "--select",
        "pushy.urgency",
        "--format",
        "json",
        "--stdin-filename",
        "piped.txt",
        "-",
        stdin=URGENT,
    )
    assert proc.returncode == 1, proc.stderr
    assert [f["path"] for f in json.loads(proc.stdout)["findings"]] == ["piped.txt"]
