"""The `followlint` command's entry point: seed the start-up cache, run the CLI, leave quickly.

Seeding comes before any other followlint import, because modules compile their patterns and
dataclass methods as they are imported (see `followlint.startup_cache`). Leaving skips the
interpreter's teardown (freeing every object one by one, a third of a one-draft run) once
the output is flushed and the exit handlers have run.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the command line with what the previous run compiled at start-up."""
    import gc

    # Importing makes tens of thousands of objects that live as long as the process: the
    # cyclic collector's passes over them are wasted work (~5% of a one-draft run).
    gc.disable()
    from followlint import harper_early, startup_cache

    state = startup_cache.install()
    if harper_early.names_harper(sys.argv[1:]):
        harper_early.start()  # ~0.6 s of building, overlapping everything below
    from followlint.cli import main as cli

    gc.freeze()  # what start-up made stays: later collections need not walk it again
    gc.enable()
    try:
        cli()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    finally:
        startup_cache.save(state)
    leave(code)


def leave(code: object) -> None:
    """Exit with `code` as `sys.exit` would, without tearing the interpreter down.

    Falls back to `sys.exit` when a teardown has work to do that this cannot: a non-daemon
    thread to join, output that cannot be flushed, or an interpreter without `atexit`'s runner.
    """
    import atexit
    import threading

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    main_thread = threading.main_thread()
    waiting = any(t is not main_thread and not t.daemon for t in threading.enumerate())
    if run_exit_handlers is None or waiting:
        raise SystemExit(code)
    run_exit_handlers()  # a LanguageTool server started here stops; worker pools close
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(status)  # a closed or broken stream: let the interpreter report it as usual
    os._exit(status & 0xFF if status >= 0 else 1)
