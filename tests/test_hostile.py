"""Hostile files, rule packs and config: one clear line each, the good files still reported.

A linter runs unattended in hooks and CI over whatever a repository holds. Every case here
lints hostile input next to good drafts and checks the exit code contract (2 when a file could
not be read), one line per bad file, no traceback, and that the good files get exactly the
findings they get alone. Big and binary fixtures are generated in tmp_path at test time.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followlint.cli import main
from followlint.registry import load_pack
from followlint.rulefile import RuleError

GOOD = "Hi Maria,\n\nThank you for the tour. Could you reply ASAP?\n\nBest,\nAna\n"
GOOD_EML = (
    "From: Ana <ana@example.com>\nTo: Maria Rao <maria@example.com>\n"
    "Date: Mon, 09 Mar 2026 18:00:00 +0000\nSubject: Thank you\n\n" + GOOD
)

#: Runs a command and prints its exit code, seconds and peak RSS (KB) as JSON: measuring in a
#: fresh process keeps RUSAGE_CHILDREN to the one followlint run.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.monotonic()
try:
    proc = subprocess.run(sys.argv[2:], capture_output=True, timeout=float(sys.argv[1]))
    code, err = proc.returncode, proc.stderr.decode("utf-8", "replace")
except subprocess.TimeoutExpired:
    code, err = "timeout", ""
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "seconds": time.monotonic() - started, "rss_kb": peak,
                  "stderr": err[-4000:]}))
"""


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["--proofreader", "none", "--no-cache", *args])


def followlint_process(*args: str, timeout: float, cwd: Path) -> dict[str, object]:
    command = [sys.executable, "-m", "followlint", "--proofreader", "none", "--no-cache", *args]
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, str(timeout), *command],
        capture_output=True,
        text=True,
        timeout=timeout + 30,
        check=True,
        cwd=cwd,
    )
    measured: dict[str, object] = json.loads(proc.stdout)
    return measured


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _laughs(levels: int) -> str:
    """YAML whose aliases expand to 9**levels strings (a "billion laughs")."""
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    lines.append(f"interview_date: *a{levels - 1}")
    return "\n".join(lines) + "\n---\nHi Maria,\n\nThank you.\n"


def _nested_mime(depth: int) -> str:
    head = "From: ana@example.com\nTo: Maria <m@example.com>\n"
    body = ""
    for level in range(depth):
        body += f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n'
    return head + body + "Content-Type: text/plain\n\nHi Maria,\n\nthanks alot.\n"


