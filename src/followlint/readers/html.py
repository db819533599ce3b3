"""HTML e-mail drafts and templates: only the visible text is linted, in place.

The source is parsed with the standard library's html.parser; every tag, comment, entity,
style or script block and hidden element is masked, so offsets of visible words stay offsets
in the file as written. Block elements (p, div, br, li, tr, headings...) become the logical
lines on which the greeting and sign-off are found. Quoted history (blockquote, Gmail,
Outlook and Yahoo quote containers) is not the writer's and is masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser

from followlint.document import Source
from followlint.metadata import MetadataError, metadata_from_mapping
from followlint.model import Span
from followlint.positions import LineIndex

_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_HIDDEN = frozenset({"script", "style", "head", "title", "template", "xml", "noscript"})
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
_QUOTE_CLASS_RE = re.compile(
    r"gmail_quote|gmail_attr|yahoo_quoted|moz-cite-prefix|OutlookMessageHeader"
)
_QUOTE_ID_RE = re.compile(r"divRplyFwdMsg|appendonsend|yahoo_quoted", re.I)
_HIDDEN_STYLE_RE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I
)


@dataclass(frozen=True, slots=True)
class Visible:
    """What the parse found: masked spans, block lines and the <title> text, all in the file."""

    masked: tuple[Span, ...]
    blocks: tuple[Span, ...]
    title: Span | None
    title_parts: tuple[Span, ...] = ()


class _Scanner(HTMLParser):
    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self._index = LineIndex(text)
        self._base = base
        self.visible: list[Span] = []
        self.blocks: list[Span] = []
        self.title: Span | None = None
        self.title_parts: list[Span] = []
        self._pending: list[Span] = []
        self._hidden: list[str] = []  # stack of open tags that hide their content
        self._quoted_rest = False  # a reply's history container: the rest is not the writer's
        self._in_title = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._base + self._index.line_start(line) + column

    def _flush(self) -> None:
        if self._pending:
            self.blocks.append(Span(self._pending[0].start, self._pending[-1].end))
            self._pending = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _BLOCK:
            self._flush()
        if _QUOTE_CLASS_RE.search(values.get("class", "")) or _QUOTE_ID_RE.search(
            values.get("id", "")
        ):
            self._quoted_rest = True
        if tag == "title":
            self._in_title = True
        if tag in _VOID:
            return
        hidden = tag in _HIDDEN or tag == "blockquote"
        if hidden or _HIDDEN_STYLE_RE.search(values.get("style", "")) or "hidden" in values:
            self._hidden.append(tag)
        elif self._hidden:
            self._hidden.append("")  # nested inside a hidden element: keep the stack balanced

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self._flush()
        if tag == "title":
            self._in_title = False
        if tag in _VOID or not self._hidden:
            return
        # Close up to the matching hidden element (HTML in the wild leaves tags open).
        if tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass
        elif self._hidden[-1] == "":
            self._hidden.pop()

    def handle_data(self, data: str) -> None:
        start = self._offset()
        end = start + len(data)
        stripped = data.strip()
        lead = len(data) - len(data.lstrip())
        if self._in_title and stripped:
            self.title_parts.append(Span(start, end))
            first = self.title.start if self.title else start + lead
            self.title = Span(first, start + lead + len(stripped))
        if self._hidden or self._quoted_rest or not stripped:
            return
        self.visible.append(Span(start, end))
        self._pending.append(Span(start + lead, start + lead + len(stripped)))

    def close(self) -> None:
        super().close()
        self._flush()


def scan(text: str, start: int, end: int, keep_title: bool = False) -> Visible:
    """Parse text[start:end] as HTML; return what to mask, the block lines and the title.

    With `keep_title` the <title> text is left unmasked (it is the template's subject line).
    """
    from followlint.readers import InputError

    scanner = _Scanner(text[start:end], start)
    try:
        scanner.feed(text[start:end])
        scanner.close()
    except Exception as exc:  # html.parser is lenient; anything it still refuses is bad input
        raise InputError(f"HTML could not be parsed: {exc}") from None
    masked: list[Span] = []
    pos = start
    shown = scanner.visible
    if keep_title:
        shown = sorted([*shown, *scanner.title_parts])
    for span in shown:
        if span.start > pos:
            masked.append(Span(pos, span.start))
        pos = max(pos, span.end)
    if pos < end:
        masked.append(Span(pos, end))
    return Visible(tuple(masked), tuple(scanner.blocks), scanner.title, tuple(scanner.title_parts))


def read(text: str, now: datetime | None) -> Source:
    """Read an .html draft or e-mail template: optional front matter, then HTML."""
    from followlint.readers import InputError, template
    from followlint.readers.plain import split_front_matter

    raw, front = split_front_matter(text)
    try:
        meta = metadata_from_mapping(raw, now)
    except MetadataError as exc:
        raise InputError(f"front matter: {exc}") from None
    start = front.end if front else (1 if text.startswith("\ufeff") else 0)
    visible = scan(text, start, len(text), keep_title=True)
    excluded = ((Span(0, front.end),) if front else ()) + visible.masked
    # The <title> is the subject; the message proper starts after it.
    content_start = visible.title.end if visible.title else start
    source = Source(
        text=text,
        meta=meta,
        excluded=excluded,
        content=Span(content_start, len(text)),
        subject=visible.title,
        blocks=visible.blocks,
        kind="html",
    )
    # Front matter that declares `variables:` makes the file a template.
    return template.mark(source, start) if meta.variables is not None else source
