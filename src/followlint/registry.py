"""Discover rule folders, load every rule once, and select or tune rules for a run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from followlint.kinds import KIND_KEYS, KINDS, Checker
from followlint.kinds.python import check_pattern_options
from followlint.model import CATEGORIES, Severity
from followlint.rulefile import RuleError, RuleSpec, load_rule_file

if TYPE_CHECKING:
    from followlint.engine import Stamp

_WHOLE_MESSAGE_KINDS = frozenset({"metric", "occurrence", "crossdraft"})


@dataclass(frozen=True)
class Rule:
    """A loaded rule: its spec, its compiled checker, and the options and severity in force."""

    spec: RuleSpec
    checker: Checker
    options: Mapping[str, object]
    severity: Severity

    @property
    def id(self) -> str:
        """The rule id, e.g. `pushy.urgency`."""
        return self.spec.id

    @property
    def category(self) -> str:
        """The rule's category (the contract's vocabulary)."""
        return self.spec.category

    @property
    def crossdraft(self) -> bool:
        """Whether the rule compares files instead of checking each one."""
        return self.spec.kind == "crossdraft"

    @cached_property
    def stamp(self) -> Stamp:
        """What the rule's hits carry into findings: made once per rule, not once per draft."""
        from followlint.engine import Stamp

        return Stamp(self.id, self.category, self.severity, self.spec.message, self.options)

    @cached_property
    def whole_message(self) -> bool:
        """Whether the rule judges a whole message, so it is not run on template partials.

        A rule file says so with `whole_message: true`; measuring and comparing kinds
        (metric, occurrence, crossdraft) judge a whole message unless their file says false.
        """
        declared = self.spec.data.get("whole_message")
        if isinstance(declared, bool):
            return declared
        return self.spec.kind in _WHOLE_MESSAGE_KINDS


def builtin_rules_dir() -> Path:
    """The built-in rule pack: inside the wheel, or the repository's `rules/` when editable."""
    packaged = Path(__file__).resolve().parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def matches(rule_id: str, selector: str) -> bool:
    """Whether `selector` picks `rule_id`.

    A selector is `ALL`, a rule id, a category (`pushy`), a dotted prefix (`proofreading.harper`)
    or a prefix ending in `*` (`pushy.urg*`).
    """
    selector = selector.strip()
    if selector in ("ALL", "all", "*"):
        return True
    if selector.endswith("*"):
        return rule_id.startswith(selector[:-1])
    return rule_id == selector or rule_id.startswith(selector.rstrip(".") + ".")


def load_specs(dirs: Sequence[Path]) -> list[RuleSpec]:
    """Read every `<category>/<slug>.yml` under `dirs`; a later folder may not redefine an id."""
    specs: dict[str, RuleSpec] = {}
    for folder in dirs:
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder does not exist")
        for path in sorted(folder.glob("*/*.yml")) + sorted(folder.glob("*/*.yaml")):
            spec = load_rule_file(path, KIND_KEYS)
            if spec.id in specs:
                raise RuleError(
                    f"{path}: key 'id': {spec.id!r} is already defined by {specs[spec.id].path}"
                )
            specs[spec.id] = spec
    return list(specs.values())


@lru_cache(maxsize=8)
def _compiled(dirs: tuple[Path, ...]) -> tuple[tuple[RuleSpec, Checker], ...]:
    from followlint.packcache import load_or_build

    def build() -> tuple[tuple[RuleSpec, Checker], ...]:
        return tuple((spec, KINDS[spec.kind].from_spec(spec)) for spec in load_specs(dirs))

    pairs: tuple[tuple[RuleSpec, Checker], ...] = load_or_build(dirs, build)
    return pairs


