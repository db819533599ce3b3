"""The result cache: warm runs do no linting work, and a bad cache is a miss, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from followlint.cache import CACHE_DIR, Cache, Entry, clean
from followlint.cli import main
from followlint.config import Config
from followlint.metadata import utc_now
from followlint.runner import Run, build_pack, discover, read_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DRAFT = "Dear Ana,\n\nThank you for the tour. Did I get the job? Reply ASAP.\n\nBest,\nSam\n"


def _drafts(tmp_path: Path, count: int = 5) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for n in range(count):
        (folder / f"note{n}.md").write_text(DRAFT.replace("Ana", f"Ana{n}"), encoding="utf-8")
    return folder


def _run(folder: Path, cache: Cache | None) -> Run:
    config = Config(proofreader="none")
    run = Run(build_pack(config), config, folder, utc_now(), None, cache)
    for item in discover([str(folder)], config, folder):
        assert isinstance(item, str)
        run.lint_file(item, read_bytes(item))
    run.finish()
    return run


def test_second_run_lints_no_file_and_reports_the_same(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    first = _run(folder, Cache(tmp_path, "salt"))
    second = _run(folder, Cache(tmp_path, "salt"))
    assert first.linted == 5
    assert second.linted == 0
    assert [f.to_dict() for f in first.report.findings] == [
        f.to_dict() for f in second.report.findings
    ]
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")


def test_changed_file_or_salt_is_linted_again(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    _run(folder, Cache(tmp_path, "salt"))
    (folder / "note0.md").write_text(DRAFT + "\nThanks again.\n", encoding="utf-8")
    assert _run(folder, Cache(tmp_path, "salt")).linted == 1
    assert _run(folder, Cache(tmp_path, "other rules")).linted == 5


def test_corrupt_and_foreign_entries_are_misses(tmp_path: Path) -> None:
    folder = _drafts(tmp_path, 2)
    _run(folder, Cache(tmp_path, "salt"))
    entries = sorted((tmp_path / CACHE_DIR).rglob("*.pickle"))
    assert len(entries) == 2
    entries[0].write_bytes(b"\x80\x05garbage")
    # A pickle that would call os.system is refused, not run.
    entries[1].write_bytes(b"cos\nsystem\n(S'touch /tmp/followlint-pwned'\ntR.")
    again = _run(folder, Cache(tmp_path, "salt"))
    assert again.linted == 2
    assert not Path("/tmp/followlint-pwned").exists()
    assert len(again.report.findings) == len(_run(folder, None).report.findings)


def test_clean_removes_the_cache(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "salt")
    cache.put("ab" * 32, Entry(None, None, {}))
    assert clean(tmp_path) is True
    assert not (tmp_path / CACHE_DIR).exists()
    assert clean(tmp_path) is False


def test_cli_cache_and_no_cache_agree(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = _drafts(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = ["--proofreader", "none", "--format", "json", str(folder)]
    cold = runner.invoke(main, args)
    warm = runner.invoke(main, args)
    off = runner.invoke(main, ["--no-cache", *args])
    assert cold.exit_code == warm.exit_code == off.exit_code == 1
    assert json.loads(cold.output)["findings"] == json.loads(warm.output)["findings"]
    assert json.loads(off.output)["findings"] == json.loads(cold.output)["findings"]
    assert (tmp_path / CACHE_DIR).is_dir()
    assert runner.invoke(main, ["clean"]).exit_code == 0
    assert not (tmp_path / CACHE_DIR).exists()


def test_jobs_give_the_same_report_as_serial(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--no-cache", "--proofreader", "harper", "--format", "json", str(CORPUS)]
    serial = runner.invoke(main, [*base, "--jobs", "1"])
    parallel = runner.invoke(main, [*base, "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code
    assert json.loads(serial.output)["findings"] == json.loads(parallel.output)["findings"]


def test_concurrent_runs_share_a_cache_safely(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _drafts(tmp_path, 40)
    cmd = [
        sys.executable,
        "-m",
        "followlint",
        "--proofreader",
        "none",
        "--format",
        "json",
        str(folder),
    ]
    procs = [
        subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 1 for p in procs), [o[1] for o in outputs]
    findings = [json.loads(out)["findings"] for out, _ in outputs]
    assert all(f == findings[0] for f in findings)
    assert not list((tmp_path / CACHE_DIR).rglob(".tmp-*"))
    warm = subprocess.run(cmd, cwd=tmp_path, capture_output=True, timeout=120)
    assert json.loads(warm.stdout)["findings"] == findings[0]
