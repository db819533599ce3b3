"""The file edge: find drafts, read them, lint them, and collect one report for the formats.

Everything that touches the file system lives here (the engine stays pure). A file that cannot
be read becomes a one-line error and the run goes on with the others.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from followlint.cache import Cache, Entry
from followlint.config import Config, ConfigError
from followlint.document import Document
from followlint.engine import Anchor, RuleCrash, compare, lint, summarize
from followlint.fixes import apply_edits, choose_fixes
from followlint.metadata import utc_now
from followlint.model import SEVERITY_RANK, FileError, Finding
from followlint.readers import InputError, read_document, read_source
from followlint.registry import RulePack, known_selector, load_pack, matches

_FIX_PASSES = 4
_SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".followlint_cache",
    ".tox",
}


class Proofreader(Protocol):
    """A spelling and grammar engine behind one interface (see followlint.proofread)."""

    name: str
    version: str

    def check(self, doc: Document) -> list[Finding]:
        """Proofread the writer's words of one document."""
        ...

    def describe(self) -> str:
        """The engine and version, for the report."""
        ...

    def close(self) -> None:
        """Release the engine (stop a server)."""
        ...


@dataclass
class FileResult:
    """One file's outcome: its findings and the source lines they point at."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    lines: dict[int, str] = field(default_factory=dict)
    fixed: int = 0
    #: The fixed text, when fixes were applied (the CLI writes or diffs it).
    new_text: str | None = None
    original_text: str | None = None


@dataclass
class Report:
    """The outcome of a run: what every output format renders."""

    files: list[FileResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    engine: str | None = None

    @property
    def findings(self) -> list[Finding]:
        """Every finding of the run, by file then position."""
        return [f for result in self.files for f in result.findings]

    def worst(self) -> int:
        """The rank of the most serious finding (0 when there is none)."""
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=0)


def discover(paths: Sequence[str], config: Config, base: Path) -> Iterator[str | FileError]:
    """Yield the files to lint in a stable order, and an error for each path that is unusable."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for item in _walk(path, config, base):
                found = True
                yield item
            if not found:
                yield FileError(raw, f"no drafts found (looked for {', '.join(config.include)})")
        elif path.exists():
            yield raw
        elif path.is_symlink():
            yield FileError(raw, "is a broken symbolic link")
        else:
            yield FileError(raw, "no such file or directory")


