"""customization.template-syntax and customization.template-variables: templates only.

Delimiters come from the reader's scan; blocks are paired here ({% if %}...{% endif %},
{{#items}}...{{/items}}, Go's {{ if }}...{{ end }}), and the variables a template uses
are compared with the `variables:` its front matter declares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from followlint.document import Document
from followlint.model import Hit, Span
from followlint.readers.plain import split_front_matter
from followlint.readers.template import Scan, Tag, dialect_for, scan

_JINJA_BLOCKS = frozenset(
    [
        "if",
        "for",
        "block",
        "macro",
        "call",
        "filter",
        "with",
        "autoescape",
        "trans",
        "unless",
        "case",
        "capture",
        "tablerow",
        "paginate",
        "form",
        "comment",
        "raw",
    ]
)
_GO_BLOCKS = frozenset({"if", "range", "with", "define", "block"})
_KEYWORDS = frozenset(
    [
        "and",
        "or",
        "not",
        "in",
        "is",
        "if",
        "else",
        "elif",
        "true",
        "false",
        "none",
        "null",
        "nil",
        "True",
        "False",
        "None",
        "loop",
        "forloop",
        "super",
        "self",
        "caller",
        "varargs",
        "kwargs",
        "range",
        "dict",
        "lipsum",
        "cycler",
        "joiner",
        "namespace",
        "contains",
        "empty",
        "blank",
        "this",
        "as",
        "by",
        "limit",
        "offset",
        "reversed",
        "with",
        "without",
        "context",
        "ignore",
        "missing",
    ]
)
_STRING_RE = re.compile(r"\"[^\"]*\"|'[^']*'")
_IDENT_RE = re.compile(r"(?<![\w.@$])[A-Za-z_]\w*(?![\w(]|\s*=[^=])")
_WORD_RE = re.compile(r"[\w@./-]+")


def _front(doc: Document) -> Span | None:
    return split_front_matter(doc.text)[1]


def _scan(doc: Document) -> Scan:
    front = _front(doc)
    return scan(doc.text, front.end if front else 0, len(doc.text))


def _inner(tag: Tag) -> str:
    return tag.inner.strip().strip("-~+").strip()


def _head(tag: Tag) -> tuple[str, str]:
    """The tag's keyword or sigil-and-name, and the rest (`{% for x in y %}` -> for, x in y)."""
    inner = _inner(tag)
    if inner.startswith("/*"):
        return "!", ""  # a Go comment
    if tag.opener == "{{" and inner and inner[0] in "#^/":
        words = inner[1:].split(None, 1)
        return inner[:1] + (words[0] if words else ""), words[1] if len(words) > 1 else ""
    words = inner.split(None, 1)
    return (words[0] if words else ""), (words[1] if len(words) > 1 else "")


def _blocks(found: Scan, dialect: str) -> Iterator[tuple[Span, str]]:
    """Yield (span, problem) for every block tag that is never closed or closes the wrong one."""
    stack: list[tuple[str, Tag]] = []
    for tag in found.tags:
        head, rest = _head(tag)
        if tag.opener == "{%":
            name = head
            opens = name in _JINJA_BLOCKS or (name == "set" and "=" not in rest)
            closes = name[3:] if name.startswith("end") else None
        elif tag.opener == "{{" and head and head[0] in "#^/":
            name, opens = head[1:], head[0] != "/"
            closes = name if head[0] == "/" else None
        elif tag.opener == "{{" and dialect == "go":
            name, opens = head, head in _GO_BLOCKS
            closes = "" if head == "end" else None
        else:
            continue
        if opens:
            stack.append((name, tag))
        elif closes is not None:
            names = [n for n, _ in stack]
            if not stack or (closes and closes not in names):
                yield tag.span, "closes a block that was never opened"
                continue
            while closes and stack[-1][0] != closes:
                inner, opened = stack.pop()  # closing an outer block leaves this one open
                yield opened.span, f"opens '{inner}' but it is never closed"
            stack.pop()
    for name, tag in stack:
        yield tag.span, f"opens '{name}' but it is never closed"


