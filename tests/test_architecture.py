"""Layering: the pure core does not pull in the command line or heavy engines."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("click", "language_tool_python", "harper", "textstat", "requests")


def imported_after(statement: str) -> set[str]:
    """Modules present in a fresh interpreter after running `statement`."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(proc.stdout))


def heavy_in(modules: set[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY]


@pytest.mark.parametrize(
    "statement",
    [
        "import followlint.engine",
        "import followlint",
        "import followlint.document, followlint.registry, followlint.suppress, followlint.fixes",
    ],
)
def test_core_imports_no_heavy_modules(statement: str) -> None:
    assert heavy_in(imported_after(statement)) == []


def test_engine_does_not_import_the_edge() -> None:
    modules = imported_after("import followlint.engine")
    assert "followlint.cli" not in modules
    assert "followlint.runner" not in modules
    assert not any(m.startswith("followlint.formats") for m in modules)


def test_loading_and_running_the_pack_needs_no_cli() -> None:
    statement = (
        "from followlint.registry import load_pack\n"
        "from followlint.engine import lint\n"
        "from followlint.document import Document\n"
        "lint(Document.from_text('Hi,\\n\\nReply ASAP.\\n'), load_pack().select(['pushy']))"
    )
    modules = imported_after(statement)
    assert "click" not in modules
    assert "followlint.cli" not in modules
