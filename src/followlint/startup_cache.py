"""What every `followlint` process compiles at start-up, kept between runs like `__pycache__`.

A process that lints one draft spent about half its time importing, and most of that was not
loading modules but compiling at import time: `re.compile` for the patterns modules build
(followlint's own, PyYAML's, the standard library's), and `exec` of the methods `dataclasses`
writes as source text for each of ~40 classes. Both depend only on the source text, so the
`followlint` command (`followlint.launch`) keeps them in one file:

- patterns as opcodes (`followlint.patterns`), put into `re`'s own cache before any import, so
  a later `re.compile` of the same pattern is a dictionary hit (the regex engine's constructor
  validates every stored pattern);
- the code objects `compile` makes of the `dataclasses` method sources, found by source text,
  so `dataclasses` gets exactly the functions it would have compiled.

Only module and class attributes are stored as patterns, and only `dataclasses` sources as
code: never a draft, a name or a config value. The file sits next to the compiled rules cache
(`followlint.packcache.cache_folder`), named by the Python version; it holds compiled code,
so, like `__pycache__`, it must be writable only by its user. A missing, foreign or corrupt
file is ignored, and an interpreter whose `re` or `dataclasses` works differently is simply
not helped.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

_FORMAT = "startup-v1"
_MAX_PATTERNS = 400  # re's own cache holds 512 patterns; a seed must not crowd out a run's own
_MAX_CODE = 2000
_PROBE = "followlint-startup-cache-probe"


class StartupCache:
    """The seeded state of one process, and what it compiled that the file did not hold."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.patterns: dict[tuple[str | bytes, int], Any] = {}
        self.code: dict[str, CodeType] = {}
        self.new_code = False
        #: Modules whose every pattern constant is stored: `save` need not look at them again.
        self.scanned: set[str] = set()

    def exec_source(
        self, source: object, globals: dict[str, Any] | None = None, locals: Any = None
    ) -> None:
        """`exec` for `dataclasses`: run the cached code object for this source text."""
        if not isinstance(source, str):
            exec(source, globals, locals)  # type: ignore[arg-type]  # what dataclasses asked for
            return
        code = self.code.get(source)
        if code is None:
            code = compile(source, "<string>", "exec")
            self.code[source] = code
            self.new_code = True
        exec(code, globals, locals)  # dataclasses' own source, compiled


def _re_cache() -> dict[Any, Any] | None:
    """`re`'s compiled-pattern cache if it is keyed as this module expects, else None."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return None
    re.compile(_PROBE)
    return cache if (str, _PROBE, 0) in cache else None


def _file() -> Path | None:
    from followlint.packcache import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    version = "-".join(map(str, sys.version_info[:3]))
    return folder / f"{_FORMAT}-{sys.implementation.name}-{version}.marshal"


def install() -> StartupCache:
    """Seed `re` and `dataclasses` from the cache file; call before importing followlint."""
    import dataclasses

    from followlint.patterns import restore_pattern

    state = StartupCache(_file())
    if state.path is None:
        return state
    if "exec" not in vars(dataclasses):
        # dataclasses looks `exec` up in its module first: this routes its method sources
        # through the code cache and nothing else.
        dataclasses.exec = state.exec_source  # type: ignore[attr-defined]
    if not _private(state.path):
        return state  # code another user could have written is never run
    try:
        stored = marshal.loads(state.path.read_bytes())
        patterns, code = stored["patterns"], stored["code"]
        if isinstance(code, dict):
            state.code = {k: v for k, v in code.items() if isinstance(v, CodeType)}
        state.scanned = {name for name in stored.get("modules", ()) if isinstance(name, str)}
        cache = _re_cache()
        for key_flags, opcodes in patterns[:_MAX_PATTERNS] if cache is not None else ():
            compiled = restore_pattern(*opcodes)
            cache[type(opcodes[0]), opcodes[0], key_flags] = compiled  # type: ignore[index]
            state.patterns[opcodes[0], key_flags] = compiled
    except Exception:
        return state  # missing, foreign or corrupt: compile as usual
    return state


def _private(path: Path) -> bool:
    """Whether the file and its folder belong to this user and no one else may write them."""
    try:
        for item in (path, path.parent):
            info = item.lstat()
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return False
    except (OSError, AttributeError):  # missing, or no owners on this platform
        return False
    return True


def _constants(module: ModuleType) -> list[re.Pattern[Any]]:
    """Patterns a module holds as globals, in tuples it holds, or as attributes of its classes."""
    found = []
    for value in list(vars(module).values()):
        if isinstance(value, re.Pattern):
            found.append(value)
        elif type(value) is tuple:  # immutable, and iterating it runs no code of its own
            found += [v for v in value if isinstance(v, re.Pattern)]
        elif isinstance(value, type) and value.__module__ == module.__name__:
            found += [v for v in vars(value).values() if isinstance(v, re.Pattern)]
    return found


def _compiled_here() -> dict[int, tuple[Any, ...]]:
    """`re`'s cache keys of the text and bytes patterns this process holds, by pattern id."""
    cache = _re_cache()
    if cache is None:
        return {}
    return {
        id(compiled): key
        for key, compiled in list(cache.items())
        if isinstance(key, tuple) and len(key) == 3 and key[0] in (str, bytes) and key[1] != _PROBE
    }


def _module_patterns(
    by_identity: dict[int, tuple[Any, ...]],
) -> tuple[dict[Any, re.Pattern[Any]], set[str]]:
    """Every module-level pattern among `by_identity`'s, by (source, flags), and more.

    Also returns the modules whose pattern constants were all found there: none was
    compiled before seeding or pushed out of `re`'s cache.
    """
    found: dict[Any, re.Pattern[Any]] = {}
    complete: set[str] = set()
    for name, module in list(sys.modules.items()):
        if not isinstance(module, ModuleType):
            # `typing` files classes here ("typing.io"); they hold no pattern of a module,
            # and leaving them unscanned would make every run look here again (~5% of it).
            complete.add(name)
            continue
        whole = True
        for compiled in _constants(module):
            key = by_identity.get(id(compiled))
            if key is None:
                whole = False
            elif not compiled.flags & re.DEBUG:
                found[key[1], key[2]] = compiled
        if whole:
            complete.add(name)
    return found, complete


def save(state: StartupCache) -> None:
    """Store what this process compiled, if the file lacked any of it."""
    from followlint.patterns import opcodes

    if state.path is None:
        return
    if not state.new_code and state.scanned.issuperset(sys.modules):
        return  # no module imported that an earlier run did not store the patterns of
    patterns, complete = _module_patterns(_compiled_here())
    scanned = state.scanned | complete
    if not state.new_code and patterns.keys() <= state.patterns.keys() and scanned == state.scanned:
        return
    try:
        merged = {**state.patterns, **patterns}
        keys = sorted(merged, key=repr)[:_MAX_PATTERNS]
        stored = {
            "patterns": [(flags, opcodes(merged[source, flags])) for source, flags in keys],
            "code": dict(list(state.code.items())[:_MAX_CODE]),
            "modules": sorted(scanned),
        }
        from followlint.packcache import write_private

        write_private(state.path, marshal.dumps(stored))
    except Exception:
        return  # an unwritable cache folder only costs the next run its compile time
