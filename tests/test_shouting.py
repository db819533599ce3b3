"""E-mail behaviour of the pushy, overwhelm and mechanical proofreading rules.

Case files cannot express .eml input, so these tests read real RFC 5322 text: the subject is
linted (an all-caps subject is shouting), headers and quoted history are not.
"""

from __future__ import annotations

from datetime import UTC, datetime

from followlint.engine import lint
from followlint.readers import read_document
from followlint.registry import RulePack

NOW = datetime(2025, 9, 22, 12, 0, tzinfo=UTC)
MECHANICAL = (
    "repeated-word",
    "lowercase-i",
    "missing-space",
    "double-space",
    "misspelling",
    "confusable",
)
MINE = ("pushy.", "overwhelm.", *(f"proofreading.{slug}" for slug in MECHANICAL))

HEADERS = (
    "From: Colm Devlin <colm.devlin@example.com>\n"
    "To: Harriet Farrow <hfarrow@wrenfield.example>\n"
    "Subject: {subject}\n"
    "Date: Mon, 22 Sep 2025 08:00:00 +0100\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
)
BODY = (
    "Dear Ms. Farrow,\n"
    "\n"
    "Thank you for the interview last Thursday for the events coordinator role. The plans for\n"
    "the summer season sounded exciting, and I have run more than 80 weddings at an old venue.\n"
    "\n"
    "Regards,\n"
    "Colm Devlin\n"
)
QUOTED_REPLY = (
    "\n"
    "On Fri, 19 Sep 2025 at 10:00, Harriet Farrow <hfarrow@wrenfield.example> wrote:\n"
    "> PLEASE SEND YOUR PORTFOLIO ASAP!!! I need it by Friday, i have alot of\n"
    "> aplications and i must insist on a decision the the same day. Why haven't you replied?\n"
    "> Is it ready? When? Where? How? Who?\n"
)


def _mine(text: str, pack: RulePack) -> list[tuple[str, int, str]]:
    doc = read_document("note.eml", text.encode("utf-8"), NOW)
    findings = lint(doc, pack)
    return [(f.rule, f.line, f.match) for f in findings if f.rule.startswith(MINE)]


def test_all_caps_subject_is_shouting(rule_pack: RulePack) -> None:
    text = HEADERS.format(subject="WAITING FOR YOUR REPLY") + BODY
    assert _mine(text, rule_pack) == [("pushy.shouting", 3, "WAITING FOR YOUR REPLY")]


def test_acronym_in_subject_is_not_shouting(rule_pack: RulePack) -> None:
    text = HEADERS.format(subject="Thank you: HSE advisor interview") + BODY
    assert _mine(text, rule_pack) == []


def test_headers_are_never_linted(rule_pack: RulePack) -> None:
    headers = HEADERS.format(subject="Thank you").replace("MIME-Version", "X-NOTE: URGENT!! ASAP")
    assert _mine(headers + BODY, rule_pack) == []


def test_body_shouting_is_reported(rule_pack: RulePack) -> None:
    text = HEADERS.format(subject="Thank you") + BODY.replace("Thank you", "THANK YOU")
    assert _mine(text, rule_pack) == [("pushy.shouting", 10, "THANK YOU")]


def test_quoted_reply_full_of_problems_is_silent(rule_pack: RulePack) -> None:
    text = HEADERS.format(subject="Re: Portfolio") + BODY + QUOTED_REPLY
    assert _mine(text, rule_pack) == []
