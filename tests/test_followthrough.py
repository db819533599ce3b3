"""next-steps rules on e-mail files, where attachments are known from MIME parts."""

from __future__ import annotations

from dataclasses import replace

from followlint.checks.followthrough import promised_missing
from followlint.engine import lint
from followlint.readers import read_document
from followlint.registry import RulePack
from helpers import NOW

PLAIN = """\
From: Joanna Vance <joanna@example.com>
To: Eleanor Whitcombe <ew@example.org>
Subject: References
Date: Mon, 15 Sep 2025 10:10:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Ms. Whitcombe,

Thank you again for Friday's interview. Please find attached my references.

Kind regards,
Joanna
"""

MIXED = """\
From: Joanna Vance <joanna@example.com>
To: Eleanor Whitcombe <ew@example.org>
Subject: References
Date: Mon, 15 Sep 2025 10:10:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XYZ"

--XYZ
Content-Type: text/plain; charset=utf-8

Dear Ms. Whitcombe,

Thank you again for Friday's interview. Please find attached my references.

Kind regards,
Joanna

--XYZ
Content-Type: application/pdf; name="references.pdf"
Content-Disposition: attachment; filename="references.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--XYZ--
"""


def _findings(text: str, rule_pack: RulePack, rule: str) -> list[tuple[int, int, str]]:
    doc = read_document("note.eml", text.encode(), NOW)
    return [(f.line, f.column, f.match) for f in lint(doc, rule_pack.only(rule))]


def test_attached_phrase_without_mime_attachment_is_reported(rule_pack: RulePack) -> None:
    got = _findings(PLAIN, rule_pack, "next-steps.attachment-missing")
    assert got == [(10, 41, "Please find attached")]


def test_real_attachment_keeps_the_rule_silent(rule_pack: RulePack) -> None:
    assert _findings(MIXED, rule_pack, "next-steps.attachment-missing") == []


def test_attached_file_name_delivers_a_promised_item(rule_pack: RulePack) -> None:
    text = MIXED.replace("Please find attached my references.", "I hope the move goes well.")
    doc = read_document("note.eml", text.encode(), NOW)
    assert doc.meta.attachments == ("references.pdf",)
    doc.meta = replace(doc.meta, promised=("two references",))
    assert list(promised_missing(doc, {})) == []
    doc.meta = replace(doc.meta, promised=("writing sample",))
    assert len(list(promised_missing(doc, {}))) == 1
