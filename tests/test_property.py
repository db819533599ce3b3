"""Property tests: the engine and the document model survive any text and never damage it.

For arbitrary Unicode (CRLF, BOM, emoji, combining marks, NUL, long lines, half-built front
matter, quoted history, code, comments) linting with the full built-in pack never raises,
every finding lies inside the file with positions that agree with its offsets, and applying
the safe fixes converges: a second `--fix` changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from followlint.config import Config
from followlint.document import Document
from followlint.engine import lint
from followlint.fixes import apply_edits, apply_fixes
from followlint.model import Finding
from followlint.positions import BOM, LineIndex
from followlint.readers import InputError, read_document
from followlint.readers.plain import read as read_plain
from followlint.registry import load_pack
from followlint.runner import Run

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
PACK = load_pack()
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Pieces that make the rules fire, the regions move, and the reader work hard.
FRAGMENTS = [
    "Hi Maria,\n\n",
    "Dear Ms. Rao,\n",
    "\nBest,\nAna\n",
    "Thank you for the tour. ",
    "Thanks alot for your time. ",
    "I should of asked about the the roadmap. ",
    "i enjoyed it,i think. ",
    "Could you reply ASAP?? ",
    "WOW!!! ",
    "It was great.The team  ships daily. ",
    "its been a pleasure. ",
    "Looking forward to here from you. ",
    "Subject: Thank you\n",
    "---\n",
    "---\ncompany: Zentrix\ninterview_date: 2026-03-09\n---\n",
    "> quoted history line\n",
    "On Mon, 9 Mar 2026, Maria wrote:\n",
    "```\ncode the the\n```\n",
    "`inline  code`",
    "<!-- a comment ",
    " -->",
    "https://example.com/a.b,c",
    "ana@example.com",
    "{{ name }}",
    "{{ unterminated ",
    "{% if x %}",
    "-- \n",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "  ",
    BOM,
    "😀",
    "👩‍💻",
    "e\u0301",  # e + combining acute
    "\u0338\u0301\u0302",  # stacked combining marks
    "\u200b",
    "\u2028",
    "\x85",
    "İ",  # lower() grows: a classic offset bug
    "ß",
    "ﬃ",
    "x" * 3000,  # a very long line
    "lorem ipsum dolor sit amet " * 80,  # a long line of words (no doubled word: see below)
]

pieces = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)
texts = st.builds(
    lambda parts, bom, crlf: (
        (BOM if bom else "")
        + ("".join(parts).replace("\r\n", "\n").replace("\n", "\r\n") if crlf else "".join(parts))
    ),
    st.lists(pieces, max_size=30),
    st.booleans(),
    st.booleans(),
)
#: Texts with at least one phrase that a safe fix rewrites.
TRIGGERS = [
    "i enjoyed it,i think. ",
    "It was great.The team  ships daily. ",
    "I should of asked about the the roadmap. ",
    "Thanks alot!!! ",
    "the the ",
    "Wow!!!",
]
fixable_texts = st.builds(
    lambda before, trigger, after: before + trigger + after, texts, st.sampled_from(TRIGGERS), texts
)
names = st.sampled_from(["draft.md", "draft.txt", "draft.eml"])
EML_HEAD = "From: Ana <ana@example.com>\nTo: Maria Rao <maria@example.com>\nSubject: Thanks\n\n"


def _source(name: str, text: str) -> str:
    return EML_HEAD + text if name.endswith(".eml") and not text.startswith("From") else text


def _document(name: str, text: str) -> Document | None:
    """The draft as the CLI reads it, or None when the reader refuses it with one line."""
    try:
        return read_document(name, text.encode("utf-8"), NOW)
    except InputError as exc:
        assert "\n" not in str(exc)
        assert len(str(exc)) < 500
        return None


def check_positions(text: str, findings: list[Finding]) -> None:
    lines = LineIndex(text)
    for f in findings:
        assert 0 <= f.span.start <= f.span.end <= len(text), f
        assert (f.line, f.column) == lines.position(f.span.start), f
        assert (f.end_line, f.end_column) == lines.position(f.span.end), f
        assert 1 <= f.line <= f.end_line <= lines.line_count, f
        assert f.column >= 1 and f.end_column >= 1, f
        assert lines.offset(f.line, f.column) == f.span.start or (
            f.span.start == 0 and text.startswith(BOM)
        ), f
        assert f.match == text[f.span.start : f.span.end], f
        assert "\n" not in f.message, f
        for fix in f.fixes:
            for edit in fix.edits:
                assert 0 <= edit.span.start <= edit.span.end <= len(text), (f, fix)


@SETTINGS
@given(names, texts)
def test_linting_never_raises_and_positions_agree(name: str, text: str) -> None:
    text = _source(name, text)
    doc = _document(name, text)
    if doc is None:
        return
    check_positions(doc.text, lint(doc, PACK))


@SETTINGS
@given(texts)
def test_document_views_keep_length_and_newlines(text: str) -> None:
    """NUL can reach the model past the reader's 8 KB binary sniff; views still line up."""
    text = text.replace("\x01", "\x00")
    try:
        doc = Document(read_plain(text, NOW, markdown=True), "draft.md")
    except InputError:
        return
    for scope in ("all", "content", "body", "greeting", "signoff", "subject"):
        view = doc.view(scope)
        assert len(view) == len(text)
        assert [i for i, c in enumerate(view) if c == "\n"] == [
            i for i, c in enumerate(text) if c == "\n"
        ]
        assert all(v in ("\x00", t) for v, t in zip(view, text, strict=True))
    for span in (*doc.words(), *doc.sentences(), doc.first_body_line()):
        assert 0 <= span.start <= span.end <= len(text)
    check_positions(text, lint(doc, PACK))


