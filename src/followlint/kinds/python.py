"""python and crossdraft: rules whose logic is a named function in `followlint.checks`.

`python` names `module:function`, called as `function(doc, options)` and yielding Hits.
`crossdraft` names a module with `summarize(doc, options)` (a small value kept per file) and
`compare(summaries, options)` yielding `(index, Hit)` once every file of a run is read.
Entries are imported when the rule loads, so a bad entry fails at load time. A user rule
folder with python rules runs that code, like any plugin.

A check module may name, in `PATTERN_OPTIONS` (function name -> option names), the options
its functions use as regular expressions: their values are vetted like any rule pattern, in
the rule file at load time and in config overrides (`check_pattern_options`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from followlint.document import Document
from followlint.fast_state import fast_setstate
from followlint.model import Hit
from followlint.rulefile import RuleError, RuleSpec, pattern_problem

KEYS: Mapping[str, object] = {"entry": str}


@fast_setstate
@dataclass(frozen=True, slots=True)
class PythonRule:
    """A rule implemented by a plain function."""

    function: Callable[[Document, Mapping[str, object]], Iterator[Hit]]

    def check(self, doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
        """Delegate to the rule's function."""
        return self.function(doc, options)


@fast_setstate
@dataclass(frozen=True, slots=True)
class CrossDraftRule:
    """A rule that compares the files of one run; per-file `check` yields nothing."""

    summarize: Callable[[Document, Mapping[str, object]], Any]
    compare: Callable[[Sequence[Any], Mapping[str, object]], Iterator[tuple[int, Hit]]]

    def check(self, doc: Document, options: Mapping[str, object]) -> Iterator[Hit]:
        """Cross-draft rules report through `compare`, never per file."""
        return iter(())


def _import(spec: RuleSpec, target: str) -> Any:
    module_name, _, attribute = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        raise spec.error("entry", f"cannot import {module_name!r}: {exc}") from None
    if not attribute:
        return module
    function = getattr(module, attribute, None)
    if not callable(function):
        raise spec.error("entry", f"{module_name!r} has no function {attribute!r}")
    return function


def from_spec(spec: RuleSpec) -> PythonRule | CrossDraftRule:
    """Import the entry named by the rule file."""
    entry = spec.get("entry", str)
    if not isinstance(entry, str) or not entry:
        raise spec.error("entry", f"is required for kind {spec.kind}")
    if spec.kind == "crossdraft":
        module = _import(spec, entry.partition(":")[0])
        summarize, compare = getattr(module, "summarize", None), getattr(module, "compare", None)
        if not callable(summarize) or not callable(compare):
            raise spec.error("entry", f"{entry!r} needs functions summarize() and compare()")
        return CrossDraftRule(summarize, compare)
    if ":" not in entry:
        raise spec.error("entry", f"{entry!r} must be 'module:function'")
    rule = PythonRule(_import(spec, entry))
    bad = next(_pattern_problems(spec, spec.options), None)
    if bad is not None:
        raise spec.error(f"options.{bad[0]}", bad[1])
    return rule


def check_pattern_options(spec: RuleSpec, options: Mapping[str, object], where: str) -> None:
    """Refuse options (from config or a case file) that the rule would use as unsafe regexes."""
    bad = next(_pattern_problems(spec, options), None)
    if bad is not None:
        raise RuleError(f"{where}: option '{bad[0]}' of {spec.id}: {bad[1]}")


def _pattern_problems(spec: RuleSpec, options: Mapping[str, object]) -> Iterator[tuple[str, str]]:
    """(option[index], problem) for each option value the rule's function cannot use as a regex."""
    entry = spec.data.get("entry")
    if spec.kind != "python" or not isinstance(entry, str) or ":" not in entry:
        return
    module_name, _, function = entry.partition(":")
    try:
        module = importlib.import_module(module_name)
    except Exception:  # from_spec reports an entry that cannot be imported
        return
    declared: Mapping[str, tuple[str, ...]] = getattr(module, "PATTERN_OPTIONS", {})
    for name in declared.get(function, ()):
        value = options.get(name, [])
        for index, pattern in enumerate(value if isinstance(value, list) else [value]):
            problem = pattern_problem(str(pattern), re.IGNORECASE)
            if problem is not None:
                yield f"{name}[{index}]", problem
