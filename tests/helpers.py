"""Shared test helpers: build documents from case data."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from followlint.document import Document
from followlint.metadata import metadata_from_mapping
from followlint.readers.plain import read

#: A fixed "now" so cases never depend on the clock.
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def case_document(
    text: str, meta: Mapping[str, Any] | None = None, path: str = "case.md"
) -> Document:
    """A document from case text: front matter is read when present, `meta` adds to it."""
    source = read(text, NOW, markdown=path.endswith(".md"))
    if meta:
        merged = metadata_from_mapping(dict(meta), None)
        source = type(source)(
            **{**{f: getattr(source, f) for f in source.__dataclass_fields__}, "meta": merged}
        )
    return Document(source, path=path)
