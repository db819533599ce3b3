"""Fixes: edits applied deterministically and never in part; atomic, careful write-back."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from followlint.document import Document
from followlint.fixes import apply_edits, apply_fixes, choose_fixes, unified_diff
from followlint.model import Edit, Finding, Fix, Span
from followlint.registry import load_pack
from followlint.rulefile import RuleError
from followlint.writeback import WriteError, atomic_write


def fix(*edits: tuple[int, int, str], safe: bool = True) -> Fix:
    return Fix(tuple(Edit(Span(s, e), r) for s, e, r in edits), safe=safe)


def finding(*fixes: Fix, start: int = 0) -> Finding:
    return Finding(
        path="x.md",
        rule="pushy.test",
        category="pushy",
        severity="warning",
        message="m",
        span=Span(start, start + 1),
        line=1,
        column=start + 1,
        end_line=1,
        end_column=start + 2,
        fixes=fixes,
    )


# --- apply_edits --------------------------------------------------------------------------


def test_non_overlapping_fixes_all_apply() -> None:
    text = "teh cat and teh dog"
    out, count = apply_edits(text, [fix((12, 15, "the")), fix((0, 3, "the"))])
    assert out == "the cat and the dog"
    assert count == 2


def test_overlapping_fix_is_skipped_whole() -> None:
    text = "abcdefghij"
    first = fix((2, 5, "X"))
    # the second fix has two edits, one overlapping the first fix: neither of its edits applies
    second = fix((4, 6, "Y"), (8, 9, "Z"))
    out, count = apply_edits(text, [second, first])
    assert out == "abXfghij"
    assert count == 1


def test_overlap_resolution_is_deterministic() -> None:
    text = "one two three"
    a = fix((4, 7, "2"))
    b = fix((4, 7, "TWO"))
    c = fix((5, 9, "x"))
    results = {apply_edits(text, order) for order in ([a, b, c], [c, b, a], [b, c, a], [c, a, b])}
    assert len(results) == 1
    out, count = results.pop()
    assert count == 1
    assert out in ("one 2 three", "one TWO three")


def test_adjacent_edits_do_not_overlap() -> None:
    out, count = apply_edits("abcd", [fix((0, 2, "X")), fix((2, 4, "Y"))])
    assert (out, count) == ("XY", 2)


def test_insertion_edits() -> None:
    text = "Hi Maria\nThanks"
    out, count = apply_edits(text, [fix((8, 8, ",")), fix((len(text), len(text), "!"))])
    assert (out, count) == ("Hi Maria,\nThanks!", 2)


def test_two_insertions_at_one_point_apply_once() -> None:
    out, count = apply_edits("ab", [fix((1, 1, "X")), fix((1, 1, "Y"))])
    assert count == 1
    assert out in ("aXb", "aYb")
    assert apply_edits("ab", [fix((1, 1, "Y")), fix((1, 1, "X"))])[0] == out


def test_insertion_inside_a_replaced_span_is_left_out() -> None:
    out, count = apply_edits("abcdef", [fix((1, 4, "X")), fix((2, 2, "!"))])
    assert count == 1
    assert out == "aXef"


def test_insertion_at_the_edge_of_a_replacement() -> None:
    out, count = apply_edits("abcdef", [fix((1, 4, "X")), fix((4, 4, "!"))])
    assert (out, count) == ("aX!ef", 2)


def test_deletion() -> None:
    out, count = apply_edits("a  b", [fix((1, 2, ""))])
    assert (out, count) == ("a b", 1)


def test_fix_without_edits_is_ignored() -> None:
    out, count = apply_edits("a  b", [fix((1, 2, "")), Fix(())])
    assert (out, count) == ("a b", 1)


def test_multi_edit_fix_applies_together() -> None:
    out, count = apply_edits("x and y", [fix((0, 1, "y"), (6, 7, "x"))])
    assert (out, count) == ("y and x", 1)


def test_choose_fixes_prefers_safe_and_unsafe_only_when_asked() -> None:
    unsafe = fix((0, 1, "U"), safe=False)
    safe = fix((0, 1, "S"))
    assert choose_fixes([finding(unsafe, safe)]) == [safe]
    assert choose_fixes([finding(unsafe)]) == []
    assert choose_fixes([finding(unsafe, safe)], unsafe=True) == [unsafe]
    assert apply_fixes("abc", [finding(unsafe)]) == "abc"
    assert apply_fixes("abc", [finding(unsafe)], unsafe=True) == "Ubc"


def test_unified_diff() -> None:
    diff = unified_diff("d.md", "a\nteh\n", "a\nthe\n")
    assert diff.startswith("--- a/d.md\n+++ b/d.md\n")
    assert "-teh\n" in diff
    assert "+the\n" in diff
    assert unified_diff("d.md", "same\n", "same\n") == ""


def test_substitution_fix_keeps_case_and_refires_nothing() -> None:
    pack = load_pack().only("pushy.urgency")
    from followlint.engine import lint

    doc = Document.from_text("Hi,\n\nUrgent reply needed. Reply ASAP.\n")
    findings = lint(doc, pack)
    assert [f.match for f in findings] == ["Urgent", "ASAP"]
    fixed = apply_fixes(doc.text, findings, unsafe=True)
    assert lint(Document.from_text(fixed), pack) == []
    assert fixed.startswith("Hi,\n\nSoon reply needed.")


def test_substitution_group_reference_in_replacement(tmp_path: Path) -> None:
    rule = tmp_path / "rules" / "proofreading" / "fltest-recieve.yml"
    rule.parent.mkdir(parents=True)
    rule.write_text(
        "id: proofreading.fltest-recieve\nkind: substitution\ncategory: proofreading\n"
        "severity: warning\nmessage: typo\ndescription: test\nfix: safe\n"
        'swap:\n  "recieve(d|s)?": "receive\\\\1"\n',
        encoding="utf-8",
    )
    try:
        pack = load_pack([tmp_path / "rules"]).only("proofreading.fltest-recieve")
    except RuleError as exc:  # refusing the rule at load time is a fine fix too
        assert "swap" in str(exc)
        return
    from followlint.engine import lint

    doc = Document.from_text("Hi,\n\nI recieved it.\n")
    assert apply_fixes(doc.text, lint(doc, pack)) == "Hi,\n\nI received it.\n"


# --- atomic_write -------------------------------------------------------------------------


def test_atomic_write_keeps_every_other_byte(tmp_path: Path) -> None:
    original = "\ufeffHi Maria,\r\n\r\nI liked teh demo 😀.\r\nTabs\there.\r\n\r\nBest,\r\nAna"
    data = original.encode("utf-8")
    target = tmp_path / "d.md"
    target.write_bytes(data)
    start = original.index("teh")
    new_text, _ = apply_edits(original, [fix((start, start + 3, "the"))])
    atomic_write(str(target), data, new_text)
    written = target.read_bytes()
    assert written == data.replace(b"teh", b"the")
    assert written.startswith(b"\xef\xbb\xbf")
    assert written.endswith(b"Ana")  # no newline added at the end


def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "d.md"
    target.write_bytes(b"teh")
    target.chmod(0o640)
    atomic_write(str(target), b"teh", "the")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["d.md"]  # no temporary file left behind


def test_atomic_write_refuses_when_the_file_changed(tmp_path: Path) -> None:
    target = tmp_path / "d.md"
    target.write_bytes(b"teh plan")
    with pytest.raises(WriteError):
        atomic_write(str(target), b"teh plan, older", "the plan")
    assert target.read_bytes() == b"teh plan"


def test_atomic_write_refuses_when_the_file_is_gone(tmp_path: Path) -> None:
    with pytest.raises(WriteError):
        atomic_write(str(tmp_path / "gone.md"), b"x", "y")
    assert not (tmp_path / "gone.md").exists()


def test_atomic_write_refuses_read_only_files(tmp_path: Path) -> None:
    target = tmp_path / "d.md"
    target.write_bytes(b"teh plan")
    target.chmod(0o444)
    try:
        with pytest.raises(WriteError):
            atomic_write(str(target), b"teh plan", "the plan")
        assert target.read_bytes() == b"teh plan"
    finally:
        target.chmod(0o644)