#: name -> bytes: hostile files that must each give one line (error) or be linted.
HOSTILE: dict[str, bytes] = {
    "random.md": random.Random(7).randbytes(4096),
    "random-no-nul.txt": bytes(b or 1 for b in random.Random(8).randbytes(4096)),
    "utf16.md": GOOD.encode("utf-16"),
    "utf16be.txt": GOOD.encode("utf-16-be"),
    "latin1.md": "Hi José,\n\nMerci beaucoup, ça m'a plu.\n".encode("latin-1"),
    "cp1252.txt": "Hi Zoë,\n\nThanks – “great” tour.\n".encode("cp1252"),
    "truncated-utf8.md": "Hi Zoë, thanks 😀".encode()[:-2],
    "fm-unclosed.md": b"---\ncompany: Zentrix\nHi,\n\nThanks.\n",
    "fm-bad-yaml.md": b"---\ncompany: [unclosed\n---\nHi,\n",
    "fm-tab.md": b"---\ncompany:\n\t- x\n---\nHi,\n",
    "fm-list.md": b"---\n- a\n---\nHi,\n",
    "fm-python-tag.md": b"---\ncompany: !!python/object/apply:os.system ['echo PWNED']\n---\nHi,\n",
    "fm-bad-date.md": b"---\ninterview_date: 2026-02-30\n---\nHi,\n",
    "no-headers.eml": b"Hi Chidi,\n\nThanks.\n",
    "bad-date.eml": b"From: a@example.com\nDate: next Tuesday-ish\n\nHi,\n",
}
#: name -> bytes: broken MIME: a one-line error or linted as far as it goes, never a crash.
EITHER: dict[str, bytes] = {
    "mime-unclosed.eml": (
        b'From: a@example.com\nTo: X <x@example.com>\nContent-Type: multipart/mixed; boundary="zz"'
        b"\n\n--zz\nContent-Type: text/plain\n\nHi X,\n\nthanks alot\n--zz\n"
    ),
    "mime-no-boundary.eml": b"From: a@example.com\nContent-Type: multipart/mixed\n\nHi,\n",
    "mime-empty-boundary.eml": (
        b'From: a@example.com\nContent-Type: multipart/mixed; boundary=""\n\nHi,\n'
    ),
    "mime-base64.eml": (
        b"From: a@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
        b"SGkgTWFyaWEsCgpUaGFua3Mu\n"
    ),
    "mime-deep.eml": _nested_mime(60).encode(),
    "mime-headers-only.eml": b"From: a@example.com\nSubject: hi\n",
    "mime-garbage-header.eml": b"From: a@example.com\n\x7f\x01: \xc3\xa9\n: \n\nHi,\n",
}
#: name -> bytes: odd but readable drafts: linted (findings or not), never an error or a crash.
ODD: dict[str, bytes] = {
    "template-open.md": b"Hi {{ first_name,\n\nThanks for {% if x %} the tour.\n\nBest,\nAna\n",
    "template-close.md": b"Hi }},\n\nThanks %} for {{{{ the tour.\n",
    "comment-open.md": b"Hi Maria,\n\n<!-- draft note\n\nThanks alot.\n",
    "fence-open.md": b"Hi Maria,\n\n```\nthe the code\n",
    "bom-crlf.md": ("\ufeffHi Maria,\r\n\r\nThanks alot,i  enjoyed it!!!\r\n").encode(),
    "cr-only.txt": b"Hi Maria,\r\rThanks alot.\r\rBest,\rAna\r",
    "nul-late.md": (GOOD * 200).encode() + b"\x00 the the end\n",
    "long-line.md": ("Hi Maria,\n\n" + "Thank you for the tour of the lab. " * 3000).encode(),
    "deep-quote.md": ("Hi,\n\n" + ">" * 5000 + " quoted ASAP\n").encode(),
    "emoji.md": "Hi 👩‍💻,\n\nThank you 🙏🏽 for the tour e\u0301\u0301\u0301.\n".encode(),
    "control-chars.txt": b"Hi\x0b\x0c\x1b[31m Maria,\n\nThanks\x7f.\n",
    "bidi.md": "Hi Maria,\n\nThank you \u202e for the tour \u2066.\n".encode(),
    "only-newlines.md": b"\n" * 10000,
    "empty.md": b"",
}


def _good_findings(tmp_path: Path) -> list[tuple[object, ...]]:
    result = cli("--format", "json", "good", "good.eml")
    assert result.exit_code == 1, result.output
    return [
        (f["path"], f["rule"], f["line"], f["column"])
        for f in json.loads(result.stdout)["findings"]
    ]


def _setup_good(tmp_path: Path) -> None:
    write(tmp_path / "good" / "a.md", GOOD)
    write(tmp_path / "good" / "b.txt", GOOD.replace("ASAP", "soon"))
    write(tmp_path / "good.eml", GOOD_EML)


def test_hostile_files_in_one_run_with_good_ones(tmp_path: Path) -> None:
    _setup_good(tmp_path)
    alone = _good_findings(tmp_path)
    for name, data in {**HOSTILE, **EITHER, **ODD}.items():
        write(tmp_path / "hostile" / name, data)
    os.symlink("missing-target.md", tmp_path / "hostile" / "dangling.md")
    os.symlink(".", tmp_path / "hostile" / "self-loop")  # a folder that contains itself
    (tmp_path / "hostile" / "folder.md").mkdir()
    started = time.monotonic()
    result = cli("--format", "json", "good", "hostile", "good.eml", "hostile/dangling.md")
    elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert elapsed < 30, f"hostile folder took {elapsed:.1f} s"
    document = json.loads(result.stdout)
    found = [
        (f["path"], f["rule"], f["line"], f["column"])
        for f in document["findings"]
        if not f["path"].startswith("hostile")
    ]
    assert found == alone  # the good files are fully reported, as when linted alone
    errors = {Path(e["path"]).name: e["message"] for e in document["errors"]}
    assert set(HOSTILE) <= set(errors), sorted(set(HOSTILE) - set(errors))
    assert not set(ODD) & set(errors), {n: errors[n] for n in set(ODD) & set(errors)}
    assert "dangling.md" in errors
    for name, message in errors.items():
        assert "\n" not in message and len(message) < 300, (name, message)
    lines = [line for line in result.stderr.splitlines() if line.startswith("followlint: error")]
    assert len(lines) == len(document["errors"])  # one line each, each naming its file
    for error in document["errors"]:
        assert sum(error["path"] in line for line in lines) >= 1
    assert "PWNED" not in result.output


