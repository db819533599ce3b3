"""LanguageTool: a local HTTP server that followlint starts and owns, or a remote one by URL.

followlint starts `java … org.languagetool.server.HTTPServer` itself (language-tool-python's
server management leaks JVMs and hides logs): on a free loopback port, with its log in a temp
directory, its own readiness timeout, and a stop that always runs (context manager, atexit,
and on Linux the JVM also dies with its parent). One server serves a whole run.

Checks POST `/v2/check` with the `data` annotation: the writer's words go as text and every
masked character as markup, so LanguageTool's offsets are offsets in the file (counted in
UTF-16 units, converted here to code points) and masked text is never flagged.
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from followlint.config import Config
from followlint.document import MASK, Document
from followlint.model import Finding
from followlint.proofread import ProofreaderError
from followlint.proofread.common import EngineMatch, findings_for
from followlint.proofread.lt_install import (
    DEFAULT_VERSION,
    JAR_NAME,
    MIN_JAVA,
    find_install,
    install_dir,
    java_version,
    package_data,
    require_java,
)

__all__ = [
    "LanguageToolProofreader",
    "LanguageToolServer",
    "auto_choice",
    "find_install",
    "java_version",
    "open_languagetool",
]

SERVER_CLASS = "org.languagetool.server.HTTPServer"
#: Measured: same speed as the defaults, a third of the memory, a faster first check.
DEFAULT_JVM_ARGS = ("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
START_TIMEOUT = 60.0
CHECK_TIMEOUT = 60.0
ENV_URL = "FOLLOWLINT_LANGUAGETOOL_URL"
ENV_START_TIMEOUT = "FOLLOWLINT_LANGUAGETOOL_START_TIMEOUT"
_GRACE = 5.0
_PORT_ATTEMPTS = 3
#: Masked parts leave gaps behind, so whitespace rules would report our own holes.
_WHITESPACE_RULES = frozenset(
    {
        "WHITESPACE_RULE",
        "CONSECUTIVE_SPACES",
        "COMMA_PARENTHESIS_WHITESPACE",
        "SENTENCE_WHITESPACE",
        "WHITESPACE_PARAGRAPH",
        "WHITESPACE_PARAGRAPH_BEGIN",
        "EMPTY_LINE",
    }
)
#: Heuristics that nag correct notes: an optional comma after a short introductory phrase
#: ("At present I manage"), and noun adjuncts read as missing possessives ("events coordinator").
_NOISY_RULES = frozenset({"MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE", "POSSESSIVE_APOSTROPHE"})
#: Never asked for (sent as disabledRules) and dropped if a remote server reports them anyway.
DROPPED_RULES = _WHITESPACE_RULES | _NOISY_RULES
#: LanguageTool's dictionary spell checkers; its other "misspelling" rules judge words in context
#: ("then" for "than", "should of") and must not be filtered as unknown words.
_DICTIONARY_RULE_RE = re.compile(r"^(?:MORFOLOGIK_RULE|HUNSPELL_|SPELLING_RULE|SPELLER_RULE)")
_SPELLING_ISSUES = frozenset({"misspelling", "spelling", "typo"})
#: Rules whose single suggestion cannot change the meaning, so `--fix` may apply it. Casing and
#: quote rules stay unsafe: they misfire after abbreviations and inside quoted titles.
_SAFE_RULES = frozenset({"ENGLISH_WORD_REPEAT_RULE", "DOUBLE_PUNCTUATION"})
_STACK_LINE_RE = re.compile(r"^\s+(?:at |\.\.\.)|^\s*$")


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int) -> bool:
    """Whether something already holds `port` on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def last_log_line(path: Path) -> str:
    """The last informative line of a server log (an exception line, not a stack frame)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log)"
    for line in reversed(lines):
        if not _STACK_LINE_RE.match(line):
            return line.strip()[:300]
    return "(empty log)"


def _parent_death_signal() -> Callable[[], None] | None:
    """On Linux, a preexec hook that makes the child get SIGTERM when this process dies."""
    if not sys.platform.startswith("linux"):
        return None
    if threading.current_thread() is not threading.main_thread():
        return None  # the signal fires when the *thread* that forked exits
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def hook() -> None:
        prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    return hook


class _PortTaken(Exception):
    """The server lost a race for its port; try another one."""


class LanguageToolServer:
    """A LanguageTool HTTP server process on loopback, started and stopped by followlint.

    Use as a context manager, or call start() and stop(); stop() also runs at exit.
    """

    def __init__(
        self,
        install: Path,
        *,
        port: int | None = None,
        timeout: float = START_TIMEOUT,
        java: str | None = None,
        config: Path | None = None,
        jvm_args: Sequence[str] = DEFAULT_JVM_ARGS,
        threads: int | None = None,
    ) -> None:
        from followlint.parallel import default_jobs

        self.install = install
        #: Check threads (with the bundled config): one per core unless told.
        self.threads = threads if threads is not None else default_jobs()
        self.timeout = timeout
        self._port = port
        self._java = java
        self._config = config
        self._jvm_args = tuple(jvm_args)
        self._proc: subprocess.Popen[bytes] | None = None
        self._dir: Path | None = None
        self._keep_log = False
        self._lock = threading.Lock()
        self.port = 0

    @property
    def url(self) -> str:
        """The server's base URL (without /v2)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        """Where the server's stdout and stderr go."""
        if self._dir is None:
            raise ProofreaderError("the LanguageTool server was never started")
        return self._dir / "server.log"

    @property
    def pid(self) -> int | None:
        """The JVM's process id while it runs."""
        return self._proc.pid if self._proc is not None else None

    def exit_code(self) -> int | None:
        """The JVM's exit code once it has exited, else None."""
        return self._proc.poll() if self._proc is not None else None

    def start(self) -> LanguageToolServer:
        """Start the JVM and wait until /v2/healthcheck answers; raise ProofreaderError if not."""
        if self._proc is not None:
            return self
        jar = self.install / JAR_NAME
        if not jar.is_file():
            raise ProofreaderError(
                f"LanguageTool is not installed: {jar} does not exist; run "
                "`followlint languagetool install` or use `--proofreader harper`"
            )
        java = require_java(self._java)
        if self._port is not None and port_in_use(self._port):
            raise ProofreaderError(
                f"cannot start LanguageTool: port {self._port} is already in use"
            )
        self._dir = Path(tempfile.mkdtemp(prefix="followlint-languagetool-"))
        config = self._config
        if config is None:
            config = self._dir / "server.cfg"
            config.write_text(server_config(self.threads), encoding="utf-8")
        atexit.register(self.stop)
        try:
            for _ in range(1 if self._port is not None else _PORT_ATTEMPTS):
                self.port = self._port or free_port()
                self._launch(java, jar, config)
                try:
                    self._wait_until_healthy()
                    return self
                except _PortTaken:
                    continue
            raise self._failure(f"no free port after {_PORT_ATTEMPTS} attempts")
        except BaseException:  # includes KeyboardInterrupt: never leave a JVM behind
            self.stop()
            raise

    def _launch(self, java: str, jar: Path, config: Path) -> None:
        cmd = [
            java, *self._jvm_args, "-cp", str(jar), SERVER_CLASS,
            "-p", str(self.port), "--config", str(config),
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self._dir,
                start_new_session=True,
                preexec_fn=_parent_death_signal(),
            )

    def _wait_until_healthy(self) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + self.timeout
        while True:
            code = self._proc.poll()
            if code is not None:
                if self._port is None and port_in_use(self.port):
                    raise _PortTaken
                raise self._failure(f"the server exited with code {code} before it was ready")
            if healthy(self.url, timeout=2.0):
                return
            if time.monotonic() > deadline:
                raise self._failure(f"the server was not ready after {self.timeout:g} s")
            time.sleep(0.1)

    def _failure(self, what: str) -> ProofreaderError:
        self._keep_log = True
        log = self.log_path
        last = last_log_line(log)
        return ProofreaderError(f"LanguageTool: {what}; last log line: {last}; log: {log}")

    def describe_death(self) -> str | None:
        """Why requests fail when the server process is gone, or None while it runs."""
        code = self.exit_code()
        if self._proc is None or code is None:
            return None
        self._keep_log = True
        pid = self._proc.pid
        return f"the local server (pid {pid}) exited with code {code}; log: {self.log_path}"

    def stop(self) -> None:
        """Terminate the JVM (kill it after a grace period); keep its log only after a failure."""
        with self._lock:
            proc, self._proc = self._proc, None
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(_GRACE)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            elif proc is not None:
                self._keep_log = self._keep_log or proc.returncode not in (0, -signal.SIGTERM, 143)
            atexit.unregister(self.stop)
            if self._dir is not None and not self._keep_log:
                shutil.rmtree(self._dir, ignore_errors=True)
                self._dir = None

    def __enter__(self) -> LanguageToolServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def server_config(threads: int) -> str:
    """The server.cfg a started server gets: the bundled settings and `threads` check threads.

    Each check thread gets a cached pipeline of its own; followlint keeps more requests in
    flight than that, so the extra ones wait in the server's queue instead of building
    pipelines of their own.
    """
    threads = max(1, threads)
    return f"{package_data('server.cfg')}maxCheckThreads={threads}\nmaxPipelinePoolSize={threads}\n"


