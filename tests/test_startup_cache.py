"""The start-up cache and the quick exit of the `followlint` command (followlint.launch).

Counted, not timed: a run after the first compiles no dataclass method and almost no pattern;
the cache never holds a draft's words; every exit code and every byte of output survive the
quick exit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from followlint import launch, startup_cache

DRAFT = """Hi Zebulon,

Thank you for meeting with me on Tuesday about the Quixotrix analyst role. I enjoyed hearing
how your team plans the quarterly forecast, and I would welcome the chance to help with it.

Best,
Ana
"""

#: Does what `followlint.launch.main` does, counting compiles, then prints the counts.
PROBE = """
import builtins, json, sys
from re import _compiler
counts = {"patterns": 0, "dataclass_methods": 0, "followlint_module_patterns": 0}
original_compile, original_builtin = _compiler.compile, builtins.compile
def count_patterns(p, flags=0):
    counts["patterns"] += 1
    caller = sys._getframe(1)
    while caller.f_globals.get("__name__", "").startswith("re"):
        caller = caller.f_back
    module = caller.f_globals["__name__"]
    if caller.f_code.co_name == "<module>" and module.startswith("followlint"):
        counts["followlint_module_patterns"] += 1
    return original_compile(p, flags)
def count_code(source, *args, **kwargs):
    if isinstance(source, str) and source.startswith("def __create_fn__"):
        counts["dataclass_methods"] += 1
    return original_builtin(source, *args, **kwargs)
