"""Markdown and plain-text drafts: optional YAML front matter, then the message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

import yaml

from followlint.document import Source
from followlint.metadata import MetadataError, metadata_from_mapping
from followlint.model import Span

_FRONT_MATTER_RE = re.compile(r"\A(\ufeff?)---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_SUBJECT_RE = re.compile(r"[ \t]*(?:Subject(?: line)?|Re)[ \t]*:[ \t]*([^\r\n]*)", re.I)


class _FrontMatterLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so metadata errors can name their key."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str) -> tuple[dict[str, object], Span | None]:
    """Return the parsed front matter and its span (None when the draft has none)."""
    from followlint.readers import InputError

    m = _FRONT_MATTER_RE.match(text)
    if not m:
        if re.match(r"\A\ufeff?---[ \t]*\r?\n", text):
            raise InputError("front matter starts with '---' but has no closing '---' line")
        return {}, None
    try:
        data = yaml.load(m.group(2), Loader=_FrontMatterLoader)
    except (yaml.YAMLError, ValueError) as exc:
        if not isinstance(exc, yaml.YAMLError):
            raise InputError(f"front matter has an impossible value: {exc}") from None
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"front matter is not valid YAML{where}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError("front matter must be a YAML mapping of keys to values")
    return dict(data), Span(0, m.end())


def read(text: str, now: datetime | None, markdown: bool) -> Source:
    """Read a .md/.txt draft: front matter becomes metadata, a leading Subject line the subject."""
    from followlint.readers import InputError, template

    raw, front = split_front_matter(text)
    try:
        meta = metadata_from_mapping(raw, now)
    except MetadataError as exc:
        raise InputError(f"front matter: {exc}") from None
    start = front.end if front else (1 if text.startswith("\ufeff") else 0)
    subject = None
    content_start = start
    m = _SUBJECT_RE.match(text, start) if not text[start:].lstrip().startswith("---") else None
    if m is None:
        stripped = len(text[start:]) - len(text[start:].lstrip(" \t\r\n"))
        m = _SUBJECT_RE.match(text, start + stripped)
    if m:
        subject = Span(m.start(1), m.end(1))
        content_start = m.end()
    excluded = (Span(0, front.end),) if front else ()
    source = Source(
        text=text,
        meta=meta,
        excluded=excluded,
        content=Span(content_start, len(text)),
        subject=subject,
        markdown=markdown,
        kind="markdown" if markdown else "text",
    )
    # Front matter that declares `variables:` makes any draft a template.
    return template.mark(source, start) if meta.variables is not None else source
