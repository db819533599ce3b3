"""Finding, checking and installing a local LanguageTool (no server logic here).

An install is the directory `$LTP_PATH/LanguageTool-<version>` holding
`languagetool-server.jar`, the layout language-tool-python uses (LTP_PATH defaults to
`~/.cache/language_tool_python`). It comes either from language-tool-python's own download
(a 259 MB zip with a checksum) or from Maven Central: `mvn copy-dependencies` puts the runtime
jars into `libs/` and a "pathing" jar whose manifest lists them becomes `languagetool-server.jar`.
A Maven assembly counts only once its marker file is written, after a successful smoke test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from followlint.proofread import ProofreaderError

DEFAULT_VERSION = "6.8"
MIN_JAVA = 17
JAR_NAME = "languagetool-server.jar"
MARKER_NAME = ".followlint-assembled"
DEP_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

_JAVA_VERSION_RE = re.compile(r'version "(\d+)(?:\.(\d+))?[^"]*"')

Echo = Callable[[str], None]


class InstallError(ProofreaderError):
    """LanguageTool could not be installed; the message says why in one line."""


def ltp_path() -> Path:
    """The install root: $LTP_PATH, else ~/.cache/language_tool_python."""
    env = os.environ.get("LTP_PATH")
    return Path(env) if env else Path.home() / ".cache" / "language_tool_python"


def install_dir(version: str = DEFAULT_VERSION) -> Path:
    """Where the install of `version` lives (whether or not it exists)."""
    return ltp_path() / f"LanguageTool-{version}"


def is_complete(path: Path) -> bool:
    """Whether `path` is a usable install: the jar exists and a Maven assembly finished."""
    if not (path / JAR_NAME).is_file():
        return False
    # A Maven assembly (libs/) is complete only with its marker; a release zip has no libs/.
    return not (path / "libs").is_dir() or (path / MARKER_NAME).is_file()


def find_install(version: str = DEFAULT_VERSION) -> Path | None:
    """Return the install directory of `version` when it is complete, else None."""
    path = install_dir(version)
    return path if is_complete(path) else None


def java_executable() -> str | None:
    """The `java` found on PATH, or None."""
    return shutil.which("java")


def parse_java_version(output: str) -> int | None:
    """The major version in `java -version` output ("1.8.0_292" gives 8, "17.0.15" gives 17)."""
    m = _JAVA_VERSION_RE.search(output)
    if m is None:
        return None
    major = int(m.group(1))
    if major == 1 and m.group(2):
        return int(m.group(2))
    return major


def java_version(java: str | None = None) -> int | None:
    """The major version of `java` (default: the one on PATH), or None when it cannot run."""
    java = java or java_executable()
    if java is None:
        return None
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_java_version(done.stderr + done.stdout)


def require_java(java: str | None = None) -> str:
    """Return a usable java executable (Java 17 or newer) or raise ProofreaderError."""
    java = java or java_executable()
    if java is None:
        raise ProofreaderError(
            "LanguageTool needs Java 17 or newer, but no `java` is on PATH; install a JDK/JRE "
            "or use `--proofreader harper`"
        )
    major = java_version(java)
    if major is None:
        raise ProofreaderError(f"cannot tell the Java version of {java} (`java -version` failed)")
    if major < MIN_JAVA:
        raise ProofreaderError(
            f"LanguageTool needs Java {MIN_JAVA} or newer, but {java} is Java {major}"
        )
    return java


def package_data(name: str) -> str:
    """The text of a file shipped in followlint/proofread/data/."""
    data = resources.files("followlint.proofread").joinpath("data")
    return data.joinpath(name).read_text("utf-8")


def _wrap_manifest_line(line: str) -> bytes:
    """Manifest lines hold at most 72 bytes; continuation lines start with one space."""
    raw = line.encode()
    out = [raw[:72]]
    raw = raw[72:]
    while raw:
        out.append(b" " + raw[:71])
        raw = raw[71:]
    return b"\r\n".join(out)


def write_pathing_jar(dest: Path) -> Path:
    """Write dest/languagetool-server.jar: an empty jar whose Class-Path is ./ and libs/*.jar."""
    jars = sorted((dest / "libs").glob("*.jar"))
    if not jars:
        raise InstallError(f"no jars in {dest / 'libs'}")
    class_path = ["./"] + [quote(f"libs/{p.name}") for p in jars]
    lines = ["Manifest-Version: 1.0", "Created-By: followlint"]
    lines.append("Class-Path: " + " ".join(class_path))
    manifest = b"\r\n".join(map(_wrap_manifest_line, lines)) + b"\r\n\r\n"  # must end in a newline
    tmp = dest / (JAR_NAME + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as jar:
        jar.writestr("META-INF/MANIFEST.MF", manifest)
    tmp.replace(dest / JAR_NAME)
    return dest / JAR_NAME


def install_download(version: str, echo: Echo) -> Path:
    """Install with language-tool-python's own download (progress bar, SHA-256 check)."""
    require_java()
    dest = install_dir(version)
    if is_complete(dest):
        echo(f"LanguageTool {version} is already installed in {dest}")
        return dest
    echo(f"downloading LanguageTool {version} into {ltp_path()} (about 260 MB)")
    try:
        from language_tool_python.download_lt import LocalLanguageTool

        LocalLanguageTool.from_version_name(version).download()
    except Exception as exc:  # requests, PathError, TimeoutError, ...: all mean "not installed"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InstallError(
            f"download of LanguageTool {version} failed: {reason}; try `--maven`"
        ) from None
    if not is_complete(dest):
        raise InstallError(f"download finished but {dest / JAR_NAME} is missing")
    return dest


def _marker_ok(dest: Path, version: str) -> bool:
    try:
        return (dest / MARKER_NAME).read_text().strip() == version and (dest / JAR_NAME).is_file()
    except OSError:
        return False


def install_maven(
    version: str = DEFAULT_VERSION,
    echo: Echo = print,
    force: bool = False,
    smoke: bool = True,
    mvn_args: tuple[str, ...] = (),
) -> Path:
    """Assemble LanguageTool from Maven Central into install_dir(version); fast when done before.

    Steps: resolve the runtime jars into libs/ (fresh, via a temporary directory), write the
    pathing jar, smoke-test a real server, and only then write the marker.
    """
    dest = install_dir(version)
    if not force and _marker_ok(dest, version):
        return dest
    java = require_java()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise InstallError("`mvn` (Apache Maven) is not on PATH; install it or drop `--maven`")
    dest.mkdir(parents=True, exist_ok=True)
    with (dest / ".assemble.lock").open("w") as lock:
        _lock(lock.fileno())
        if not force and _marker_ok(dest, version):  # another process finished meanwhile
            return dest
        started = time.monotonic()
        (dest / MARKER_NAME).unlink(missing_ok=True)
        _copy_dependencies(mvn, dest, version, echo, mvn_args)
        echo(f"2/3 writing pathing jar {dest / JAR_NAME}")
        write_pathing_jar(dest)
        if smoke:
            _smoke_test(dest, java, echo)
        else:
            echo("3/3 smoke test skipped")
        (dest / MARKER_NAME).write_text(version + "\n")
        echo(f"done in {time.monotonic() - started:.0f} s: {dest}")
    return dest


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no serialisation of concurrent installs
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _copy_dependencies(
    mvn: str, dest: Path, version: str, echo: Echo, mvn_args: tuple[str, ...]
) -> None:
    echo(f"1/3 resolving languagetool-server {version} (+ en, es, ca, pt) from Maven Central")
    tmp = dest / "libs.tmp"
    shutil.rmtree(dest / "libs", ignore_errors=True)
    shutil.rmtree(tmp, ignore_errors=True)
    pom = dest / "pom.xml"
    pom.write_text(package_data("pom.xml"), encoding="utf-8")
    env = dict(os.environ)
    # Debian's Maven prints stray colour resets even with -B -q unless told not to.
    env["MAVEN_OPTS"] = (env.get("MAVEN_OPTS", "") + " -Djansi.noreset=true").strip()
    cmd = [
        mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(pom), *mvn_args,
        f"-Dlt.version={version}", f"{DEP_PLUGIN}:copy-dependencies",
        "-DincludeScope=runtime", f"-DoutputDirectory={tmp}",
    ]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()
        errors = [line for line in output if "ERROR" in line] or output or ["(no output)"]
        raise InstallError(f"mvn copy-dependencies failed (exit {done.returncode}): {errors[0]}")
    tmp.replace(dest / "libs")
    jars = list((dest / "libs").glob("*.jar"))
    size = sum(p.stat().st_size for p in jars) / 1e6
    echo(f"    {len(jars)} jars, {size:.0f} MB")


def _smoke_test(dest: Path, java: str, echo: Echo) -> None:
    from followlint.proofread.languagetool import LanguageToolServer, check_text

    echo("3/3 smoke test: starting the server and checking 'I realy enjoyed it.'")
    with LanguageToolServer(dest, java=java, timeout=180) as server:
        text = "I realy enjoyed it."
        payload = check_text(server.url, text, "en-US", timeout=120)
        found = [text[m["offset"] : m["offset"] + m["length"]] for m in payload.get("matches", [])]
        log = dest / "smoke.log"
        shutil.copyfile(server.log_path, log)
    if "realy" not in found:
        raise InstallError(f"smoke test: no spelling match for 'realy' (got {found}); log: {log}")
    software = payload.get("software", {})
    echo(f"    {software.get('name', 'LanguageTool')} {software.get('version', '?')}: {found}")
