"""Rules ahead of proofreading: what `Run.prelint` keeps, and the thread that fills it."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

from followlint.config import Config
from followlint.document import Document
from followlint.metadata import utc_now
from followlint.model import Finding
from followlint.parallel import Job, _prelinting, _run_chunk
from followlint.runner import Outcome, Prelinted, Run, build_pack

DATA = Path(__file__).parent / "data"
DRAFT = (
    "Hi Maria,\n\nThank you for the the tour on Tuesday. Please reply ASAP.\n\n"
    "<!-- followlint-disable-next-line pushy -->\nI need an answer by Friday.\n\nBest,\nAna\n"
)


class _Echo:
    """A stand-in engine: one finding on the rules' own span, one on a span of its own."""

    def check(self, doc: Document) -> list[Finding]:
        own = [f for f in Run(PACK, CONFIG, Path.cwd(), NOW)._findings(doc, []) if f.span]
        if not own:
            return []
        first = own[0]
        return [
            replace(first, rule="proofreading.echo.Same", source="echo"),
            replace(
                first,
                rule="proofreading.echo.Other",
                source="echo",
                span=type(first.span)(0, 2),
                line=1,
                column=1,
            ),
        ]

    def describe(self) -> str:
        return "echo 1"

    def close(self) -> None:
        pass


CONFIG = Config(proofreader="none")
PACK = build_pack(CONFIG)
NOW = utc_now()


def _same(a: Outcome, b: Outcome) -> None:
    assert a.result is not None and b.result is not None
    assert a.result.findings == b.result.findings
    assert a.anchor is not None and b.anchor is not None
    assert replace(a.anchor, lines=None) == replace(b.anchor, lines=None)
    length = a.anchor.text_length
    assert [a.anchor.lines.position(i) for i in range(length)] == [
        b.anchor.lines.position(i) for i in range(length)
    ]
    assert a.summaries == b.summaries
    assert (a.errors, a.notices) == (b.errors, b.notices)


def test_a_prelinted_file_gets_the_outcome_a_whole_examine_gives() -> None:
    run = Run(PACK, CONFIG, Path.cwd(), NOW, _Echo())
    files = {
        "a.md": DRAFT.encode(),
        "fourth-bump.eml": (DATA / "eml" / "fourth-bump.eml").read_bytes(),
        "latin1.eml": (DATA / "eml" / "latin1.eml").read_bytes(),
    }
    for name, data in files.items():
        prelinted = run.prelint(name, data)
        assert prelinted is not None and prelinted.own, name
        whole = run.examine(name, data)
        _same(run.examine(name, data, prelinted=prelinted), whole)
        rules = {f.rule for f in whole.result.findings} if whole.result else set()
        # The engine's finding on a rule's own span is dropped, its other one kept.
        assert "proofreading.echo.Same" not in rules
        assert "proofreading.echo.Other" in rules, name


def test_prelint_leaves_to_examine_what_it_must_see_whole() -> None:
    run = Run(PACK, CONFIG, Path.cwd(), NOW)
    assert run.prelint("empty.md", b"\n  \n") is None
    job = Job(run, fix="safe", stdin_name=None)
    assert job.prelint("a.md") is None  # --fix lints whole, pass after pass
    assert Job(run, None, None).prelint("-") is None  # standard input is read once
    assert Job(run, None, None).prelint("no/such/file.md") is None  # reported in its turn


def test_rules_run_ahead_while_the_engine_prepares_and_are_used_once(tmp_path: Path) -> None:
    names = []
    for i in range(30):
        path = tmp_path / f"d{i:02d}.md"
        path.write_text(DRAFT.replace("Maria", f"Maria{i}"), encoding="utf-8")
        names.append(str(path))
    run = Run(PACK, CONFIG, tmp_path, NOW)
    job = Job(run, None, None)
    ahead: dict[int, Prelinted | None] = {}
    with _prelinting(job, names, ahead):
        deadline = time.monotonic() + 30
        while len(ahead) < len(names) and time.monotonic() < deadline:
            time.sleep(0.01)  # the engine "preparing": this thread waits, the rules run
    assert len(ahead) == len(names)
    assert all(isinstance(p, Prelinted) for p in ahead.values())
    done = _run_chunk(job, names, range(len(names)), ahead)
    assert ahead == {}  # each prelinted file is used once and let go
    for (item, _, outcome), name in zip(done, names, strict=True):
        assert item == name and outcome is not None
        _same(outcome, job(name)[2] or Outcome())


def test_the_prelint_thread_stops_when_the_engine_is_ready(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(DRAFT, encoding="utf-8")
    names = [str(path)] * 5000
    job = Job(Run(PACK, CONFIG, tmp_path, NOW), None, None)
    ahead: dict[int, Prelinted | None] = {}
    with _prelinting(job, names, ahead):
        pass
    assert len(ahead) < len(names)
    assert not any(t.name == "followlint-prelint" for t in threading.enumerate())
    # Whatever it did not reach is linted whole, in its turn.
    done = _run_chunk(job, names, range(len(names) - 3, len(names)), ahead)
    assert all(outcome is not None and outcome.result for _, _, outcome in done)
