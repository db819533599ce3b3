"""Customization checks that the one-text case files cannot express: cross-draft and .eml."""

from __future__ import annotations

import random
import string

from followlint.checks import duplicates
from followlint.document import Document
from followlint.engine import compare, lint, summarize
from followlint.readers import read_document
from followlint.registry import RulePack
from helpers import case_document

NOTE = """Hi {first},

Thank you for today's interview. I really enjoyed hearing about the permit-application
redesign and your goal of getting every form to work well on a phone.

I rebuilt the benefits-enrollment forms for a state agency in React with full keyboard
support, and I would love to bring that experience to {extra}Orchard.

Thanks again,
Wen Zhao
"""
RULE = "customization.near-duplicate"


def _note(first: str, last: str, extra: str = "", path: str = "") -> Document:
    text = NOTE.format(first=first, extra=extra)
    return case_document(text, {"interviewer": f"{first} {last}"}, path or f"{first.lower()}.md")


def _run(docs: list[Document], pack: RulePack) -> dict[int, list[str]]:
    only = pack.only(RULE)
    pairs = [summarize(doc, only) for doc in docs]
    found = compare([a for a, _ in pairs], [s for _, s in pairs], only)
    return {i: [f.message for f in fs] for i, fs in found.items()}


def test_same_note_to_two_interviewers_flags_each(rule_pack: RulePack) -> None:
    docs = [_note("Rafael", "Costa"), _note("Nadia", "Qureshi")]
    only = rule_pack.only(RULE)
    pairs = [summarize(doc, only) for doc in docs]
    found = compare([a for a, _ in pairs], [s for _, s in pairs], only)
    assert sorted(found) == [0, 1]
    first = found[0][0]
    assert "nadia.md" in first.message and "Nadia Qureshi" in first.message
    assert "rafael.md" in found[1][0].message
    assert (first.line, first.column, first.end_column) == (1, 1, 11)  # the first body line
    assert first.severity == "warning"


def test_small_edit_is_still_a_near_duplicate(rule_pack: RulePack) -> None:
    docs = [_note("Rafael", "Costa"), _note("Nadia", "Qureshi", extra="the team at ")]
    assert sorted(_run(docs, rule_pack)) == [0, 1]


def test_draft_and_revision_to_same_person_pass(rule_pack: RulePack) -> None:
    docs = [_note("Rafael", "Costa", path="v1.md"), _note("Rafael", "Costa", path="v2.md")]
    assert _run(docs, rule_pack) == {}


def test_different_notes_pass(rule_pack: RulePack) -> None:
    other = case_document(
        "Hi Nadia,\n\nThank you for walking me through the accessibility audit of the parking "
        "permit portal. Your checklist for screen-reader testing is one I would like to adopt, "
        "and the way your designers pair with the city clerks on every release impressed me.\n\n"
        "Best,\nWen Zhao\n",
        {"interviewer": "Nadia Qureshi"},
    )
    assert _run([_note("Rafael", "Costa"), other], rule_pack) == {}


def test_interviewer_from_greeting_when_no_metadata(rule_pack: RulePack) -> None:
    docs = [
        case_document(NOTE.format(first=name, extra=""), None, f"{name}.md")
        for name in ("Rafael", "Nadia")
    ]
    assert sorted(_run(docs, rule_pack)) == [0, 1]


def test_short_notes_are_not_compared(rule_pack: RulePack) -> None:
    docs = [
        case_document(f"Hi {n},\n\nThank you for your time today.\n\nBest,\nWen\n", None, f"{n}.md")
        for n in ("Rafael", "Nadia")
    ]
    assert _run(docs, rule_pack) == {}


def test_summary_keeps_no_text(rule_pack: RulePack) -> None:
    summary = duplicates.summarize(_note("Rafael", "Costa"), rule_pack.get(RULE).options)
    assert summary is not None
    assert "permit" not in repr(summary) and len(summary.sketch) == 64


def test_many_distinct_notes_make_few_candidate_pairs(rule_pack: RulePack) -> None:
    rng = random.Random(7)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(2000)]
    options = rule_pack.get(RULE).options
    summaries = [
        duplicates.summarize(
            case_document(
                f"Hi P{i},\n\n" + " ".join(rng.choice(words) for _ in range(50)) + ".\n",
                {"interviewer": f"Pat Person{i}"},
            ),
            options,
        )
        for i in range(1500)
    ]
    after, _bands = duplicates._candidates(summaries, 4)
    assert sum(len(partners) for partners in after.values()) < 1500
    assert list(duplicates.compare(summaries, options)) == []


EML = """From: Nia Roberts <nia.roberts@example.com>
To: Gordon Pike <gpike@cobaltline.example>
Subject: Thank you
Date: Thu, 09 Oct 2025 17:00:00 -0400
X-Company: Cobaltline Freight
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Mr. Pyke,

Thank you for this morning's interview. I would be proud to join Cobalt Lines.

Best regards,
Nia Roberts
"""


def test_eml_headers_give_interviewer_and_company(rule_pack: RulePack) -> None:
    doc = read_document("note.eml", EML.encode(), None)
    pack = rule_pack.select(["customization.interviewer-name", "customization.company-name"])
    found = [(f.rule, f.line, f.match) for f in lint(doc, pack)]
    assert found == [
        ("customization.interviewer-name", 9, "Pyke"),
        ("customization.company-name", 11, "Cobalt Lines"),
    ]


def test_eml_without_display_name_has_no_opinion(rule_pack: RulePack) -> None:
    text = EML.replace("Gordon Pike <gpike@cobaltline.example>", "gpike@cobaltline.example")
    doc = read_document("note.eml", text.encode(), None)
    assert lint(doc, rule_pack.only("customization.interviewer-name")) == []
