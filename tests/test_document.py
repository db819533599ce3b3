"""Document: metadata from front matter and e-mail headers, masked views, located regions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from followlint.document import MASK, Document
from followlint.engine import lint
from followlint.metadata import Metadata
from followlint.readers import read_document
from followlint.registry import RulePack

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


def read(name: str, text: str) -> Document:
    return read_document(name, text.encode("utf-8"), NOW)


def masked(doc: Document, needle: str, scope: str = "all", nth: int = 0) -> bool:
    """Whether the nth occurrence of `needle` in the file is fully masked in `scope`."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return set(doc.view(scope)[start : start + len(needle)]) == {MASK}


def visible(doc: Document, needle: str, scope: str = "all", nth: int = 0) -> bool:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return doc.view(scope)[start : start + len(needle)] == needle


def urgency(doc: Document, pack: RulePack) -> list[tuple[int, int, int, int, str]]:
    return [
        (f.line, f.column, f.end_line, f.end_column, f.match)
        for f in lint(doc, pack.only("pushy.urgency"))
    ]


FRONT = """---
interview_date: 2026-03-10
sent: 2026-03-10T18:30:00
interviewer: Chidi Okonkwo
company: Zentrix
role: Senior Platform Engineer
promised: [portfolio link, two references]
---
Hi Chidi,

Thank you for the conversation about the Zentrix platform.

Best regards,
Ana Lima
"""


# --- metadata -----------------------------------------------------------------------------


def test_front_matter_becomes_metadata() -> None:
    meta = read("a.md", FRONT).meta
    assert meta.interview_date == datetime(2026, 3, 10, 12, 0)  # a date alone means noon
    assert meta.sent == datetime(2026, 3, 10, 18, 30)
    assert meta.sent_is_now is False
    assert meta.interviewers == ("Chidi Okonkwo",)
    assert meta.company == "Zentrix"
    assert meta.role == "Senior Platform Engineer"
    assert meta.promised == ("portfolio link", "two references")
    assert meta.attachments is None  # a Markdown draft cannot know


def test_front_matter_interviewers_list_and_aware_datetimes() -> None:
    text = (
        "---\ninterview_date: 2026-03-10T14:00:00+01:00\n"
        "interviewers: [Ana Ruiz, Ben Ode]\npromised: single item\n---\nHello both,\n"
    )
    meta = read("p.md", text).meta
    assert meta.interviewers == ("Ana Ruiz", "Ben Ode")
    assert meta.interview_date == datetime(2026, 3, 10, 14, 0, tzinfo=timezone(timedelta(hours=1)))
    assert meta.promised == ("single item",)


def test_missing_sent_defaults_to_now() -> None:
    meta = read("a.md", "---\ncompany: Zentrix\n---\nHi,\n").meta
    assert meta.sent == NOW
    assert meta.sent_is_now is True


def test_no_front_matter_means_empty_metadata() -> None:
    doc = read_document("a.txt", b"Hi Maria,\n\nThanks.\n", None)
    assert doc.meta == Metadata()


def test_front_matter_ignore_list() -> None:
    meta = read("a.md", "---\nfollowlint: {ignore: [pushy.urgency, outcome]}\n---\nHi\n").meta
    assert meta.ignore == ("pushy.urgency", "outcome")


def test_front_matter_offsets_stay_in_the_file(rule_pack: RulePack) -> None:
    doc = read("a.md", FRONT.replace("Zentrix platform", "Zentrix platform ASAP"))
    assert urgency(doc, rule_pack) == [(11, 59, 11, 63, "ASAP")]


# --- masking ------------------------------------------------------------------------------

MASKED_MD = """---
company: Zentrix
---
Hi Maria,

Thanks for `ASAP_CODE` and the call. VISIBLE_ONE

```
ASAP_FENCE
```

~~~python
ASAP_TILDE
~~~

See https://example.com/ASAP_URL and www.example.org/ASAP_WWW or mail asap_mail@example.com.
<!-- ASAP_COMMENT -->
> ASAP_QUOTE
  > ASAP_INDENTED_QUOTE

VISIBLE_TWO

Best,
Ana
-- 
ASAP_SIGNATURE
"""


