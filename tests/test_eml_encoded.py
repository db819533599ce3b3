"""E-mail text parts sent as quoted-printable or base64: decoded, linted, located in the file."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from followlint.cli import main
from followlint.config import Config
from followlint.engine import lint
from followlint.model import Finding
from followlint.readers import read_document
from followlint.readers.encoded import quoted_printable
from followlint.registry import RulePack
from followlint.runner import lint_paths

DATA = Path(__file__).parent / "data" / "eml"
NOW = datetime(2025, 9, 20, tzinfo=UTC)
HEAD = (
    "From: Dev Malhotra <dev@example.com>\nTo: Sunita Rao <srao@example.com>\n"
    "Subject: Thank you: analyst interview\nDate: Wed, 17 Sep 2025 18:25:00 +0530\n"
)


def findings(name: str, data: bytes, pack: RulePack, *rules: str) -> list[Finding]:
    doc = read_document(name, data, NOW)
    return lint(doc, pack.select(rules) if rules else pack)


def located(found: list[Finding]) -> list[tuple[str, int, int, int, int, str]]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.match) for f in found]


def test_quoted_printable_decoder_maps_each_character_to_its_encoding() -> None:
    text = "x\nafternoon=E2=80=99s th=\ne a=3Db  \r\nbad =ZZ\n"
    decoded = quoted_printable(text, 2, len(text), "utf-8")
    assert decoded.text == "afternoon’s the a=b\r\nbad =ZZ\n"
    quote = decoded.text.index("’")
    assert text[decoded.starts[quote] : decoded.ends[quote]] == "=E2=80=99"
    the = decoded.text.index("the")
    assert text[decoded.starts[the] : decoded.ends[the + 2]] == "th=\ne"  # soft break inside
    equals = decoded.text.index("=b")
    assert text[decoded.starts[equals] : decoded.ends[equals]] == "=3D"
    assert len(decoded.starts) == len(decoded.ends) == len(decoded.text)


def test_quoted_printable_part_is_linted_at_its_encoded_position(rule_pack: RulePack) -> None:
    data = (DATA / "qp-alternative.eml").read_bytes()
    doc = read_document("qp.eml", data, NOW)
    assert doc.warnings == ()
    found = findings("qp.eml", data, rule_pack, "pushy", "proofreading", "thanks")
    # ASAP is split by a soft line break: the finding spans "AS=" and "AP"; the HTML
    # alternative's ASAP (line 27) is not the part linted.
    assert located(found) == [
        ("pushy.urgency", 15, 72, 16, 3, "AS=\nAP"),
        ("proofreading.misspelling", 19, 6, 19, 16, "definately"),
    ]
    urgency, typo = found
    assert "'ASAP'" in urgency.message and "quoted-printable" in urgency.message
    assert "quoted-printable" not in typo.message  # its text is the same in the file
    assert urgency.fixes == () and typo.fixes == ()
    text = data.decode()
    assert all(text[f.span.start : f.span.end] == f.match for f in found)


def test_crlf_quoted_printable_gives_the_same_lines_and_columns(rule_pack: RulePack) -> None:
    data = (DATA / "qp-alternative.eml").read_bytes()
    lf = findings("qp.eml", data, rule_pack, "pushy", "proofreading")
    crlf = findings("qp.eml", data.replace(b"\n", b"\r\n"), rule_pack, "pushy", "proofreading")
    assert [(f.rule, f.line, f.column, f.end_line) for f in crlf] == [
        (f.rule, f.line, f.column, f.end_line) for f in lf
    ]


def test_quoted_printable_html_part_lints_visible_text_only(rule_pack: RulePack) -> None:
    data = (DATA / "qp-html-only.eml").read_bytes()
    doc = read_document("h.eml", data, NOW)
    assert doc.greeting is not None
    assert doc.text[doc.greeting.start : doc.greeting.end] == "Dear Ms. Rao,"
    assert doc.signature_names == ("Dev Malhotra",)
    # The quoted Gmail history (URGENTLY, ASAP!!!) and the style block are not linted.
    found = findings("h.eml", data, rule_pack)
    assert located(found) == [("pushy.urgency", 13, 22, 13, 26, "ASAP")]


def test_base64_findings_point_at_the_first_encoded_line(rule_pack: RulePack) -> None:
    data = (DATA / "base64-plain.eml").read_bytes()
    found = findings("b.eml", data, rule_pack)
    first = data.decode().splitlines()[8]
    assert located(found) == [("pushy.urgency", 9, 1, 9, 77, first)]
    # "Please reply ASAP." is on line 4 of the decoded body, ASAP at column 60.
    assert found[0].message.endswith("(in the decoded base64 body, line 4 column 60)")
    assert found[0].fixes == ()


def test_base64_findings_are_not_merged_by_their_shared_position(rule_pack: RulePack) -> None:
    body = "Hi Sunita,\n\nThank you! Reply ASAP.\n\nI can start ASAP.\n\nBest,\nDev\n"
    encoded = base64.encodebytes(body.encode()).decode()
    text = HEAD + "Content-Transfer-Encoding: base64\n\n" + encoded
    found = findings("b.eml", text.encode(), rule_pack, "pushy.urgency")
    assert [(f.line, f.column) for f in found] == [(7, 1), (7, 1)]
    assert [f.message.rsplit("(", 1)[1] for f in found] == [
        "in the decoded base64 body, line 3 column 18)",
        "in the decoded base64 body, line 5 column 13)",
    ]


def test_suppression_written_inside_a_quoted_printable_body_applies(rule_pack: RulePack) -> None:
    # "=" is encoded as "=3D", so the directive only exists in the decoded text.
    body = (
        "Hi Sunita,\n\nThank you for the tour. <!-- followlint: ignore=3Dpushy.urgency -->\n"
        "Please reply ASAP.\n\nBest,\nDev\n"
    )
    text = HEAD + "Content-Transfer-Encoding: quoted-printable\n\n" + body
    assert findings("s.eml", text.encode(), rule_pack, "pushy.urgency") == []
    unsuppressed = text.replace("ignore=3Dpushy.urgency", "ignore=3Dpushy.shouting")
    found = findings("s.eml", unsuppressed.encode(), rule_pack, "pushy.urgency")
    assert located(found) == [("pushy.urgency", 10, 14, 10, 18, "ASAP")]


@pytest.mark.parametrize(
    ("headers", "body", "why"),
    [
        (
            'Content-Type: text/plain; charset="x-klingon"\n'
            "Content-Transfer-Encoding: quoted-printable\n",
            "Hi Sunita,\n\nReply ASAP.\n",
            "charset 'x-klingon'",
        ),
        ("Content-Transfer-Encoding: base64\n", "Hi Sunita, reply ASAP!\n", "not valid base64"),
        ("Content-Transfer-Encoding: x-uuencode\n", "Hi Sunita,\n\nReply ASAP.\n", "x-uuencode"),
        ("Content-Transfer-Encoding: base64\n", "AABIaSBTdW5pdGE=\n", "NUL characters"),
    ],
)
def test_a_part_that_cannot_be_decoded_is_a_notice(
    headers: str, body: str, why: str, rule_pack: RulePack
) -> None:
    data = (HEAD + headers + "\n" + body).encode()
    doc = read_document("n.eml", data, NOW)
    assert len(doc.warnings) == 1
    assert why in doc.warnings[0] and "not linted" in doc.warnings[0]
    assert f"(line {4 + headers.count(chr(10)) + 2})" in doc.warnings[0]
    assert [f for f in lint(doc, rule_pack) if f.rule == "pushy.urgency"] == []


def test_fix_never_rewrites_an_encoded_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    original = (DATA / "qp-alternative.eml").read_bytes()
    (tmp_path / "qp.eml").write_bytes(original)
    runner = CliRunner()
    result = runner.invoke(
        main, ["--proofreader", "none", "--no-cache", "--fix", "--format", "json", "qp.eml"]
    )
    assert result.exit_code == 1, result.output
    assert (tmp_path / "qp.eml").read_bytes() == original
    rules = {f["rule"] for f in __import__("json").loads(result.stdout)["findings"]}
    assert "proofreading.misspelling" in rules  # still reported, just not "fixed"


def test_cross_draft_findings_are_relocated_into_the_encoded_file(tmp_path: Path) -> None:
    note = (
        "Dear Ms. Rao,\n\nThank you for this afternoon's interview about the returns process at "
        "the Pune warehouse. I led the returns-routing model at Northwind, which cut handling "
        "time by 22 percent, and I would be glad to walk your team through it.\n\n"
        "Regards,\nDev Malhotra\n"
    )
    encoded = base64.encodebytes(note.encode()).decode()
    (tmp_path / "a.eml").write_text(
        HEAD + "Content-Transfer-Encoding: base64\n\n" + encoded, encoding="utf-8"
    )
    other = HEAD.replace("Sunita Rao <srao@", "Omar Haddad <omar@").replace("Ms. Rao", "Mr. Haddad")
    (tmp_path / "b.eml").write_text(other + "\n" + note.replace("Ms. Rao", "Mr. Haddad"))
    report = lint_paths([str(tmp_path)], Config(select=("customization.near-duplicate",)), NOW)
    by_file = {Path(r.path).name: r.findings for r in report.files}
    (finding,) = by_file["a.eml"]
    assert (finding.line, finding.column) == (7, 1)
    assert finding.message.endswith("(in the decoded base64 body, line 1 column 1)")
    assert [(f.line, f.column) for f in by_file["b.eml"]] == [(6, 1)]
