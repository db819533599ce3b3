"""HTML drafts: only visible text is linted, positions point into the source."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from followlint.config import DEFAULT_INCLUDE, Config
from followlint.engine import lint
from followlint.readers import InputError, read_document
from followlint.registry import RulePack
from followlint.runner import lint_paths

DATA = Path(__file__).parent / "data" / "html"
NOW = datetime(2025, 9, 20, tzinfo=UTC)
INCLUDE = (*DEFAULT_INCLUDE, ".html")


def test_only_visible_text_is_linted(rule_pack: RulePack) -> None:
    path = DATA / "thank-you.html"
    doc = read_document(str(path), path.read_bytes(), NOW)
    findings = lint(doc, rule_pack)
    # Hidden preheader (teh), CSS, the comment's URGENT and tags never reach a rule.
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
        ("pushy.urgency", 17, 12, "ASAP")
    ]


def test_regions_come_from_blocks() -> None:
    path = DATA / "thank-you.html"
    doc = read_document(str(path), path.read_bytes(), NOW)
    assert doc.kind == "html"
    assert doc.subject is not None
    assert doc.text[doc.subject.start : doc.subject.end] == (
        "Thank you: operations analyst interview"
    )
    assert doc.greeting is not None and doc.lines.position(doc.greeting.start) == (13, 6)
    assert doc.greeting_name() == "Rao"
    assert doc.signature_names == ("Dev Malhotra",)
    view = doc.view("all")
    assert len(view) == len(doc.text)
    assert "teh" not in view and "URGENT" not in view and "<p>" not in view
    assert "Pune warehouse" in view


def test_tags_separate_words() -> None:
    doc = read_document("a.html", b"<p>Thank<br>you<b>so</b>much</p>", NOW)
    words = [doc.text[s.start : s.end] for s in doc.words("all")]
    assert words == ["Thank", "you", "so", "much"]


def test_near_duplicates_work_for_html() -> None:
    report = lint_paths(
        [str(DATA / "dup-a.html"), str(DATA / "dup-b.html")],
        Config(include=INCLUDE, select=("customization.near-duplicate",)),
        now=NOW,
    )
    assert sorted((Path(f.path).name, f.line) for f in report.findings) == [
        ("dup-a.html", 4),
        ("dup-b.html", 4),
    ]
    assert "Priya Nair" in report.findings[0].message


@pytest.mark.parametrize(
    ("greeting", "name"),
    [
        ("Dear <b>Ms. Rao</b>,", "Rao"),
        ("Hi <span style='color:#333'>Priya Nair</span>!", "Priya Nair"),
    ],
)
def test_markup_inside_the_greeting_is_not_part_of_the_name(greeting: str, name: str) -> None:
    html = f"<p>{greeting}</p><p>Thank you for the tour of the lab.</p><p>Best,<br>Ana</p>"
    doc = read_document("note.html", html.encode(), NOW)
    assert doc.greeting_name() == name


def test_a_draft_and_its_marked_up_revision_to_the_same_person_are_not_duplicates(
    tmp_path: Path,
) -> None:
    body = (
        "<p>Thank you for meeting with me on Tuesday about the analyst role at Zentrix. I enjoyed"
        " hearing how your team plans the quarterly forecast, and my four years building"
        " forecasting models at Brightwell would help with it.</p><p>Best regards,<br>Ana</p>"
    )
    (tmp_path / "a.html").write_text(f"<p>Dear <b>Ms. Rao</b>,</p>{body}", encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<p>Dear Ms. Rao,</p>{body}", encoding="utf-8")
    report = lint_paths(
        [str(tmp_path / "a.html"), str(tmp_path / "b.html")],
        Config(include=INCLUDE, select=("customization.near-duplicate",)),
        now=NOW,
    )
    assert report.findings == []


@pytest.mark.parametrize("data", [b"<p>Hi <b", b"<p><![if !mso]>Hi</p>", b"</p></div><p>x"])
def test_broken_html_never_raises_a_traceback(data: bytes) -> None:
    with contextlib.suppress(InputError):
        read_document("x.html", data, NOW)