@pytest.mark.parametrize("scope", ["all", "content", "body", "greeting", "signoff", "subject"])
def test_views_keep_length_and_newlines(scope: str) -> None:
    doc = read("m.md", MASKED_MD)
    view = doc.view(scope)
    assert len(view) == len(doc.text)
    assert [i for i, c in enumerate(view) if c == "\n"] == [
        i for i, c in enumerate(doc.text) if c == "\n"
    ]


@pytest.mark.parametrize(
    "needle",
    [
        "company: Zentrix",
        "ASAP_CODE",
        "ASAP_FENCE",
        "ASAP_TILDE",
        "https://example.com/ASAP_URL",
        "www.example.org/ASAP_WWW",
        "asap_mail@example.com",
        "ASAP_COMMENT",
        "ASAP_QUOTE",
        "ASAP_INDENTED_QUOTE",
        "ASAP_SIGNATURE",
    ],
)
def test_not_the_writers_words_are_masked(needle: str) -> None:
    doc = read("m.md", MASKED_MD)
    assert masked(doc, needle, "all")
    assert masked(doc, needle, "body")


def test_writers_words_stay_visible() -> None:
    doc = read("m.md", MASKED_MD)
    for needle in ("Hi Maria,", "Thanks for", "VISIBLE_ONE", "VISIBLE_TWO", "See ", "Best,"):
        assert visible(doc, needle, "all"), needle
    assert visible(doc, "VISIBLE_TWO", "body")
    assert masked(doc, "Hi Maria", "body")


def test_code_is_not_masked_in_plain_text() -> None:
    doc = read("m.txt", "Hi,\n\nUse `ASAP` please.\n")
    assert visible(doc, "ASAP")


def test_on_wrote_block_is_masked_to_the_end() -> None:
    text = (
        "Hi Sunita,\n\nHere is the link.\n\n"
        "On Tue, Mar 10, 2026 at 9:00 AM Sunita Rao <sunita@example.com> wrote:\n"
        "Could you send it ASAP? unquoted history\n> and quoted ASAP\n"
    )
    doc = read("r.txt", text)
    assert visible(doc, "Here is the link.")
    assert masked(doc, "On Tue")
    assert masked(doc, "Could you send it ASAP? unquoted history")


def test_on_wrote_split_over_two_lines() -> None:
    text = (
        "Hi,\n\nBody.\n\nOn Tue, Mar 10, 2026 at 9:00 AM Sunita Rao\n<s@example.com> wrote:\nASAP\n"
    )
    doc = read("r.txt", text)
    assert masked(doc, "ASAP")


@pytest.mark.parametrize(
    "separator",
    [
        "-----Original Message-----",
        "---------- Forwarded message ---------",
        "From: X\nSent: Monday",
    ],
)
def test_other_history_markers(separator: str) -> None:
    doc = read("r.txt", f"Hi,\n\nBody.\n\n{separator}\nASAP history\n")
    assert visible(doc, "Body.")
    assert masked(doc, "ASAP history")


def test_masked_text_does_not_fire_rules(rule_pack: RulePack) -> None:
    doc = read("m.md", MASKED_MD)
    assert urgency(doc, rule_pack) == []


# --- regions ------------------------------------------------------------------------------


def region_text(doc: Document, scope: str) -> str | None:
    span = doc.region(scope)
    return None if span is None else doc.text[span.start : span.end]


def test_greeting_body_signoff() -> None:
    doc = read("a.md", FRONT)
    assert region_text(doc, "greeting") == "Hi Chidi,"
    assert region_text(doc, "signoff") == "Best regards,\nAna Lima"
    body = region_text(doc, "body")
    assert body is not None
    assert body.strip() == "Thank you for the conversation about the Zentrix platform."
    assert doc.subject is None
    assert doc.greeting_name() == "Chidi"
    assert doc.signature_names == ("Ana Lima",)
    assert {"Chidi", "Okonkwo", "Zentrix", "Ana", "Lima"} <= doc.known_names()


def test_greeting_name_drops_title() -> None:
    doc = read("a.txt", "Dear Ms. Rao,\n\nThank you.\n")
    assert doc.greeting_name() == "Rao"
    span = doc.greeting_name_span()
    assert span is not None
    assert doc.text[span.start : span.end] == "Rao"


