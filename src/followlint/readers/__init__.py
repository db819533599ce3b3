"""Readers turn a file's bytes into a Source: decoded text, metadata and what to exclude.

One reader per format, chosen by file suffix; every reader keeps offsets in the file as written.
"""

from __future__ import annotations

import re
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
    ".html": "html",
    ".htm": "html",
    **dict.fromkeys(
        (".j2", ".jinja", ".jinja2", ".liquid", ".hbs", ".handlebars", ".mustache", ".tmpl"),
        "template",
    ),
}


_CHARSET_RE = re.compile(rb"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.I)


def decode(data: bytes, email: bool = False) -> str:
    """Decode UTF-8 (a BOM is kept as U+FEFF so offsets match the file); refuse binary data.

    An e-mail file that is not UTF-8 is decoded with the charset its parts declare, so
    offsets are code points of the file read in that charset.
    """
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes); not a draft")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = [c.decode("ascii").lower() for c in _CHARSET_RE.findall(data)] if email else []
        charset = next((c for c in declared if c not in {"utf-8", "utf8", "us-ascii"}), None)
        if charset is not None:
            try:
                return data.decode(charset)
            except LookupError:
                raise InputError(f"declares charset '{charset}', which cannot be decoded") from None
            except UnicodeDecodeError:
                raise InputError(f"is not valid {charset} text, as its header declares") from None
        raise InputError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


def _suffix(name: str) -> str:
    return name[name.rfind(".") :].lower() if "." in name else ""


def read_source(name: str, data: bytes, now: datetime | None) -> Source:
    """Read one file's bytes into a Source, choosing the reader by suffix (plain text default).

    A template suffix wraps the format named by the suffix before it: `note.md.j2` is a
    Markdown template, `mail.html.hbs` an HTML one, a bare `note.j2` plain text.
    """
    from followlint.readers import eml, html, plain, template

    is_template = READERS.get(_suffix(name)) == "template"
    inner = name[: name.rfind(".")] if is_template else name
    suffix = _suffix(inner)
    kind = READERS.get(suffix, "plain")
    text = decode(data, email=kind == "eml")

    def reader(text: str, now: datetime | None) -> Source:
        if kind == "eml":
            return eml.read(text, now)
        if kind == "html":
            return html.read(text, now)
        return plain.read(text, now, markdown=suffix in {".md", ".markdown"})

    return template.read(text, now, reader) if is_template else reader(text, now)


def read_document(name: str, data: bytes, now: datetime | None) -> Document:
    """Read one file into a Document ready for linting."""
    return Document(read_source(name, data, now), path=name)
