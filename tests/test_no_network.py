"""No network: the whole CLI runs over the corpus with sockets disabled (pytest-socket).

Every mode that does not talk to a LanguageTool server must work offline: a linter in a
pre-commit hook or an air-gapped CI runner cannot depend on the network. The CLI runs
in-process (click's CliRunner), because pytest-socket only guards this process.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followlint.cli import main
from followlint.config import Config

pytest_socket = pytest.importorskip("pytest_socket")

#: CI clones the repository next to a copy of shared/.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Sockets off (TCP, UDP and Unix), no LanguageTool URL, the corpus copied to tmp_path."""
    monkeypatch.delenv("FOLLOWLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    for path in (corpus, *corpus.rglob("*")):  # the shared corpus is read-only; the copy is not
        path.chmod(0o755 if path.is_dir() else 0o644)
    pytest_socket.disable_socket(allow_unix_socket=False)
    try:
        yield corpus
    finally:
        pytest_socket.enable_socket()


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_sockets_are_really_off(offline: Path) -> None:
    with pytest.raises(pytest_socket.SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def _harper_mode() -> list[str]:
    from followlint.proofread import plan

    engine = plan(Config(proofreader="auto"))
    modes = ["none", "harper"]
    if engine is not None and engine.name == "harper":
        modes.append("auto")  # auto resolves to Harper here: it must be offline too
    return modes


@pytest.mark.parametrize("mode", _harper_mode())
@pytest.mark.parametrize("output_format", ["json", "text", "sarif"])
def test_full_cli_over_the_corpus_offline(offline: Path, mode: str, output_format: str) -> None:
    result = cli("--proofreader", mode, "--format", output_format, str(offline))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 1, result.output  # the corpus has findings, and no errors
    assert "SocketBlockedError" not in result.output
    assert "proofreading failed" not in result.stderr
    if output_format == "json":
        document = json.loads(result.stdout)
        assert document["errors"] == []
        paths = {Path(f["path"]).name for f in document["findings"]}
        assert len(paths) > 20
        if mode != "none":
            assert any(f["rule"].startswith("proofreading.") for f in document["findings"])


@pytest.mark.parametrize("mode", ["none", "harper"])
def test_fix_and_diff_offline(offline: Path, mode: str) -> None:
    diff = cli("--proofreader", mode, "--diff", str(offline))
    assert diff.exit_code in (0, 1), diff.output
    fixed = cli("--proofreader", mode, "--fix", "--format", "json", str(offline))
    assert fixed.exit_code in (0, 1), fixed.output
    assert json.loads(fixed.stdout)["errors"] == []


def test_cache_round_trip_offline(offline: Path) -> None:
    first = cli("--proofreader", "harper", "--format", "json", str(offline))
    second = cli("--proofreader", "harper", "--format", "json", str(offline))
    assert first.exit_code == second.exit_code == 1
    assert json.loads(first.stdout)["findings"] == json.loads(second.stdout)["findings"]


@pytest.mark.parametrize(
    "args",
    [["rules"], ["rules", "--format", "json"], ["explain", "pushy.urgency"], ["--version"]],
)
def test_other_commands_offline(offline: Path, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.output


def test_stdin_offline(offline: Path) -> None:
    text = (offline / "orchard-costa.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["--proofreader", "harper", "--stdin-filename", "x.txt", "--format", "json", "-"],
        input=text,
    )
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["errors"] == []