def test_draft_without_greeting_or_signoff() -> None:
    doc = read("a.txt", "Thank you for your time today.\n")
    assert doc.greeting is None
    assert doc.signoff is None
    assert region_text(doc, "body") == "Thank you for your time today.\n"


def test_subject_first_line_in_txt() -> None:
    text = "Subject: Thank you for Tuesday\n\nDear Ms. Rao,\n\nThank you.\n\nBest,\nAna\n"
    doc = read("a.txt", text)
    assert region_text(doc, "subject") == "Thank you for Tuesday"
    assert region_text(doc, "greeting") == "Dear Ms. Rao,"
    subject_view = doc.view("subject")
    assert subject_view.replace(MASK, "").strip() == "Thank you for Tuesday"
    assert masked(doc, "Thank you for Tuesday", "content")
    assert visible(doc, "Thank you for Tuesday", "all")


_SUBJECT_BUG = (
    "BUG: readers/plain.py _SUBJECT_RE starts with \\A, and pattern.match(text, pos) never matches "
    "\\A at pos > 0, so a Subject line after front matter, a BOM or blank lines is not found"
)


@pytest.mark.parametrize(
    ("name", "prefix"),
    [("a.md", "---\ncompany: Zentrix\n---\n"), ("a.txt", "\ufeff"), ("a.txt", "\n\n")],
    ids=["front-matter", "bom", "blank-lines"],
)
def test_subject_after_front_matter_bom_or_blank_lines(name: str, prefix: str) -> None:
    doc = read(name, prefix + "Subject: Thanks\n\nHi Chidi,\n\nThank you.\n")
    assert region_text(doc, "subject") == "Thanks"
    assert region_text(doc, "greeting") == "Hi Chidi,"


def test_first_body_line() -> None:
    doc = read("a.md", FRONT)
    span = doc.first_body_line()
    assert doc.text[span.start : span.end] == "Hi Chidi,"
    assert doc.lines.position(span.start) == (9, 1)


def test_from_text_has_no_front_matter_parsing() -> None:
    doc = Document.from_text("Hi Ana,\n\nThank you.\n")
    assert doc.meta == Metadata()
    assert doc.greeting_name() == "Ana"


# --- CRLF and BOM -------------------------------------------------------------------------

CRLF_SAMPLE = """---
company: Zentrix
---
Hi Maria,

Could you reply ASAP? I can send it `ASAP` too.

> ASAP in a quote

Best,
Ana
-- 
ASAP
"""


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_crlf_findings_match_lf_findings(name: str, rule_pack: RulePack) -> None:
    lf = read(name, CRLF_SAMPLE)
    crlf = read(name, CRLF_SAMPLE.replace("\n", "\r\n"))
    expected = urgency(lf, rule_pack)
    assert expected
    assert urgency(crlf, rule_pack) == expected
    assert region_text(crlf, "greeting") == "Hi Maria,"
    assert region_text(crlf, "signoff") == "Best,\r\nAna"


def test_crlf_fenced_block_ends_at_its_closing_fence(rule_pack: RulePack) -> None:
    text = "Hi Maria,\n\n```\ncode\n```\n\nCould you reply ASAP?\n\nBest,\nAna\n"
    lf = read("a.md", text)
    crlf = read("a.md", text.replace("\n", "\r\n"))
    assert urgency(lf, rule_pack) == [(7, 17, 7, 21, "ASAP")]
    assert urgency(crlf, rule_pack) == [(7, 17, 7, 21, "ASAP")]


def test_bom_file_positions(rule_pack: RulePack) -> None:
    plain = "Hi Maria,\n\nASAP please, ASAP.\n"
    doc = read("a.md", "\ufeff" + plain)
    assert doc.text.startswith("\ufeff")
    assert urgency(doc, rule_pack) == urgency(read("a.md", plain), rule_pack)
    first_line = read("a.txt", "\ufeffASAP first")
    assert urgency(first_line, rule_pack) == [(1, 1, 1, 5, "ASAP")]


def test_bom_with_front_matter() -> None:
    doc = read("a.md", "\ufeff---\ncompany: Zentrix\n---\nHi,\n")
    assert doc.meta.company == "Zentrix"
    assert region_text(doc, "greeting") == "Hi,"


