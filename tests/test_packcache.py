"""The compiled-rules cache: built once, identical behaviour, never trusted blindly."""

from __future__ import annotations

import pickle
import re
import shutil
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

from followlint import packcache
from followlint.document import Document
from followlint.engine import lint
from followlint.patterns import restore_pattern
from followlint.readers import read_source
from followlint.registry import KINDS, Rule, RulePack, builtin_rules_dir, load_specs

DRAFT = """Hi Maria,

Thank you for the tour ASAP. I just wanted to follow up and circle back about the the role.
I really need this job, so please let me know by Friday or I will accept another offer.

Best,
Ana
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FOLLOWLINT_NO_PACK_CACHE", raising=False)
    yield tmp_path / "cache"


def counting_build(dirs: tuple[Path, ...], calls: list[int]):  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        calls.append(1)
        return tuple((spec, KINDS[spec.kind].from_spec(spec)) for spec in load_specs(dirs))

    return build


def pack_of(pairs) -> RulePack:  # type: ignore[no-untyped-def]
    return RulePack(tuple(Rule(s, c, dict(s.options), s.severity) for s, c in pairs))


def findings(pack: RulePack, text: str) -> list[tuple[str, int, int, str]]:
    doc = Document(read_source("d.md", text.encode(), None), "d.md")
    return [(f.rule, f.span.start, f.span.end, f.message) for f in lint(doc, pack)]


def test_the_pack_is_built_once_and_lints_the_same(folder: Path) -> None:
    dirs = (builtin_rules_dir(),)
    calls: list[int] = []
    fresh = packcache.load_or_build(dirs, counting_build(dirs, calls))
    cached = packcache.load_or_build(dirs, counting_build(dirs, calls))
    assert len(calls) == 1
    assert len(list(folder.glob("pack-*.pickle"))) == 1
    assert [s.id for s, _ in cached] == [s.id for s, _ in fresh]
    assert findings(pack_of(cached), DRAFT) == findings(pack_of(fresh), DRAFT)
    assert len(findings(pack_of(cached), DRAFT)) >= 4


def test_restored_patterns_are_the_same_patterns(folder: Path) -> None:
    dirs = (builtin_rules_dir(),)
    fresh = packcache.load_or_build(dirs, counting_build(dirs, []))
    cached = packcache.load_or_build(dirs, counting_build(dirs, []))

    def patterns(pairs) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
        """Every compiled pattern reachable from the checkers, in a stable order."""
        out: list[tuple[str, int]] = []
        seen: set[int] = set()
        todo = [checker for _, checker in pairs]
        while todo:
            value = todo.pop(0)
            if id(value) in seen or (callable(value) and not hasattr(value, "__slots__")):
                continue
            seen.add(id(value))
            if isinstance(value, re.Pattern):
                out.append((value.pattern, value.flags))
            elif isinstance(value, list | tuple | set | frozenset):
                todo.extend(value)
            elif isinstance(value, dict):
                todo.extend(value.values())
            elif hasattr(value, "__slots__") or hasattr(value, "__dict__"):
                names = [n for c in type(value).__mro__ for n in getattr(c, "__slots__", ())]
                todo.extend(getattr(value, n) for n in names if hasattr(value, n))
                todo.extend(getattr(value, "__dict__", {}).values())
        return out

    assert patterns(cached) == patterns(fresh)
    assert len(patterns(cached)) > 10


def test_a_changed_rule_file_rebuilds(folder: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    dirs = (rules,)
    calls: list[int] = []
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    target = rules / "pushy" / "urgency.yml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    assert len(calls) == 2


def test_a_corrupt_or_planted_entry_is_a_miss(folder: Path) -> None:
    dirs = (builtin_rules_dir(),)
    calls: list[int] = []
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    (entry,) = folder.glob("pack-*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    assert len(calls) == 2

    class Planted:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (shutil.rmtree, (str(folder.parent / "victim"),))

    (folder.parent / "victim").mkdir()
    entry.write_bytes(pickle.dumps(Planted()))
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    assert len(calls) == 3
    assert (folder.parent / "victim").is_dir()


def test_turned_off_it_builds_every_time(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWLINT_NO_PACK_CACHE", "1")
    dirs = (builtin_rules_dir(),)
    calls: list[int] = []
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    assert len(calls) == 2
    assert not folder.exists()


def test_an_unwritable_cache_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(blocker / "cache"))
    dirs = (builtin_rules_dir(),)
    calls: list[int] = []
    pairs = packcache.load_or_build(dirs, counting_build(dirs, calls))
    assert calls == [1] and pairs


def test_opcodes_that_do_not_load_fall_back_to_compiling() -> None:
    restored = restore_pattern(
        r"\bASAP\b", re.I | re.U, array("I", [999, 1, 2]).tobytes(), 0, {}, (None,)
    )
    assert restored.pattern == r"\bASAP\b"
    assert restored.search("reply asap please")


def test_a_changed_followlint_source_file_rebuilds(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "src"
    shutil.copytree(packcache.SOURCES, sources, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(packcache, "SOURCES", sources)
    dirs = (builtin_rules_dir(),)
    calls: list[int] = []
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    assert len(calls) == 1
    edited = sources / "kinds" / "existence.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    packcache.load_or_build(dirs, counting_build(dirs, calls))
    assert len(calls) == 2