def _walk(folder: Path, config: Config, base: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if not name.lower().endswith(config.include) or name.startswith("."):
                continue
            full = Path(root) / name
            if _excluded(full, config, base):
                continue
            yield str(full)


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _excluded(path: Path, config: Config, base: Path) -> bool:
    rel = _relative(path, base)
    return any(
        fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(path.name, pattern)
        for pattern in config.exclude
    )


def file_ignores(path: str, config: Config, base: Path) -> tuple[str, ...]:
    """Selectors that `per_file_ignores` turns off for this path."""
    rel = _relative(Path(path), base)
    out: list[str] = []
    for pattern, selectors in config.per_file_ignores:
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            out.extend(selectors)
    return tuple(out)


def build_pack(config: Config) -> RulePack:
    """Load, select and tune the rules a configuration asks for."""
    pack = load_pack(config.rule_dirs)
    where = str(config.path or "config")
    for key, selectors in (
        ("select", config.select),
        ("ignore", config.ignore),
        ("extend_select", config.extend_select),
    ):
        for selector in selectors:
            if not known_selector(selector, pack):
                raise ConfigError(
                    f"{where}: key '{key}': no rule, category or prefix matches '{selector}'"
                )
    pack = pack.select(config.select, config.ignore, config.extend_select)
    return pack.tuned(config.severity, config.rules, str(config.path or "config"))


def read_bytes(name: str, stdin: Callable[[], bytes] | None = None) -> bytes:
    """Read a file (or standard input for "-"), turning OS errors into InputError."""
    if name == "-":
        if stdin is None:
            raise InputError("standard input is not available")
        return stdin()
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


@dataclass
class Outcome:
    """What linting one file produced, before it joins the run (built in any thread)."""

    result: FileResult | None = None
    anchor: Anchor | None = None
    summaries: dict[str, Any] | None = None
    errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    linted: bool = False


@dataclass
class Run:
    """One linting run over many files: holds what cross-draft rules need, not the texts.

    `examine` lints one file without touching shared state, so files can be linted in
    parallel threads (engines such as Harper and LanguageTool release the GIL or wait on
    a server); `accept` then adds each outcome to the run in input order.
    """

    pack: RulePack
    config: Config
    base: Path
    now: datetime | None
    proofreader: Proofreader | None = None
    cache: Cache | None = None
    report: Report = field(default_factory=Report)
    #: Files actually linted (not restored from the cache): what a warm run keeps at zero.
    linted: int = 0
    _anchors: list[Anchor] = field(default_factory=list)
    _summaries: list[dict[str, Any]] = field(default_factory=list)
    _results: list[FileResult] = field(default_factory=list)

    def _findings(self, doc: Document, errors: list[FileError]) -> list[Finding]:
        extra: list[Finding] = []
        if self.proofreader is not None:
            try:
                extra = self.proofreader.check(doc)
            except Exception as exc:
                # The engine failed for this file (a dead server, a timeout): say so, and still
                # report what the rules found.
                message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                errors.append(FileError(doc.path, f"proofreading failed: {message}"))
        ignores = file_ignores(doc.path, self.config, self.base) if doc.path != "-" else ()
        findings = lint(doc, self.pack, extra)
        if ignores:
            findings = [f for f in findings if not any(matches(f.rule, s) for s in ignores)]
        return findings

    def _lint_document(
        self, doc: Document, fix: str | None, errors: list[FileError]
    ) -> tuple[FileResult, Document]:
        """Lint one document; with `fix` ("safe" or "unsafe") apply fixes until none is left."""
        findings = self._findings(doc, errors)
        original = doc.text
        applied = 0
        for _ in range(_FIX_PASSES if fix else 0):
            chosen = choose_fixes(findings, unsafe=fix == "unsafe")
            if not chosen:
                break
            new_text, count = apply_edits(doc.text, chosen)
            if count == 0 or new_text == doc.text:
                break
            applied += count
            doc = Document(read_source(doc.path, new_text.encode("utf-8"), self.now), doc.path)
            findings = self._findings(doc, errors)
        result = FileResult(doc.path, findings, fixed=applied)
        if applied:
            result.new_text, result.original_text = doc.text, original
        _keep_lines(result, doc.text)
        return result, doc

    def examine(
        self, name: str, data: bytes, display: str | None = None, fix: str | None = None
    ) -> Outcome:
        """Read and lint one file's bytes (thread-safe); problems become errors in the outcome."""
        shown = display or name
        key = self.cache.key(shown, data) if self.cache is not None and fix is None else None
        if key is not None and self.cache is not None:
            entry = self.cache.get(key)
            if entry is not None:
                return Outcome(entry.result, entry.anchor, entry.summaries)
        outcome = Outcome(linted=True)
        try:
            doc = read_document(shown, data, self.now)
        except InputError as exc:
            outcome.errors.append(FileError(shown, str(exc)))
            return outcome
        outcome.notices.extend(f"{shown}: {warning}" for warning in doc.warnings)
        if not doc.text.strip("\ufeff \t\r\n"):
            outcome.notices.append(f"{shown}: skipped: the file is empty")
            return outcome
        try:
            result, doc = self._lint_document(doc, fix, outcome.errors)
            anchor, summaries = summarize(doc, self.pack)
        except InputError as exc:
            outcome.errors.append(FileError(shown, f"after fixing: {exc}"))
            return outcome
        except RuleCrash as exc:
            outcome.errors.append(FileError(shown, str(exc)))
            return outcome
        outcome.result, outcome.anchor, outcome.summaries = result, anchor, summaries
        clock_bound = doc.meta.sent_is_now and doc.meta.interview_date is not None
        if key is not None and self.cache is not None and not clock_bound and not outcome.errors:
            self.cache.put(key, Entry(result, anchor, summaries))
        return outcome

    def accept(self, outcome: Outcome) -> FileResult | None:
        """Add one file's outcome to the run (call in input order for a stable report)."""
        self.report.errors.extend(outcome.errors)
        self.report.notices.extend(outcome.notices)
        self.linted += outcome.linted
        if outcome.result is None or outcome.anchor is None:
            return None
        self._anchors.append(outcome.anchor)
        self._summaries.append(outcome.summaries or {})
        self._results.append(outcome.result)
        return outcome.result

    def lint_file(
        self, name: str, data: bytes, display: str | None = None, fix: str | None = None
    ) -> FileResult | None:
        """Read, lint and add one file (the serial path)."""
        return self.accept(self.examine(name, data, display, fix))

    def lint_document(self, doc: Document, fix: str | None = None) -> FileResult:
        """Lint an already-read document and add it to the run."""
        outcome = Outcome(linted=True)
        result, doc = self._lint_document(doc, fix, outcome.errors)
        outcome.result = result
        outcome.anchor, outcome.summaries = summarize(doc, self.pack)
        self.accept(outcome)
        return result

    def finish(self) -> Report:
        """Run cross-draft rules over everything read and return the report."""
        crossed = compare(self._anchors, self._summaries, self.pack)
        for index, findings in crossed.items():
            result = self._results[index]
            ignores = file_ignores(result.path, self.config, self.base)
            kept = [f for f in findings if not any(matches(f.rule, s) for s in ignores)]
            result.findings.extend(kept)
            result.findings.sort(key=Finding.sort_key)
        self.report.files = self._results
        return self.report


def _keep_lines(result: FileResult, text: str) -> None:
    """Keep only the source lines findings point at (for snippets), not the whole text."""
    if not result.findings:
        return
    wanted = {f.line for f in result.findings}
    for number, line in enumerate(text.split("\n"), start=1):
        if number in wanted:
            result.lines[number] = line.rstrip("\r")


def lint_paths(
    paths: Iterable[str],
    config: Config | None = None,
    now: datetime | None = None,
    proofreader: Proofreader | None = None,
    base: Path | None = None,
) -> Report:
    """Lint files and folders and return the whole report (the Python API's workhorse)."""
    config = config or Config()
    base = base or (config.path.parent if config.path else Path.cwd())
    run = Run(build_pack(config), config, base, now or utc_now(), proofreader)
    for item in discover([str(p) for p in paths], config, base):
        if isinstance(item, FileError):
            run.report.errors.append(item)
            continue
        try:
            data = read_bytes(item)
        except InputError as exc:
            run.report.errors.append(FileError(item, str(exc)))
            continue
        run.lint_file(item, data)
    return run.finish()
