"""Which Harper rules can only ever emit advice: the list followlint switches off in Harper.

followlint reports Harper's mistakes and drops its style advice (`proofread/common.py`): a lint
whose kind is style, readability, redundancy and the like never reaches a report. Harper still
spends time on those rules (a quarter of its check time) and caches their empty results. This
script reads the source of the Harper release inside harper-py (the `harper-core` crate, from
crates.io) and writes the rules whose every lint kind is advice to
`src/followlint/proofread/data/harper_advice_rules.txt`.

A rule is listed only when its source names lint kinds and all of them are advice; a rule whose
kinds the script cannot find stays on. Run it again when harper-py moves to a new Harper:

    python tools/harper_rule_kinds.py 2.13.0            # downloads harper-core 2.13.0
    python tools/harper_rule_kinds.py 2.13.0 --source DIR   # an unpacked crate instead

The list names the harper-py release it was made for; followlint uses it with that release only.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import re
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

#: Harper's lint kinds that followlint reports as info (style advice) and so never shows.
ADVICE_KINDS = frozenset(
    {
        "Enhancement",
        "Formatting",
        "Miscellaneous",
        "Nonstandard",
        "Readability",
        "Redundancy",
        "Regionalism",
        "Style",
        "WordOrder",
    }
)
OUTPUT = (
    Path(__file__).resolve().parents[1] / "src/followlint/proofread/data/harper_advice_rules.txt"
)
_KIND_RE = re.compile(r"LintKind::(\w+)")
_WEIR_KIND_RE = re.compile(r'^let kind "(\w+)"', re.MULTILINE)
_PHRASE_ENTRY_RE = re.compile(r'^\s*"(\w+)" => \((.*?)\n\s*\),?\n', re.MULTILINE | re.DOTALL)
_DEFAULT_KIND_RE = re.compile(r"unwrap_or\(LintKind::(\w+)\)")
_TABLE_ENTRY_RE = re.compile(r'^\s*"(\w+)"\s*=> \(', re.MULTILINE)
_REGISTERED_RE = re.compile(r'insert_\w+!\((\w+)\)|out\.add\(\s*"(\w+)",\s*(\w+)')


def weir_kinds(linting: Path) -> dict[str, set[str]]:
    """Kinds of the Weir rules: `Name.weir` files, and folders that group child rules."""
    found: dict[str, set[str]] = {}
    for path in sorted((linting / "weir_rules").iterdir()):
        if path.suffix == ".weir":
            found[path.stem] = set(_WEIR_KIND_RE.findall(path.read_text()))
        elif path.is_dir():
            kinds: set[str] = set()
            children = sorted(path.rglob("*.weir"))
            for child in children:
                child_kinds = set(_WEIR_KIND_RE.findall(child.read_text()))
                if not child_kinds:
                    kinds = set()  # one child of unknown kind makes the group unknown
                    break
                kinds |= child_kinds
            found[path.name] = kinds if children else set()
    return found


def phrase_set_kinds(linting: Path) -> dict[str, set[str]]:
    """Kinds of the phrase-set corrections, one entry each in phrase_set_corrections/mod.rs.

    An entry that names no kind gets the linter's default (`unwrap_or(LintKind::…)`).
    """
    defaults = set(_DEFAULT_KIND_RE.findall((linting / "map_phrase_set_linter.rs").read_text()))
    default = defaults if len(defaults) == 1 else set()
    text = (linting / "phrase_set_corrections" / "mod.rs").read_text()
    return {
        m.group(1): set(_KIND_RE.findall(m.group(2))) or default
        for m in _PHRASE_ENTRY_RE.finditer(text)
    }


def mapping_group_kinds(linting: Path) -> dict[str, set[str]]:
    """Kinds of the two table-built groups: closed compounds and initialisms.

    Closed compounds ("any body" -> "anybody") take the kind `MapPhraseLinter::new_closed_compound`
    gives; initialisms ("asap") every kind `InitialismLinter` names.
    """
    phrase_linter = (linting / "map_phrase_linter.rs").read_text()
    body = phrase_linter.partition("fn new_closed_compound")[2].partition("\n    }\n")[0]
    groups = {
        "closed_compounds.rs": set(_KIND_RE.findall(body)),
        "initialisms.rs": set(_KIND_RE.findall((linting / "initialism_linter.rs").read_text())),
    }
    found: dict[str, set[str]] = {}
    for file, kinds in groups.items():
        for name in _TABLE_ENTRY_RE.findall((linting / file).read_text()):
            found[name] = set(kinds)
    return found


def struct_rule_kinds(linting: Path) -> dict[str, set[str]]:
    """Kinds of the rules written in Rust and registered in lint_group/mod.rs.

    A rule's kinds are every `LintKind::` its defining file names (the whole folder when the
    file is a `mod.rs`); a rule built from helpers defined elsewhere names none and stays on.
    """
    sources = {p: p.read_text() for p in linting.rglob("*.rs")}
    registry = (linting / "lint_group" / "mod.rs").read_text()
    found: dict[str, set[str]] = {}
    for m in _REGISTERED_RE.finditer(registry):
        name = m.group(1) or m.group(2)
        type_name = m.group(1) or m.group(3)
        struct = re.compile(rf"pub struct {type_name}\b")
        kinds: set[str] = set()
        for path, text in sources.items():
            if not struct.search(text):
                continue
            files = [path] if path.name != "mod.rs" else sorted(path.parent.glob("*.rs"))
            for file in files:
                kinds |= set(_KIND_RE.findall(sources[file]))
        found[name] = kinds
    return found


def rule_kinds(crate: Path) -> dict[str, set[str]]:
    """Every rule this script can place, with the lint kinds its source names."""
    linting = crate / "src" / "linting"
    kinds = weir_kinds(linting)
    kinds.update(phrase_set_kinds(linting))
    kinds.update(mapping_group_kinds(linting))
    kinds.update(struct_rule_kinds(linting))
    return kinds


def advice_rules(kinds: dict[str, set[str]]) -> dict[str, set[str]]:
    """The rules whose kinds are known and all advice."""
    return {name: k for name, k in sorted(kinds.items()) if k and k <= ADVICE_KINDS}


def render(harper_py: str, version: str, advice: dict[str, set[str]]) -> str:
    """The data file: a header, the harper-py release, then one `Rule Kind[,Kind]` per rule."""
    lines = [
        f"# The rules of Harper {version} (inside harper-py {harper_py}) that only emit",
        "# advice, which followlint drops, so followlint switches them off in Harper. Each rule",
        "# is followed by the lint kinds its source names. Written by tools/harper_rule_kinds.py.",
        f"harper-py=={harper_py}",
    ]
    lines += [f"{name} {','.join(sorted(k))}" for name, k in advice.items()]
    return "\n".join(lines) + "\n"


def download(version: str, into: Path) -> Path:
    """Unpack harper-core `version` from crates.io into `into`; the crate's root folder."""
    url = f"https://static.crates.io/crates/harper-core/harper-core-{version}.crate"
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        archive.extractall(into, filter="data")
    return into / f"harper-core-{version}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the harper-core version inside the pinned harper-py")
    parser.add_argument("--source", type=Path, help="an unpacked harper-core crate")
    parser.add_argument(
        "--harper-py",
        default=None,
        help="the harper-py release the list is for (default: the one installed)",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        crate = args.source or download(args.version, Path(tmp))
        kinds = rule_kinds(crate)
        advice = advice_rules(kinds)
        harper_py = args.harper_py or importlib.metadata.version("harper-py")
        args.output.write_text(render(harper_py, args.version, advice))
    unknown = sorted(name for name, k in kinds.items() if not k)
    print(f"{len(kinds)} rules placed, {len(advice)} advice only, {len(unknown)} of unknown kind")
    return 0


if __name__ == "__main__":
    sys.exit(main())
