"""Configuration: `[tool.followlint]` in pyproject.toml, or followlint.toml / .followlint.toml.

Defaults < file < command line. Unknown keys and bad values are errors naming file and key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from followlint.globs import GlobError, matches_any, translate
from followlint.model import SEVERITIES, Severity

CONFIG_NAMES = ("followlint.toml", ".followlint.toml", "pyproject.toml")
WORDS_FILE = ".followlint-words"
PROOFREADERS = ("auto", "languagetool", "harper", "none")
DEFAULT_INCLUDE = (
    ".md",
    ".markdown",
    ".txt",
    ".text",
    ".eml",
    ".html",
    ".htm",
    ".j2",
    ".jinja",
    ".jinja2",
    ".liquid",
    ".hbs",
    ".handlebars",
    ".mustache",
    ".tmpl",
)


class ConfigError(ValueError):
    """A configuration problem; the message names the file and key."""


@dataclass(frozen=True)
class Config:
    """Everything a run is told: which rules, how strict, which words are fine."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = "warning"
    rule_dirs: tuple[Path, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    words: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    proofreader: str = "auto"
    languagetool_url: str | None = None
    dialect: str = "en-US"
    cache: bool = True
    #: Globs (relative to the config file's folder) of files that are templates whatever
    #: their suffix, e.g. `emails/**/*.txt`.
    templates: tuple[str, ...] = ()

    def is_template(self, relative: str) -> bool:
        """Whether a file, by its path relative to the config's folder, matches `templates`."""
        return bool(self.templates) and matches_any(self.templates, relative)

    def with_overrides(self, **changes: object) -> Config:
        """Return a copy with command-line values applied (None means "not given")."""
        given = {k: v for k, v in changes.items() if v is not None and v != ()}
        return replace(self, **given)  # type: ignore[arg-type]


_SCHEMA: dict[str, type | tuple[type, ...]] = {
    "select": list,
    "ignore": list,
    "extend_select": list,
    "fail_on": str,
    "rule_dirs": list,
    "severity": dict,
    "rules": dict,
    "per_file_ignores": dict,
    "words": list,
    "exclude": list,
    "include": list,
    "proofreader": str,
    "languagetool_url": str,
    "dialect": str,
    "cache": bool,
    "templates": list,
}
DIALECTS = ("en-US", "en-GB", "en-AU", "en-CA", "en-IN")


def _strings(where: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: key '{key}': must be a list of strings")
    return tuple(value)


def parse_config(table: Mapping[str, object], path: Path | None) -> Config:
    """Validate one `[tool.followlint]` table (paths resolve relative to the config file)."""
    where = str(path) if path else "config"
    for key, value in table.items():
        if key not in _SCHEMA:
            raise ConfigError(f"{where}: key '{key}': unknown key (known: {', '.join(_SCHEMA)})")
        if not isinstance(value, _SCHEMA[key]):
            raise ConfigError(f"{where}: key '{key}': expected {_SCHEMA[key].__name__}")  # type: ignore[union-attr]
    base = path.parent if path else Path.cwd()
    fail_on = table.get("fail_on", "warning")
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{where}: key 'fail_on': must be error, warning or info")
    severity: dict[str, Severity] = {}
    for selector, level in dict(table.get("severity", {})).items():  # type: ignore[call-overload]
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: key 'severity.{selector}': must be error, warning or info")
        severity[selector] = level
    rules: dict[str, dict[str, object]] = {}
    for rule_id, options in dict(table.get("rules", {})).items():  # type: ignore[call-overload]
        if not isinstance(options, dict):
            raise ConfigError(f"{where}: key 'rules.{rule_id}': must be a table of options")
        rules[rule_id] = dict(options)
    per_file = []
    for pattern, selectors in dict(table.get("per_file_ignores", {})).items():  # type: ignore[call-overload]
        per_file.append((pattern, _strings(where, f"per_file_ignores.{pattern}", selectors)))
    proofreader = table.get("proofreader", "auto")
    if proofreader not in PROOFREADERS:
        raise ConfigError(f"{where}: key 'proofreader': must be one of {', '.join(PROOFREADERS)}")
    dialect = table.get("dialect", "en-US")
    if dialect not in DIALECTS:
        raise ConfigError(f"{where}: key 'dialect': must be one of {', '.join(DIALECTS)}")
    include = _strings(where, "include", table.get("include", list(DEFAULT_INCLUDE)))
    words = _strings(where, "words", table.get("words", []))
    words_file = base / WORDS_FILE
    if words_file.is_file():
        words += read_words(words_file)
    templates = _strings(where, "templates", table.get("templates", []))
    for pattern in templates:
        try:
            translate(pattern)
        except GlobError as exc:
            raise ConfigError(f"{where}: key 'templates': {pattern!r}: {exc}") from None
    return Config(
        path=path,
        select=_strings(where, "select", table.get("select", [])),
        ignore=_strings(where, "ignore", table.get("ignore", [])),
        extend_select=_strings(where, "extend_select", table.get("extend_select", [])),
        fail_on=fail_on,
        rule_dirs=tuple(
            (base / d).resolve() for d in _strings(where, "rule_dirs", table.get("rule_dirs", []))
        ),
        severity=severity,
        rules=rules,
        per_file_ignores=tuple(per_file),
        words=words,
        exclude=_strings(where, "exclude", table.get("exclude", [])),
        include=tuple(s if s.startswith(".") else "." + s for s in include),
        proofreader=str(proofreader),
        languagetool_url=table.get("languagetool_url"),  # type: ignore[arg-type]
        dialect=str(dialect),
        cache=bool(table.get("cache", True)),
        templates=templates,
    )


def read_words(path: Path) -> tuple[str, ...]:
    """Read a word list: one word a line, `#` starts a comment."""
    if path.exists() and not path.is_file():
        raise ConfigError(f"{path}: word list is not a regular file")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read word list: {exc}") from None
    return tuple(w for line in lines if (w := line.split("#", 1)[0].strip()))


def load_config_file(path: Path) -> Config:
    """Read one config file; a pyproject.toml without `[tool.followlint]` gives the defaults."""
    import tomllib  # only when there is a config file

    if path.exists() and not path.is_file():
        # A folder, a named pipe (reading it would wait for a writer forever) or a device.
        raise ConfigError(f"{path}: config is not a regular file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: arrays or tables nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("followlint", {}) if isinstance(tool, dict) else {}
    else:
        table = data.get("tool", {}).get("followlint", data) if "tool" in data else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: key 'tool.followlint': must be a table")
    return parse_config(table, path)


def find_config(start: Path) -> Path | None:
    """Walk up from `start` to the first config file.

    That is followlint.toml, .followlint.toml, or a pyproject.toml with `[tool.followlint]`.
    """
    folder = start if start.is_dir() else start.parent
    for directory in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_followlint_table(candidate):
                return candidate
    return None


def _has_followlint_table(path: Path) -> bool:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
        if "followlint" not in text:
            return False  # most pyproject.toml files are not followlint's: skip parsing them
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "followlint" in tool


def resolve_config(explicit: Path | None, paths: Sequence[Path]) -> Config:
    """The explicit `--config` file, or the one found from the first path (or the cwd)."""
    if explicit is not None:
        return load_config_file(explicit)
    start = paths[0] if paths else Path.cwd()
    found = find_config(start if start.exists() else Path.cwd())
    if found is None:
        words_file = Path.cwd() / WORDS_FILE
        words = read_words(words_file) if words_file.is_file() else ()
        return Config(words=words)
    return load_config_file(found)
