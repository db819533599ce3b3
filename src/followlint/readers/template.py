"""Templates (Jinja, Liquid, Mustache/Handlebars, Go): placeholders are expected, not errors.

A template file wraps an inner format (`note.md.j2` is Markdown, `mail.html.hbs` is HTML).
Its tags are found here, blanked (same length) while the inner reader parses the file, and
handed to the Document as placeholders, which prose rules and proofreaders never see. The
scan also records broken delimiters for `customization.template-syntax`. Partials and layouts
(see `is_partial`) are read the same way but marked as fragments of a message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import PurePath

from followlint.document import Source
from followlint.model import Span

#: Template suffixes and their dialect (how blocks and variables are written).
DIALECTS: dict[str, str] = {
    ".j2": "jinja",
    ".jinja": "jinja",
    ".jinja2": "jinja",
    ".liquid": "jinja",
    ".hbs": "mustache",
    ".handlebars": "mustache",
    ".mustache": "mustache",
    ".tmpl": "go",
    ".gotmpl": "go",
}
#: Folders whose templates are fragments (partials, includes, layouts), not whole messages.
PARTIAL_FOLDERS = frozenset({"partials", "_partials", "_includes", "layouts", "_layouts"})
CLOSER = {"{{{": "}}}", "{{": "}}", "{%": "%}", "{#": "#}"}
#: Delimiters in words: rule messages are format strings, where a brace is syntax.
SAID = {
    "{{{": "triple braces",
    "}}}": "triple braces",
    "{{": "double braces",
    "}}": "double braces",
    "{%": "brace-percent",
    "%}": "percent-brace",
    "{#": "brace-hash",
    "#}": "hash-brace",
    "--}}": "dashes and double braces",
}
_OPEN_RE = re.compile(r"\{\{\{|\{\{|\{%|\{#")
_DELIM_RE = re.compile(r"\}\}\}|\}\}|%\}|#\}|\{\{|\{%|\{#")
_PARAGRAPH_RE = re.compile(r"\n[ \t\r]*\n")
_STRAY_RE = re.compile(r"(?<![{\w])\{[ \t]*[A-Za-z_][\w.]*[ \t]*\}\}|\}\}|%\}")
#: CSS and scripts use braces of their own: a stray "}}" there is not a template problem.
_CODE_RE = re.compile(r"<(style|script)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)


@dataclass(frozen=True, slots=True)
class Tag:
    """One template tag: its span (delimiters included), opener and inner text."""

    span: Span
    opener: str
    inner: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A delimiter the scan could not pair, with a short description and what to mask."""

    span: Span
    what: str


@dataclass(frozen=True, slots=True)
class Scan:
    """The tags and delimiter problems of one template text."""

    tags: tuple[Tag, ...]
    problems: tuple[Problem, ...]

    def spans(self) -> tuple[Span, ...]:
        """Everything that is template syntax (tags and broken tags): masked for prose rules."""
        return tuple(sorted([t.span for t in self.tags] + [p.span for p in self.problems]))


def dialect_for(name: str) -> str | None:
    """The dialect of a template file name, or None for a file that is not a template."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return DIALECTS.get(suffix)


def scan(text: str, start: int, end: int) -> Scan:
    """Find the tags in text[start:end] and every opener or closer that does not pair up."""
    tags: list[Tag] = []
    problems: list[Problem] = []
    code = [Span(c.start(), c.end()) for c in _CODE_RE.finditer(text, start, end)]
    pos = start
    while True:
        m = _OPEN_RE.search(text, pos, end)
        gap_end = m.start() if m else end
        for stray in _STRAY_RE.finditer(text, pos, gap_end):
            if any(c.start <= stray.start() < c.end for c in code):
                continue
            what = "opens with a single brace" if stray.group()[0] == "{" else "closes nothing"
            problems.append(Problem(Span(stray.start(), stray.end()), what))
        if m is None:
            break
        opener, expected = m.group(), CLOSER[m.group()]
        if opener == "{{" and text.startswith("{{!--", m.start()):
            expected = "--}}"
        limit = _PARAGRAPH_RE.search(text, m.end(), end)
        stop = limit.start() if limit else end
        if expected == "--}}":
            close = text.find("--}}", m.end(), stop)
            found = "--}}" if close >= 0 else None
        else:
            c = _DELIM_RE.search(text, m.end(), stop)
            found, close = (c.group(), c.start()) if c else (None, -1)
        if found is None or found in CLOSER:
            single = text.find("}", m.end(), close if close >= 0 else stop)
            line_end = text.find("\n", m.end(), stop)
            if single >= 0 and (line_end < 0 or single < line_end):
                problems.append(Problem(Span(m.start(), single + 1), "closes with a single brace"))
                pos = single + 1
            else:
                tail = line_end if line_end >= 0 else stop
                what = f"is never closed (it opens with {SAID[opener]})"
                problems.append(Problem(Span(m.start(), tail), what))
                pos = tail
            continue
        span = Span(m.start(), close + len(found))
        if found != expected:
            problems.append(
                Problem(span, f"opens with {SAID[opener]} but closes with {SAID[found]}")
            )
        else:
            tags.append(Tag(span, opener, text[m.end() : close]))
        pos = span.end
    return Scan(tuple(tags), tuple(problems))


def blank(text: str, spans: tuple[Span, ...]) -> str:
    """The text with every span replaced by spaces (line breaks kept): same length."""
    parts, pos = [], 0
    for span in spans:
        parts.append(text[pos : span.start])
        parts.append(re.sub(r"[^\r\n]", " ", text[span.start : span.end]))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def mark(source: Source, start: int) -> Source:
    """Return the source as a template: its tags (from `start`) become expected placeholders."""
    found = scan(source.text, start, len(source.text))
    return replace(source, placeholders=found.spans(), template=True)


def is_partial(name: str) -> bool:
    """Whether a template file is a partial or layout by convention, not a whole message.

    That is a file name starting with `_` (Jinja, Handlebars, Liquid, Sass...) or a file
    anywhere under a folder named partials, _partials, _includes, layouts or _layouts.
    """
    parts = PurePath(name.replace("\\", "/")).parts
    if not parts:
        return False
    return parts[-1].startswith("_") or any(p.lower() in PARTIAL_FOLDERS for p in parts[:-1])


def read(
    text: str, now: datetime | None, inner: Callable[[str, datetime | None], Source]
) -> Source:
    """Read a template: blank its tags, let the inner format's reader parse it, restore text."""
    from followlint.readers.plain import split_front_matter

    _, front = split_front_matter(text)
    start = front.end if front else 0
    found = scan(text, start, len(text))
    source = inner(blank(text, found.spans()), now)
    return replace(source, text=text, placeholders=found.spans(), template=True)