@pytest.mark.parametrize("name", sorted({**ODD, **EITHER}))
def test_odd_drafts_keep_positions_inside_the_file(tmp_path: Path, name: str) -> None:
    data = {**ODD, **EITHER}[name]
    write(tmp_path / name, data)
    result = cli("--format", "json", "--exit-zero", name)
    assert "Traceback" not in result.output
    if name in EITHER and result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        return
    assert result.exit_code == 0, result.output
    text = data.decode("utf-8")
    lines = text.split("\n")
    for f in json.loads(result.stdout)["findings"]:
        assert 0 <= f["offset"] <= f["end_offset"] <= len(text), f
        assert 1 <= f["line"] <= f["end_line"] <= len(lines), f
        assert f["match"] == text[f["offset"] : f["end_offset"]], f


def test_utf8_files_named_in_other_encodings_are_read() -> None:
    """A draft name that is not valid UTF-8 (surrogate-escaped) is linted and printed."""
    name = os.fsdecode(b"caf\xe9.md")
    Path(name).write_text(GOOD, encoding="utf-8")
    result = cli("--format", "json", name)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output


def test_symlink_loop_inside_a_folder_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "drafts" / "good.md", GOOD)
    os.symlink("loop2.md", tmp_path / "drafts" / "loop1.md")
    os.symlink("loop1.md", tmp_path / "drafts" / "loop2.md")
    result = cli("--format", "json", "drafts")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 2, result.output
    document = json.loads(result.stdout)
    errors = {Path(e["path"]).name: e["message"] for e in document["errors"]}
    assert sorted(errors) == ["loop1.md", "loop2.md"]
    assert all("symbolic link loop" in message for message in errors.values()), errors
    assert {Path(f["path"]).name for f in document["findings"]} == {"good.md"}


def test_symlink_loop_given_by_name_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "good.md", GOOD)
    os.symlink("loop2.md", tmp_path / "loop1.md")
    os.symlink("loop1.md", tmp_path / "loop2.md")
    result = cli("--format", "json", "loop1.md", "good.md")
    assert result.exit_code == 2, result.output
    assert [e["path"] for e in json.loads(result.stdout)["errors"]] == ["loop1.md"]
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] != []


def test_named_pipe_in_a_folder_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "drafts" / "good.md", GOOD)
    os.mkfifo(tmp_path / "drafts" / "pipe.md")
    measured = followlint_process("--format", "json", "drafts", timeout=5, cwd=tmp_path)
    assert measured["code"] == 2, measured
    assert "pipe.md" in str(measured["stderr"])


def test_unreadable_file_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "good.md", GOOD)
    secret = write(tmp_path / "secret.md", GOOD)
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as a user who can read mode-000 files (root)")
        result = cli("--format", "json", "secret.md", "good.md")
        assert result.exit_code == 2
        assert [e["path"] for e in json.loads(result.stdout)["errors"]] == ["secret.md"]
        assert "permission" in result.stderr.lower()
    finally:
        secret.chmod(0o644)


def test_deeply_nested_front_matter_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "deep.md", b"---\ncompany: " + b"[" * 5000 + b"]" * 5000 + b"\n---\nHi,\n")
    write(tmp_path / "good.md", GOOD)
    result = cli("--format", "json", "deep.md", "good.md")
    assert result.exit_code == 2, repr(result.exception)
    assert [e["path"] for e in json.loads(result.stdout)["errors"]] == ["deep.md"]


