"""The file edge: find drafts, read them, lint them, and collect one report for the formats.

Everything that touches the file system lives here (the engine stays pure). A file that cannot
be read becomes a one-line error and the run goes on with the others.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from followlint.config import Config, ConfigError
from followlint.document import Document
from followlint.engine import Anchor, RuleCrash, compare, merge, run_rules, summarize
from followlint.fixes import apply_edits, choose_fixes
from followlint.metadata import utc_now
from followlint.model import SEVERITY_RANK, FileError, Finding
from followlint.readers import MAX_DRAFT_MB, InputError, read_document, read_source
from followlint.registry import RulePack, known_selector, load_pack, matches

if TYPE_CHECKING:
    from followlint.cache import Cache

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


@dataclass(slots=True)
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
            continue
        problem = _unusable(path)
        yield raw if problem is None else FileError(raw, problem)


def _walk(folder: Path, config: Config, base: Path) -> Iterator[str | FileError]:
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append, followlinks=False):
        yield from _folder_errors(unreadable)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            full = Path(root) / name
            wanted = name.lower().endswith(config.include) or _template_glob(full, config, base)
            if not wanted or name.startswith("."):
                continue
            if _excluded(full, config, base):
                continue
            problem = _unusable(full)
            yield str(full) if problem is None else FileError(str(full), problem)
    yield from _folder_errors(unreadable)


def _folder_errors(unreadable: list[OSError]) -> Iterator[FileError]:
    """Turn the folders os.walk could not list into errors (and forget them)."""
    while unreadable:
        exc = unreadable.pop(0)
        yield FileError(str(exc.filename or "?"), f"cannot list folder: {_os_problem(exc)}")


#: How each kind of non-regular file is named in its error (a pipe or device would hang a read).
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read as a draft (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
    hint = "; to lint piped text, pass '-'" if stat.S_ISFIFO(mode) else ""
    return f"is {kind}, not a regular file{hint}"


def _os_problem(exc: OSError) -> str:
    """One line for an OS error about a draft's path."""
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def _unusable(path: Path) -> str | None:
    """Why a named or found path cannot be read as a draft, or None when it can be tried."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno != errno.ELOOP and path.is_symlink():
            return "is a broken symbolic link"
        if isinstance(exc, FileNotFoundError | NotADirectoryError):
            return "no such file or directory"
        return _os_problem(exc)
    return _not_regular(mode)


def _relative(path: Path, base: Path) -> str:
    # os.path.realpath, unlike Path.resolve() before Python 3.13, does not raise on a link loop.
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(base)).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _excluded(path: Path, config: Config, base: Path) -> bool:
    if not config.exclude:
        return False  # resolving the path costs an lstat per folder above it
    rel = _relative(path, base)
    return any(
        fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(path.name, pattern)
        for pattern in config.exclude
    )


def file_ignores(path: str, config: Config, base: Path) -> tuple[str, ...]:
    """Selectors that `per_file_ignores` turns off for this path."""
    if not config.per_file_ignores:
        return ()
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
    """Read a file (or standard input for "-"), turning OS errors into InputError.

    Only regular files are read: a named pipe or device is refused without waiting on it.
    """
    if name == "-":
        if stdin is None:
            raise InputError("standard input is not available")
        return stdin()
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer before it is refused.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(_os_problem(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            problem = _not_regular(info.st_mode)
            if problem is not None:
                raise InputError(problem)
            if info.st_size > MAX_DRAFT_MB * 1_000_000:  # refused before it is read into memory
                raise InputError(
                    f"is {info.st_size / 1_000_000:.1f} MB; followlint lints drafts up to "
                    f"{MAX_DRAFT_MB} MB"
                )
            os.set_blocking(fd, True)
            return handle.read()
        except OSError as exc:
            raise InputError(_os_problem(exc)) from None


@dataclass
class Outcome:
    """What linting one file produced, before it joins the run (built in any thread)."""

    result: FileResult | None = None
    anchor: Anchor | None = None
    summaries: dict[str, Any] | None = None
    errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    linted: bool = False


@dataclass(frozen=True, slots=True)
class Prelinted:
    """One file's rule findings and summaries, from `Run.prelint`: all but its proofreading."""

    data: bytes
    own: list[Finding]
    anchor: Anchor
    summaries: dict[str, Any]


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

    def _findings(
        self, doc: Document, errors: list[FileError], own: list[Finding] | None = None
    ) -> list[Finding]:
        if own is None:
            # The rules before the engine: a first draft's rules run while Harper still builds.
            own = list(run_rules(doc, self.pack))
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
        findings = merge(doc, own, extra)
        if ignores:
            findings = [f for f in findings if not any(matches(f.rule, s) for s in ignores)]
        return findings

    def _as_template(self, name: str) -> bool:
        """Whether the config's `templates` globs make this file a template."""
        return name != "-" and _template_glob(Path(name), self.config, self.base)

    def _lint_document(
        self,
        doc: Document,
        fix: str | None,
        errors: list[FileError],
        own: list[Finding] | None = None,
    ) -> tuple[FileResult, Document]:
        """Lint one document; with `fix` ("safe" or "unsafe") apply fixes until none is left.

        `own`: the rules' findings for `doc`, when they ran earlier (see `prelint`).
        """
        findings = self._findings(doc, errors, own)
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
            source = read_source(
                doc.path, new_text.encode("utf-8"), self.now, self._as_template(doc.path)
            )
            doc = Document(source, doc.path)
            findings = self._findings(doc, errors)
        result = FileResult(doc.path, findings, fixed=applied)
        if applied:
            result.new_text, result.original_text = doc.text, original
        _keep_lines(result, doc.file_text)
        return result, doc

    def recall(self, data: bytes, display: str, fix: str | None = None) -> Outcome | None:
        """The cached outcome of a file with these bytes, or None (no cache, a miss, or --fix)."""
        if self.cache is None or fix is not None:
            return None
        entry = self.cache.get(self.cache.key(display, data))
        return None if entry is None else Outcome(entry.result, entry.anchor, entry.summaries)

    def prelint(self, name: str, data: bytes, display: str | None = None) -> Prelinted | None:
        """Run the rules over one file ahead of its proofreading (thread-safe), or None.

        For a run whose engine is still starting: the rules' part of `examine` done early, on
        a core that would otherwise wait. None for a file `examine` must see whole (one it
        cannot read, an empty one, a rule that fails): it meets the problem there again.
        """
        shown = display or name
        try:
            doc = read_document(shown, data, self.now, self._as_template(shown))
            if _is_empty(doc):
                return None
            own = list(run_rules(doc, self.pack))
            anchor, summaries = summarize(doc, self.pack)
        except Exception:  # examine meets it again and reports it, in its place
            return None
        # The Document itself (~90 KiB with its derived views) is read again when the file
        # is proofread: a thousand of them would be held here otherwise.
        return Prelinted(data, own, anchor, summaries)

    def examine(
        self,
        name: str,
        data: bytes,
        display: str | None = None,
        fix: str | None = None,
        prelinted: Prelinted | None = None,
    ) -> Outcome:
        """Read and lint one file's bytes (thread-safe); problems become errors in the outcome.

        `prelinted`: what `prelint` made of these bytes, so only proofreading is left (not
        with `fix`).
        """
        shown = display or name
        recalled = self.recall(data, shown, fix)
        if recalled is not None:
            return recalled
        if fix is not None:
            prelinted = None
        key = self.cache.key(shown, data) if self.cache is not None and fix is None else None
        outcome = Outcome(linted=True)
        try:
            doc = read_document(shown, data, self.now, self._as_template(shown))
        except InputError as exc:
            outcome.errors.append(FileError(shown, str(exc)))
            return outcome
        except Exception as exc:  # a bug in a reader or a library it uses: this file only
            detail = " ".join(str(exc).split())
            problem = f"cannot be read (a followlint bug): {type(exc).__name__}: {detail}"
            outcome.errors.append(FileError(shown, problem))
            return outcome
        outcome.notices.extend(f"{shown}: {warning}" for warning in doc.warnings)
        if _is_empty(doc):
            outcome.notices.append(f"{shown}: skipped: the file is empty")
            return outcome
        try:
            if prelinted is None:
                result, doc = self._lint_document(doc, fix, outcome.errors)
                anchor, summaries = summarize(doc, self.pack)
            else:
                result, doc = self._lint_document(doc, fix, outcome.errors, prelinted.own)
                anchor, summaries = prelinted.anchor, prelinted.summaries
        except InputError as exc:
            outcome.errors.append(FileError(shown, f"after fixing: {exc}"))
            return outcome
        except RuleCrash as exc:
            outcome.errors.append(FileError(shown, str(exc)))
            return outcome
        outcome.result, outcome.anchor, outcome.summaries = result, anchor, summaries
        clock_bound = doc.meta.sent_is_now and doc.meta.interview_date is not None
        if key is not None and self.cache is not None and not clock_bound and not outcome.errors:
            from followlint.cache import Entry

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


def _is_empty(doc: Document) -> bool:
    """Whether a file holds nothing to lint (only whitespace and a byte order mark)."""
    return not doc.text.strip("\ufeff \t\r\n")


def _template_glob(path: Path, config: Config, base: Path) -> bool:
    """Whether the config's `templates` globs make this file a template."""
    return bool(config.templates) and config.is_template(_relative(path, base))


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
