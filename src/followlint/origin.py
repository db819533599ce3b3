"""Decoded text linted in place of an encoded part, and the way back to the file as written.

An e-mail part sent as quoted-printable or base64 is linted after decoding. Its reader builds
the *lint text* (the file with that part's body replaced by the decoded text) and an Origin
that maps every offset of the decoded text back into the file. Rules and proofreaders work on
the lint text as on any other; the engine then relocates their findings through the Origin,
so every reported position is still a code-point position in the file as written.

Quoted-printable maps exactly: a decoded character points at its whole encoded run (`=E2=80=99`
for one apostrophe). Base64 cannot: every position in it points at the first encoded line,
and the message says where in the decoded body the problem is. A fix is never offered on an
e-mail with an encoded part, since an edit of the decoded words cannot be written back as is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from followlint.model import Finding, Span
from followlint.positions import LineIndex


@dataclass(frozen=True, slots=True)
class Origin:
    """How offsets of a lint text with one decoded region map to the file as written."""

    #: The file as written, and its line index.
    text: str
    lines: LineIndex
    #: The decoded body's span in the lint text, and the encoded body's span in the file.
    decoded: Span
    encoded: Span
    encoding: str
    #: Quoted-printable: where each decoded character's encoding starts and ends in the file.
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    #: Base64: the span every decoded position points at (the first encoded line), and the
    #: decoded body's own lines, for saying where in it a finding is.
    pointer: Span | None = None
    decoded_lines: LineIndex | None = None

    def file_offset(self, offset: int, end: bool = False) -> int:
        """Map an offset of the lint text (a span's end when `end`) to an offset in the file."""
        region = self.decoded
        if offset < region.start or (end and offset == region.start):
            return offset  # before the decoded body the two texts are the same
        if offset > region.end or (not end and offset == region.end):
            return offset - region.end + self.encoded.end
        if self.pointer is not None:
            return self.pointer.end if end else self.pointer.start
        index = offset - region.start
        if end:
            return self.ends[index - 1]
        return self.starts[index]

    def touches(self, span: Span) -> bool:
        """Whether a lint-text span lies (partly) in the decoded region."""
        region = self.decoded
        if span.start == span.end:
            return region.start <= span.start < region.end
        return span.start < region.end and span.end > region.start

    def relocate(self, finding: Finding) -> Finding:
        """The finding with its span, line/column and matched text in the file, and no fixes.

        The message, rendered from the decoded words, says how the position is given.
        """
        start = self.file_offset(finding.span.start)
        end = max(start, self.file_offset(finding.span.end, end=True))
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(end)
        message = finding.message
        if self.touches(finding.span):
            message += self._where(finding, start, end)
        return replace(
            finding,
            span=Span(start, end),
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            message=message,
            match=self.text[start:end],
            fixes=(),
        )

    def _where(self, finding: Finding, start: int, end: int) -> str:
        """How the position is given, for a finding inside the decoded body."""
        if self.decoded_lines is not None:
            offset = max(0, finding.span.start - self.decoded.start)
            line, column = self.decoded_lines.position(offset)
            return f" (in the decoded base64 body, line {line} column {column})"
        if finding.match and self.text[start:end] != finding.match:
            return " (the position covers its quoted-printable encoding)"
        return ""