_compiler.compile, builtins.compile = count_patterns, count_code
from followlint import startup_cache
state = startup_cache.install()
from followlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
startup_cache.save(state)
sys.stderr.write(json.dumps(counts) + "\\n")
"""


def _env(cache_dir: Path) -> dict[str, str]:
    env = {**os.environ, "FOLLOWLINT_CACHE_DIR": str(cache_dir)}
    env.pop("FOLLOWLINT_NO_PACK_CACHE", None)
    return env


def probe(*args: str, cwd: Path, cache_dir: Path) -> dict[str, int]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_env(cache_dir),
        timeout=120,
        check=False,
    )
    counted: dict[str, int] = json.loads(proc.stderr.strip().splitlines()[-1])
    return counted


def followlint(
    *args: str, cwd: Path, cache_dir: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("followlint", path=str(Path(sys.executable).parent))
    assert exe is not None
    return subprocess.run(
        [exe, *args],
        capture_output=True,
        cwd=cwd,
        env=_env(cache_dir),
        input=None if stdin is None else stdin.encode(),
        timeout=120,
        check=False,
    )


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "note.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_a_later_run_compiles_no_dataclass_method_and_few_patterns(
    draft: Path, tmp_path: Path
) -> None:
    args = ("--proofreader", "none", "--no-cache", "--format", "json", draft.name)
    cache_dir = tmp_path / "cache"
    # The first run builds the rule pack, whose ~600 patterns push the modules' own out of
    # re's cache; the second run stores those.
    first = probe(*args, cwd=tmp_path, cache_dir=cache_dir)
    second = probe(*args, cwd=tmp_path, cache_dir=cache_dir)
    third = probe(*args, cwd=tmp_path, cache_dir=cache_dir)
    assert first["dataclass_methods"] > 100, first
    assert third["dataclass_methods"] == 0, third
    # Patterns built inside functions are compiled again, but no module's own.
    assert second["followlint_module_patterns"] > 30, second
    assert third["followlint_module_patterns"] == 0, third
    assert third["patterns"] < second["patterns"] / 2, (second, third)


def test_the_cache_holds_no_words_of_a_draft(draft: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    for _ in range(3):
        followlint("--proofreader", "none", "--no-cache", draft.name, cwd=tmp_path,
                   cache_dir=cache_dir)  # fmt: skip
    files = list(cache_dir.glob("startup-*"))
    assert len(files) == 1
    data = files[0].read_bytes()
    for word in (b"Zebulon", b"Quixotrix", b"forecast"):
        assert word not in data


def test_a_corrupt_or_foreign_cache_file_changes_nothing(draft: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    args = ("--proofreader", "none", "--no-cache", "--format", "json", draft.name)
    clean = followlint(*args, cwd=tmp_path, cache_dir=cache_dir)
    followlint(*args, cwd=tmp_path, cache_dir=cache_dir)
    (path,) = cache_dir.glob("startup-*")
    for junk in (b"", b"\x00garbage", path.read_bytes()[:100], b"\xe3" + b"\x00" * 40):
        path.write_bytes(junk)
        again = followlint(*args, cwd=tmp_path, cache_dir=cache_dir)
        assert again.returncode == clean.returncode
        assert json.loads(again.stdout) == json.loads(clean.stdout)
        assert again.stderr == b""


def test_findings_are_the_same_with_and_without_the_cache(draft: Path, tmp_path: Path) -> None:
    args = ("--proofreader", "none", "--no-cache", "--format", "json", draft.name)
    cache_dir = tmp_path / "cache"
    runs = [followlint(*args, cwd=tmp_path, cache_dir=cache_dir) for _ in range(3)]
    off = subprocess.run(
        [sys.executable, "-m", "followlint", *args],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "FOLLOWLINT_NO_PACK_CACHE": "1"},
        timeout=120,
        check=False,
    )
    reports = [json.loads(r.stdout) for r in [*runs, off]]
    assert reports[0]["findings"], "the draft should have findings"
    assert all(r == reports[0] for r in reports)


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("good.md", DRAFT, 0),  # only an info-level note
        ("pushy.md", DRAFT.replace("Best,", "Please reply ASAP.\n\nBest,"), 1),
        ("missing.md", None, 2),
    ],
)
def test_exit_codes_survive_the_quick_exit(
    tmp_path: Path, name: str, text: str | None, code: int
) -> None:
    if text is not None:
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = followlint("--proofreader", "none", name, cwd=tmp_path, cache_dir=tmp_path / "c")
    assert proc.returncode == code, proc.stderr
    if code == 2:
        assert b"missing.md" in proc.stderr


def test_every_byte_of_a_large_piped_report_arrives(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(40):
        pushy = DRAFT.replace("Best,", "Please reply ASAP, urgently. " * 8 + "\n\nBest,")
        (folder / f"n{i:02d}.md").write_text(pushy.replace("Zebulon", f"Zeb{i}"), "utf-8")
    args = ("--proofreader", "none", "--no-cache", "-j", "1", "--format", "json", "notes")
    piped = followlint(*args, cwd=tmp_path, cache_dir=tmp_path / "c")
    assert len(piped.stdout) > 65536  # more than a pipe holds: the flush must really happen
    report = json.loads(piped.stdout)
    assert report["summary"]["files"] == 40
    written = followlint(*args, "-o", "out.json", cwd=tmp_path, cache_dir=tmp_path / "c")
    assert json.loads((tmp_path / "out.json").read_bytes()) == report
    assert written.stdout == b""


def test_leave_falls_back_to_a_normal_exit_while_a_thread_must_be_joined() -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait, daemon=False)
    worker.start()
    try:
        with pytest.raises(SystemExit) as info:
            launch.leave(3)
        assert info.value.code == 3
    finally:
        release.set()
        worker.join()


def test_install_without_a_cache_folder_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    monkeypatch.setenv("FOLLOWLINT_NO_PACK_CACHE", "1")
    state = startup_cache.install()
    assert state.path is None
    assert "exec" not in vars(dataclasses)
    startup_cache.save(state)  # a no-op, not an error


def test_a_run_that_compiles_nothing_new_writes_nothing(draft: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    args = ("--proofreader", "none", "--no-cache", draft.name)
    for _ in range(3):
        followlint(*args, cwd=tmp_path, cache_dir=cache_dir)
    (path,) = cache_dir.glob("startup-*")
    before = path.stat().st_mtime_ns, path.read_bytes()
    followlint(*args, cwd=tmp_path, cache_dir=cache_dir)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_a_tuple_subclass_in_a_module_is_not_iterated() -> None:
    class Lazy(tuple):  # like platform.uname_result, whose __iter__ runs a subprocess
        def __iter__(self):  # type: ignore[no-untyped-def]
            raise AssertionError("iterated")

    module = types.ModuleType("fake_module")
    module.LAZY = Lazy((1, 2))  # type: ignore[attr-defined]
    module.PLAIN = (re.compile("followlint-tuple-probe"),)  # type: ignore[attr-defined]
    assert [p.pattern for p in startup_cache._constants(module)] == ["followlint-tuple-probe"]


def test_a_file_others_may_write_is_not_run(
    draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    cache_dir = tmp_path / "cache"
    args = ("--proofreader", "none", "--no-cache", draft.name)
    for _ in range(2):
        followlint(*args, cwd=tmp_path, cache_dir=cache_dir)
    (path,) = cache_dir.glob("startup-*")
    assert cache_dir.stat().st_mode & 0o077 == 0  # created private
    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(cache_dir))
    try:
        assert startup_cache.install().code  # private: loaded
        path.chmod(0o666)
        assert not startup_cache.install().code  # writable by others: ignored
    finally:
        vars(dataclasses).pop("exec", None)  # this process keeps compiling as usual


SCAN_PROBE = """
import sys, typing
from types import ModuleType
from followlint import startup_cache
assert any(not isinstance(m, ModuleType) for m in sys.modules.values())  # "typing.io"
state = startup_cache.install()
scans = []
real = startup_cache._module_patterns
startup_cache._module_patterns = lambda found: scans.append(1) or real(found)
startup_cache.save(state)
print(len(scans))
"""


def test_a_stored_run_does_not_look_through_the_modules_again(tmp_path: Path) -> None:
    """Counts work: entries of sys.modules that are not modules must not defeat the check."""
    looked = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", SCAN_PROBE],
            capture_output=True,
            text=True,
            env=_env(tmp_path / "cache"),
            timeout=120,
            check=True,
        )
        looked.append(proc.stdout.strip())
    assert looked == ["1", "0"], looked