def check_options(spec: RuleSpec, overrides: Mapping[str, object], where: str) -> dict[str, object]:
    """Merge config `overrides` into the rule's options, type-checked against the defaults."""
    merged = dict(spec.options)
    for key, value in overrides.items():
        if key not in spec.options:
            known = ", ".join(sorted(spec.options)) or "none"
            raise RuleError(f"{where}: rule {spec.id} has no option '{key}' (options: {known})")
        default = spec.options[key]
        numeric = isinstance(default, int | float) and not isinstance(default, bool)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if (numeric and number) or type(value) is type(default):
            merged[key] = value
        else:
            raise RuleError(
                f"{where}: option '{key}' of {spec.id} must be {type(default).__name__}, "
                f"got {type(value).__name__}"
            )
    if overrides:
        check_pattern_options(spec, merged, where)
    return merged


@dataclass(frozen=True)
class RulePack:
    """The rules in force for a run, in a stable order."""

    rules: tuple[Rule, ...]
    dirs: tuple[Path, ...] = field(default=())

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @cached_property
    def per_file(self) -> tuple[Rule, ...]:
        """The rules that check one file at a time (all but the cross-draft ones), in order."""
        return tuple(rule for rule in self.rules if not rule.crossdraft)

    @cached_property
    def cross_draft(self) -> tuple[Rule, ...]:
        """The rules that compare the files of a run, in order."""
        return tuple(rule for rule in self.rules if rule.crossdraft)

    def get(self, rule_id: str) -> Rule:
        """Return one rule by id (KeyError if absent)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def only(self, rule_id: str, options: Mapping[str, object] | None = None) -> RulePack:
        """A pack of one rule, with optional option overrides (as rule case files use)."""
        rule = self.get(rule_id)
        merged = check_options(rule.spec, options or {}, "case") if options else rule.options
        return RulePack((replace(rule, options=merged),), self.dirs)

    def select(
        self,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
    ) -> RulePack:
        """Keep rules picked by `select` (all when empty) or `extend_select`, minus `ignore`."""
        select, ignore, extend = list(select), list(ignore), list(extend_select)
        kept = []
        for rule in self.rules:
            picked = not select or any(matches(rule.id, s) for s in select)
            picked = picked or any(matches(rule.id, s) for s in extend)
            if picked and not any(matches(rule.id, s) for s in ignore):
                kept.append(rule)
        return RulePack(tuple(kept), self.dirs)

    def tuned(
        self,
        severities: Mapping[str, Severity],
        options: Mapping[str, Mapping[str, object]],
        where: str = "config",
    ) -> RulePack:
        """Apply severity overrides (by id or prefix, longest wins) and per-rule options."""
        ids = {rule.id for rule in self.rules}
        for rule_id in options:
            if rule_id not in ids:
                raise RuleError(f"{where}: options given for unknown rule '{rule_id}'")
        tuned = []
        for rule in self.rules:
            severity = rule.severity
            best = -1
            for selector, level in severities.items():
                if matches(rule.id, selector) and len(selector) > best:
                    severity, best = level, len(selector)
            merged = check_options(rule.spec, options.get(rule.id, {}), where)
            tuned.append(replace(rule, severity=severity, options=merged))
        return RulePack(tuple(tuned), self.dirs)


def load_pack(extra_dirs: Sequence[Path] = (), builtin: bool = True) -> RulePack:
    """Load the built-in pack plus `extra_dirs`, each rule compiled once per process."""
    dirs = ((builtin_rules_dir(),) if builtin else ()) + tuple(Path(d) for d in extra_dirs)
    rules = tuple(
        Rule(spec, checker, dict(spec.options), spec.severity) for spec, checker in _compiled(dirs)
    )
    order = {c: i for i, c in enumerate(CATEGORIES)}
    rules = tuple(sorted(rules, key=lambda r: (order[r.category], r.id)))
    return RulePack(rules, dirs)


def known_selector(selector: str, pack: RulePack) -> bool:
    """Whether a select/ignore entry names a category, a rule or a prefix of one."""
    if selector in CATEGORIES or selector in ("ALL", "all", "*"):
        return True
    return any(matches(rule.id, selector) for rule in pack.rules) or selector.startswith(
        "proofreading."
    )
