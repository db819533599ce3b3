"""The Document: a draft's text, its metadata, what is the writer's own, and where its parts are.

Every offset is a code-point index into the whole file as read (front matter and headers
included). Text that is not the writer's draft (front matter, headers, quoted history, code,
signatures after "-- ", URLs and e-mail addresses, comments) is *masked*: rules see views of
the text of the same length in which those characters are replaced by NUL, so offsets never
shift and patterns never match across a hole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Literal, TypeVar, cast

from followlint.ascii_runs import keeping, runs
from followlint.metadata import Metadata
from followlint.model import Span
from followlint.origin import Origin
from followlint.positions import LineIndex

_T = TypeVar("_T")

Scope = Literal["all", "body", "greeting", "signoff", "subject", "content"]
SCOPES: tuple[str, ...] = ("all", "body", "greeting", "signoff", "subject", "content")

MASK = "\x00"

#: \b(?:https?://|www\.)…, with the boundary as a lookbehind after the first letter: the
#: pattern then starts with h or w and `re` skips between them (a test compares the two).
_URL_RE = re.compile(r"(?:h(?<!\w.)ttps?://|w(?<!\w.)ww\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
#: The part of an e-mail address after its '@'; the part before is found by `_emails`.
_EMAIL_DOMAIN_RE = re.compile(r"[\w-]+(?:\.[\w-]+)+\b>?")
_FENCE_RE = re.compile(
    r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[ \t]*\r?$|\Z)", re.DOTALL | re.MULTILINE
)
_BACKTICKS_RE = re.compile(r"`+")
_QUOTE_LINE_RE = re.compile(r"^[ \t]*>[^\n]*", re.MULTILINE)
_HISTORY_RE = re.compile(
    r"^(?:On [^\n]{0,200}(?:\n[^\n]{0,200})?wrote:[ \t]*\r?$"
    r"|-{2,}[ \t]*(?:Original Message|Forwarded message)[^\n]*$"
    r"|From:[^\n]*\r?\n(?:Sent|Date):[^\n]*$)",
    re.MULTILINE | re.IGNORECASE,
)
_SIG_DASH_RE = re.compile(r"^-- ?\r?$", re.MULTILINE)
_SUBJECT_LINE_RE = re.compile(r"^[ \t]*(?:Subject(?: line)?|Re)[ \t]*:[ \t]*([^\n\r]*)", re.I)

_GREETING_RE = re.compile(
    r"^[ \t]*(?:Dear|Hi|Hello|Hey|Hiya|Greetings|Good (?:morning|afternoon|evening)|To whom)"
    r"\b[^\n]{0,80}$",
    re.IGNORECASE,
)
_CLOSING_RE = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|warmest|kindest|many|with)?[ \t]*(?:regards|wishes|thanks)"
    r"|best|sincerely|yours(?: sincerely| truly| faithfully)?|respectfully|cheers|cordially"
    r"|thank you(?: again| so much| very much| kindly)?|thanks(?: again| so much| very much)?"
    r"|all the best|with (?:gratitude|appreciation|thanks|best wishes)|gratefully|talk soon"
    r"|looking forward|take care|sincerely yours|yours truly|best wishes|warmly)"
    r"[ \t]*(?:again)?[ \t]*[,.!]?[ \t]*\r?$",
    re.IGNORECASE,
)
_TITLE_RE = re.compile(
    r"^(?:mr|mrs|ms|mx|miss|dr|prof|professor|chef|sir|madam|mister|doctor|coach|rev|hon)\.?\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Source:
    """What a reader found in a file, before regions are located."""

    text: str
    meta: Metadata
    #: Spans that are not the writer's words at all (front matter, headers, other MIME parts).
    excluded: tuple[Span, ...] = ()
    #: Where the message itself (greeting to sign-off) may be: the rest is excluded.
    content: Span | None = None
    subject: Span | None = None
    markdown: bool = False
    #: Spans of template placeholders that are expected (templates only); masked for prose rules.
    placeholders: tuple[Span, ...] = ()
    template: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: Logical lines (HTML blocks) for finding greeting and sign-off; () means the text's lines.
    blocks: tuple[Span, ...] = ()
    #: The format read: "text", "markdown", "email" or "html" (rules may ask, e.g. for subjects).
    kind: str = "text"
    #: Set when `text` is not the file as written but has a decoded part (an encoded e-mail
    #: body): how the engine maps findings back into the file.
    origin: Origin | None = None
    #: A template partial (or layout): a fragment, so rules that judge a whole message skip it.
    partial: bool = False


class Document:
    """A draft ready for linting: text, metadata, masked views and located regions."""

    __slots__ = (
        "_memo",
        "_views",
        "blocks",
        "body",
        "content",
        "greeting",
        "kind",
        "lines",
        "masked",
        "meta",
        "origin",
        "partial",
        "path",
        "placeholders",
        "signature_names",
        "signoff",
        "subject",
        "template",
        "text",
        "warnings",
    )

    def __init__(self, source: Source, path: str = "<text>") -> None:
        self.path = path
        self.text = source.text
        self.meta = source.meta
        self.template = source.template
        self.placeholders = source.placeholders
        self.blocks = source.blocks
        self.kind = source.kind
        self.warnings = source.warnings
        self.origin = source.origin
        self.partial = source.partial
        self.lines = LineIndex(source.text)
        content = source.content or Span(0, len(source.text))
        self.subject = source.subject
        masked = list(source.excluded)
        masked.extend(_not_writers_words(source.text, content, source.markdown))
        masked.extend(source.placeholders)
        self.masked = _merge(masked)
        self._views: dict[str, str] = {}
        self._memo: dict[Hashable, object] = {}
        self.content = content
        lintable = self.view("content")
        self.greeting, self.signoff, self.body, self.signature_names = _regions(
            lintable, content, source.blocks
        )

    @classmethod
    def from_text(
        cls, text: str, meta: Metadata | None = None, path: str = "<text>", markdown: bool = True
    ) -> Document:
        """Build a document from bare text (no front matter parsing), as tests and the API do."""
        return cls(Source(text=text, meta=meta or Metadata(), markdown=markdown), path)

    @property
    def file_text(self) -> str:
        """The file as written (differs from `text` only where a reader decoded a part)."""
        return self.origin.text if self.origin is not None else self.text

    def region(self, scope: str) -> Span | None:
        """Return the span of a named region, or None when the draft has none."""
        if scope == "all":
            return Span(0, len(self.text))
        if scope == "content":
            return self.content
        if scope == "body":
            return self.body
        if scope == "greeting":
            return self.greeting
        if scope == "signoff":
            return self.signoff
        if scope == "subject":
            return self.subject
        raise ValueError(f"unknown scope {scope!r}")

    def view(self, scope: str = "all") -> str:
        """Return the text with everything outside `scope` and every masked span set to NUL.

        "all" is the writer's words anywhere (subject included); "content" is the message
        from greeting to sign-off; the view always has the length of the file text.
        """
        cached = self._views.get(scope)
        if cached is not None:
            return cached
        if scope == "all":
            keep = [s for s in (self.subject, self.content) if s is not None]
        else:
            region = self.region(scope)
            keep = [region] if region is not None else []
        view = _mask(self.text, keep, self.masked)
        for other in self._views.values():
            if other == view:  # one text, one object: what is derived from it is shared
                view = other
                break
        self._views[scope] = view
        return view

    def derive(self, name: str, scope: str, make: Callable[[str], _T]) -> _T:
        """Return `make(view)` for the scope's view, computed once per document and view text.

        Scopes whose views are the same text share the result: a draft with no subject line
        has "all" and "content" alike, and rules that read both pay once.
        """
        key = (name, self.view(scope))
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = make(key[1])
        return cast(_T, found)

    def words(self, scope: str = "body") -> list[Span]:
        """Return the spans of the words (letters, digits, inner apostrophes) in a scope."""
        return list(self.derive("words", scope, _word_spans))

    def word_texts(self, scope: str = "body") -> tuple[str, ...]:
        """The words of `words(scope)` as text, for rules that count or compare them."""
        return self.derive("word_texts", scope, _word_texts)

    def memo(self, key: Hashable, make: Callable[[], _T]) -> _T:
        """Return `make()`, computed once per document and key (what several rules share)."""
        if key not in self._memo:
            self._memo[key] = make()
        return cast(_T, self._memo[key])

    def sentences(self, scope: str = "body") -> list[Span]:
        """Return rough sentence spans (split at . ! ? and blank lines) within a scope."""
        return list(self.derive("sentences", scope, _sentences))

    def first_body_line(self) -> Span:
        """Span of the first non-blank line of the message: where document-level findings point."""
        return self.memo(("first_body_line",), self._first_body_line)

    def _first_body_line(self) -> Span:
        for block in _block_lines(self.view("content"), self.content, self.blocks):
            return Span(*block)
        for scope in ("content", "all"):
            view = self.view(scope)
            for m in re.finditer(r"[^\n\x00]*[^\s\x00][^\n\x00]*", view):
                line_start = view.rfind("\n", 0, m.start()) + 1
                line_end = view.find("\n", m.start())
                line_end = len(view) if line_end == -1 else line_end
                segment = self.text[line_start:line_end].rstrip("\r")
                return Span(line_start, line_start + len(segment))
        return Span(0, 0)

    def known_names(self) -> set[str]:
        """Names the draft knows: interviewers, company, role words, greeting and signature."""
        names: set[str] = set()
        for value in (*self.meta.interviewers, self.meta.company or "", self.meta.role or ""):
            names.update(w for w in re.findall(r"[\w'’-]+", value) if w[:1].isupper())
        greeting = self.greeting_name()
        if greeting:
            names.update(re.findall(r"[\w'’-]+", greeting))
        for name in self.signature_names:
            names.update(re.findall(r"[\w'’-]+", name))
        return names

    def greeting_name(self) -> str | None:
        """The name the greeting addresses ("Dear Ms. Rao," gives "Rao"), if any."""
        if self.greeting is None:
            return None
        # From the view, so markup inside the line (`Dear <b>Ms. Rao</b>`, `&nbsp;`) is a gap.
        view = self.view("all")[self.greeting.start : self.greeting.end]
        line = " ".join(view.replace(MASK, " ").split())
        m = re.match(
            r"(?i:dear|hi|hello|hey|hiya|greetings|good (?:morning|afternoon|evening))[ \t,]+(.*)",
            line,
        )
        if not m:
            return None
        name = m.group(1).rstrip(" ,:;!.").strip()
        name = _TITLE_RE.sub("", name).strip()
        return name or None

    def greeting_name_span(self) -> Span | None:
        """Span of the greeting's name (title excluded), if any."""
        name = self.greeting_name()
        if name is None or self.greeting is None:
            return None
        start = self.text.find(name, self.greeting.start, self.greeting.end)
        return Span(start, start + len(name)) if start >= 0 else None


