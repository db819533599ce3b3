"""The Harper adapter against the real harper-py engine (it ships as a wheel: always runs)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from followlint import harper_early
from followlint.config import Config
from followlint.proofread import (
    EnginePlan,
    LazyProofreader,
    ProofreaderError,
    installed_version,
    open_proofreader,
)
from followlint.proofread.common import edit_distance
from followlint.proofread.harper import (
    DEEP_PRIME_DRAFTS,
    DISABLED_RULES,
    HarperProofreader,
    advice_rules,
)
from followlint.registry import load_pack
from helpers import case_document


@pytest.fixture(scope="module")
def harper() -> HarperProofreader:
    return HarperProofreader()


def _found(
    harper: HarperProofreader, text: str, meta: dict[str, object] | None = None
) -> list[tuple[int, int, str]]:
    doc = case_document(text, meta)
    return [(f.line, f.column, f.match) for f in harper.check(doc)]


def test_typos_at_exact_positions(harper: HarperProofreader) -> None:
    found = _found(harper, "Dear Ana,\n\nI realy enjoyed the tour and I apreciate your time.\n")
    assert (3, 3, "realy") in found
    assert (3, 32, "apreciate") in found


def test_grammar_found(harper: HarperProofreader) -> None:
    found = _found(harper, "Hi Ana,\n\nI should of asked about the roadmap.\n")
    assert (3, 3, "should of") in found


def test_emoji_offsets_are_code_points(harper: HarperProofreader) -> None:
    text = "Hi Ana,\n\nThanks 🙏🏽 for the tour. I realy enjoyed it.\n"
    doc = case_document(text)
    findings = harper.check(doc)
    realy = [f for f in findings if f.match == "realy"]
    assert realy and text[realy[0].span.start : realy[0].span.end] == "realy"
    assert realy[0].column == text.split("\n")[2].index("realy") + 1


def test_crlf_positions_match_lf(harper: HarperProofreader) -> None:
    lf = "Hi Ana,\n\nI realy enjoyed it.\n"
    assert _found(harper, lf) == _found(harper, lf.replace("\n", "\r\n"))


def test_names_from_metadata_greeting_and_signature_are_not_typos(
    harper: HarperProofreader,
) -> None:
    text = (
        "Dear Ms. Okonkwo,\n\nThank you for the tour of Zentrix's new office and for introducing "
        "me to Siobhan. Okonkwo's plan for PySpark sounded great.\n\n"
        "Best regards,\nThandiwe Mbeki\n"
    )
    meta = {"interviewer": "Chidi Okonkwo", "company": "Zentrix"}
    assert _found(harper, text, meta) == []


def test_user_words_are_not_typos() -> None:
    plain = HarperProofreader()
    text = "Hi Ana,\n\nWe run the recieve job daily.\n"
    assert any(m == "recieve" for _, _, m in _found(plain, text))
    assert _found(HarperProofreader(words=["recieve"]), text) == []


def test_quoted_text_urls_and_code_are_not_sent(harper: HarperProofreader) -> None:
    text = (
        "Hi Ana,\n\nHere is the link: https://exmaple.com/realy-bad and `teh` code.\n\n"
        "> We will definitly be in touch tommorrow.\n"
    )
    assert _found(harper, text) == []


def test_one_linter_per_thread(harper: HarperProofreader) -> None:
    docs = [case_document(f"Hi Ana,\n\nI realy enjoyed meeting {n} of you.\n") for n in range(8)]
    results: list[int] = []

    def work() -> None:
        for doc in docs:
            results.append(len(harper.check(doc)))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results and all(count >= 1 for count in results)


def test_auto_without_languagetool_picks_harper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LTP_PATH", "/nonexistent-followlint-test")
    engine = open_proofreader(Config(proofreader="harper"), load_pack())
    assert engine is not None and engine.describe().startswith("harper ")


def test_selection_can_turn_proofreading_off() -> None:
    assert open_proofreader(Config(proofreader="harper", select=("pushy",)), load_pack()) is None
    assert (
        open_proofreader(Config(proofreader="harper", ignore=("proofreading",)), load_pack())
        is None
    )
    assert open_proofreader(Config(proofreader="none"), load_pack()) is None


def test_edit_distance_counts_swaps_once() -> None:
    assert edit_distance("recieve", "receive") == 1
    assert edit_distance("maintainance", "maintenance") == 2


def test_warm_up_builds_the_one_linter_the_first_check_uses() -> None:
    lazy = open_proofreader(Config(proofreader="harper"))
    assert lazy is not None
    lazy.warm_up()
    findings = lazy.check(case_document("Hi Ana,\n\nI realy enjoyed the tour.\n"))
    assert [f.match for f in findings] == ["realy"]
    engine = lazy._engine
    assert isinstance(engine, HarperProofreader)
    assert engine.built == 1


def test_concurrent_checks_borrow_separate_linters(harper: HarperProofreader) -> None:
    doc = case_document("Hi Ana,\n\nI realy enjoyed the tour.\n")
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(len(harper.check(doc)))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [1, 1, 1, 1]
    assert 1 <= harper.built <= 4


def test_warm_up_never_starts_a_languagetool_server(monkeypatch: pytest.MonkeyPatch) -> None:
    # A server started in the background could outlive a run that fails to load its rules.
    monkeypatch.delenv("FOLLOWLINT_LANGUAGETOOL_URL", raising=False)
    local = LazyProofreader(EnginePlan("languagetool", "6.8"), Config(proofreader="languagetool"))
    local.warm_up()
    assert local._warming is None and local._engine is None
    # A server at a URL is only opened (health check, probe); its failure waits for a check.
    remote = open_proofreader(
        Config(proofreader="languagetool", languagetool_url="http://127.0.0.1:9")
    )
    assert remote is not None
    remote.warm_up()
    assert remote._warming is not None
    remote._warming.join(timeout=30)
    assert remote._engine is None
    with pytest.raises(ProofreaderError, match="not reachable"):
        remote.check(case_document("Hi Ana,\n\nThank you.\n"))


_FORKED: Any = None


def _check_in_worker(text: str) -> tuple[list[str], int]:
    findings = _FORKED.check(case_document(text))
    return [f.match for f in findings], _FORKED._engine.built


def test_workers_forked_after_prepare_for_fork_build_no_linter_of_their_own() -> None:
    import multiprocessing

    global _FORKED
    lazy = open_proofreader(Config(proofreader="harper"))
    assert lazy is not None
    lazy.prepare_for_fork()
    engine = lazy._engine
    assert isinstance(engine, HarperProofreader) and engine.built == 1
    _FORKED = lazy
    texts = [f"Hi Ana,\n\nI realy enjoyed tour number {i}.\n" for i in range(6)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = pool.map(_check_in_worker, texts)
    assert results == [(["realy"], 1)] * 6  # each worker used the inherited linter


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["draft.md", "--proofreader", "harper"], True),
        (["--proofreader=harper", "notes"], True),
        (["lint", "--proofreader", "none", "draft.md"], False),
        (["draft.md"], False),  # auto may pick LanguageTool: nothing is built speculatively
        (["--", "--proofreader", "harper"], False),  # file names, not options
        (["--proofreader"], False),
    ],
)
def test_early_build_starts_only_when_the_command_line_names_harper(
    argv: list[str], named: bool
) -> None:
    assert harper_early.names_harper(argv) is named


def test_the_early_build_is_the_linter_the_first_check_uses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(harper_early, "_started", None)
    monkeypatch.setattr(harper_early, "_built", [])
    harper_early.start()
    assert harper_early._started is not None
    harper_early._started.join()
    early = harper_early._built[0]
    british = HarperProofreader("en-GB")
    british.check(case_document("Hi Ana,\n\nI realy enjoyed the tour.\n"))
    assert harper_early._built == [early]  # another dialect builds its own
    american = HarperProofreader("en-US")
    findings = american.check(case_document("Hi Ana,\n\nI realy enjoyed the tour.\n"))
    assert [f.match for f in findings] == ["realy"]
    assert harper_early._built == []
    assert american._idle.get_nowait() is early


_ADVICE_TEXT = (
    "Hi Dana,\n\nThank you for the interview. Every one on the team was kind, and any body "
    "would enjoy the work. I can start asap, and I am very unique in this regard. The code "
    "base was clean and the desk top setup was great. I realy hope to hear soon.\n\nBest,\nSam\n"
)


def test_the_advice_list_is_for_the_installed_harper_and_names_its_rules() -> None:
    import harper

    listed = advice_rules(installed_version("harper-py", "harper") or "")
    assert len(listed) > 200  # made for this release, so it is in force
    assert listed <= set(harper.get_default_lint_config())


def test_another_harper_release_keeps_every_rule_on() -> None:
    assert advice_rules("0.0.1") == frozenset()


def test_switching_advice_rules_off_loses_no_finding_and_unmasks_mistakes() -> None:
    every_rule = HarperProofreader()
    every_rule._switched_off = dict.fromkeys(DISABLED_RULES, False)
    trimmed = HarperProofreader()
    with every_rule._linter() as linter:
        fired = {rule for rule, lints in linter.organized_lints(_ADVICE_TEXT).items() if lints}
    assert {"Anybody", "Everyone", "Codebase", "Desktop", "AsSoonAsPossible"} <= fired
    assert {"Anybody", "Everyone", "Codebase", "Desktop"} <= advice_rules(trimmed.version)
    with trimmed._linter() as linter:
        assert linter.get_lint_config()["Anybody"] is False
    doc = case_document(_ADVICE_TEXT)
    before = {(f.rule, f.line, f.column, f.match) for f in every_rule.check(doc)}
    after = {(f.rule, f.line, f.column, f.match) for f in trimmed.check(doc)}
    assert before <= after
    assert {match for *_, match in before} >= {"very unique", "realy"}
    # Harper keeps one of two lints on the same words: with every rule on, the advice lints
    # ("code base" -> "codebase", Miscellaneous, dropped) hid CompoundNouns' word-choice ones.
    assert {(rule, match) for rule, _, _, match in after - before} == {
        ("proofreading.harper.CompoundNouns", "code base"),
        ("proofreading.harper.CompoundNouns", "desk top"),
    }


_FAR_WORD_CHECK = """
import sys
from followlint.config import Config
from followlint.proofread import open_proofreader
from helpers import case_document

def resident_mib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20

lazy = open_proofreader(Config(proofreader="harper"))
lazy.prepare_for_fork(drafts_each=int(sys.argv[1]))
before = resident_mib()
found = lazy.check(case_document("Hi Ana,\\n\\nI met Castellanos and the Stonebridge team.\\n"))
print(resident_mib() - before, len(found))
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc")
def test_a_run_big_enough_builds_the_far_spelling_automaton_before_forking() -> None:
    tests = Path(__file__).parent

    def growth(drafts_each: int) -> float:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), *sys.path])}
        out = subprocess.run(
            [sys.executable, "-c", _FAR_WORD_CHECK, str(drafts_each)],
            capture_output=True, text=True, check=True, env=env,
        )  # fmt: skip
        grown, found = out.stdout.split()
        assert found == "0"  # names, not typos
        return float(grown)

    # A process that primes for a big share of drafts has the automaton (~54 MB) already;
    # one primed for a few drafts builds it at the first far word. (The check itself grows
    # the process by 13-18 MB either way.)
    assert growth(DEEP_PRIME_DRAFTS - 1) - growth(DEEP_PRIME_DRAFTS) > 30
