"""followlint: a linter for interview follow-up and thank-you messages.

The Python API::

    import followlint
    findings = followlint.lint_text("Dear Ms. Rao, ... ASAP ...", meta={"company": "Zentrix"})
    report = followlint.lint_paths(["drafts/"])

Both return `Finding` values (see `followlint.model`); nothing is printed.
"""

from __future__ import annotations

#: `typing.TYPE_CHECKING`, without importing `typing` and `datetime` here: every `followlint`
#: process imports this package before its entry point can switch the cyclic collector off
#: for start-up (followlint.launch).
TYPE_CHECKING = False

__version__ = "0.1.0"
__all__ = ["Finding", "Fix", "__version__", "lint_paths", "lint_text"]

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import datetime

    from followlint.config import Config
    from followlint.model import Finding, Fix
    from followlint.runner import Proofreader, Report


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    meta: Mapping[str, object] | None = None,
    config: Config | None = None,
    now: datetime | None = None,
    proofreader: Proofreader | None = None,
) -> list[Finding]:
    """Lint one draft given as text and return its findings, sorted by position.

    `path` picks the format by suffix (".md" default behaviour for "<text>"; ".eml" parses
    headers); front matter in `text` is read, and `meta` adds or overrides metadata keys.
    Cross-draft rules need several files: use `lint_paths`.
    """
    from dataclasses import replace

    from followlint.config import Config as _Config
    from followlint.document import Document
    from followlint.engine import lint
    from followlint.metadata import metadata_from_mapping, utc_now
    from followlint.readers import read_source
    from followlint.runner import build_pack

    config = config or _Config()
    now = now or utc_now()
    name = path if "." in path.rsplit("/", 1)[-1] else path + ".md"
    source = read_source(name, text.encode("utf-8"), now)
    if meta:
        old = source.meta
        merged: dict[str, object] = {
            "interview_date": old.interview_date,
            "sent": None if old.sent_is_now else old.sent,
            "interviewers": list(old.interviewers),
            "company": old.company,
            "role": old.role,
            "promised": list(old.promised),
            "attachments": None if old.attachments is None else list(old.attachments),
        }
        if "interviewer" in meta:
            merged.pop("interviewers")
        merged.update(meta)
        merged = {k: v for k, v in merged.items() if v is not None}
        source = replace(source, meta=metadata_from_mapping(merged, now))
    doc = Document(source, path=path)
    extra = proofreader.check(doc) if proofreader is not None else []
    return lint(doc, build_pack(config), extra)


def lint_paths(
    paths: Iterable[str],
    *,
    config: Config | None = None,
    now: datetime | None = None,
    proofreader: Proofreader | None = None,
) -> Report:
    """Lint files and folders (cross-draft rules included) and return the Report."""
    from followlint.runner import lint_paths as _lint_paths

    return _lint_paths(paths, config=config, now=now, proofreader=proofreader)


def __getattr__(name: str) -> object:
    if name in ("Finding", "Fix"):
        from followlint import model

        return getattr(model, name)
    raise AttributeError(name)