# --- e-mail -------------------------------------------------------------------------------

EML = """From: Ana Lima <ana@example.com>
To: Chidi Okonkwo <chidi@zentrix.example>
Subject: Thank you, reply ASAP
Date: Tue, 10 Mar 2026 18:30:00 +0000
X-Interview-Date: 2026-03-10T14:00:00+00:00
X-Company: Zentrix
X-Role: Platform Engineer
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Chidi,

Thank you for the conversation. Could you reply ASAP?

> Can you start ASAP?

Best,
Ana
"""

MULTIPART = """From: Ana Lima <ana@example.com>
To: "Chidi Okonkwo" <chidi@zentrix.example>
Subject: Portfolio
Date: Tue, 10 Mar 2026 18:30:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XYZ"

--XYZ
Content-Type: text/plain; charset=utf-8

Dear Chidi,

I attached my portfolio. Reply ASAP.

--XYZ
Content-Type: application/pdf; name="portfolio.pdf"
Content-Disposition: attachment; filename="portfolio.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K
--XYZ--
"""


def test_eml_headers_become_metadata() -> None:
    meta = read("a.eml", EML).meta
    assert meta.sent == datetime(2026, 3, 10, 18, 30, tzinfo=UTC)
    assert meta.sent_is_now is False
    assert meta.interview_date == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    assert meta.interviewers == ("Chidi Okonkwo",)
    assert meta.company == "Zentrix"
    assert meta.role == "Platform Engineer"
    assert meta.attachments == ()


def test_eml_regions_and_masking(rule_pack: RulePack) -> None:
    doc = read("a.eml", EML)
    assert region_text(doc, "subject") == "Thank you, reply ASAP"
    assert region_text(doc, "greeting") == "Dear Chidi,"
    assert masked(doc, "From: Ana Lima")
    assert masked(doc, "Can you start ASAP?")
    # the quoted question is not linted; the body and the subject are
    assert urgency(doc, rule_pack) == [(3, 27, 3, 31, "ASAP"), (13, 49, 13, 53, "ASAP")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_eml_multipart_with_attachment(newline: str, rule_pack: RulePack) -> None:
    doc = read("m.eml", MULTIPART.replace("\n", newline))
    assert doc.meta.attachments == ("portfolio.pdf",)
    assert doc.meta.interviewers == ("Chidi Okonkwo",)
    assert masked(doc, "JVBERi0x")
    assert masked(doc, "Content-Disposition")
    assert region_text(doc, "greeting") == "Dear Chidi,"
    assert urgency(doc, rule_pack) == [(13, 32, 13, 36, "ASAP")]


def test_eml_crlf_positions_equal_lf(rule_pack: RulePack) -> None:
    lf = read("a.eml", EML)
    crlf = read("a.eml", EML.replace("\n", "\r\n"))
    assert urgency(crlf, rule_pack) == urgency(lf, rule_pack)
    assert crlf.meta == lf.meta


def test_eml_multipart_alternative_without_attachment() -> None:
    text = (
        "From: a@example.com\nTo: Chidi <c@example.com>\nDate: Tue, 10 Mar 2026 18:30:00 +0000\n"
        'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nHi Chidi,\n\nThanks.\n\n"
        "--B\nContent-Type: text/html\n\n<p>Hi Chidi,</p><p>Thanks.</p>\n--B--\n"
    )
    doc = read("a.eml", text)
    assert doc.meta.attachments == ()
    assert region_text(doc, "greeting") == "Hi Chidi,"
    assert masked(doc, "<p>Hi Chidi,</p>")


def test_eml_quoted_printable_text_is_decoded_and_positioned_in_the_file(
    rule_pack: RulePack,
) -> None:
    text = (
        "From: a@example.com\nTo: Chidi <c@example.com>\nContent-Type: text/plain\n"
        "Content-Transfer-Encoding: quoted-printable\n\nHi Chidi,\n\nA=\nSAP=20\n"
    )
    doc = read("a.eml", text)
    assert doc.warnings == ()
    assert urgency(doc, rule_pack) == [(8, 1, 9, 4, "A=\nSAP")]
