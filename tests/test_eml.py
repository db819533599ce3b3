"""E-mail files: the writer's part is linted in place, bad input is one clear error."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from followlint.engine import lint
from followlint.readers import InputError, read_document
from followlint.registry import RulePack

DATA = Path(__file__).parent / "data" / "eml"
NOW = datetime(2025, 9, 20, tzinfo=UTC)


def found(name: str, pack: RulePack, *rules: str) -> list[tuple[str, int, int, str]]:
    doc = read_document(str(DATA / name), (DATA / name).read_bytes(), NOW)
    only = pack.select(rules) if rules else pack
    return [(f.rule, f.line, f.column, f.match) for f in lint(doc, only)]


def test_html_part_is_linted_as_visible_text(rule_pack: RulePack) -> None:
    # The quoted Gmail history (typos, URGENTLY!!!) is masked; only the writer's ASAP is seen.
    assert found("html-only.eml", rule_pack, "pushy", "proofreading") == [
        ("pushy.urgency", 10, 150, "ASAP")
    ]


def test_html_part_blocks_give_greeting_and_signature() -> None:
    doc = read_document("m.eml", (DATA / "html-only.eml").read_bytes(), NOW)
    assert doc.kind == "email"
    assert doc.greeting is not None
    assert doc.text[doc.greeting.start : doc.greeting.end] == "Dear Ms. Rao,"
    assert doc.signature_names == ("Dev Malhotra",)
    assert "Pls reply" not in doc.view("all")


def test_alternative_lints_the_plain_part_and_knows_nothing_is_attached(
    rule_pack: RulePack,
) -> None:
    assert found("alternative.eml", rule_pack, "next-steps") == [
        ("next-steps.attachment-missing", 13, 43, "Please find attached")
    ]


def test_an_attachment_delivers_the_promise(rule_pack: RulePack) -> None:
    doc = read_document("a.eml", (DATA / "enclosed-with-attachment.eml").read_bytes(), NOW)
    assert doc.meta.attachments == ("writing-sample.pdf",)
    assert doc.meta.promised == ("writing sample",)
    assert found("enclosed-with-attachment.eml", rule_pack, "next-steps") == []


def test_quoted_printable_part_is_decoded_for_linting() -> None:
    doc = read_document("q.eml", (DATA / "quoted-printable.eml").read_bytes(), NOW)
    assert doc.warnings == ()
    assert doc.origin is not None
    words = [doc.text[s.start : s.end] for s in doc.words("body")]
    assert "afternoon’s" in words and "the" in words and "th" not in words
    quote = doc.text.index("’")
    start, end = doc.origin.file_offset(quote), doc.origin.file_offset(quote + 1, end=True)
    assert doc.file_text[start:end] == "=E2=80=99"


def test_latin1_file_is_read_in_its_declared_charset(rule_pack: RulePack) -> None:
    assert found("latin1.eml", rule_pack, "pushy.urgency") == [("pushy.urgency", 10, 43, "ASAP")]


def test_missing_subject_is_reported_for_email_only(rule_pack: RulePack) -> None:
    assert found("no-subject.eml", rule_pack, "customization.subject") == [
        ("customization.subject", 5, 1, "Dear Ms. Rao,")
    ]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bad-header.eml", "header line 3"),
        ("broken-mime.eml", "boundary 'never-used'"),
        ("no-body.eml", "no message body"),
        ("unknown-charset.eml", "x-klingon"),
    ],
)
def test_bad_input_is_one_clear_error(name: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        read_document(name, (DATA / name).read_bytes(), NOW)


def test_subject_checks_cover_caps_and_urgent(rule_pack: RulePack) -> None:
    data = (
        b"From: A <a@x.example>\nTo: Bo Li <b@x.example>\n"
        b"Subject: URGENT: WAITING FOR YOUR REPLY\n\nHi Bo,\n\nThank you.\n"
    )
    doc = read_document("u.eml", data, NOW)
    rules = {f.rule for f in lint(doc, rule_pack.select(["pushy"])) if f.line == 3}
    assert {"pushy.urgency", "pushy.shouting"} <= rules


def test_a_to_header_that_breaks_the_standard_parser_is_still_read() -> None:
    # Python 3.11's address parser raises TypeError on this list: the file must still be read.
    data = (
        b"From: Ana Ruiz <ana@example.org>\nTo: elena@gannet.example, .x@gannet.example\n"
        b"Subject: Thank you\n\nHello Elena,\n\nThank you for the interview today.\n\nAna\n"
    )
    doc = read_document("odd-to.eml", data, NOW)
    assert doc.kind == "email"
    assert doc.meta.interviewers == ()
