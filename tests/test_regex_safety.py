"""Load-time vetting of rule regexes: catastrophic ones refused naming file and key, safe ones kept.

`followlint.regexsafety` parses each pattern and refuses a repeat whose body can match the same
text in more than one way. These tests pin which patterns it refuses and why, that every place a
rule or a config supplies a regex is vetted, and (under a watchdog) that what it accepts does
not backtrack exponentially.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from followlint import regexsafety
from followlint.cli import main
from followlint.registry import load_pack
from followlint.rulefile import RuleError, pattern_problem

#: (pattern, the reason it is refused)
CATASTROPHIC = [
    (r"(\w+\s?)+$", regexsafety.NESTED),
    (r"(a|aa)+$", regexsafety.ALTERNATIVES),
    (r"(a|a?)+b", regexsafety.EMPTY),
    (r"(.*a){12}", regexsafety.NESTED),
    (r"(\w+)*!", regexsafety.NESTED),
    (r"(a+)+b", regexsafety.NESTED),
    (r"(a*)*b", regexsafety.EMPTY),
    (r"(?:a?b?)+c", regexsafety.EMPTY),
    (r"(?:\d?\d:)+x", regexsafety.OPTIONAL),
    (r"(?:\s*\w+){1,5}!", regexsafety.NESTED),
    (r"(?:(?:\w+\s?){2}){3}!", regexsafety.NESTED),  # 3 x 2 rounds: counted like one repeat
    (r"(a|b|ab)*c", regexsafety.ALTERNATIVES),
    (r"(?:x|\w+)+!", regexsafety.NESTED),
    (r"(?:\w|a\d)+!", regexsafety.ALTERNATIVES),
    (r"(?:[a-z]+\d?)+!", regexsafety.NESTED),
    (r"(?:.*,)+x", regexsafety.NESTED),
    (r"(?i:(?:A+a)+)!", regexsafety.NESTED),  # case-insensitive: 'A+' also takes 'a'
    (r"(?=(\w+\s?)+$)x", regexsafety.NESTED),  # inside a lookahead too
    (r"(?:\w+[ \t]*(?:\n\w+)?)+!", regexsafety.NESTED),
    (r"(?i:(?:ſo |so )+)x", regexsafety.ALTERNATIVES),  # 'ſ' is 's' when case is ignored
    (r"(?i:(?:[ſ]+s)+)x", regexsafety.NESTED),
    (r"(?:about |almost |about a )+x", regexsafety.ALTERNATIVES),
]

#: Patterns with alternations, bounded and delimited repeats that are refused by nothing.
SAFE = [
    r"\b(?:reply|respond|get back to me) (?:ASAP|as soon as possible)\b",
    r"(a|aa)?b",
    r"(?:\s*\w+){1,3}",  # three rounds at most: cheap whatever the body does
    r"[a-z]{2,30}",
    r"(?:a|b)+c",
    r"(?:ab|ac)+",  # the parser factors out the 'a'
    r"\w+(?:\s+\w+)*!",
    r"(?:\w+\W+){0,5}\w+",
    r"(?:very |really |so )+good",
    r"(?:\d{1,2}:)+\d\d",
    r"(?:\d+,)+\d+",
    r"(?:\s+(?:and|or)\s+\w+)+",
    r"(\w+)(?:\s+\1)+",
    r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)(?=[a-z])",
    r"(?:a++b?)+",  # possessive: never goes back into a round
    r"(?>a|aa)+b",  # atomic: never tries the other alternative
    r"(?i:[a-z]+(?:-[a-z]+)*)",
    r"(?:Mr|Ms|Dr)\.?\s+[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*",
    r"(?:[\\/]+[a-z]+)+",
    r"(ab|a)+c",
    r"(?:the |over |more than |almost |about |most of )*years",  # the words differ
    r"(?:ſo |so )+x",  # case matters here
    r"(?i:(?:so |such )+)x",
]


@pytest.mark.parametrize(("pattern", "reason"), CATASTROPHIC)
def test_catastrophic_pattern_is_refused_with_the_reason(pattern: str, reason: str) -> None:
    assert regexsafety.problem(pattern) == reason


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_pattern_is_accepted(pattern: str) -> None:
    re.compile(pattern)
    assert regexsafety.problem(pattern) is None


def test_every_reason_says_how_to_rewrite() -> None:
    for reason in (
        regexsafety.NESTED,
        regexsafety.ALTERNATIVES,
        regexsafety.OPTIONAL,
        regexsafety.EMPTY,
    ):
        assert "exponential time; " in reason and "instead of" in reason
        for example in re.findall(r"'([^']+)' instead of '([^']+)'", reason):
            good, bad = example
            assert regexsafety.problem(good) is None, good
            assert regexsafety.problem(bad) is not None, bad


def test_pattern_problem_names_the_pattern_and_keeps_to_one_short_line() -> None:
    problem = pattern_problem(r"(a|aa)+$")
    assert problem is not None and "'(a|aa)+$'" in problem and "exponential" in problem
    huge = "(?:" + "|".join(f"word{i}" for i in range(10_000)) + ")(a+)+"
    problem = pattern_problem(huge)
    assert problem is not None and "\n" not in problem and len(problem) < 600
    assert pattern_problem("(" * 2000 + "a" + ")" * 2000) == (
        f"pattern {'(' * 119 + '…'!r} nests groups too deeply"
    )
    assert "bad regular expression '(x'" in str(pattern_problem("(x"))
    problem = pattern_problem("(?:a|aa|\n)+$")  # shown as written: one line, backslashes single
    assert problem is not None and r"'(?:a|aa|\n)+$'" in problem and "\n" not in problem


# --- every place a rule file or a config supplies a regex ------------------------------------

HEAD = """\
id: pushy.fltest-vetted
kind: {kind}
category: pushy
severity: warning
message: "'{{match}}' reads as pressure."
description: A test rule whose patterns are vetted.
"""
ENTRY = "entry: followlint.checks.followthrough:attachment_missing\n"
PLACES = [
    ("existence", "tokens: ['by tomorrow', '(\\w+\\s?)+$']\n", "tokens[1]"),
    ("existence", "tokens: [asap]\nexceptions: ['(a|aa)+']\n", "exceptions[0]"),
    ("substitution", "swap:\n  'fine': good\n  '(a|a?)+b': c\n", "swap['(a|a?)+b']"),
    ("occurrence", "token: '(.*a){12}'\noptions: {max: 1}\n", "key 'token'"),
    ("python", ENTRY + "options:\n  phrases: [attached, '(\\w+)*!']\n", "options.phrases[1]"),
]


@pytest.mark.parametrize(("kind", "body", "key"), PLACES, ids=[p[2] for p in PLACES])
def test_each_place_a_rule_gives_a_regex_is_vetted(
    tmp_path: Path, kind: str, body: str, key: str
) -> None:
    rule = tmp_path / "myrules" / "pushy" / "fltest-vetted.yml"
    rule.parent.mkdir(parents=True)
    rule.write_text(HEAD.format(kind=kind) + body, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_pack([tmp_path / "myrules"])
    message = str(info.value)
    assert message.startswith(f"{rule}: key '") and key in message, message
    assert "exponential time" in message and "\n" not in message


def test_a_config_option_used_as_a_regex_is_vetted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "followlint.toml").write_text(
        textwrap.dedent(
            """\
            [rules."next-steps.attachment-missing"]
            phrases = ["see attached", "(a|aa)+$"]
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "draft.md").write_text("Hi Maria,\n\nThank you.\n\nBest,\nAna\n")
    result = CliRunner().invoke(main, ["--proofreader", "none", "--no-cache", "draft.md"])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert "followlint.toml" in line and "option 'phrases[1]'" in line
    assert "next-steps.attachment-missing" in line and "'(a|aa)+$'" in line