@SETTINGS
@given(texts)
def test_nul_after_the_binary_sniff_is_survived(text: str) -> None:
    padding = "Hi Maria,\n\n" + "Thank you for the tour of the lab today.\n" * 220
    data = (padding + "\x00" + text).encode("utf-8")
    assert b"\x00" not in data[:8192]
    try:
        doc = read_document("draft.md", data, NOW)
    except InputError:
        return
    check_positions(doc.text, lint(doc, PACK))


def _fix_once(run: Run, name: str, text: str) -> tuple[str | None, list[Finding]]:
    outcome = run.examine(name, text.encode("utf-8"), fix="safe")
    assert not outcome.errors, outcome.errors  # a fix never makes a readable file unreadable
    if outcome.result is None:
        return None, []
    return outcome.result.new_text, outcome.result.findings


@SETTINGS
@given(names, st.one_of(texts, fixable_texts))
def test_safe_fixes_converge_and_fixing_twice_changes_nothing(name: str, text: str) -> None:
    text = _source(name, text)
    doc = _document(name, text)
    assume(doc is not None)
    assert doc is not None
    findings = lint(doc, PACK)
    run = Run(PACK, Config(proofreader="none"), Path.cwd(), NOW)
    once, left = _fix_once(run, name, text)
    if once is None:
        assert not any(f.fixable for f in findings) or apply_fixes(text, findings) == text
        return
    check_positions(once, left)
    # what is left has no safe fix (otherwise a second --fix would change the file again)
    assert not [f for f in left if f.fixable]
    # the writer's words outside the fixed spans are kept: BOM and line endings survive
    assert once.startswith(BOM) == text.startswith(BOM)
    if "\r\n" in text and "\n" not in text.replace("\r\n", ""):
        assert "\n" not in once.replace("\r\n", ""), "a fix mixed LF into a CRLF file"
    twice, _ = _fix_once(run, name, once)
    assert twice is None


@SETTINGS
@given(names, fixable_texts)
def test_each_safe_fix_removes_its_own_finding(name: str, text: str) -> None:
    """Applying one finding's safe fix leaves text that the same rule no longer flags there.

    (A fix may expose a new finding around it, e.g. "it,i" -> "it, i"; the convergence
    property above covers that. What must not happen is a fix that re-fires on itself.)
    """
    text = _source(name, text)
    doc = _document(name, text)
    assume(doc is not None)
    assert doc is not None
    fixable = [f for f in lint(doc, PACK) if f.fixable][:8]
    for finding in fixable:
        fix = next(fix for fix in finding.fixes if fix.safe)
        fixed = apply_edits(text, [fix])[0]
        again = _document(name, fixed)
        assert again is not None, (finding, fixed)
        after = lint(again, PACK)
        check_positions(fixed, after)
        start = min(e.span.start for e in fix.edits)
        end = start + len(fixed) - len(text) + max(e.span.end for e in fix.edits) - start
        refired = [
            f for f in after if f.rule == finding.rule and start <= f.span.start < f.span.end <= end
        ]
        assert not refired, (finding.rule, text[start:end], fixed[start:end])


def test_fix_is_idempotent_on_a_long_run_of_doubled_words() -> None:
    # proofreading.repeated-word takes the whole run in one edit, so one pass is enough.
    text = "Hi Maria,\n\nThank you for " + "the " * 20 + "tour.\n\nBest,\nAna\n"
    run = Run(PACK, Config(proofreader="none"), Path.cwd(), NOW)
    once, _ = _fix_once(run, "draft.md", text)
    assert once is not None
    assert "for the tour." in once
    twice, _ = _fix_once(run, "draft.md", once)
    assert twice is None, f"a second --fix changed {once!r} to {twice!r}"


def test_a_long_run_of_doubled_words_is_one_finding_with_one_edit() -> None:
    text = "Hi Maria,\n\nThank you for " + "the " * 200 + "tour.\n\nBest,\nAna\n"
    doc = _document("draft.md", text)
    assert doc is not None
    found = [f for f in lint(doc, PACK) if f.rule == "proofreading.repeated-word"]
    assert len(found) == 1
    (edit,) = next(fix for fix in found[0].fixes if fix.safe).edits
    assert text[edit.span.start : edit.span.end].split() == ["the"] * 200
    assert edit.replacement == "the"
