"""Readers turn a file's bytes into a Source: decoded text, metadata and what to exclude.

One reader per format, chosen by file suffix; every reader keeps offsets in the file as written.
"""

from __future__ import annotations

from datetime import datetime

from followlint.document import Document, Source


class InputError(ValueError):
    """A file that cannot be read as a draft; the message says why in one line."""


#: Suffixes linted when a directory is walked, and the reader each one uses.
READERS: dict[str, str] = {
    ".md": "plain",
    ".markdown": "plain",
    ".txt": "plain",
    ".text": "plain",
    ".eml": "eml",
}


def decode(data: bytes) -> str:
    """Decode UTF-8 (a BOM is kept as U+FEFF so offsets match the file); refuse binary data."""
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes); not a draft")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


def read_source(name: str, data: bytes, now: datetime | None) -> Source:
    """Read one file's bytes into a Source, choosing the reader by suffix (plain text default)."""
    from followlint.readers import eml, plain

    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    kind = READERS.get(suffix, "plain")
    text = decode(data)
    if kind == "eml":
        return eml.read(text, now)
    return plain.read(text, now, markdown=suffix in {".md", ".markdown"})


def read_document(name: str, data: bytes, now: datetime | None) -> Document:
    """Read one file into a Document ready for linting."""
    return Document(read_source(name, data, now), path=name)
