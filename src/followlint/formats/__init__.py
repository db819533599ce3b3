"""Output formats: one module each, all rendering a Report through `Finding.to_dict()`.

FORMATS is the only registry; a module is imported only when its format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from followlint.runner import Report


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a format should render: colour, verbosity and tool identity."""

    color: bool = False
    quiet: bool = False
    statistics: bool = False
    version: str = ""
    fix_applied: bool = False


FORMATS: dict[str, str] = {
    "text": "followlint.formats.text",
    "concise": "followlint.formats.concise",
    "json": "followlint.formats.json_format",
    "github": "followlint.formats.github",
    "sarif": "followlint.formats.sarif",
    "junit": "followlint.formats.junit",
}


def available() -> list[str]:
    """The names of the formats whose module exists."""
    names = []
    for name, module in FORMATS.items():
        if importlib.util.find_spec(module) is not None:
            names.append(name)
    return names


def renderer(name: str) -> Callable[[Report, RenderOptions], str]:
    """Import and return the `render` function of a format."""
    module = importlib.import_module(FORMATS[name])
    render: Callable[[Report, RenderOptions], str] = module.render
    return render