_WORD_RE = re.compile(r"[^\W_](?:[\w’'-]*[^\W_])?")
_SENTENCE_RE = re.compile(r"[^.!?\n\x00]+(?:[.!?]+[\"”’)]*|(?=\n)|(?=\x00)|$)")
_MISSING = object()


def _word_spans(view: str) -> tuple[Span, ...]:
    return tuple(Span(*m.span()) for m in _WORD_RE.finditer(view))


#: What can be inside a word (letters, digits, `_`, `'`, `-`) stays.
_IN_WORD = keeping(lambda c: c.isalnum() or c in "_'-")


def _word_texts(view: str) -> tuple[str, ...]:
    if view.isascii():
        # Each run of word characters holds one word: the run without the `_`, `'` and `-` at
        # its ends (none if nothing is left). 2.6x as fast as `findall` on the bench drafts.
        return tuple(filter(None, map(str.strip, runs(view, _IN_WORD), repeat("_'-"))))
    return tuple(_WORD_RE.findall(view))


def _sentences(view: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for m in _SENTENCE_RE.finditer(view):
        text = m.group()
        stripped = text.strip(" \t\r\n" + MASK)
        if any(ch.isalnum() for ch in stripped):
            start = m.start() + (len(text) - len(text.lstrip(" \t\r\n" + MASK)))
            spans.append(Span(start, start + len(stripped)))
    return tuple(spans)


#: Text each pattern's every match contains (any case for _HISTORY_RE): where none is, the
#: pattern is not run. Most drafts have no quoted history, signature dash, quote or fence,
#: and a substring search costs a tenth of a regex scan.
_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    _HISTORY_RE: ("wrote:", "--", "from:"),
    _SIG_DASH_RE: ("--",),
    _QUOTE_LINE_RE: (">",),
    _URL_RE: ("://", "www."),
    _FENCE_RE: ("```", "~~~"),
}


