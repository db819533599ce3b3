"""LanguageTool engine: a real server for what LanguageTool finds, a fake `java` for failures.

One real server is shared by the session (each JVM start costs seconds); a second real one is
started and killed once. Without an install or Java these tests skip, except under CI=true,
where they fail: CI provisions LanguageTool (scripts/test) and must exercise it.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from followlint.config import Config
from followlint.document import Document, Source
from followlint.metadata import Metadata
from followlint.model import Finding, Span
from followlint.proofread import ProofreaderError, lt_install
from followlint.proofread import languagetool as lt
from followlint.readers import read_document

DATA = Path(__file__).parent / "data" / "languagetool"
IN_CI = os.environ.get("CI") == "true"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: LanguageTool must be provisioned, see scripts/test)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def lt_server() -> Iterator[lt.LanguageToolServer]:
    install = lt_install.find_install()
    if install is None:
        _unavailable(f"no LanguageTool install in {lt_install.install_dir()}")
    major = lt_install.java_version()
    if major is None or major < lt_install.MIN_JAVA:
        _unavailable("no Java 17+ on PATH")
    assert install is not None
    with lt.LanguageToolServer(install) as server:
        yield server


@pytest.fixture(autouse=True)
def _private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Server logs kept after a failure land in the test's tmp_path, not in /tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture
def proofreader(lt_server: lt.LanguageToolServer) -> lt.LanguageToolProofreader:
    return lt.LanguageToolProofreader(lt_server.url)


def doc_of(text: str, path: str = "draft.txt") -> Document:
    return read_document(path, text.encode("utf-8"), None)


def found(findings: list[Finding]) -> list[tuple[str, int, int, int, str]]:
    return [(f.rule.rsplit(".", 1)[-1], f.line, f.column, f.end_column, f.match) for f in findings]


# --- real server -------------------------------------------------------------------------------


@pytest.mark.languagetool
def test_typos_at_exact_positions(proofreader: lt.LanguageToolProofreader) -> None:
    findings = proofreader.check(doc_of("Hi Sam,\n\nI realy apreciate it.\n"))
    assert found(findings) == [
        ("MORFOLOGIK_RULE_EN_US", 3, 3, 8, "realy"),
        ("MORFOLOGIK_RULE_EN_US", 3, 9, 18, "apreciate"),
    ]
    assert all(f.rule.startswith("proofreading.languagetool.") for f in findings)
    assert all(f.severity == "warning" and f.category == "proofreading" for f in findings)
    assert "appreciate" in [fix.edits[0].replacement for fix in findings[1].fixes]


@pytest.mark.languagetool
def test_grammar_and_confused_words(proofreader: lt.LanguageToolProofreader) -> None:
    text = "I should of said that sooner. I am more excited then ever about the role.\n"
    matches = [(rule, match) for rule, *_, match in found(proofreader.check(doc_of(text)))]
    assert ("MODAL_OF", "should of") in matches
    # A "misspelling" that is a real word in the wrong place survives the unknown-word filter.
    assert ("LESS_MORE_THEN", "then") in matches


@pytest.mark.languagetool
def test_emoji_and_crlf_offsets(proofreader: lt.LanguageToolProofreader) -> None:
    text = "Thanks 🙏🏽 for the tour!\r\nIt was great 😀 and I realy enjoyed it.\r\n"
    doc = doc_of(text)
    (finding,) = proofreader.check(doc)
    assert text[finding.span.start : finding.span.end] == "realy"
    assert (finding.line, finding.column, finding.end_column) == (2, 22, 27)


@pytest.mark.languagetool
def test_names_from_headers_greeting_and_signature_are_not_typos(
    proofreader: lt.LanguageToolProofreader,
) -> None:
    doc = read_document("names.eml", (DATA / "names.eml").read_bytes(), None)
    assert found(proofreader.check(doc)) == []


@pytest.mark.languagetool
def test_name_starting_a_wrapped_line_is_not_a_typo(
    proofreader: lt.LanguageToolProofreader,
) -> None:
    text = "Hi Sam,\n\nI liked hearing how the team led by\nNguyen-Okafor runs its on-call.\n"
    assert found(proofreader.check(doc_of(text))) == []


@pytest.mark.languagetool
def test_urls_code_and_quotes_are_not_flagged(proofreader: lt.LanguageToolProofreader) -> None:
    doc = read_document("masked.md", (DATA / "masked.md").read_bytes(), None)
    assert found(proofreader.check(doc)) == []
    # ...while the same words in the writer's own sentence are.
    doc = doc_of("Hi Dana,\n\nWe realy apreciate it.\n\nBest,\nJordan\n")
    assert [m for *_, m in found(proofreader.check(doc))] == ["realy", "apreciate"]


@pytest.mark.languagetool
def test_placeholders_are_sent_as_markup(proofreader: lt.LanguageToolProofreader) -> None:
    text = "Dear [Hiring Mnager],\n\nThank you for the chat about the [Roel] role.\n"
    holes = ("[Hiring Mnager]", "[Roel]")
    spans = tuple(Span(text.index(p), text.index(p) + len(p)) for p in holes)
    doc = Document(Source(text=text, meta=Metadata(), placeholders=spans, template=True))
    parts = lt.annotation(doc.text, doc.view("all"))["annotation"]
    assert {"markup": "[Hiring Mnager]"} in parts and {"markup": "[Roel]"} in parts
    assert found(proofreader.check(doc)) == []


@pytest.mark.languagetool
def test_remote_server_by_config_and_environment(
    lt_server: lt.LanguageToolServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = lt.open_languagetool(Config(languagetool_url=lt_server.url + "/v2/"))
    assert remote.server is None and remote.url == lt_server.url
    assert remote.describe() == f"languagetool 6.8 at {lt_server.url}"
    assert [m for *_, m in found(remote.check(doc_of("I realy do.\n")))] == ["realy"]
    monkeypatch.setenv(lt.ENV_URL, lt_server.url)
    assert lt.open_languagetool(Config()).url == lt_server.url
    assert lt.auto_choice(Config()) == "languagetool"


@pytest.mark.languagetool
def test_a_remote_server_is_opened_while_the_rules_load(
    lt_server: lt.LanguageToolServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followlint.proofread import open_proofreader

    monkeypatch.delenv(lt.ENV_URL, raising=False)

    config = Config(proofreader="languagetool", languagetool_url=lt_server.url)
    remote = open_proofreader(config)
    assert remote is not None
    remote.warm_up()
    assert remote._warming is not None  # health check and probe in the background
    remote._warming.join(timeout=60)
    assert remote._engine is not None and remote.describe().startswith("languagetool 6.8 at ")
    assert [m for *_, m in found(remote.check(doc_of("I realy do.\n")))] == ["realy"]
    # A server this run would start itself is not: it could outlive a run that fails later.
    local = open_proofreader(Config(proofreader="languagetool"))
    assert local is not None
    local.warm_up()
    assert local._warming is None and local._engine is None


@pytest.mark.languagetool
def test_concurrent_checks_share_one_server(proofreader: lt.LanguageToolProofreader) -> None:
    names = ("Sam", "Ana", "Lee", "Kim", "Ravi", "Noor", "Ivan", "Mia")
    docs = [doc_of(f"Hi {name},\n\nI realy enjoyed meeting the team.\n") for name in names]
    results: list[list[tuple[str, int, int, int, str]]] = [[] for _ in docs]

    def work(i: int) -> None:
        results[i] = found(proofreader.check(docs[i]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(docs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r == [("MORFOLOGIK_RULE_EN_US", 3, 3, 8, "realy")] for r in results), results


@pytest.mark.languagetool
def test_started_server_gets_a_check_thread_and_pipeline_per_core(
    lt_server: lt.LanguageToolServer,
) -> None:
    config = (lt_server.log_path.parent / "server.cfg").read_text(encoding="utf-8")
    threads = len(os.sched_getaffinity(0))
    assert lt_server.threads == threads
    assert f"\nmaxCheckThreads={threads}\nmaxPipelinePoolSize={threads}\n" in config
    assert config.count("maxPipelinePoolSize=") == 1
    # More requests than check threads wait in the queue and are all answered.
    docs = [doc_of(f"Thank you for the the tour number {i}.") for i in range(threads * 3)]
    proofreader = lt.LanguageToolProofreader(lt_server.url)
    with ThreadPoolExecutor(max_workers=len(docs)) as pool:
        results = list(pool.map(proofreader.check, docs))
    assert all(any(f.match.lower() == "the the" for f in found) for found in results)


def test_server_config_names_the_threads_once() -> None:
    config = lt.server_config(3)
    assert config.startswith(lt_install.package_data("server.cfg"))
    assert config.endswith("maxCheckThreads=3\nmaxPipelinePoolSize=3\n")
    assert lt.server_config(0).endswith("maxCheckThreads=1\nmaxPipelinePoolSize=1\n")


@pytest.mark.languagetool
def test_local_server_killed_mid_run(lt_server: lt.LanguageToolServer, tmp_path: Path) -> None:
    # A second real JVM (without pipeline prewarming, to start faster), killed between checks.
    config = tmp_path / "server.cfg"
    config.write_text("pipelineCaching=true\n")
    server = lt.LanguageToolServer(lt_server.install, config=config).start()
    local = lt.LanguageToolProofreader(server.url, server=server)
    pid = server.pid
    assert pid is not None
    assert lt.healthy(server.url)  # (a first check would cost seconds of pipeline warm-up)
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.3)
    with pytest.raises(ProofreaderError, match=r"not reachable|dropped") as err:
        local.check(doc_of("I realy do.\n"))
    assert f"local server (pid {pid}) exited with code -9" in str(err.value)
    assert "\n" not in str(err.value)
    local.close()
    assert not _alive(pid)


# --- failures, with a fake `java` (no JVM) ------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead but not yet reaped; stop() reaps, so none should be left.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


@pytest.fixture
def fake_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `java` on PATH that runs fake_java.py; FAKE_* variables choose its behaviour."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{DATA / "fake_java.py"}" "$@"\n')
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return java


@pytest.fixture
def fake_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp"))
    install = lt_install.install_dir()
    install.mkdir(parents=True)
    (install / lt_install.JAR_NAME).write_bytes(b"")
    return install


def test_engine_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.delenv(lt.ENV_URL, raising=False)
    assert lt.find_install() is None
    assert lt.auto_choice(Config()) == "harper"
    with pytest.raises(ProofreaderError, match=r"LanguageTool is not installed .*language"):
        lt.open_languagetool(Config())
    with pytest.raises(ProofreaderError, match="does not exist"):
        lt.LanguageToolServer(tmp_path / "LanguageTool-6.8").start()


def test_unfinished_maven_assembly_is_not_an_install(fake_install: Path) -> None:
    (fake_install / "libs").mkdir()
    assert lt.find_install() is None
    (fake_install / lt_install.MARKER_NAME).write_text("6.8\n")
    assert lt.find_install() == fake_install


def test_java_missing(fake_install: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(lt.ENV_URL, raising=False)
    assert lt.java_version() is None
    assert lt.auto_choice(Config()) == "harper"
    with pytest.raises(ProofreaderError, match="no `java` is on PATH"):
        lt.open_languagetool(Config())


def test_java_too_old(fake_java: Path, fake_install: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_JAVA_VERSION", "1.8.0_292")
    assert lt.java_version() == 8
    with pytest.raises(ProofreaderError, match=r"needs Java 17 or newer, but .* is Java 8"):
        lt.LanguageToolServer(fake_install).start()


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17),
        ('java version "1.8.0_292"', 8),
        ('openjdk version "21" 2023-09-19', 21),
        ('openjdk version "11.0.2-ea"', 11),
        ("no version here", None),
    ],
)
def test_parse_java_version(output: str, major: int | None) -> None:
    assert lt_install.parse_java_version(output) == major


def test_server_exits_early(
    fake_java: Path, fake_install: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LT_MODE", "exit")
    with pytest.raises(ProofreaderError) as err:
        lt.LanguageToolServer(fake_install).start()
    message = str(err.value)
    assert "exited with code 1 before it was ready" in message
    assert 'last log line: Exception in thread "main" java.lang.RuntimeException: boom' in message
    log = Path(message.rsplit("log: ", 1)[1])
    assert log.is_file() and "boom" in log.read_text()


def test_server_not_ready_times_out_and_is_killed(
    fake_java: Path, fake_install: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LT_MODE", "hang")
    server = lt.LanguageToolServer(fake_install, timeout=1.0)
    started = time.monotonic()
    with pytest.raises(ProofreaderError, match=r"not ready after 1 s; last log line: Starting"):
        server.start()
    assert time.monotonic() - started < 10
    assert server.pid is None  # stopped and reaped


def test_busy_port_is_an_error_or_retried(
    fake_java: Path, fake_install: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        busy = held.getsockname()[1]
        with pytest.raises(ProofreaderError, match=f"port {busy} is already in use"):
            lt.LanguageToolServer(fake_install, port=busy).start()
        # A free port taken between choosing and binding: the server dies, another port is tried.
        ports = iter([busy])
        real_free_port = lt.free_port
        monkeypatch.setattr(lt, "free_port", lambda: next(ports, None) or real_free_port())
        with lt.LanguageToolServer(fake_install) as server:
            assert server.port != busy
            assert lt.healthy(server.url)
            pid = server.pid
        assert pid is not None and not _alive(pid)


def test_fake_server_utf16_offsets_and_version(
    fake_java: Path, fake_install: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with lt.LanguageToolServer(fake_install) as server:
        local = lt.LanguageToolProofreader(server.url, server=server)
        local.probe()
        assert local.describe() == "languagetool 0.0-fake"
        text = "🙏🙏 Thank you!\n\n> we realy 🙏 liked it\n\nI 😀 realy 🙏 did. I realy did.\n"
        findings = local.check(doc_of(text, "reply.md"))
        assert [text[f.span.start : f.span.end] for f in findings] == ["realy", "realy"]
        assert [(f.line, f.column) for f in findings] == [(5, 5), (5, 20)]
        assert findings[0].fixes[0].edits[0].replacement == "really"


def test_open_languagetool_starts_and_stops_a_local_server(
    fake_java: Path, fake_install: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(lt.ENV_URL, raising=False)
    assert lt.auto_choice(Config()) == "languagetool"
    local = lt.open_languagetool(Config(dialect="en-GB", words=("Okonkwo",)))
    assert local.server is not None and local.dialect == "en-GB"
    assert local.describe() == "languagetool 0.0-fake"
    pid = local.server.pid
    assert pid is not None and _alive(pid)
    local.close()
    assert not _alive(pid)


def test_start_timeout_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lt.ENV_START_TIMEOUT, "2.5")
    assert lt.start_timeout() == 2.5
    monkeypatch.setenv(lt.ENV_START_TIMEOUT, "soon")
    with pytest.raises(ProofreaderError, match="not a number"):
        lt.start_timeout()


def test_hung_server_check_times_out(
    fake_java: Path, fake_install: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LT_SLEEP", "3")
    with lt.LanguageToolServer(fake_install) as server:
        slow = lt.LanguageToolProofreader(server.url, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(ProofreaderError, match=r"did not answer within 0.5 s"):
            slow.check(doc_of("I realy do.\n"))
        assert time.monotonic() - started < 2.5


def test_remote_server_unreachable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with pytest.raises(ProofreaderError, match=f"LanguageTool at {url} is not reachable"):
        lt.open_languagetool(Config(languagetool_url=url))
    with pytest.raises(ProofreaderError, match=f"LanguageTool at {url} is not reachable"):
        lt.LanguageToolProofreader(url).check(doc_of("I realy do.\n"))


# --- pure units --------------------------------------------------------------------------------


def test_utf16_conversion_and_annotation() -> None:
    text = "a😀b\r\n🙏🏽 realy"
    to_cp = lt.utf16_to_codepoints(text)
    assert [to_cp(u) for u in (0, 1, 3, 4, 6, 11, 16)] == [0, 1, 2, 3, 5, 8, 13]
    rule = {"id": "X", "issueType": "grammar"}
    payload = {"matches": [{"offset": 11, "length": 5, "rule": rule}]}
    (match,) = lt.engine_matches(payload, text)
    assert text[match.start : match.end] == "realy"
    view = "ab\x00\x00cd\n\x00"
    assert lt.annotation("abXYcd\nZ", view) == {
        "annotation": [{"text": "ab"}, {"markup": "XY"}, {"text": "cd\n"}, {"markup": "Z"}]
    }


def test_whitespace_rules_dropped_and_safe_fixes() -> None:
    def raw(rule: str, issue: str, replacements: list[str]) -> dict[str, object]:
        return {
            "offset": 0, "length": 3, "message": "m",
            "replacements": [{"value": r} for r in replacements],
            "rule": {"id": rule, "issueType": issue},
        }  # fmt: skip

    payload = {"matches": [
        raw("WHITESPACE_RULE", "whitespace", [" "]),
        raw("ENGLISH_WORD_REPEAT_RULE", "duplication", ["the"]),
        raw("MORFOLOGIK_RULE_EN_US", "misspelling", ["thee"]),
        raw("LESS_MORE_THEN", "misspelling", ["than"]),
    ]}  # fmt: skip
    matches = list(lt.engine_matches(payload, "the the"))
    assert [(m.rule, m.issue, m.safe) for m in matches] == [
        ("ENGLISH_WORD_REPEAT_RULE", "duplication", True),
        ("MORFOLOGIK_RULE_EN_US", "misspelling", False),
        ("LESS_MORE_THEN", "grammar", False),
    ]


def test_pathing_jar_manifest(tmp_path: Path) -> None:
    (tmp_path / "libs").mkdir()
    for i in range(40):
        (tmp_path / "libs" / f"some-long-library-name-{i:02d}-1.2.3.jar").write_bytes(b"")
    jar = lt_install.write_pathing_jar(tmp_path)
    with zipfile.ZipFile(jar) as z:
        manifest = z.read("META-INF/MANIFEST.MF")
    lines = manifest.split(b"\r\n")
    assert all(len(line) <= 72 for line in lines) and manifest.endswith(b"\r\n\r\n")
    unfolded = manifest.decode().replace("\r\n ", "")
    assert "libs/some-long-library-name-39-1.2.3.jar" in unfolded
    assert "Class-Path: ./ libs/" in unfolded


def test_install_fast_path_and_status(fake_install: Path) -> None:
    from followlint.cli_languagetool import languagetool

    (fake_install / "libs").mkdir()
    (fake_install / lt_install.MARKER_NAME).write_text("6.8\n")
    started = time.monotonic()
    result = CliRunner().invoke(languagetool, ["install", "--maven"])
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 1.0
    assert f"installed in {fake_install}" in result.output
    result = CliRunner().invoke(
        languagetool, ["status", "--languagetool-url", "http://127.0.0.1:9"]
    )
    assert result.exit_code == 0, result.output
    assert f"install:  {fake_install} (LanguageTool 6.8, Maven assembly)" in result.output
    assert "server:   http://127.0.0.1:9 (NOT reachable)" in result.output
    assert "auto:     languagetool (configured server)" in result.output


def test_packaged_data_files() -> None:
    assert "pipelinePrewarming=true" in lt_install.package_data("server.cfg")
    assert "<artifactId>language-en</artifactId>" in lt_install.package_data("pom.xml")


def test_atexit_stops_the_server(fake_java: Path, fake_install: Path) -> None:
    # A child process that starts a server and simply exits: its atexit hook must stop it.
    code = (
        "import sys, followlint.proofread.languagetool as lt\n"
        "from pathlib import Path\n"
        "s = lt.LanguageToolServer(Path(sys.argv[1])).start()\n"
        "print(s.pid, flush=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(fake_install)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    pid = int(done.stdout.split()[0])
    time.sleep(0.2)
    assert not _alive(pid)


def test_the_probe_sends_the_settings_every_check_sends(monkeypatch: pytest.MonkeyPatch) -> None:
    # The server keeps one analysis pipeline per settings, in a pool the size of its check
    # threads: a probe with other settings would push out a pipeline the checks then rebuild.
    sent: list[dict[str, str]] = []

    def record(url: str, fields: dict[str, str], *args: object) -> dict[str, object]:
        sent.append(dict(fields))
        return {"software": {"version": "6.8"}, "matches": []}

    monkeypatch.setattr(lt, "post_check", record)
    proofreader = lt.LanguageToolProofreader("http://127.0.0.1:1", "en-GB")
    proofreader.probe()
    proofreader.check(doc_of("Thank you for the tour on Tuesday.\n"))
    probe, check = sent
    assert probe.keys() == check.keys()
    assert {k: v for k, v in probe.items() if k != "data"} == {
        k: v for k, v in check.items() if k != "data"
    }
    assert probe["language"] == "en-GB" and probe["disabledRules"]
    assert proofreader.version == "6.8"
