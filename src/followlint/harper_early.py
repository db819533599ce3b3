"""Build Harper's linter from the first moment of a run whose command line names Harper.

`harper.Linter()` takes ~0.6 s, most of a one-draft run, and releases the GIL while it
builds. The engine is otherwise planned only once the command line, the config and the rules
are read (~90 ms in); `followlint.launch` starts this build before any of that when the
arguments say `--proofreader harper`, and `followlint.proofread.harper` takes the linter
when its dialect is the one built. A run that turns out not to need it (every file cached)
leaves the thread behind; it is a daemon, and the process leaves without waiting for it.

This module imports nothing of followlint's, so starting it costs no import time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

#: The dialect built here: the default (`dialect = "en-US"`).
DIALECT = "AMERICAN"

_started: threading.Thread | None = None
_built: list[Any] = []


def names_harper(argv: Sequence[str]) -> bool:
    """Whether the arguments choose Harper explicitly (`--proofreader harper`)."""
    for index, arg in enumerate(argv):
        if arg == "--":
            return False
        if arg == "--proofreader" and index + 1 < len(argv):
            return argv[index + 1] == "harper"
        if arg == "--proofreader=harper":
            return True
    return False


def start() -> None:
    """Start building the linter in a background thread (once)."""
    global _started
    if _started is not None:
        return
    _started = threading.Thread(target=_build, name="followlint-harper-early", daemon=True)
    _started.start()


def _build() -> None:
    try:
        import harper

        _built.append(harper.Linter(getattr(harper.Dialect, DIALECT)))
    except Exception:  # harper missing or broken: the engine reports it when it starts
        return


def take(dialect: str) -> Any | None:
    """The linter built here, if one was started for `dialect` (the Dialect's name); once."""
    if _started is None or dialect != DIALECT:
        return None
    _started.join()
    return _built.pop() if _built else None
