"""The e-mail reader's shortcut for plain headers reads what parsing them would give.

`followlint.readers.eml._Policy` returns the unfolded text of a plain (ASCII, no encoded
words) Date, X-* or simple "To:" header instead of parsing it. The specification is
`email.policy.default`: Hypothesis compares the text (Date, X-*) and the interviewer names
read from "To:" on generated values, including values the shortcut must leave to the parser.
"""

from __future__ import annotations

from email.policy import default

from hypothesis import given, settings
from hypothesis import strategies as st

from followlint.readers.eml import _PLAIN_ADDRESSES_RE, _POLICY, _TEXT_HEADERS, _display_names

NAME_PARTS = ["Elena", "Ishikawa", "Mary-Jane", "O'Brien", "J.", "Dr", "van", "de", "Jörg", "Ng"]
LOCALS = ["elena", "elena.ishikawa", "j_smith+jobs", "a..b", ".x", "hr-team"]
DOMAINS = ["gannet.example", "example.org", "localhost", "a-b.co.uk", "x."]
ODD = ['"', "(", ")", ",", ";", ":", "=?utf-8?q?J=C3=B6rg?=", "  ", "\r\n ", "\t", "\\", "@"]

name = st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=3).map(" ".join)
address = st.builds(lambda lo, do: f"{lo}@{do}", st.sampled_from(LOCALS), st.sampled_from(DOMAINS))
mailbox = st.one_of(
    st.builds(lambda n, a: f"{n} <{a}>", name, address),
    address,
    st.builds(lambda n, a: f'"{n}" <{a}>', name, address),
)
to_value = st.one_of(
    st.lists(mailbox, min_size=1, max_size=3).map(", ".join),
    st.builds(
        lambda v, odd, at: v[:at] + odd + v[at:],
        st.lists(mailbox, min_size=1, max_size=2).map(", ".join),
        st.sampled_from(ODD),
        st.integers(0, 40),
    ),
)
text_value = st.lists(
    st.sampled_from([*"abcXYZ019 ,:;-.+()\"'\t=?", "\r\n ", "é", "=?utf-8?q?x?="]), max_size=40
).map("".join)


def parsed(header: str, value: str) -> str:
    """What `email.policy.default` reads, or the unfolded text where its parser fails."""
    try:
        return str(default.header_fetch_parse(header, value))
    except Exception:
        return value.replace("\r", "").replace("\n", "")


@settings(max_examples=400, deadline=None)
@given(to_value)
def test_to_names_are_the_parsed_headers_names(value: str) -> None:
    fast = _POLICY.header_fetch_parse("To", value)
    assert _display_names(str(fast)) == _display_names(parsed("To", value))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(_TEXT_HEADERS)), text_value)
def test_text_headers_read_as_the_parsed_headers_text(header: str, value: str) -> None:
    value = value.lstrip(" \t")  # as the parser hands values over
    assert str(_POLICY.header_fetch_parse(header, value)) == parsed(header, value)


def test_the_shortcut_is_taken_for_plain_values_and_only_for_them() -> None:
    plain = "Elena Ishikawa <elena.ishikawa@gannet.example>, Bo Ng <bo@example.org>"
    assert _PLAIN_ADDRESSES_RE.fullmatch(plain)
    assert type(_POLICY.header_fetch_parse("To", plain)) is str
    assert type(_POLICY.header_fetch_parse("Date", "Mon, 03 Mar 2025 13:00:00 +0000")) is str
    for parsed in ('"Ishikawa, Elena" <e@x.example>', "=?utf-8?q?J=C3=B6rg?= <j@x.example>"):
        assert type(_POLICY.header_fetch_parse("To", parsed)) is not str
    assert type(_POLICY.header_fetch_parse("Subject", "Thank you")) is not str


def test_a_to_header_the_standard_parser_fails_on_is_read_as_text() -> None:
    value = "elena@gannet.example, .x@gannet.example"  # TypeError inside email (Python 3.11)
    assert str(_POLICY.header_fetch_parse("To", value)) == value
