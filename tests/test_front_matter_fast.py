"""Flat front matter is read without PyYAML, and always exactly as PyYAML would read it."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from followlint.readers.plain import _load_yaml, _simple_front_matter, split_front_matter

TRICKY = [
    "yes", "No", "on", "OFF", "true", "~", "null", "NULL", "1", "0", "017", "0o7", "0x1F",
    "0b101", "1_000", "1:20", "1:20.5", "1.5", "1e5", "1.5e+3", ".5", ".inf", "-.inf",
    ".NaN", "+1", "-1", "2025-03-03", "2025-03-03T09:00:00", "2025-3-3 9:00:00", "<<", "=",
    "a: b", "a #b", "a#b", "Ünïcode näme", "O'Brien, Jr.", "x:", "- item", "[a]", "'q'",
    '"q"', "a\tb", "Ms. Rao (she/her)", "R&D", "why?", "wow!", "a:b", "a :b", "*x", "&x",
    "!x", "%x", "@x", "`x", "|", ">", "a  b", "_x", "Ana-María", "3rd round", "v1.2",
]  # fmt: skip
KEYS = ["name", "company", "role", "interview_date", "x-y", "a_b", "on", "yes", "null", "Y",
        "_k", "k1"]  # fmt: skip
ALPHABET = "aZé09 .,'’()/@+&!?-:#_~\"[]{}*|>%\t"


def _pyyaml(block: str) -> object:
    try:
        return _load_yaml(block, fast=False)
    except Exception as exc:  # PyYAML refuses it: the fast path must have declined too
        return exc


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KEYS),
            st.one_of(st.sampled_from(TRICKY), st.text(alphabet=ALPHABET, max_size=12)),
            st.sampled_from(["", " ", "  ", "\r"]),
        ),
        min_size=1,
        max_size=5,
    ),
    st.booleans(),
)
def test_the_fast_path_agrees_with_pyyaml_wherever_it_answers(
    lines: list[tuple[str, str, str]], blank_line: bool
) -> None:
    text = "".join(f"{key}: {value}{tail}\n" for key, value, tail in lines)
    if blank_line:
        text = "\n" + text
    fast = _simple_front_matter(text)
    if fast is not None:
        assert fast == _pyyaml(text), text


def test_typical_front_matter_takes_the_fast_path() -> None:
    block = (
        "interview_date: 2025-03-03T09:00:00\nsent: 2025-03-03T14:00:00\n"
        "interviewer: Umar Ekwueme\ncompany: Harborline\nrole: Backend Engineer\n"
    )
    assert _simple_front_matter(block) == _pyyaml(block)
    assert _simple_front_matter(block) is not None


def test_anything_else_goes_to_pyyaml() -> None:
    for block in ("interviewers:\n  - Ana\n  - Bo\n", "company: 'Acme'\n", "n: 3\n",
                  "ok: yes\n", "# comment\nrole: Analyst\n", "role: Analyst # hm\n"):  # fmt: skip
        assert _simple_front_matter(block) is None, block


def test_a_draft_with_flat_front_matter_never_imports_pyyaml() -> None:
    code = (
        "import sys\n"
        "from followlint.readers.plain import split_front_matter\n"
        "data, span = split_front_matter('---\\ncompany: Acme\\nrole: Analyst\\n---\\nHi\\n')\n"
        "assert data == {'company': 'Acme', 'role': 'Analyst'}, data\n"
        "print('yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_split_front_matter_keeps_its_span_on_the_fast_path() -> None:
    text = "---\r\ncompany: Acme\r\n---\r\nHi Ana,\r\n"
    data, span = split_front_matter(text)
    assert data == {"company": "Acme"}
    assert span is not None and text[span.start : span.end] == "---\r\ncompany: Acme\r\n---\r\n"