def _may_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds one of the texts `pattern` needs (`_NEEDS`)."""
    if pattern.flags & re.IGNORECASE:
        # The needed texts have no letter with a non-ASCII case form (i, k, s).
        text, start, end = text[start:end].lower(), 0, end - start
    return any(text.find(needed, start, end) != -1 for needed in _NEEDS[pattern])


def _not_writers_words(text: str, content: Span, markdown: bool) -> Iterator[Span]:
    """Yield spans inside `content` that are not the writer's prose."""
    segment_start, segment_end = content.start, content.end
    if _may_match(_HISTORY_RE, text, segment_start, segment_end):
        history = _HISTORY_RE.search(text, segment_start, segment_end)
        if history:
            yield Span(history.start(), segment_end)
            segment_end = history.start()
    if _may_match(_SIG_DASH_RE, text, segment_start, segment_end):
        dash = _SIG_DASH_RE.search(text, segment_start, segment_end)
        if dash:
            yield Span(dash.start(), segment_end)
            segment_end = dash.start()
    yield from _comments(text, segment_start, segment_end)
    yield from _emails(text, segment_start, segment_end)
    patterns = [_QUOTE_LINE_RE, _URL_RE]
    if markdown:
        yield from _code_spans(text, segment_start, segment_end)
        patterns.insert(0, _FENCE_RE)
    for pattern in patterns:
        if not _may_match(pattern, text, segment_start, segment_end):
            continue
        for m in pattern.finditer(text, segment_start, segment_end):
            if m.end() > m.start():
                yield Span(m.start(), m.end())