def test_deeply_nested_rule_file_fails_naming_the_file(tmp_path: Path) -> None:
    rule = rule_file(tmp_path, "tokens: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(RuleError) as info:
        load_pack([tmp_path / "myrules"])
    assert str(rule) in str(info.value)


def test_utf16_draft_is_named_as_utf16(tmp_path: Path) -> None:
    write(tmp_path / "utf16.md", GOOD.encode("utf-16"))
    result = cli("--format", "json", "utf16.md")
    assert result.exit_code == 2
    assert "UTF-16" in result.stderr


def test_yaml_alias_bomb_in_front_matter_is_a_short_error(tmp_path: Path) -> None:
    write(tmp_path / "bomb.md", _laughs(7))
    write(tmp_path / "good.md", GOOD)
    started = time.monotonic()
    result = cli("--format", "json", "bomb.md", "good.md")
    elapsed = time.monotonic() - started
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert [e["path"] for e in errors] == ["bomb.md"]
    assert len(errors[0]["message"]) < 300, len(errors[0]["message"])
    assert elapsed < 5, elapsed


# --- pathological text: every built-in rule and the document model stay (near) linear -----

QUADRATIC = {
    # name: (text, reason)
    "unclosed-comments": "Hi Maria,\n\n" + "<!-- " * 20_000,
    "backticks": "Hi Maria,\n\n" + "`" * 20_000,
    # the e-mail address mask scanned to the end of a dotted run from every word in it
    "dotted-run": "Hi Maria,\n\n" + "a." * 20_000,
    # customization.company-name compared every window of a capitalised run with every
    # correct mention of the company in it
    "company-run": "---\ncompany: Zentrix Freight\n---\nHi Maria,\n\n" + "Zentrix Freigt " * 20_000,
}


@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_pathological_markup_lints_quickly(tmp_path: Path, name: str) -> None:
    write(tmp_path / "draft.md", QUADRATIC[name] + "\n\nThanks alot.\n")
    measured = followlint_process("--format", "json", "draft.md", timeout=3, cwd=tmp_path)
    assert measured["code"] == 1, measured


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\n\n" + "the " * 50_000,
        "Hi,\n\n" + "!" * 100_000,
        "Hi,\n\n" + "Thanks," * 30_000,
        "Hi,\n\n" + "> q\n" * 30_000,
        "Hi,\n\n" + "On x\n" * 20_000,
        "Hi,\n\n" + "http://" * 30_000,
        "Hi,\n\n" + "a@" * 50_000,
        "Hi,\n\n" + "```\n" * 20_000,
        "Hi,\n\n" + "{{" * 50_000,
        "Hi,\n\n" + ("x" * 199 + "\n") * 2_000,
    ],
    ids=[
        "doubled",
        "bangs",
        "glued",
        "quotes",
        "on-wrote",
        "urls",
        "at-signs",
        "fences",
        "braces",
        "lines",
    ],
)
def test_repetitive_text_lints_quickly(tmp_path: Path, text: str) -> None:
    write(tmp_path / "draft.md", text)
    started = time.monotonic()
    result = cli("--format", "json", "--exit-zero", "draft.md")
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 10, f"{elapsed:.1f} s"


# --- very large inputs (slow) -------------------------------------------------------------

PARAGRAPH = (
    "Thank you for walking me through the data platform and the migration plan; "
    "I enjoyed hearing how the team ships small changes every day.\n\n"
)


@pytest.mark.slow
def test_fifty_megabyte_draft_with_good_files(tmp_path: Path) -> None:
    count = 50_000_000 // len(PARAGRAPH)
    text = "Hi Maria,\n\n" + PARAGRAPH * count + "Could you reply ASAP?\n\nBest,\nAna\n"
    write(tmp_path / "big.md", text)
    write(tmp_path / "good.md", GOOD)
    measured = followlint_process(
        "--format", "concise", "big.md", "good.md", timeout=60, cwd=tmp_path
    )
    assert measured["code"] in (1, 2), measured  # a finding or a one-line "too large" error
    assert measured["rss_kb"] < 1_500_000, measured  # about 30 bytes per byte of draft at most
    if measured["code"] == 2:
        assert "big.md" in str(measured["stderr"]) and "MB" in str(measured["stderr"]), measured