def syntax(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report template delimiters that do not pair up and blocks that are never closed."""
    if not doc.template:
        return
    found = _scan(doc)
    problems = [(p.span, p.what) for p in found.problems]
    problems.extend(_blocks(found, dialect_for(doc.path) or "jinja"))
    for span, what in sorted(problems):
        yield Hit(span, args={"problem": what})


def _names(tag: Tag, dialect: str) -> tuple[set[str], set[str]]:
    """(names the tag reads, names it defines) from one tag's expression."""
    head, rest = _head(tag)
    if tag.opener == "{#" or head.startswith(("!", ">", "/", "/*")) or head in {"else", "end"}:
        return set(), set()
    if dialect == "go":
        return set(re.findall(r"(?<![\w.)\]$])\.([A-Za-z_]\w*)", tag.inner)), set()
    body = _STRING_RE.sub(" ", _inner(tag))
    defined: set[str] = set()
    if tag.opener == "{%":
        if head in {"include", "import", "extends", "from", "render", "raw", "endraw", "comment"}:
            return set(), set()
        body = rest
        m = re.match(r"\s*([\w, ]+?)\s+in\s", body) if head in {"for", "tablerow"} else None
        m = m or re.match(r"\s*(\w+)\s*=", body) if head in {"set", "assign"} else m
        if m:
            defined, body = set(re.findall(r"\w+", m.group(1))), body[m.end() :]
        elif head in {"capture", "set", "increment", "decrement", "macro"}:
            return set(), set(re.findall(r"\w+", body))
    elif head and head[0] in "#^":
        body = rest or head[1:]
    elif dialect == "mustache" and len(body.split()) > 1:
        body = body.split(None, 1)[1]  # {{helper arg}}: the helper is not a variable
    body = re.sub(r"\|\s*\w+\s*:?", " ", body.lstrip("&{"))  # filter names
    body = re.sub(r"\.\.?/", "", body)
    used = {n for n in _IDENT_RE.findall(body) if n not in _KEYWORDS and not n.startswith("end")}
    return used, defined


def variables(doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
    """Report variables used but not declared in `variables:`, and declared ones never used."""
    declared = doc.meta.variables
    if not doc.template or declared is None:
        return
    dialect = dialect_for(doc.path) or "jinja"
    found = _scan(doc)
    used_at: dict[str, Span] = {}
    defined: set[str] = set()
    scopes: list[bool] = []  # open sections; True where names may be fields of an item
    for tag in found.tags:
        head, _ = _head(tag)
        reads, defines = _names(tag, dialect)
        defined |= defines
        for name in reads:
            if not any(scopes) or name in declared:
                used_at.setdefault(name, tag.span)
            else:
                defined.add(name)
        change = _scope(tag, head, dialect)
        if change < 0 and scopes:
            scopes.pop()
        elif change > 0:
            scopes.append(change == 2)
    for name, span in sorted(used_at.items(), key=lambda item: item[1]):
        if name not in declared and name not in defined:
            yield Hit(span, args={"problem": f"uses '{name}', which `variables:` does not declare"})
    for problem in found.problems:  # a broken tag still shows which names it meant
        defined.update(re.findall(r"\w+", doc.text[problem.span.start : problem.span.end]))
    front = _front(doc)
    for name in declared:
        if name not in used_at and name not in defined:
            where = _declaration(doc, name, front)
            args = {"problem": f"declares '{name}' in `variables:` but never uses it"}
            yield Hit(where, args=args, severity="info")


def _scope(tag: Tag, head: str, dialect: str) -> int:
    """-1 closes a section, 1 opens one, 2 opens one that rebinds names (loops), 0 neither."""
    if tag.opener != "{{" or not head:
        return 0
    if head[0] == "/" or (dialect == "go" and head == "end"):
        return -1
    if head[0] in "#^":
        return 1 if head[1:] in {"if", "unless"} else 2
    if dialect == "go" and head in {"if", "range", "with", "define", "block"}:
        return 1 if head == "if" else 2
    return 0


def _declaration(doc: Document, name: str, front: Span | None) -> Span:
    if front is not None:
        key = re.search(r"^variables\s*:", doc.text[: front.end], re.M)
        if key:
            m = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])").search(
                doc.text, key.end(), front.end
            )
            if m:
                return Span(m.start(), m.end())
    return doc.first_body_line()
