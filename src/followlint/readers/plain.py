"""Markdown and plain-text drafts: optional YAML front matter, then the message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from followlint.document import Source
from followlint.metadata import MetadataError, metadata_from_mapping
from followlint.model import Span

if TYPE_CHECKING:
    import yaml

_FRONT_MATTER_RE = re.compile(r"\A(\ufeff?)---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_SUBJECT_RE = re.compile(r"[ \t]*(?:Subject(?: line)?|Re)[ \t]*:[ \t]*([^\r\n]*)", re.I)


@lru_cache(maxsize=2)
def _loader_class(fast: bool = True) -> type[yaml.SafeLoader]:
    """A safe loader that leaves dates as text, so metadata errors can name their key.

    `fast` picks libyaml's parser when PyYAML has it (it refuses nesting deeper than 1000
    levels); the pure-Python one words errors as followlint reports them. Built on first
    use: a draft without front matter never imports PyYAML.
    """
    import yaml

    base: type[yaml.SafeLoader] = (
        getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader
    )

    class FrontMatterLoader(base):  # type: ignore[valid-type,misc]
        pass

    FrontMatterLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return FrontMatterLoader


#: Values YAML aliases may add to front matter: a real draft needs a few, a "billion laughs"
#: of nested aliases would expand to millions for every reader of the data.
MAX_ALIASED_VALUES = 10_000


def _load_yaml(text: str, fast: bool = True) -> object:
    """Parse front matter safely, refusing aliases that add more than MAX_ALIASED_VALUES."""
    from followlint.readers import InputError

    loader = _loader_class(fast)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        expanded, written = _expanded_size(node)
        if expanded - written > MAX_ALIASED_VALUES:
            raise InputError(
                f"front matter's YAML aliases expand to more than {MAX_ALIASED_VALUES:,} values"
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _expanded_size(root: yaml.Node) -> tuple[int, int]:
    """How many values the node graph stands for once every alias is expanded, and as written.

    Each node is sized once (memoised), so a chain of aliases costs its length, not its
    expansion; an alias inside its own anchor expands forever.
    """
    from followlint.readers import InputError

    sizes: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_sized = stack.pop()
        key = id(node)
        if children_sized:
            entered.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in entered:
            raise InputError("front matter has a YAML alias inside its own anchor")
        entered.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)], len(sizes)


#: Plain scalars that YAML 1.1 (as PyYAML resolves them) reads as something other than text:
#: booleans, null, floats, integers and a few indicators. Dates are text here (see above).
_NOT_TEXT_RE = re.compile(
    r"""(?x)
    yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    |~|null|Null|NULL
    |[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    |<<|=|!|&|\*
    """
)
#: One `key: value` line whose value is a single-line plain scalar with nothing YAML could
#: read as syntax: no comment, no `: `, no quotes or brackets first, no tabs.
_SIMPLE_LINE_RE = re.compile(
    r"([A-Za-z_][A-Za-z0-9_-]*):[ ]+([^\W_](?:[\w .,'’()/@+&!?-]|:(?! ))*?)[ ]*\r?"
)


def _simple_front_matter(block: str) -> dict[str, object] | None:
    """Front matter of flat `key: text` lines, read without PyYAML; None for anything else.

    Most drafts' front matter is a few names and dates: importing PyYAML and running its
    pure-Python parser costs more than linting them. Whatever this declines (lists, quotes,
    numbers, booleans, comments...) goes to PyYAML, and a test checks both agree wherever
    this accepts.
    """
    data: dict[str, object] = {}
    for line in block.split("\n"):
        if not line.strip():
            continue
        m = _SIMPLE_LINE_RE.fullmatch(line)
        if m is None or m.group(2).endswith(":"):
            return None
        key, value = m.groups()
        if _NOT_TEXT_RE.fullmatch(key) or _NOT_TEXT_RE.fullmatch(value):
            return None
        data[key] = value
    return data or None


def split_front_matter(text: str) -> tuple[dict[str, object], Span | None]:
    """Return the parsed front matter and its span (None when the draft has none)."""
    from followlint.readers import InputError

    m = _FRONT_MATTER_RE.match(text)
    if not m:
        if re.match(r"\A\ufeff?---[ \t]*\r?\n", text):
            raise InputError("front matter starts with '---' but has no closing '---' line")
        return {}, None
    simple = _simple_front_matter(m.group(2))
    if simple is not None:
        return simple, Span(0, m.end())
    import yaml

    try:
        try:
            data = _load_yaml(m.group(2))
        except yaml.YAMLError:
            data = _load_yaml(m.group(2), fast=False)  # to word the error as PyYAML does
    except InputError:
        raise
    except RecursionError:
        raise InputError("front matter is nested too deeply") from None
    except (yaml.YAMLError, ValueError) as exc:
        if not isinstance(exc, yaml.YAMLError):
            reason = " ".join(str(exc).split())[:120]
            raise InputError(f"front matter has an impossible value: {reason}") from None
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
