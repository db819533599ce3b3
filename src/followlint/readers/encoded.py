"""Content-Transfer-Encodings decoded with a map back to the encoded text.

Quoted-printable is decoded here rather than by the standard library so that each decoded
character keeps the span of its encoding in the file: `=E2=80=99` becomes one apostrophe that
points at all nine characters, and a soft line break (`=` at the end of a line) vanishes.
Base64 keeps no such map (its characters do not line up with the text they encode).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from dataclasses import dataclass

_HEX = frozenset("0123456789abcdefABCDEF")
_SOFT_BREAK_RE = re.compile(r"[ \t]*(?:\r?\n|\Z)")
_TRAILING_BLANKS_RE = re.compile(r"[ \t]+(?=\r?\n|\Z)")
_WHITESPACE_RE = re.compile(r"\s+")


class DecodeError(ValueError):
    """A part that cannot be decoded; the message says why, to be shown as a notice."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded body; for quoted-printable, where each character is encoded in the file."""

    text: str
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()


def codec_for(charset: str | None) -> str:
    """The codec for a part's declared charset (US-ASCII is read as its superset UTF-8)."""
    name = (charset or "utf-8").strip().lower()
    if name in {"us-ascii", "ascii", "us_ascii"}:
        name = "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise DecodeError(f"declares charset '{name}', which cannot be decoded") from None


class _Builder:
    """Collect decoded characters with the file span of the bytes each came from."""

    def __init__(self, codec: str) -> None:
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        self._pending: int | None = None  # where the bytes not yet decoded began
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def byte(self, value: int, start: int, end: int) -> None:
        if self._pending is None:
            self._pending = start
        out = self._decoder.decode(bytes((value,)))
        self._emit(out, self._pending, end)
        if out:
            self._pending = start if self._decoder.getstate()[0] else None

    def char(self, value: str, start: int, end: int) -> None:
        self.flush(start)
        self._emit(value, start, end)

    def flush(self, at: int) -> None:
        if self._pending is not None:
            self._emit(self._decoder.decode(b"", final=True), self._pending, at)
            self._decoder.reset()
            self._pending = None

    def _emit(self, text: str, start: int, end: int) -> None:
        for ch in text:
            self.chars.append(ch)
            self.starts.append(start)
            self.ends.append(end)


def quoted_printable(text: str, start: int, end: int, charset: str | None) -> Decoded:
    """Decode text[start:end] as quoted-printable, mapping each character to its encoding.

    Lenient as mail readers are: an `=` that starts no escape is kept, and blanks at the end
    of a line (which transports may add) are dropped, as RFC 2045 asks.
    """
    out = _Builder(codec_for(charset))
    pos = start
    while pos < end:
        ch = text[pos]
        if ch == "=":
            pair = text[pos + 1 : min(pos + 3, end)]
            if len(pair) == 2 and set(pair) <= _HEX:
                out.byte(int(pair, 16), pos, pos + 3)
                pos += 3
                continue
            soft = _SOFT_BREAK_RE.match(text, pos + 1, end)
            if soft is not None:
                pos = soft.end()
                continue
            out.byte(ord("="), pos, pos + 1)
            pos += 1
        elif ch in " \t" and (blanks := _TRAILING_BLANKS_RE.match(text, pos, end)):
            pos = blanks.end()
        elif ord(ch) < 0x80 and ch not in "\r\n":
            out.byte(ord(ch), pos, pos + 1)
            pos += 1
        else:
            out.char(ch, pos, pos + 1)  # line breaks, and 8-bit text a sender left unencoded
            pos += 1
    out.flush(end)
    return Decoded("".join(out.chars), tuple(out.starts), tuple(out.ends))


def base64_text(text: str, start: int, end: int, charset: str | None) -> Decoded:
    """Decode text[start:end] as base64 text (no map: positions cannot line up)."""
    codec = codec_for(charset)
    try:
        data = base64.b64decode(_WHITESPACE_RE.sub("", text[start:end]).encode("ascii"))
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise DecodeError("is not valid base64") from None
    return Decoded(data.decode(codec, errors="replace"))
