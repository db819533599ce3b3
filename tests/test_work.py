"""Speed regressions caught by counting work, not seconds (nothing here is timed).

Each test runs the real CLI in a fresh interpreter and counts what it did: modules imported,
patterns compiled, files linted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRAFT = """Hi Maria,

Thank you for meeting with me on Tuesday about the analyst role. I enjoyed hearing how your
team plans the quarterly forecast, and I would welcome the chance to help with it.

Best,
Ana
"""

#: Runs the CLI in-process, then prints what it counted as one JSON line on stderr.
PROBE = """
import json, re, sys
from re import _compiler
compiled = 0
original = _compiler.compile
def counting(p, flags=0):
    global compiled
    compiled += 1
    return original(p, flags)
_compiler.compile = counting
from followlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write(json.dumps({"modules": sorted(sys.modules), "compiled": compiled}) + "\\n")
"""


def probe(*args: str, cwd: Path, cache_dir: Path) -> dict[str, object]:
    env = {**os.environ, "FOLLOWLINT_CACHE_DIR": str(cache_dir)}
    env.pop("FOLLOWLINT_NO_PACK_CACHE", None)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    counted: dict[str, object] = json.loads(proc.stderr.strip().splitlines()[-1])
    return counted


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "note.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_a_run_without_proofreading_loads_no_engine_and_no_unused_reader(
    draft: Path, tmp_path: Path
) -> None:
    counted = probe("--proofreader", "none", "--no-cache", draft.name, cwd=tmp_path,
                    cache_dir=tmp_path / "pack")  # fmt: skip
    modules = set(counted["modules"])  # type: ignore[call-overload]
    assert "followlint.engine" in modules  # the probe did lint
    never = {
        "harper",
        "language_tool_python",
        "textstat",
        "followlint.proofread",
        "followlint.cli_languagetool",
        "multiprocessing",  # never: workers are forked by followlint.workers
        "followlint.workers",  # one file: no workers
        "concurrent.futures",
        "email.parser",  # a Markdown draft: no e-mail reader
        "html.parser",  # ... and no HTML reader
        "followlint.cache",  # --no-cache
    }
    assert not modules & never, modules & never


def test_the_rule_pack_is_compiled_once_not_once_per_run(draft: Path, tmp_path: Path) -> None:
    args = ("--proofreader", "none", "--no-cache", draft.name)
    first = probe(*args, cwd=tmp_path, cache_dir=tmp_path / "pack")
    second = probe(*args, cwd=tmp_path, cache_dir=tmp_path / "pack")
    assert isinstance(first["compiled"], int) and isinstance(second["compiled"], int)
    # The first run compiles every rule's patterns; later runs only the module-level ones.
    assert first["compiled"] > 300
    assert second["compiled"] < first["compiled"] / 3, (first["compiled"], second["compiled"])


def test_an_unchanged_tree_is_not_linted_again(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(30):  # enough for worker processes
        (folder / f"n{i:02d}.md").write_text(DRAFT.replace("Maria", f"Maria{i}"), "utf-8")
    args = ("--proofreader", "none", "-j", "2", "--format", "json", "notes")
    first = probe(*args, cwd=tmp_path, cache_dir=tmp_path / "pack")
    second = probe(*args, cwd=tmp_path, cache_dir=tmp_path / "pack")
    assert "followlint.workers" in set(first["modules"])  # type: ignore[call-overload]
    # Every file is a cache hit, settled before any worker would start; no rule runs.
    assert "followlint.workers" not in set(second["modules"])  # type: ignore[call-overload]


def test_a_long_run_freezes_what_it_keeps_and_thaws_it_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Full collections must not walk every kept result again (0.64 s of 10,000 drafts)."""
    import gc

    from click.testing import CliRunner

    from followlint import cli

    for i in range(600):
        (tmp_path / f"note-{i:03}.md").write_text(DRAFT.replace("Maria", f"Maria {i}"), "utf-8")
    frozen: list[int] = []
    real_freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: (frozen.append(1), real_freeze())[1])
    before = gc.get_freeze_count()
    result = CliRunner().invoke(
        cli.main, ["--proofreader", "none", "--jobs", "1", "--no-cache", "-q", str(tmp_path)]
    )
    assert result.exit_code in (0, 1), result.output
    assert len(frozen) >= 600 // cli._FREEZE_EVERY + 1  # every 256 files, and once at the end
    assert gc.get_freeze_count() <= before  # the caller's process gets its objects back
