"""Read and strictly validate one rule file into a RuleSpec; runs nothing.

Every error names the file and the key, so a broken rule pack fails before linting starts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from followlint.fast_state import fast_setstate
from followlint.model import CATEGORIES, SEVERITIES, Severity

COMMON_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "kind": str,
    "category": str,
    "severity": str,
    "message": str,
    "description": str,
    "link": str,
    "options": dict,
    "examples": dict,
    #: Whether the rule judges a whole message (default: metric, occurrence and crossdraft
    #: rules do); such rules skip template partials.
    "whole_message": bool,
}
REQUIRED_KEYS = ("id", "kind", "category", "severity", "message", "description")
_ID_RE = re.compile(r"^[a-z][a-z-]*\.[a-z0-9][a-z0-9-]*$")


class RuleError(ValueError):
    """A rule file that cannot be used; the message starts with the file and key."""


@fast_setstate
@dataclass(frozen=True, slots=True)
class Example:
    """One example from a rule file: text plus optional metadata."""

    text: str
    meta: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleSpec:
    """A validated rule file: common keys typed, kind keys kept for the kind to decode."""

    path: Path
    id: str
    kind: str
    category: str
    severity: Severity
    message: str
    description: str
    link: str | None
    options: Mapping[str, object]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    data: Mapping[str, object]

    @property
    def slug(self) -> str:
        """The part of the id after the category."""
        return self.id.split(".", 1)[1]

    def error(self, key: str, problem: str) -> RuleError:
        """Build a RuleError naming this file and key."""
        return RuleError(f"{self.path}: key '{key}': {problem}")

    def get(self, key: str, types: type | tuple[type, ...], default: object = None) -> object:
        """Return a kind key, checking its type."""
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, types):
            names = (
                types.__name__ if isinstance(types, type) else "/".join(t.__name__ for t in types)
            )
            raise self.error(key, f"expected {names}, got {type(value).__name__}")
        return value

    def strings(self, key: str, required: bool = True) -> tuple[str, ...]:
        """Return a list-of-strings key (a single string is accepted as a list of one)."""
        value = self.get(key, (list, str))
        if value is None:
            if required:
                raise self.error(key, "is required for kind " + self.kind)
            return ()
        items = [value] if isinstance(value, str) else value
        assert isinstance(items, list)
        if not all(isinstance(item, str) for item in items):
            raise self.error(key, "must be a list of strings")
        if required and not items:
            raise self.error(key, "must not be empty")
        return tuple(items)

    def flag(self, key: str, default: bool) -> bool:
        """Return a boolean key."""
        value = self.get(key, bool, default)
        assert isinstance(value, bool)
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        """Return a string key restricted to `choices`."""
        value = self.get(key, str, default)
        if value not in choices:
            raise self.error(key, f"must be one of {', '.join(choices)}; got {value!r}")
        assert isinstance(value, str)
        return value

    def compile(self, key: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """Compile a pattern from `key`, refusing bad or catastrophic regexes at load time."""
        problem = pattern_problem(pattern, flags)
        if problem is not None:
            raise self.error(key, problem)
        return re.compile(pattern, flags)


def pattern_problem(pattern: str, flags: int = 0) -> str | None:
    """Why a rule's regular expression cannot be used, or None when it can.

    A pattern is refused when it does not compile, or when it could backtrack for an
    exponential time on some draft (see `followlint.regexsafety`).
    """
    # Shown as written (not repr: that doubles every backslash), on one line, and short: a
    # hostile pattern can be megabytes long.
    short = pattern if len(pattern) <= 120 else pattern[:119] + "…"
    shown = "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in short) + "'"
    from followlint import regexsafety  # only when a pack is built: a cached pack is checked

    try:
        re.compile(pattern, flags)
        why = regexsafety.problem(pattern, flags)
    except re.error as exc:
        return f"bad regular expression {shown}: {exc}"
    except RecursionError:
        return f"pattern {shown} nests groups too deeply"
    return f"pattern {shown} is refused: {why}" if why else None


def _examples(path: Path, raw: object) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if raw is None:
        return (), ()
    if not isinstance(raw, Mapping) or set(raw) - {"bad", "good"}:
        raise RuleError(f"{path}: key 'examples': must be a mapping with 'bad' and 'good' lists")
    out: list[tuple[Example, ...]] = []
    for which in ("bad", "good"):
        items = raw.get(which) or []
        if not isinstance(items, list):
            raise RuleError(f"{path}: key 'examples.{which}': must be a list")
        parsed = []
        for item in items:
            if isinstance(item, str):
                parsed.append(Example(item))
            elif isinstance(item, Mapping) and isinstance(item.get("text"), str):
                meta = item.get("meta") or {}
                if set(item) - {"text", "meta"} or not isinstance(meta, Mapping):
                    raise RuleError(f"{path}: key 'examples.{which}': entries take text and meta")
                parsed.append(Example(item["text"], dict(meta)))
            else:
                raise RuleError(
                    f"{path}: key 'examples.{which}': entries are strings or {{text, meta}}"
                )
        out.append(tuple(parsed))
    return out[0], out[1]


def parse_rule(path: Path, data: object, kind_keys: Mapping[str, Mapping[str, object]]) -> RuleSpec:
    """Validate decoded YAML `data` from `path` into a RuleSpec.

    `kind_keys` maps each kind to the extra keys it accepts, so unknown keys fail here.
    """
    if not isinstance(data, Mapping):
        raise RuleError(f"{path}: a rule file must be a YAML mapping")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise RuleError(f"{path}: key '{key}': is required")
    for key, types in COMMON_KEYS.items():
        if key in data and not isinstance(data[key], types):
            raise RuleError(f"{path}: key '{key}': has the wrong type ({type(data[key]).__name__})")
    kind = data["kind"]
    if kind not in kind_keys:
        raise RuleError(f"{path}: key 'kind': unknown kind {kind!r}; known: {', '.join(kind_keys)}")
    allowed = set(COMMON_KEYS) | set(kind_keys[kind])
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RuleError(f"{path}: key '{unknown[0]}': unknown key for kind {kind}")
    rule_id, category, severity = data["id"], data["category"], data["severity"]
    if not _ID_RE.match(rule_id):
        raise RuleError(f"{path}: key 'id': {rule_id!r} is not '<category>.<kebab-slug>'")
    if category not in CATEGORIES:
        raise RuleError(
            f"{path}: key 'category': {category!r} is not one of {', '.join(CATEGORIES)}"
        )
    if rule_id.split(".", 1)[0] != category:
        raise RuleError(f"{path}: key 'id': {rule_id!r} must start with its category '{category}.'")
    if path.stem != rule_id.split(".", 1)[1] or path.parent.name != category:
        raise RuleError(f"{path}: key 'id': {rule_id!r} must match the path <category>/<slug>.yml")
    if severity not in SEVERITIES:
        raise RuleError(f"{path}: key 'severity': {severity!r} is not error, warning or info")
    bad, good = _examples(path, data.get("examples"))
    return RuleSpec(
        path=path,
        id=rule_id,
        kind=kind,
        category=category,
        severity=severity,
        message=data["message"],
        description=data["description"].strip(),
        link=data.get("link"),
        options=dict(data.get("options") or {}),
        bad=bad,
        good=good,
        data=dict(data),
    )


def load_rule_file(path: Path, kind_keys: Mapping[str, Mapping[str, object]]) -> RuleSpec:
    """Read a rule file from disk (YAML, loaded safely) and validate it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    import yaml  # only when a pack is built: a cached pack needs no YAML

    # libyaml's safe loader is ten times faster than the pure-Python one; both refuse arbitrary
    # tags, and libyaml refuses nesting deeper than 1000 levels.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML: {exc}".replace("\n", " ")) from None
    return parse_rule(path, data, kind_keys)