def test_a_draft_over_the_size_limit_is_one_line_and_the_others_are_linted(
    tmp_path: Path,
) -> None:
    from followlint.readers import MAX_DRAFT_MB

    write(tmp_path / "huge.md", "Hi Maria,\n\n" + "Thanks. " * (MAX_DRAFT_MB * 125_001))
    write(tmp_path / "good.md", GOOD)
    result = cli("--format", "json", "huge.md", "good.md")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    (error,) = document["errors"]
    assert error["path"] == "huge.md"
    assert f"lints drafts up to {MAX_DRAFT_MB} MB" in error["message"]
    assert {f["path"] for f in document["findings"]} == {"good.md"}


#: An 850-byte clean note: identical copies are the near-duplicate check's worst case.
CLEAN_NOTE = """Hi Maria,

Thank you for meeting with me on Tuesday about the analyst role, and for walking me through
how your team plans the quarterly forecast. Hearing how the new dashboard cut the monthly
close from eight days to five made the work concrete, and I would welcome the chance to help
with the next stage of it. The migration you described sounds much like the one I led at my
current job, where we moved forty reports to a single model without missing a deadline.

I enjoyed meeting Sam and Priya as well; please pass on my thanks for their time.

Best,
Ana
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("count", "note"),
    [
        (100_000, "Hi Maria,\n\nThank you for the tour {i}. I enjoyed meeting the team.\n\n"
                  "Best,\nAna\n"),
        (20_000, CLEAN_NOTE),
    ],
    ids=["100k-varied", "20k-identical"],
)  # fmt: skip
def test_many_small_files_in_bounded_memory(tmp_path: Path, count: int, note: str) -> None:
    """Nothing but a small summary per file is kept: no text, no document (about 2 KB each)."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(count):
        (folder / f"d{i:06d}.md").write_text(note.replace("{i}", str(i)), encoding="utf-8")
    write(folder / "zz-bad.md", b"\x00\x01binary")
    # A generous watchdog: this test is about memory, and CI machines are slow and shared.
    measured = followlint_process("--format", "concise", "-q", "many", timeout=400, cwd=tmp_path)
    assert measured["code"] == 2, measured
    assert "zz-bad.md" in str(measured["stderr"])
    assert measured["rss_kb"] < 256_000, measured


# --- hostile rule packs ---------------------------------------------------------------------

RULE_HEAD = """\
id: pushy.fltest-hostile
kind: {kind}
category: pushy
severity: warning
message: "'{{match}}' reads as pressure."
description: A hostile test rule.
"""


def rule_file(tmp_path: Path, body: str, kind: str = "existence") -> Path:
    path = tmp_path / "myrules" / "pushy" / "fltest-hostile.yml"
    return write(path, RULE_HEAD.format(kind=kind) + textwrap.dedent(body))


CATASTROPHIC = [
    r"(\w+\s?)+$",
    r"(a|aa)+$",
    r"(a|a?)+b",
    r"(.*a){12}",
    r"(\w+)*!",
    r"(?:\w|\d)+\d+x",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_user_regex_cannot_hang_a_run(tmp_path: Path, pattern: str) -> None:
    rule = rule_file(tmp_path, f"tokens:\n  - '{pattern}'\nboundaries: none\n")
    write(tmp_path / "followlint.toml", 'rule_dirs = ["myrules"]\n')
    write(tmp_path / "draft.md", "Hi Maria,\n\n" + "a" * 40 + "1" * 30 + "\n\nThanks.\n")
    try:
        load_pack([tmp_path / "myrules"])
    except RuleError as exc:  # vetted at load time: fine, if it names file and key
        assert str(rule) in str(exc) and "tokens" in str(exc)
        return
    measured = followlint_process("--format", "json", "draft.md", timeout=5, cwd=tmp_path)
    assert measured["code"] != "timeout", f"{pattern!r} hung the run: {measured}"
    assert "pushy.fltest-hostile" in str(measured["stderr"]) or measured["code"] in (0, 1)


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("tokens: 5\n", "tokens"),
        ("tokens: [1, 2]\n", "tokens"),
        ("tokens: []\n", "tokens"),
        ("tokens: [x]\nscope: everywhere\n", "scope"),
        ("tokens: [x]\nignorecase: sometimes\n", "ignorecase"),
        ("tokens: [x]\nboundaries: 3\n", "boundaries"),
        ("tokens: [x]\noptions: [1]\n", "options"),
        ("tokens: [x]\nexamples: [x]\n", "examples"),
        ("tokens: [x]\nexamples: {bad: [3]}\n", "examples"),
        ("tokens: [x]\nentry: os:system\n", "entry"),
        ("tokens: !!python/object/apply:os.system ['echo PWNED']\n", "fltest-hostile.yml"),
        ("tokens: [x]\n? [a, b]\n: 1\n", "fltest-hostile.yml"),
    ],
    ids=[
        "tokens-int",
        "tokens-ints",
        "tokens-empty",
        "scope",
        "ignorecase",
        "boundaries",
        "options-list",
        "examples-list",
        "examples-entry",
        "unknown-key-for-kind",
        "python-tag",
        "unhashable-key",
    ],
)
def test_bad_rule_file_fails_at_load_time_naming_file_and_key(
    tmp_path: Path, body: str, key: str, capfd: pytest.CaptureFixture[str]
) -> None:
    rule = rule_file(tmp_path, body)
    with pytest.raises(RuleError) as info:
        load_pack([tmp_path / "myrules"])
    message = str(info.value)
    assert str(rule) in message and key in message, message
    assert "\n" not in message
    assert "PWNED" not in capfd.readouterr().out


