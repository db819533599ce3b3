"""Packaging: the wheel carries the rule pack and works when installed outside the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from followlint.model import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
DRAFT = """---
interview_date: 2026-03-10T14:00:00
sent: 2026-03-10T18:30:00
interviewer: Chidi Okonkwo
company: Zentrix
---
Dear Chidi,

Thank you for the conversation about the Zentrix build pipeline this afternoon.

Could you let me know ASAP whether I am moving forward?

Best regards,
Ana Lima
"""

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, env=env
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], out)
    if proc.returncode != 0:
        proc = _run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)], out
        )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (built,) = out.glob("followlint-*.whl")
    return built


def test_wheel_contains_the_rule_pack(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    rules = [n for n in names if n.startswith("followlint/_rules/") and n.endswith(".yml")]
    assert "followlint/_rules/pushy/urgency.yml" in rules
    source_rules = sorted(
        p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").glob("*/*.yml")
    )
    assert sorted(n.removeprefix("followlint/_rules/") for n in rules) == source_rules
    for name in rules:
        assert name.split("/")[2] in CATEGORIES
    assert "followlint/cli.py" in names
    assert "followlint/engine.py" in names
    assert not any(n.startswith("tests/") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "followlint = followlint.launch:main" in zipfile.ZipFile(wheel).read(metadata).decode()


def test_installed_wheel_lints_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    proc = _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)]
    proc = _run(pip, tmp_path, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]

    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "draft.md").write_text(DRAFT, encoding="utf-8")
    followlint = str(bin_dir / "followlint")
    proc = _run([followlint, "--proofreader", "none", "--format", "json", "draft.md"], work, 300)
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout)
    rules = {f["rule"] for f in document["findings"]}
    assert "pushy.urgency" in rules
    finding = next(f for f in document["findings"] if f["rule"] == "pushy.urgency")
    assert (finding["path"], finding["line"], finding["column"]) == ("draft.md", 11, 23)

    # the installed package reads its rules from the wheel, not from this repository
    where = _run(
        [
            str(bin_dir / "python"),
            "-c",
            "from followlint.registry import builtin_rules_dir; print(builtin_rules_dir())",
        ],
        work,
        120,
    )
    assert where.returncode == 0, where.stderr
    rules_dir = Path(where.stdout.strip())
    assert rules_dir.name == "_rules"
    assert str(ROOT) not in str(rules_dir)

    listed = _run([followlint, "rules"], work, 120)
    assert listed.returncode == 0, listed.stderr
    assert "pushy.urgency" in listed.stdout