def test_a_safe_config_regex_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "followlint.toml").write_text(
        '[rules."next-steps.attachment-missing"]\nphrases = ["(?:here is|enclosed) my cv"]\n'
    )
    (tmp_path / "draft.md").write_text(
        "---\nattachments: []\n---\nHi Maria,\n\nEnclosed my CV, as promised.\n\nBest,\nAna\n"
    )
    result = CliRunner().invoke(
        main, ["--proofreader", "none", "--no-cache", "--format", "json", "draft.md"]
    )
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert "next-steps.attachment-missing" in rules


# --- what is accepted does not backtrack exponentially -----------------------------------------

_ATOMS = [
    "a",
    "b",
    "ab",
    "abc",
    r"\w",
    r"\s",
    ".",
    "[ab]",
    " ",
    r"\d",
    "(?=a)",
    r"\b",
    "ſ",
    "(?i:s)",
]
_QUANTIFIERS = ["+", "*", "?", "{2,5}", "{0,3}", "{3}", "+?", "{4,}"]


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice(_ATOMS)
    if roll < 0.5:
        return _random_pattern(rng, depth + 1) + _random_pattern(rng, depth + 1)
    if roll < 0.6:
        return f"(?:{_random_pattern(rng, depth + 1)}|{_random_pattern(rng, depth + 1)})"
    return f"(?:{_random_pattern(rng, depth + 1)}){rng.choice(_QUANTIFIERS)}"


_MATCH_ALL = """
import json, re, sys
subjects = ["a" * 26 + "!", "ab" * 13 + "!", " a" * 13 + "!", "1" * 26 + "!", " " * 26 + "!",
            "a" * 13 + " " * 13 + "!", "aab" * 9 + "!", "abc" * 9 + "!", "sſ" * 13 + "!"]
for pattern in json.load(sys.stdin):
    compiled = re.compile(pattern)
    for subject in subjects:
        list(compiled.finditer(subject))
        compiled.fullmatch(subject)
print("done")
"""


def test_accepted_random_patterns_do_not_hang_on_adversarial_text() -> None:
    """Several hundred random nestings of repeats and alternations: the accepted ones finish.

    A 27-character subject takes an exponential pattern minutes (2^26 splits); the watchdog
    only turns such a hang into a failure.
    """
    rng = random.Random(20260310)
    accepted, refused = [], 0
    while len(accepted) < 400:
        pattern = _random_pattern(rng) + _random_pattern(rng)
        try:
            re.compile(pattern)
        except re.error:
            continue
        if regexsafety.problem(pattern) is None:
            accepted.append(pattern)
        else:
            refused += 1
    assert refused > 100  # the generator does produce the dangerous shapes
    proc = subprocess.run(
        [sys.executable, "-c", _MATCH_ALL],
        input=json.dumps(accepted),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert proc.stdout.strip() == "done"