@pytest.mark.parametrize(
    ("kind", "body", "key"),
    [
        ("substitution", "swap: [a, b]\n", "swap"),
        ("substitution", "swap: {teh: [the]}\n", "swap"),
        ("substitution", "swap: {teh: the}\nfix: always\n", "fix"),
        ("substitution", "swap: {'(a+)+': b}\n", "swap"),
        ("occurrence", "token: x\n", "options"),
        ("occurrence", "token: x\noptions: {max: two}\n", "options"),
        ("metric", "metric: vibes\noptions: {max: 3}\n", "metric"),
        ("metric", "metric: words\n", "options"),
        ("python", "entry: followlint.engine\n", "entry"),
        ("python", "entry: no_such_module_xyz:f\n", "entry"),
        ("python", "entry: 7\n", "entry"),
        ("crossdraft", "entry: followlint.model\n", "entry"),
    ],
)
def test_bad_kind_keys_fail_at_load_time(tmp_path: Path, kind: str, body: str, key: str) -> None:
    rule = rule_file(tmp_path, body, kind=kind)
    with pytest.raises(RuleError) as info:
        load_pack([tmp_path / "myrules"])
    assert str(rule) in str(info.value) and key in str(info.value), str(info.value)


def test_bad_rule_file_through_the_cli_is_exit_2_before_linting(tmp_path: Path) -> None:
    rule = rule_file(tmp_path, "tokens: 5\n")
    write(tmp_path / "followlint.toml", 'rule_dirs = ["myrules"]\n')
    write(tmp_path / "draft.md", GOOD)
    result = cli("--format", "json", "draft.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(rule) in lines[0] and "tokens" in lines[0]


def test_binary_rule_file_fails_naming_the_file(tmp_path: Path) -> None:
    rule = write(tmp_path / "myrules" / "pushy" / "fltest-hostile.yml", b"\xff\xfe\x00\x01")
    with pytest.raises(RuleError) as info:
        load_pack([tmp_path / "myrules"])
    assert str(rule) in str(info.value)


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("select = 'pushy'\n", "select"),
        ("fail_on = 3\n", "fail_on"),
        ("colour = true\n", "colour"),
        ("[rules]\n'pushy.urgency' = 3\n", "rules.pushy.urgency"),
        ("[rules.'pushy.urgency']\nnope = 1\n", "nope"),
        ("[severity]\npushy = 'fatal'\n", "severity.pushy"),
        ("per_file_ignores = {'*.md' = 'pushy'}\n", "per_file_ignores"),
        ("rule_dirs = ['does-not-exist']\n", "does-not-exist"),
        ("cache = 'yes'\n", "cache"),
        ("words = [1]\n", "words"),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(tmp_path: Path, toml: str, key: str) -> None:
    config = write(tmp_path / "followlint.toml", toml)
    write(tmp_path / "draft.md", GOOD)
    result = cli("--format", "json", "draft.md")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert key in lines[0], lines[0]
    assert str(config) in lines[0] or "does-not-exist" in lines[0], lines[0]
