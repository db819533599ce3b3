"""Readers turn a file's bytes into a Source: decoded text, metadata and what to exclude.

One reader per format, chosen by file suffix; every reader keeps offsets in the file as written.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
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

#: The largest draft linted, in MB (10^6 bytes): a thousand times a long note. Every rule is
#: linear, but a full run costs seconds per MB, and a file this big is a log or an export
#: that landed in the drafts folder, not a message.
MAX_DRAFT_MB = 10


#: Byte-order marks of the wide Unicode encodings (UTF-32 first: its LE mark starts FF FE).
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """Name the UTF-16 or UTF-32 encoding of text saved that way, or None.

    Without a byte-order mark, UTF-16 text in a Latin script has a NUL in every other byte
    (the high byte of each code unit) and almost none in the others; binary data does not.
    """
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    sample = data[: min(len(data), 8192) & ~1]
    units = len(sample) // 2
    if units < 2:
        return None
    evens, odds = sample[0::2].count(0), sample[1::2].count(0)
    for high, low, codec in ((odds, evens, "utf-16-le"), (evens, odds, "utf-16-be")):
        if high * 2 >= units and low * 50 <= units:
            try:  # incremental: the sample may end inside a surrogate pair
                codecs.getincrementaldecoder(codec)().decode(sample, final=False)
            except UnicodeDecodeError:
                continue
            return "UTF-16"
    return None


def decode(data: bytes, email: bool = False) -> str:
    """Decode UTF-8 (a BOM is kept as U+FEFF so offsets match the file); refuse binary data.

    An e-mail file that is not UTF-8 is decoded with the charset its parts declare, so
    offsets are code points of the file read in that charset.
    """
    if len(data) > MAX_DRAFT_MB * 1_000_000:
        raise InputError(
            f"is {len(data) / 1_000_000:.1f} MB; followlint lints drafts up to {MAX_DRAFT_MB} MB"
        )
    wide = _wide_encoding(data)
    if wide is not None:
        raise InputError(f"is {wide} encoded; save it as UTF-8")
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


def read_source(name: str, data: bytes, now: datetime | None, as_template: bool = False) -> Source:
    """Read one file's bytes into a Source, choosing the reader by suffix (plain text default).

    A template suffix wraps the format named by the suffix before it: `note.md.j2` is a
    Markdown template, `mail.html.hbs` an HTML one, a bare `note.j2` plain text.
    `as_template` reads any file as a template (the config's `templates` globs matched it).
    A template named as a partial or layout (`_footer.hbs`, `partials/...`) is marked as one.
    """
    suffixed = READERS.get(_suffix(name)) == "template"
    is_template = suffixed or as_template
    inner = name[: name.rfind(".")] if suffixed else name
    suffix = _suffix(inner)
    kind = READERS.get(suffix, "plain")
    text = decode(data, email=kind == "eml")

    # Each reader is imported only when a file needs it: a run over .md drafts never loads the
    # e-mail package or the HTML parser.
    def reader(text: str, now: datetime | None) -> Source:
        if kind == "eml":
            from followlint.readers import eml

            return eml.read(text, now)
        if kind == "html":
            from followlint.readers import html

            return html.read(text, now)
        from followlint.readers import plain

        return plain.read(text, now, markdown=suffix in {".md", ".markdown"})

    if not is_template:
        return reader(text, now)
    from followlint.readers import template

    source = template.read(text, now, reader)
    if source.template and template.is_partial(name):
        source = replace(source, partial=True)
    return source


def read_document(
    name: str, data: bytes, now: datetime | None, as_template: bool = False
) -> Document:
    """Read one file into a Document ready for linting."""
    return Document(read_source(name, data, now, as_template), path=name)
