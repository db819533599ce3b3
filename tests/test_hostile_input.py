"""Hostile paths and encodings: pipes, devices, link loops, wide encodings, YAML bombs.

Each bad input is linted next to a good draft: exit 2, one line naming the bad file and its
problem, and the good draft still reported. A read that could block runs in a subprocess or
thread with a generous watchdog, only to turn a hang into a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followlint.cli import main
from followlint.config import WORDS_FILE, ConfigError, load_config_file
from followlint.metadata import MetadataError, parse_datetime
from followlint.readers import InputError, decode
from followlint.readers.plain import MAX_ALIASED_VALUES, split_front_matter
from followlint.runner import read_bytes

GOOD = "Hi Maria,\n\nThank you for the tour. Could you reply ASAP?\n\nBest,\nAna\n"


def cli(*args: str) -> Result:
    return CliRunner().invoke(
        main, ["--proofreader", "none", "--no-cache", "--select", "pushy.urgency", *args]
    )


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def lint_with_good(*names: str) -> tuple[dict[str, str], list[str], int]:
    """Lint `names` and good.md: errors by path, the paths with findings, the exit code."""
    Path("good.md").write_text(GOOD, encoding="utf-8")
    result = cli("--format", "json", *names, "good.md")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    document = json.loads(result.stdout)
    errors = {e["path"]: e["message"] for e in document["errors"]}
    lines = [line for line in result.stderr.splitlines() if line.startswith("followlint: error")]
    assert len(lines) == len(errors), result.stderr
    return errors, sorted({f["path"] for f in document["findings"]}), result.exit_code


# --- pipes, devices, link loops -------------------------------------------------------------


def test_named_pipe_given_by_name_is_one_line_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")
    command = [sys.executable, "-m", "followlint", "--proofreader", "none", "--no-cache"]
    proc = subprocess.run(
        [*command, "--format", "json", "pipe.md", "good.md"],
        capture_output=True,
        text=True,
        timeout=60,  # a watchdog only: the run takes well under a second
        cwd=tmp_path,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "pipe.md" in lines[0] and "named pipe" in lines[0], lines
    assert {f["path"] for f in json.loads(proc.stdout)["findings"]} == {"good.md"}


def test_read_bytes_refuses_a_named_pipe_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(read_bytes(str(tmp_path / "pipe.md")))
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # unblock the reader so the test process can end
        with open(tmp_path / "pipe.md", "wb"):
            pass
        pytest.fail("read_bytes blocked on a named pipe")
    assert len(outcome) == 1 and isinstance(outcome[0], InputError), outcome
    assert "named pipe" in str(outcome[0])


def test_character_device_is_one_line() -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null on this system")
    errors, linted, code = lint_with_good("/dev/null")
    assert code == 2
    assert list(errors) == ["/dev/null"] and "character device" in errors["/dev/null"]
    assert linted == ["good.md"]


def test_symlink_loop_given_by_name_says_loop(tmp_path: Path) -> None:
    os.symlink("loop2.md", tmp_path / "loop1.md")
    os.symlink("loop1.md", tmp_path / "loop2.md")
    os.symlink("missing.md", tmp_path / "dangling.md")
    errors, linted, code = lint_with_good("loop1.md", "dangling.md")
    assert code == 2
    assert "symbolic link loop" in errors["loop1.md"]
    assert "broken symbolic link" in errors["dangling.md"]
    assert linted == ["good.md"]


def test_excluded_symlink_loop_is_skipped_quietly(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(GOOD, encoding="utf-8")
    os.symlink("loop2.md", tmp_path / "drafts" / "loop1.md")
    os.symlink("loop1.md", tmp_path / "drafts" / "loop2.md")
    (tmp_path / "followlint.toml").write_text('exclude = ["loop*.md"]\n', encoding="utf-8")
    result = cli("--format", "json", "drafts")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["errors"] == []
    assert {f["path"] for f in document["findings"]} == {"drafts/a.md"}


def test_per_file_ignores_match_a_symlink_loop_without_crashing(tmp_path: Path) -> None:
    os.symlink("loop2.md", tmp_path / "loop1.md")
    os.symlink("loop1.md", tmp_path / "loop2.md")
    (tmp_path / "followlint.toml").write_text(
        "[per_file_ignores]\n'loop*.md' = ['pushy']\n", encoding="utf-8"
    )
    errors, linted, code = lint_with_good("loop1.md")
    assert code == 2 and list(errors) == ["loop1.md"] and linted == ["good.md"]


def test_unlistable_folder_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "drafts" / "locked"
    locked.mkdir(parents=True)
    (locked / "hidden.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "drafts" / "a.md").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can list mode-000 folders (root)")
        result = cli("--format", "json", "drafts")
        assert result.exit_code == 2, result.output
        document = json.loads(result.stdout)
        assert [e["path"] for e in document["errors"]] == ["drafts/locked"]
        assert "permission denied" in document["errors"][0]["message"]
        assert {f["path"] for f in document["findings"]} == {"drafts/a.md"}
    finally:
        locked.chmod(0o755)


# --- wide encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
    ],
)
def test_wide_encodings_are_named(codec: str, name: str) -> None:
    with pytest.raises(InputError) as info:
        decode(("Hi Zoë,\n\n" + GOOD).encode(codec))
    assert str(info.value) == f"is {name} encoded; save it as UTF-8"


def test_utf16_without_bom_that_ends_inside_the_sample_limit_is_named() -> None:
    # 8192 bytes cut the last character's surrogate pair in two
    text = "x" * 4095 + "\U0001f600" + "tail"
    with pytest.raises(InputError, match="UTF-16"):
        decode(text.encode("utf-16-le"))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bytes(range(256)) * 16, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary"),
        ("Hi José,\n\nMerci.\n".encode("latin-1"), "not valid UTF-8"),
        ("Hi Zoë,\n\n“great” tour.\n".encode("cp1252"), "not valid UTF-8"),
    ],
    ids=["all-bytes", "png", "latin-1", "cp1252"],
)
def test_other_encodings_keep_their_message(data: bytes, words: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data)
    assert words in str(info.value) and "UTF-16" not in str(info.value)


def test_utf16be_draft_among_good_files(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(GOOD.encode("utf-16-be"))
    errors, linted, code = lint_with_good("wide.txt")
    assert code == 2
    assert errors == {"wide.txt": "is UTF-16 encoded; save it as UTF-8"}
    assert linted == ["good.md"]


# --- YAML bombs in front matter and config --------------------------------------------------


def laughs(levels: int, key: str = "interview_date") -> str:
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    lines.append(f"{key}: *a{levels - 1}")
    return "\n".join(lines) + "\n---\nHi Maria,\n\nThank you.\n"


def test_alias_bomb_in_a_folder_among_good_drafts(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text(GOOD, encoding="utf-8")
    (drafts / "bomb.md").write_text(laughs(40, key="company"), encoding="utf-8")
    (drafts / "c.md").write_text(GOOD, encoding="utf-8")
    errors, linted, code = lint_with_good("drafts")
    assert code == 2
    assert list(errors) == ["drafts/bomb.md"]
    assert "aliases" in errors["drafts/bomb.md"] and len(errors["drafts/bomb.md"]) < 120
    assert linted == ["drafts/a.md", "drafts/c.md", "good.md"]


def test_aliases_that_expand_a_little_are_fine() -> None:
    text = "---\ninterviewer: &who Maria Rao\ninterviewers: [*who, Ben Ode]\n---\nHi,\n"
    data, _ = split_front_matter(text)
    assert data["interviewers"] == ["Maria Rao", "Ben Ode"]


def test_alias_limit_counts_only_what_aliases_add() -> None:
    """Front matter written out in full is not refused, however many values it has."""
    items = ", ".join(["x"] * (MAX_ALIASED_VALUES + 10))
    data, _ = split_front_matter(f"---\npromised: [{items}]\n---\nHi,\n")
    assert len(data["promised"]) == MAX_ALIASED_VALUES + 10  # type: ignore[arg-type]
    with pytest.raises(InputError, match="aliases"):
        split_front_matter(laughs(6, key="promised"))  # 9**5 = 59,049 values added


def test_alias_inside_its_own_anchor_is_one_line() -> None:
    with pytest.raises(InputError, match="own anchor"):
        split_front_matter("---\npromised: &me [a, *me]\n---\nHi,\n")


@pytest.mark.parametrize(
    "nested",
    [
        " " + "[" * 3000 + "]" * 3000,
        " " + "{a: " * 3000 + "1" + "}" * 3000,
        "\n" + "- " * 3000 + "x",
    ],
)
def test_deep_front_matter_is_one_line(nested: str) -> None:
    with pytest.raises(InputError) as info:
        split_front_matter(f"---\ncompany:{nested}\n---\nHi,\n")
    assert str(info.value) == "front matter is nested too deeply"


def test_bad_date_value_is_shown_short() -> None:
    huge = [["x" * 10_000] * 1000] * 1000
    for value in (huge, "y" * 1_000_000):
        with pytest.raises(MetadataError) as info:
            parse_datetime(value, "interview_date")
        message = str(info.value)
        assert message.startswith("'interview_date' is not an ISO date or datetime: ")
        assert len(message) < 120 and "\n" not in message


def test_impossible_value_message_is_short() -> None:
    with pytest.raises(InputError) as info:
        split_front_matter("---\ncompany: " + "9" * 6000 + "\n---\nHi,\n")
    assert len(str(info.value)) < 200


@pytest.mark.parametrize("nested", ["a = " + "[" * 5000 + "]" * 5000, "a = " + "{b=" * 5000])
def test_deeply_nested_config_is_one_line(tmp_path: Path, nested: str) -> None:
    config = tmp_path / "followlint.toml"
    config.write_text(nested + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config_file(config)
    assert str(config) in str(info.value) and "\n" not in str(info.value)


def test_a_named_pipe_as_config_is_one_line_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.toml")
    command = [sys.executable, "-m", "followlint", "--proofreader", "none", "--no-cache"]
    proc = subprocess.run(
        [*command, "--config", "pipe.toml", "good.md"],
        capture_output=True,
        text=True,
        timeout=60,  # a watchdog only: refusing the pipe takes no time
        cwd=tmp_path,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "pipe.toml" in lines[0] and "not a regular file" in lines[0]


def test_a_named_pipe_where_the_word_list_goes_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "followlint.toml").write_text("cache = false\n", encoding="utf-8")
    os.mkfifo(tmp_path / WORDS_FILE)
    command = [sys.executable, "-m", "followlint", "--proofreader", "none", "--no-cache"]
    proc = subprocess.run(
        [*command, "--format", "json", "good.md"],
        capture_output=True,
        text=True,
        timeout=60,  # a watchdog only
        cwd=tmp_path,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["summary"]["files"] == 1
