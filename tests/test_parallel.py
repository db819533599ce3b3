"""Worker processes: the same report as a serial run, in input order, fixes written once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from followlint.parallel import PROCESS_THRESHOLD, examine_all, plan_workers

NOTE = """Hi {name},

Thank you for meeting with me on Tuesday about the analyst role. I enjoyed hearing how your
team plans the quarterly forecast, and I would welcome the chance to help with it.

I look forward to hearing from you ASAP.

Best,
Ana
"""
FIXABLE = "Hi Maria,\n\nThank you for the the tour of the lab on Tuesday.\n\nBest,\nAna\n"


def followlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FOLLOWLINT_NO_PACK_CACHE": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "followlint", "--no-cache", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


def drafts(folder: Path, count: int) -> None:
    folder.mkdir()
    names = ["Maria", "Sam", "Priya", "Jordan", "Lee"]
    for i in range(count):
        (folder / f"d{i:03d}.md").write_text(NOTE.format(name=names[i % 5]), encoding="utf-8")
    (folder / "d005.md").write_bytes(b"\x00\x01\x02 not a draft")
    (folder / "d007.md").write_text(FIXABLE, encoding="utf-8")


def test_planning() -> None:
    assert plan_workers(1, 1000, None, has_stdin=False) == "serial"
    assert plan_workers(2, 1, "harper", has_stdin=False) == "serial"
    assert plan_workers(2, PROCESS_THRESHOLD - 1, None, has_stdin=False) == "serial"
    assert plan_workers(2, PROCESS_THRESHOLD - 1, "harper", has_stdin=False) == "serial"
    assert plan_workers(2, 5, "languagetool", has_stdin=False) == "threads"
    assert plan_workers(2, 1000, None, has_stdin=False) == "processes"
    assert plan_workers(2, 1000, "harper", has_stdin=False) == "processes"
    assert plan_workers(2, 1000, "languagetool", has_stdin=False) == "threads"
    assert plan_workers(2, 1000, None, has_stdin=True) == "serial"


class _Meeting:
    """A stand-in job (error handling only) that waits until `parties` checks run at once."""

    run = SimpleNamespace(proofreader=None)

    def __init__(self, parties: int) -> None:
        self.barrier = threading.Barrier(parties, timeout=10)

    def recall(self, item: str) -> None:
        return None

    def __call__(self, item: str) -> tuple[str, bytes, None]:
        self.barrier.wait()  # broken (BrokenBarrierError) if fewer checks run at once
        return item, b"", None


def test_languagetool_keeps_two_requests_per_job_in_flight() -> None:
    # One request per job being checked and one queued at the server, so the server's
    # threads never wait for this process to run the rules.
    jobs = 2
    meeting = _Meeting(jobs * 2)
    items = [f"d{i}" for i in range(8)]
    done = examine_all(meeting, items, jobs, "languagetool", has_stdin=False)  # type: ignore[arg-type]
    assert [item for item, _, _ in done] == items


@pytest.mark.parametrize("jobs", ["2", "10"])  # 10: more chunks queued than the base window
def test_processes_report_exactly_what_a_serial_run_reports(tmp_path: Path, jobs: str) -> None:
    drafts(tmp_path / "notes", 3 * PROCESS_THRESHOLD)
    serial = followlint(
        "--proofreader", "none", "-j", "1", "--format", "json", "notes", cwd=tmp_path
    )
    forked = followlint(
        "--proofreader", "none", "-j", jobs, "--format", "json", "notes", cwd=tmp_path
    )
    assert serial.returncode == forked.returncode == 2, forked.stderr
    assert json.loads(forked.stdout) == json.loads(serial.stdout)
    assert forked.stderr == serial.stderr
    assert "d005.md" in forked.stderr
    assert "Traceback" not in forked.stderr
    report = json.loads(forked.stdout)
    paths = [f["path"] for f in report["findings"]]
    assert paths == sorted(paths)  # input order survives the workers
    # The cross-draft check sees every file although they were linted in two processes.
    assert any(f["rule"] == "customization.near-duplicate" for f in report["findings"])


def test_fixes_from_workers_are_written_once_by_the_parent(tmp_path: Path) -> None:
    drafts(tmp_path / "notes", 2 * PROCESS_THRESHOLD)
    result = followlint("--proofreader", "none", "-j", "2", "--fix", "notes", cwd=tmp_path)
    assert result.returncode in (1, 2), result.stderr
    fixed = (tmp_path / "notes" / "d007.md").read_text(encoding="utf-8")
    assert "the the" not in fixed
    assert fixed == FIXABLE.replace("the the", "the")
    assert not list((tmp_path / "notes").glob("*.followlint"))


@pytest.mark.slow
def test_harper_in_worker_processes_matches_one_process(tmp_path: Path) -> None:
    drafts(tmp_path / "notes", PROCESS_THRESHOLD + 6)
    (tmp_path / "notes" / "d010.md").write_text(
        "Hi Sam,\n\nThank you for the tour. I should of asked about the roadmap.\n\nBest,\nAna\n",
        encoding="utf-8",
    )
    one = followlint(
        "--proofreader", "harper", "-j", "1", "--format", "json", "notes", cwd=tmp_path
    )
    two = followlint(
        "--proofreader", "harper", "-j", "2", "--format", "json", "notes", cwd=tmp_path
    )
    assert json.loads(two.stdout) == json.loads(one.stdout)
    rules = {f["rule"] for f in json.loads(two.stdout)["findings"]}
    assert any(rule.startswith("proofreading.harper.") for rule in rules), rules


@pytest.mark.parametrize("count", [0, 1, 7, 24, 100, 1000])
def test_chunks_hand_out_every_file_once_and_shrink_at_the_end(count: int) -> None:
    from followlint.parallel import _CHUNK, _chunks

    chunks = list(_chunks(count, _CHUNK, jobs=2))
    assert [index for chunk in chunks for index in chunk] == list(range(count))
    assert all(1 <= len(chunk) <= _CHUNK for chunk in chunks)
    if count >= 1000:
        assert len(chunks[0]) == _CHUNK  # the pipe is amortised while much is left
    if count >= 100:
        assert [len(chunk) for chunk in chunks[-4:]] == [1, 1, 1, 1]  # both finish together


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_ctrl_c_ends_the_run_and_its_workers_at_once(tmp_path: Path) -> None:
    import signal
    import time

    drafts(tmp_path / "notes", 2000)  # long enough to be interrupted while workers run
    env = {**os.environ, "FOLLOWLINT_NO_PACK_CACHE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "followlint", "--no-cache", "--proofreader", "none", "-j", "2",
         "notes"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (workers := _children(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert workers, "no worker process started"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err  # interrupted: neither clean nor findings
    assert err.strip().splitlines()[-1] == b"followlint: interrupted"
    assert b"Traceback" not in err
    for pid in workers:  # reaped, not left running or as a zombie
        assert not Path(f"/proc/{pid}").exists()