def _comments(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield each `<!-- ... -->` in text[start:end]; an unclosed `<!--` stays text.

    A scan with str.find, not the regex `<!--.*?-->`, which searched to the end of the text
    again from every unclosed `<!--`.
    """
    pos = start
    while (opened := text.find("<!--", pos, end)) != -1:
        closed = text.find("-->", opened + 4, end)
        if closed == -1:
            return
        yield Span(opened, closed + 3)
        pos = closed + 3


def _emails(text: str, start: int, end: int) -> Iterator[Span]:
    r"""Yield each e-mail address (`ana.silva@example.com`, maybe in `<>`) in text[start:end].

    Found outwards from each '@'. The regex `<?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?` finds the
    same addresses, but scanned to the end of a long run such as `a.a.a.a…` from every word in it.
    """
    pos = start
    at = text.find("@", pos, end)
    while at != -1:
        domain = _EMAIL_DOMAIN_RE.match(text, at + 1, end)
        first = _local_part_start(text, pos, at) if domain is not None else None
        if domain is not None and first is not None:
            yield Span(first, domain.end())
            pos = domain.end()
        at = text.find("@", max(pos, at + 1), end)


def _local_part_start(text: str, pos: int, at: int) -> int | None:
    """Where the address whose '@' is at `at` starts (not before `pos`), if it has a local part."""
    low = at
    while low > pos and _is_local_char(text[low - 1]):
        low -= 1
    if low == at:
        return None
    if low > pos and text[low - 1] == "<" and _is_word_char(text[low]):
        return low - 1
    for first in range(low, at):  # the address starts where a word does
        before = _is_word_char(text[first - 1]) if first > 0 else False
        if before != _is_word_char(text[first]):
            return first
    return None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


def _is_local_char(char: str) -> bool:
    return char.isalnum() or char in "_.+-"  # what [\w.+-] matches


def _code_spans(text: str, start: int, end: int) -> Iterator[Span]:
    r"""Yield each Markdown code span in text[start:end], one line at a time.

    A span opens with a run of backticks and closes at the next run on the same line that
    is at least as long (its first backticks close it); a run with no closer opens a shorter
    span from its last backticks, if one can close. The regex `(`+)(?!`).+?(?<!`)` finds the
    same spans, but searches to the end of the line again from every backtick of a long run.
    """
    line: list[tuple[int, int]] = []
    for run in _BACKTICKS_RE.finditer(text, start, end):
        if line and text.find("\n", line[-1][1], run.start()) != -1:
            yield from _line_code_spans(line)
            line = []
        line.append(run.span())
    yield from _line_code_spans(line)


def _line_code_spans(runs: Sequence[tuple[int, int]]) -> Iterator[Span]:
    """Code spans among the (start, end) backtick runs of one line."""
    longest_after = [0] * len(runs)
    for i in range(len(runs) - 2, -1, -1):
        longest_after[i] = max(longest_after[i + 1], runs[i + 1][1] - runs[i + 1][0])
    i = 0
    opener = runs[0][0] if runs else 0  # where the unused part of run i starts
    while i < len(runs):
        width = min(runs[i][1] - opener, longest_after[i])
        if width == 0:
            i += 1
            opener = runs[i][0] if i < len(runs) else 0
            continue
        closer = i + 1
        while runs[closer][1] - runs[closer][0] < width:
            closer += 1  # each run is passed over once: the span covers it
        yield Span(runs[i][1] - width, runs[closer][0] + width)
        i, opener = closer, runs[closer][0] + width


def _merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)


def _mask(text: str, keep: Sequence[Span], masked: Sequence[Span]) -> str:
    """Return text with everything outside `keep` or inside `masked` replaced by NUL.

    Line breaks are kept, so line-anchored patterns still work in masked views.
    """
    visible: list[Span] = []
    for span in _merge(keep):
        start = span.start
        for hole in masked:
            if hole.end <= start or hole.start >= span.end:
                continue
            if hole.start > start:
                visible.append(Span(start, hole.start))
            start = max(start, hole.end)
        if start < span.end:
            visible.append(Span(start, span.end))
    parts: list[str] = []
    pos = 0
    for span in visible:
        parts.append(_blank(text[pos : span.start]))
        parts.append(text[span.start : span.end])
        pos = span.end
    parts.append(_blank(text[pos:]))
    return "".join(parts)


_NOT_NEWLINE = re.compile(r"[^\r\n]+")
#: Every ASCII byte but the line breaks becomes NUL (MASK).
_MASK_ALL_BUT_BREAKS = bytes.maketrans(
    bytes(range(128)), bytes(c if c in (0x0A, 0x0D) else 0 for c in range(128))
)


def _blank(segment: str) -> str:
    """The segment with every character but line breaks replaced by NUL (a run at a time)."""
    if segment.isascii():  # one C pass instead of a replacement call per line
        return segment.encode("ascii").translate(_MASK_ALL_BUT_BREAKS).decode("ascii")
    return _NOT_NEWLINE.sub(lambda m: MASK * (m.end() - m.start()), segment)


def _lines(view: str, content: Span) -> list[tuple[int, int]]:
    r"""(start, end) of each non-blank line of the view inside content, end excluding "\\r"."""
    out = []
    pos = content.start
    for raw in view[content.start : content.end].split("\n"):
        end = pos + len(raw.rstrip("\r"))
        if raw.strip(" \t\r" + MASK):
            out.append((pos, end))
        pos += len(raw) + 1
    return out


def _block_lines(view: str, content: Span, blocks: Sequence[Span]) -> list[tuple[int, int]]:
    """(start, end) of each reader-supplied block inside content that has visible text."""
    return [
        (b.start, b.end)
        for b in blocks
        if content.start <= b.start
        and b.end <= content.end
        and view[b.start : b.end].strip(" \t\r\n" + MASK)
    ]


def _regions(
    view: str, content: Span, blocks: Sequence[Span] = ()
) -> tuple[Span | None, Span | None, Span, tuple[str, ...]]:
    """Locate greeting, sign-off and body; return them with the names signed under the closing."""
    lines = _block_lines(view, content, blocks) if blocks else _lines(view, content)
    if not lines:
        return None, None, Span(content.start, content.start), ()
    greeting = None
    first_start, first_end = lines[0]
    if _GREETING_RE.match(view[first_start:first_end].replace(MASK, "")):
        greeting = Span(first_start, first_end)
    signoff = None
    names: tuple[str, ...] = ()
    tail = lines[max(1 if greeting else 0, len(lines) - 6) :]
    for index in range(len(tail) - 1, -1, -1):
        start, end = tail[index]
        line = view[start:end].replace(MASK, "")
        if len(line) <= 40 and _CLOSING_RE.match(line):
            last_end = tail[-1][1]
            signoff = Span(start, last_end)
            names = tuple(
                view[s:e].replace(MASK, "").strip()
                for s, e in tail[index + 1 : index + 3]
                if len(view[s:e].strip()) <= 60
            )
            break
    body_start = greeting.end if greeting else content.start
    body_end = signoff.start if signoff else content.end
    if body_end < body_start:
        body_end = body_start
    return greeting, signoff, Span(body_start, body_end), names
