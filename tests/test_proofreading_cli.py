"""Proofreading at the edges: engine choice errors and an engine failing in the middle of a run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from followlint.cli import main
from followlint.config import Config
from followlint.document import Document
from followlint.metadata import utc_now
from followlint.model import Finding
from followlint.proofread import ProofreaderError
from followlint.runner import Run, build_pack

DRAFT = "Dear Ana,\n\nThank you for the tour. Please reply ASAP.\n\nBest,\nSam\n"


def test_requested_languagetool_missing_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("FOLLOWLINT_LANGUAGETOOL_URL", raising=False)
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "--proofreader", "languagetool", str(draft)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "LanguageTool is not installed" in result.output
    assert "Traceback" not in result.output


def test_auto_without_languagetool_names_harper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("FOLLOWLINT_LANGUAGETOOL_URL", raising=False)
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "--format", "json", str(draft)])
    assert '"proofreader": "harper ' in result.output


class _DiesOnSecondFile:
    name, version = "fake", "1"

    def __init__(self) -> None:
        self.calls = 0

    def check(self, doc: Document) -> list[Finding]:
        self.calls += 1
        if self.calls == 2:
            raise ProofreaderError("LanguageTool at http://127.0.0.1:1 is not reachable")
        return []

    def describe(self) -> str:
        return "fake 1"

    def close(self) -> None:
        pass


def test_engine_failure_mid_run_keeps_rule_findings(tmp_path: Path) -> None:
    config = Config(proofreader="none")
    run = Run(build_pack(config), config, tmp_path, utc_now(), _DiesOnSecondFile())
    for name in ("a.md", "b.md", "c.md"):
        run.lint_file(name, DRAFT.encode())
    report = run.finish()
    assert [e.path for e in report.errors] == ["b.md"]
    assert "proofreading failed" in report.errors[0].message
    assert {f.path for f in report.findings if f.rule == "pushy.urgency"} == {
        "a.md",
        "b.md",
        "c.md",
    }
