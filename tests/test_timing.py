"""promptness.late on e-mail files: Date is `sent`, X-Interview-Date the interview."""

from __future__ import annotations

from datetime import UTC, datetime

from followlint.engine import lint
from followlint.readers import read_document
from followlint.registry import RulePack

NOTE = """\
From: Chloe Barnes <chloe@example.com>
To: Simon Latimer <simon@example.com>
Subject: Thank you for the interview
Date: {sent}
X-Interview-Date: 2025-07-01T10:00:00+01:00
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Mr. Latimer,

Thank you for interviewing me for the food technologist role.

Best regards,
Chloe
"""
NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)


def _severities(sent: str, rule_pack: RulePack) -> list[str]:
    doc = read_document("note.eml", NOTE.format(sent=sent).encode(), NOW)
    return [f.severity for f in lint(doc, rule_pack.only("promptness.late"))]


def test_six_days_later_is_a_warning(rule_pack: RulePack) -> None:
    assert _severities("Mon, 07 Jul 2025 09:15:00 +0100", rule_pack) == ["warning"]


def test_next_afternoon_is_a_note(rule_pack: RulePack) -> None:
    assert _severities("Wed, 02 Jul 2025 15:00:00 +0100", rule_pack) == ["info"]


def test_same_evening_in_another_zone_is_fine(rule_pack: RulePack) -> None:
    assert _severities("Tue, 01 Jul 2025 13:00:00 -0400", rule_pack) == []


def test_finding_points_at_the_first_line_of_the_message(rule_pack: RulePack) -> None:
    text = NOTE.format(sent="Mon, 07 Jul 2025 09:15:00 +0100")
    doc = read_document("note.eml", text.encode(), NOW)
    (finding,) = lint(doc, rule_pack.only("promptness.late"))
    assert (finding.line, finding.column) == (9, 1)
    assert "days" in finding.message
