"""The pre-commit hook, run for real with `pre-commit try-repo` against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD = "Dear [Interviewer Name],\n\nDid I get the job? Reply ASAP.\n\nRegards,\nSam\n"
GOOD = (
    "Dear Ana,\n\nThank you for Tuesday's interview and for the tour of the print shop. "
    "Hearing how "
    "your team schedules the Heidelberg presses around rush orders was fascinating.\n\nI ran a "
    "four-press shop for six years and cut make-ready time by a third, so I would be glad to "
    "help.\n\n"
    "Best regards,\nSam Lee\n"
)


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.fail("pre-commit is not installed (it is a dev dependency)")
    return [found]


@pytest.mark.slow
def test_hook_fails_a_bad_draft_and_passes_a_good_one(tmp_path: Path) -> None:
    repo = tmp_path / "drafts"
    repo.mkdir()
    (repo / "bad.md").write_text(BAD, encoding="utf-8")
    (repo / "good.md").write_text(GOOD, encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)

    def hook(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_pre_commit(), "try-repo", str(ROOT), "followlint", "--files", name],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    bad = hook("bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "customization.placeholder" in bad.stdout
    assert "bad.md:1:6" in bad.stdout
    good = hook("good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
