"""Compiled regular expressions as data: what `re.compile` hands the regex engine.

Compiling a pattern (parsing it and generating its opcodes) costs far more than building it
from stored opcodes with the engine's own constructor, which validates them. The compiled
rules cache and the pattern cache store patterns in this form.
"""

from __future__ import annotations

import re
from array import array
from typing import Any

_WORD = "I" if array("I").itemsize == 4 else "L"  # the regex engine's code unit: 32 bits

#: (source, flags, code, groups, groupindex, indexgroup): the arguments of `_sre.compile`,
#: with the code as the bytes of an array of 32-bit words (big alternations run to tens of
#: thousands of words, which unpickle far faster as one bytes object than as a list of ints).
Opcodes = tuple[Any, int, bytes, int, dict[str, int], tuple[str | None, ...]]


def opcodes(pattern: re.Pattern[Any]) -> Opcodes:
    """The engine's constructor arguments for a compiled pattern, recomputed from its source."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern.pattern, pattern.flags)
    code = array(_WORD, [int(op) for op in _compiler._code(parsed, pattern.flags)]).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    flags = pattern.flags | parsed.state.flags
    return pattern.pattern, flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def reduce_pattern(pattern: re.Pattern[str]) -> tuple[Any, Opcodes]:
    """Pickle reducer: store a compiled pattern as its opcodes."""
    return restore_pattern, opcodes(pattern)


def restore_pattern(
    source: Any,
    flags: int,
    code: bytes,
    groups: int,
    groupindex: dict[str, int],
    indexgroup: tuple[str | None, ...],
) -> re.Pattern[Any]:
    """Rebuild a compiled pattern from its opcodes; compile it afresh if they do not load."""
    import _sre  # type: ignore[import-not-found]

    try:
        words = array(_WORD)
        words.frombytes(code)
        compiled: re.Pattern[Any] = _sre.compile(
            source, flags, words.tolist(), groups, groupindex, indexgroup
        )
    except Exception:
        return re.compile(source, flags)
    return compiled
