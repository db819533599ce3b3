"""The Python API: followlint.lint_text and followlint.lint_paths."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import followlint
from followlint.config import Config
from followlint.model import Finding

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
URGENCY = Config(select=("pushy.urgency",))
DATA = Path(__file__).parent / "data" / "core"


def test_lint_text_returns_located_findings() -> None:
    findings = followlint.lint_text("Hi Maria,\n\nCould you reply ASAP?\n", config=URGENCY)
    assert all(isinstance(f, Finding) for f in findings)
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column, f.match) for f in findings] == [
        ("pushy.urgency", 3, 17, 3, 21, "ASAP")
    ]
    assert findings[0].path == "<text>"


def test_lint_text_path_and_front_matter() -> None:
    text = "---\ncompany: Zentrix\n---\nHi,\n\nReply ASAP.\n"
    findings = followlint.lint_text(text, path="drafts/note.md", config=URGENCY)
    assert [(f.path, f.line, f.column) for f in findings] == [("drafts/note.md", 6, 7)]


def test_lint_text_eml_by_path_suffix() -> None:
    eml = (DATA / "clean.eml").read_text(encoding="utf-8").replace("afternoon.", "afternoon ASAP.")
    findings = followlint.lint_text(eml, path="note.eml", config=URGENCY)
    assert [(f.line, f.match) for f in findings] == [(14, "ASAP")]


def test_lint_text_default_config_runs_all_rules() -> None:
    findings = followlint.lint_text("Hi Maria,\n\nCould you reply ASAP?\n")
    assert "pushy.urgency" in {f.rule for f in findings}
    assert findings == sorted(findings, key=Finding.sort_key)


def test_lint_text_clean_draft_is_clean() -> None:
    text = (DATA / "clean.md").read_text(encoding="utf-8")
    assert followlint.lint_text(text, path="clean.md", now=NOW) == []


def test_lint_text_meta_overrides_front_matter() -> None:
    config = Config(select=("promptness",))
    text = (
        "---\ninterview_date: 2026-03-01T10:00:00\nsent: 2026-03-09T10:00:00\n---\nHi,\n\nThanks.\n"
    )
    late = followlint.lint_text(text, config=config)
    assert {f.category for f in late} == {"promptness"}
    prompt = followlint.lint_text(text, config=config, meta={"sent": "2026-03-01T15:00:00"})
    assert prompt == []


def test_lint_text_meta_interviewer_replaces_interviewers() -> None:
    text = "---\ninterviewers: [Ana Ruiz, Ben Ode]\n---\nHi,\n\nReply ASAP.\n"
    findings = followlint.lint_text(text, config=URGENCY, meta={"interviewer": "Chidi Okonkwo"})
    assert [f.line for f in findings] == [6]


def test_lint_text_uses_now_for_missing_sent() -> None:
    config = Config(select=("promptness",))
    text = "---\ninterview_date: 2026-03-01T10:00:00\n---\nHi,\n\nThank you for Monday.\n"
    assert followlint.lint_text(text, config=config, now=datetime(2026, 3, 1, 15, 0)) == []
    assert followlint.lint_text(text, config=config, now=datetime(2026, 3, 20, 15, 0)) != []


def test_lint_text_without_metadata_has_no_opinion_on_time() -> None:
    config = Config(select=("promptness",))
    assert followlint.lint_text("Hi,\n\nThank you for Monday.\n", config=config, now=NOW) == []


def test_lint_paths_report(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Hi,\n\nReply ASAP.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Hi,\n\nThank you.\n", encoding="utf-8")
    report = followlint.lint_paths(
        [str(tmp_path / "a.md"), str(tmp_path / "b.txt"), str(tmp_path / "missing.md")],
        config=URGENCY,
        now=NOW,
    )
    assert [(Path(f.path).name, f.rule, f.line) for f in report.findings] == [
        ("a.md", "pushy.urgency", 3)
    ]
    assert [Path(e.path).name for e in report.errors] == ["missing.md"]


def test_lint_paths_folder(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("Hi,\n\nReply ASAP.\n", encoding="utf-8")
    (tmp_path / "drafts" / "notes.json").write_text("{}", encoding="utf-8")
    report = followlint.lint_paths([str(tmp_path / "drafts")], config=URGENCY, now=NOW)
    assert [Path(f.path).name for f in report.findings] == ["a.md"]
    assert report.errors == []


def test_lint_paths_defaults(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Hi,\n\nReply ASAP.\n", encoding="utf-8")
    report = followlint.lint_paths([str(tmp_path / "a.md")])
    assert "pushy.urgency" in {f.rule for f in report.findings}


def test_lint_paths_accepts_path_objects(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Hi,\n\nReply ASAP.\n", encoding="utf-8")
    report = followlint.lint_paths([tmp_path / "a.md", tmp_path / "missing.md"], config=URGENCY)
    assert [(Path(f.path).name, f.line) for f in report.findings] == [("a.md", 3)]
    assert all(isinstance(f.path, str) for f in report.findings)
    assert [Path(e.path).name for e in report.errors] == ["missing.md"]


def test_api_now_defaults_to_the_current_time_like_the_cli() -> None:
    config = Config(select=("promptness",))
    text = "---\ninterview_date: 2025-01-01T10:00:00\n---\nHi,\n\nThank you for Monday.\n"
    assert {f.category for f in followlint.lint_text(text, config=config)} == {"promptness"}


def test_api_prints_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Hi,\n\nReply ASAP.\n", encoding="utf-8")
    followlint.lint_text("Hi,\n\nReply ASAP.\n")
    followlint.lint_paths([str(tmp_path / "a.md"), str(tmp_path / "missing.md")])
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def test_api_exports() -> None:
    assert followlint.Finding is Finding
    assert hasattr(followlint, "Fix")
    assert isinstance(followlint.__version__, str)
