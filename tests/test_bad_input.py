"""Bad input: one clear line per file on stderr, exit 2, no traceback, other files still linted."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followlint.cli import main
from followlint.config import Config
from followlint.runner import lint_paths

GOOD = "Hi Maria,\n\nThank you for the tour. Could you reply ASAP?\n\nBest,\nAna\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def cli(*args: str) -> Result:
    return CliRunner().invoke(
        main, ["--proofreader", "none", "--select", "pushy.urgency", "--format", "json", *args]
    )


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def assert_bad(tmp_path: Path, name: str, data: bytes | None, *words: str) -> None:
    """Lint the bad file next to a good one: exit 2, one line naming it, the good one reported."""
    if data is not None:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    result = cli(name, "good.md")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]
    document = json.loads(result.stdout)
    assert [(f["path"], f["line"]) for f in document["findings"]] == [("good.md", 3)]
    assert [e["path"] for e in document["errors"]] == [name]


def test_missing_path(tmp_path: Path) -> None:
    assert_bad(tmp_path, "missing.md", None, "no such file")


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "emptydir").mkdir()
    assert_bad(tmp_path, "emptydir", None, "no drafts")


def test_binary_file(tmp_path: Path) -> None:
    assert_bad(tmp_path, "image.md", PNG, "binary")


def test_invalid_utf8(tmp_path: Path) -> None:
    assert_bad(tmp_path, "latin1.md", "Hi José,\n\nThank you.\n".encode("latin-1"), "UTF-8")


def test_malformed_front_matter_yaml(tmp_path: Path) -> None:
    assert_bad(tmp_path, "yaml.md", b"---\ncompany: [unclosed\n---\nHi,\n", "front matter")


def test_unclosed_front_matter(tmp_path: Path) -> None:
    assert_bad(tmp_path, "open.md", b"---\ncompany: Zentrix\nHi,\n\nThanks.\n", "---")


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert_bad(tmp_path, "list.md", b"---\n- a\n- b\n---\nHi,\n", "front matter")


@pytest.mark.parametrize("value", ['"2026-13-45"', "yesterday", "2026-03-10T25:99"])
def test_invalid_date_string_in_front_matter(tmp_path: Path, value: str) -> None:
    data = f"---\ninterview_date: {value}\n---\nHi,\n".encode()
    assert_bad(tmp_path, "date.md", data, "interview_date")


@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30"])
def test_impossible_unquoted_date_in_front_matter(tmp_path: Path, value: str) -> None:
    data = f"---\ninterview_date: {value}\nsent: 2026-03-10\n---\nHi,\n".encode()
    assert_bad(tmp_path, "date.md", data, "interview_date")


def test_bad_date_in_lint_paths_is_a_report_error(tmp_path: Path) -> None:
    (tmp_path / "date.md").write_text("---\nsent: soon\n---\nHi,\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    report = lint_paths(["date.md", "good.md"], config=Config(select=("pushy.urgency",)))
    assert [e.path for e in report.errors] == ["date.md"]
    assert "sent" in report.errors[0].message
    assert [f.path for f in report.findings] == ["good.md"]


def test_eml_with_bad_date_header(tmp_path: Path) -> None:
    data = b"From: a@example.com\nTo: Chidi <c@example.com>\nDate: next Tuesday-ish\n\nHi Chidi,\n"
    assert_bad(tmp_path, "bad.eml", data, "Date")


def test_eml_without_headers(tmp_path: Path) -> None:
    assert_bad(tmp_path, "plain.eml", b"Hi Chidi,\n\nThanks.\n", "header")


def test_bad_file_inside_a_folder(tmp_path: Path) -> None:
    assert_bad(tmp_path, "drafts/image.md", PNG, "binary")


def test_several_bad_files_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(PNG)
    (tmp_path / "b.md").write_bytes("é".encode("latin-1"))
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    result = cli("a.md", "missing.md", "b.md", "good.md")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 3
    assert [name for name in ("a.md", "missing.md", "b.md") if any(name in x for x in lines)] == [
        "a.md",
        "missing.md",
        "b.md",
    ]
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["good.md"]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"])
def test_empty_file_is_a_notice_not_a_crash(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "empty.md").write_bytes(content)
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    result = cli("empty.md", "good.md")
    assert result.exit_code == 1  # the good file's warning; an empty file is not an error
    assert "Traceback" not in result.output
    assert "empty.md" in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["good.md"]
    assert json.loads(result.stdout)["errors"] == []


def test_empty_file_alone_exits_0(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    result = cli("empty.md")
    assert result.exit_code == 0
    assert "empty.md" in result.stderr


def test_front_matter_only_is_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "meta.md").write_text("---\ncompany: Zentrix\n---\n", encoding="utf-8")
    result = cli("meta.md")
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output


def test_directory_named_like_a_draft(tmp_path: Path) -> None:
    (tmp_path / "folder.md").mkdir()
    assert_bad(tmp_path, "folder.md", None, "no drafts")


def test_five_megabyte_draft(tmp_path: Path) -> None:
    paragraph = (
        "Thank you for walking me through the data platform and the migration plan; "
        "I enjoyed hearing how the team ships small changes every day.\n\n"
    )
    count = 5_000_000 // len(paragraph)
    text = "Hi Maria,\n\n" + paragraph * count + "Could you reply ASAP?\n\nBest,\nAna\n"
    (tmp_path / "big.md").write_text(text, encoding="utf-8")
    started = time.monotonic()
    report = lint_paths(["big.md"], config=Config(select=("pushy.urgency",)))
    elapsed = time.monotonic() - started
    assert report.errors == []
    assert [(f.rule, f.line, f.column) for f in report.findings] == [
        ("pushy.urgency", 3 + 2 * count, 17)
    ]
    assert elapsed < 30, f"5 MB took {elapsed:.1f} s"


_ALL_RULES_SCRIPT = """
import sys
from followlint.config import Config
from followlint.runner import lint_paths
report = lint_paths([sys.argv[1]], config=Config(proofreader="none"))
print(len(report.errors))
"""


@pytest.mark.slow
def test_one_megabyte_draft_with_every_rule_is_linear(tmp_path: Path) -> None:
    """Every built-in rule on a 1 MB draft full of thanks finishes (no rule is quadratic)."""
    paragraph = "Thank you for the tour of the lab and the talk about the sample workflow.\n\n"
    text = "Hi Maria,\n\n" + paragraph * (1_000_000 // len(paragraph)) + "Best,\nAna\n"
    (tmp_path / "big.md").write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _ALL_RULES_SCRIPT, "big.md"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0"


def test_a_reader_that_fails_unexpectedly_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for a bug in a library a reader uses (Python 3.11's address parser once
    # raised TypeError on a malformed To: header): one error line for that file, exit 2.
    from followlint.readers import eml

    def broken(text: str, now: object) -> object:
        raise TypeError("'ValueTerminal' object does not support item assignment")

    monkeypatch.setattr(eml, "read", broken)
    mail = b"From: Ana <ana@example.org>\nTo: Maria <m@example.org>\n\nHi Maria,\n\nThanks.\n"
    assert_bad(tmp_path, "odd.eml", mail, "followlint bug", "TypeError")
