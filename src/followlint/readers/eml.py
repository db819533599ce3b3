"""E-mail drafts (RFC 5322 / MIME): headers become metadata, the first text part is linted.

Offsets stay in the file as written: the linted part is a slice of the raw text, and every
other byte (headers, other parts, attachments) is excluded. The writer's part is the first
text/plain part, else the first text/html part (its visible text only). A part sent as
quoted-printable or base64 is decoded and linted; its Source carries an Origin through which
the engine maps findings back into the file as written (see followlint.origin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.parser import HeaderParser
from email.policy import EmailPolicy
from email.policy import default as default_policy
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from followlint.document import Source
from followlint.metadata import MetadataError, metadata_from_mapping
from followlint.model import Span
from followlint.origin import Origin
from followlint.positions import LineIndex
from followlint.readers import encoded, html

_BLANK_LINE_RE = re.compile(r"\r?\n\r?\n")
_IN_PLACE_ENCODINGS = {"", "7bit", "8bit", "binary"}
_DECODED_ENCODINGS = {"quoted-printable", "base64"}
_FIRST_LINE_RE = re.compile(r"[^\s][^\r\n]*")
_HEADER_LINE_RE = re.compile(r"[!-9;-~]+[ \t]*:")


#: Headers this reader only reads as text. Without encoded words, the text of the parsed
#: header is the unfolded value itself, so parsing them is skipped (a third of reading a file).
_TEXT_HEADERS = frozenset({"date", "x-interview-date", "x-company", "x-role", "x-promised"})
_PLAIN_NAME = r"[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*)*"
_PLAIN_ADDRESS = r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
#: A "To:" list of plain "Name <address>" entries: the names read from the raw text are the
#: names the parsed header gives; anything else (quotes, comments, groups) is parsed.
_PLAIN_ADDRESSES_RE = re.compile(
    rf"{_PLAIN_NAME} <{_PLAIN_ADDRESS}>(?:, {_PLAIN_NAME} <{_PLAIN_ADDRESS}>)*"
)


def _unfolded(value: str) -> str:
    """The header value on one line, as EmailPolicy joins it before parsing."""
    return value.replace("\r", "").replace("\n", "")


@lru_cache(maxsize=1024)
def _parsed_header(name: str, value: str) -> str:
    try:
        parsed: str = default_policy.header_fetch_parse(name, value)
    except Exception:
        # The standard parser can fail on a malformed value (a TypeError on "To: a@b.example,
        # .x@b.example" in Python 3.11): read such a header as its unfolded text instead.
        return _unfolded(value)
    return parsed


class _Policy(EmailPolicy):
    """`email.policy.default`, remembering each header it parses.

    A message is asked for its Content-Type several times (type, main type, boundary, file
    name), and the default policy parses the header again on every ask. Parsed headers are
    read-only values, so one parse can serve every ask.
    """

    def header_fetch_parse(self, name: str, value: str) -> str:
        """The header object for a raw value, parsed once; a plain text header as its text."""
        if hasattr(value, "name"):
            return value
        lowered = name.lower()
        if lowered in _TEXT_HEADERS or lowered == "to":
            text = _unfolded(value)
            plain = text.isascii() and "=?" not in text
            if plain and (lowered != "to" or _PLAIN_ADDRESSES_RE.fullmatch(text)):
                return text
        return _parsed_header(name, value)


_POLICY = _Policy()


@dataclass(frozen=True, slots=True)
class _Part:
    headers: Message
    body: Span


def _header_block(text: str, start: int, end: int) -> tuple[Message, int]:
    """Parse the header block at `start`; return the headers and where the body begins."""
    m = _BLANK_LINE_RE.search(text, start, end)
    head_end = m.start() if m else end
    body_start = m.end() if m else end
    headers = HeaderParser(policy=_POLICY).parsestr(text[start:head_end] + "\n")
    return headers, body_start


def _parts(text: str, headers: Message, body: Span, depth: int = 0) -> list[_Part]:
    """Walk a MIME entity in place and return its leaf parts with their body spans."""
    if headers.get_content_maintype() != "multipart" or depth > 20:
        return [_Part(headers, body)]
    boundary = headers.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        return [_Part(headers, body)]
    delimiter = re.compile(r"^--" + re.escape(boundary) + r"(--)?[ \t]*\r?$", re.M)
    leaves: list[_Part] = []
    part_start: int | None = None
    for m in delimiter.finditer(text, body.start, body.end):
        if part_start is not None:
            part_end = max(part_start, m.start() - 1)
            if text[part_end - 1 : part_end] == "\r":
                part_end -= 1
            sub_headers, sub_body = _header_block(text, part_start, part_end)
            leaves.extend(_parts(text, sub_headers, Span(sub_body, part_end), depth + 1))
        if m.group(1):
            break
        part_start = min(m.end() + 1, body.end)
    return leaves


def _is_attachment(part: _Part) -> bool:
    disposition = (part.headers.get("Content-Disposition") or "").lower()
    if disposition.startswith("attachment") or part.headers.get_filename():
        return True
    return part.headers.get_content_maintype() not in {"text", "multipart"}


def _display_names(value: str | None) -> tuple[str, ...]:
    names = []
    for name, _address in getaddresses([value or ""]):
        name = name.strip().strip('"')
        # The contract: the display name is the interviewer; a bare address names no one.
        if name:
            names.append(name)
    return tuple(names)


def read(text: str, now: datetime | None) -> Source:
    """Read an .eml draft into a Source."""
    from followlint.readers import InputError

    start = 1 if text.startswith("\ufeff") else 0
    headers, body_start = _header_block(text, start, len(text))
    if headers.keys():
        _check_header_lines(text, start, body_start)
    else:
        raise InputError("has no e-mail headers (expected 'From:', 'To:', 'Date:' ...)")
    raw: dict[str, object] = {}
    date = headers.get("Date")
    if date:
        try:
            raw["sent"] = parsedate_to_datetime(str(date))
        except (TypeError, ValueError):
            raise InputError(f"'Date:' header is not an RFC 5322 date: {date!s}") from None
    interviewers = _display_names(str(headers.get("To") or ""))
    if interviewers:
        raw["interviewers"] = list(interviewers)
    for header, key in (
        ("X-Interview-Date", "interview_date"),
        ("X-Company", "company"),
        ("X-Role", "role"),
    ):
        value = headers.get(header)
        if value:
            raw[key] = str(value).strip()
    promised = headers.get("X-Promised")
    if promised:
        raw["promised"] = [p.strip() for p in str(promised).split(",") if p.strip()]
    leaves = _parts(text, headers, Span(body_start, len(text)))
    attachments = [p for p in leaves if _is_attachment(p)]
    raw["attachments"] = [
        p.headers.get_filename() or p.headers.get_content_type() for p in attachments
    ]
    try:
        meta = metadata_from_mapping(raw, now)
    except MetadataError as exc:
        raise InputError(f"headers: {exc}") from None
    writer = _writer(leaves)
    if writer is None:
        raise InputError(_no_text_reason(headers, leaves))
    subject = _subject_span(text, start, body_start)
    text, content, origin, notice = _writer_text(text, writer)
    masked: tuple[Span, ...] = ()
    blocks: tuple[Span, ...] = ()
    if content is None:
        content = Span(len(text), len(text))
    elif not text[content.start : content.end].strip():
        raise InputError("has no message body: the text part is empty")
    elif writer.headers.get_content_type() == "text/html":
        visible = html.scan(text, content.start, content.end)
        masked, blocks = visible.masked, visible.blocks
    kept = sorted(s for s in (subject, content) if s is not None)
    excluded, pos = [], 0
    for span in kept:
        if span.start > pos:
            excluded.append(Span(pos, span.start))
        pos = max(pos, span.end)
    excluded.append(Span(pos, len(text)))
    return Source(
        text=text,
        meta=meta,
        excluded=(*excluded, *masked),
        content=content,
        subject=subject,
        markdown=False,
        warnings=(notice,) if notice else (),
        blocks=blocks,
        kind="email",
        origin=origin,
    )


def _writer_text(text: str, part: _Part) -> tuple[str, Span | None, Origin | None, str | None]:
    """The text to lint, the writer's body in it, its way back to the file, and any notice.

    A body sent as 7bit/8bit is linted in place. A quoted-printable or base64 body is decoded:
    the text to lint is then the file with that body replaced by its decoded text, and the
    Origin maps findings back. A body that cannot be decoded is not linted (span None) and
    the notice says why.
    """
    body = part.body
    encoding = str(part.headers.get("Content-Transfer-Encoding") or "").strip().lower()
    if encoding in _IN_PLACE_ENCODINGS:
        return text, body, None, None
    line = text.count("\n", 0, body.start) + 1
    if encoding not in _DECODED_ENCODINGS:
        why = f"is {encoding}-encoded, which followlint cannot decode"
        return text, None, None, f"the text part (line {line}) {why}, so it was not linted"
    try:
        charset = part.headers.get_content_charset()
        decode = encoded.quoted_printable if encoding == "quoted-printable" else encoded.base64_text
        decoded = decode(text, body.start, body.end, charset)
    except encoded.DecodeError as exc:
        return text, None, None, f"the text part (line {line}) {exc}, so it was not linted"
    if "\x00" in decoded.text:
        why = f"is {encoding}-encoded binary data (it decodes to NUL characters)"
        return text, None, None, f"the text part (line {line}) {why}, so it was not linted"
    lint_text = text[: body.start] + decoded.text + text[body.end :]
    region = Span(body.start, body.start + len(decoded.text))
    pointer = None
    if encoding == "base64":
        first = _FIRST_LINE_RE.search(text, body.start, body.end)
        pointer = Span(first.start(), first.end()) if first else Span(body.start, body.start)
    origin = Origin(
        text=text,
        lines=LineIndex(text),
        decoded=region,
        encoded=body,
        encoding=encoding,
        starts=decoded.starts,
        ends=decoded.ends,
        pointer=pointer,
        decoded_lines=LineIndex(decoded.text) if pointer is not None else None,
    )
    return lint_text, region, origin, None


def _writer(leaves: list[_Part]) -> _Part | None:
    """The writer's own text: the first text/plain part, else the first text/html part."""
    for content_type in ("text/plain", "text/html"):
        for part in leaves:
            if not _is_attachment(part) and part.headers.get_content_type() == content_type:
                return part
    return None


def _no_text_reason(headers: Message, leaves: list[_Part]) -> str:
    if headers.get_content_maintype() == "multipart":
        boundary = headers.get_param("boundary")
        if not isinstance(boundary, str) or not boundary:
            return "is multipart but its Content-Type has no boundary; the MIME structure is broken"
        if not leaves:
            return (
                f"is multipart but its boundary '{boundary}' never appears; "
                "the MIME structure is broken"
            )
    return "has no text/plain or text/html part to lint"


def _check_header_lines(text: str, start: int, end: int) -> None:
    """Refuse a header block with a line that is neither a header nor a continuation."""
    from followlint.readers import InputError

    for number, line in enumerate(text[start:end].splitlines(), 1):
        if number == 1 and line.startswith("From "):
            continue  # an mbox separator line
        if line and not line[0].isspace() and not _HEADER_LINE_RE.match(line):
            raise InputError(
                f"header line {number} is not a 'Name: value' header: {line[:60]!r} "
                "(headers end at the first blank line)"
            )


def _subject_span(text: str, start: int, end: int) -> Span | None:
    m = re.compile(r"^Subject:[ \t]*([^\r\n]*)", re.M | re.I).search(text, start, end)
    return Span(m.start(1), m.end(1)) if m else None