def healthy(url: str, timeout: float = 5.0) -> bool:
    """Whether GET {url}/v2/healthcheck answers 200."""
    try:
        with urllib.request.urlopen(f"{url}/v2/healthcheck", timeout=timeout) as resp:
            return int(resp.status) == 200
    except (OSError, http.client.HTTPException):
        return False


def check_text(
    url: str,
    text: str,
    language: str,
    timeout: float = CHECK_TIMEOUT,
    server: LanguageToolServer | None = None,
) -> dict[str, Any]:
    """POST plain text to {url}/v2/check and return the JSON answer (smoke tests, probes)."""
    return post_check(url, {"language": language, "text": text}, timeout, server)


def post_check(
    url: str,
    fields: Mapping[str, str],
    timeout: float = CHECK_TIMEOUT,
    server: LanguageToolServer | None = None,
) -> dict[str, Any]:
    """POST form fields to {url}/v2/check; every failure becomes a one-line ProofreaderError."""
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(f"{url}/v2/check", data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            payload = json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        reason = f"answered HTTP {exc.code}: {detail[0][:200] if detail else exc.reason}"
    except TimeoutError:
        reason = f"did not answer within {timeout:g} s"
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            reason = f"did not answer within {timeout:g} s"
        else:
            reason = f"is not reachable ({exc.reason})"
    except (OSError, http.client.HTTPException) as exc:
        reason = f"dropped the connection ({type(exc).__name__}: {exc})"
    except ValueError as exc:
        reason = f"sent an answer that is not JSON ({exc})"
    else:
        if not isinstance(payload, dict):
            raise ProofreaderError(f"LanguageTool at {url} sent an unexpected answer")
        return payload
    death = server.describe_death() if server is not None else None
    suffix = f"; {death}" if death else ""
    raise ProofreaderError(f"LanguageTool at {url} {reason}{suffix}")


def annotation(text: str, view: str) -> dict[str, list[dict[str, str]]]:
    """The `data` annotation: kept characters as text, masked runs as markup (same offsets)."""
    parts = []
    for m in re.finditer(f"{MASK}+|[^{MASK}]+", view):
        key = "markup" if m.group()[0] == MASK else "text"
        parts.append({key: text[m.start() : m.end()]})
    return {"annotation": parts}


def utf16_to_codepoints(text: str) -> Callable[[int], int]:
    """A function mapping UTF-16 offsets in `text` to code-point offsets."""
    if text.isascii() or max(text) < "\U00010000":  # no surrogate pairs: the same offsets
        return lambda offset: offset
    table: list[int] = []
    for index, ch in enumerate(text):
        table.append(index)
        if ord(ch) >= 0x10000:
            table.append(index)  # the low surrogate belongs to the same code point
    table.append(len(text))
    return lambda offset: table[min(offset, len(table) - 1)]


def engine_matches(payload: Mapping[str, Any], text: str) -> Iterator[EngineMatch]:
    """Turn a /v2/check answer about `text` into EngineMatches in code points."""
    to_cp = utf16_to_codepoints(text)
    for raw in payload.get("matches", []):
        rule = raw.get("rule", {})
        rule_id = str(rule.get("id", "UNKNOWN"))
        if rule_id in DROPPED_RULES:
            continue
        offset, length = int(raw["offset"]), int(raw["length"])
        issue = str(rule.get("issueType", "other"))
        if issue in _SPELLING_ISSUES and not _DICTIONARY_RULE_RE.match(rule_id):
            issue = "grammar"  # a word in the wrong context, not an unknown word
        replacements = tuple(str(r.get("value", "")) for r in raw.get("replacements", [])[:5])
        yield EngineMatch(
            start=to_cp(offset),
            end=to_cp(offset + length),
            rule=rule_id,
            issue=issue,
            message=str(raw.get("message", rule.get("description", ""))),
            replacements=replacements,
            safe=len(replacements) == 1 and rule_id in _SAFE_RULES,
        )


class LanguageToolProofreader:
    """Proofread with a LanguageTool server; thread-safe (each check is its own request)."""

    name = "languagetool"

    def __init__(
        self,
        url: str,
        dialect: str = "en-US",
        words: Iterable[str] = (),
        *,
        server: LanguageToolServer | None = None,
        timeout: float = CHECK_TIMEOUT,
    ) -> None:
        self.url = normalize_url(url)
        self.dialect = dialect
        self.timeout = timeout
        self.server = server
        self.version = "unknown"
        self._words = tuple(words)

    def probe(self) -> None:
        """Check one sentence to learn the version and make sure the dialect is served.

        With the settings every check sends: the server caches an analysis pipeline per
        settings, in a pool as large as its check threads, so a probe with other settings
        pushed out a pipeline the checks then built again (~0.5 s of server time a run).
        """
        sentence = {"annotation": [{"text": "Hello."}]}
        payload = post_check(self.url, self._fields(sentence), self.timeout, self.server)
        self.version = str(payload.get("software", {}).get("version", "unknown"))

    def _fields(self, data: Mapping[str, object]) -> dict[str, str]:
        return {
            "language": self.dialect,
            "data": json.dumps(data, ensure_ascii=False),
            "disabledRules": ",".join(sorted(DROPPED_RULES)),
        }

    def check(self, doc: Document) -> list[Finding]:
        """Proofread the writer's words of one document."""
        view = doc.view("all")
        if not view.replace(MASK, "").strip():
            return []
        fields = self._fields(annotation(doc.text, view))
        payload = post_check(self.url, fields, self.timeout, self.server)
        return findings_for(doc, engine_matches(payload, doc.text), "languagetool", self._words)

    def describe(self) -> str:
        """The engine and version that ran, for the report footer and JSON."""
        where = "" if self.server is not None else f" at {self.url}"
        return f"languagetool {self.version}{where}"

    def close(self) -> None:
        """Stop the local server, if this proofreader started one."""
        if self.server is not None:
            self.server.stop()


def normalize_url(url: str) -> str:
    """`http://host:8081/v2/` and `http://host:8081` name the same server."""
    url = url.strip().rstrip("/")
    return url[: -len("/v2")] if url.endswith("/v2") else url


def configured_url(config: Config) -> str | None:
    """The remote server to use: the config's (or the command line's), else the environment's."""
    return config.languagetool_url or os.environ.get(ENV_URL) or None


def start_timeout() -> float:
    """The server's readiness timeout: $FOLLOWLINT_LANGUAGETOOL_START_TIMEOUT or 60 s."""
    raw = os.environ.get(ENV_START_TIMEOUT)
    try:
        return float(raw) if raw else START_TIMEOUT
    except ValueError:
        raise ProofreaderError(f"{ENV_START_TIMEOUT}={raw!r} is not a number of seconds") from None


def open_languagetool(config: Config, version: str = DEFAULT_VERSION) -> LanguageToolProofreader:
    """Connect to the configured server, or start a local one; raise ProofreaderError if neither."""
    url = configured_url(config)
    if url:
        url = normalize_url(url)
        if not healthy(url):
            raise ProofreaderError(
                f"LanguageTool at {url} is not reachable (GET /v2/healthcheck failed)"
            )
        remote = LanguageToolProofreader(url, config.dialect, config.words)
        remote.probe()
        return remote
    install = find_install(version)
    if install is None:
        raise ProofreaderError(
            f"LanguageTool is not installed (looked for {install_dir(version) / JAR_NAME}); run "
            "`followlint languagetool install`, pass --languagetool-url, "
            "or use --proofreader harper"
        )
    server = LanguageToolServer(install, timeout=start_timeout()).start()
    try:
        local = LanguageToolProofreader(server.url, config.dialect, config.words, server=server)
        local.probe()
    except BaseException:
        server.stop()
        raise
    local.version = local.version if local.version != "unknown" else version
    return local


def auto_choice(config: Config, version: str = DEFAULT_VERSION) -> str:
    """What `proofreader = "auto"` picks: languagetool when usable as is, else harper."""
    if configured_url(config):
        return "languagetool"
    if find_install(version) is None:
        return "harper"
    major = java_version()
    return "languagetool" if major is not None and major >= MIN_JAVA else "harper"
