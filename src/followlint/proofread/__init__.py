"""Proofreading engines behind one interface, chosen by `proofreader`.

The choices are auto, languagetool, harper and none.

Engines are imported and started only when proofreading is on, selected, and there is text to
check: `--select pushy`, `ignore = ["proofreading"]` or a fully cached run never loads Harper or
starts a JVM. Choosing the engine (`plan`) is cheap; starting it happens on the first check.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followlint.config import Config
from followlint.registry import RulePack, matches

if TYPE_CHECKING:
    from followlint.document import Document
    from followlint.model import Finding
    from followlint.runner import Proofreader


class ProofreaderError(RuntimeError):
    """An engine that was asked for cannot run; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class EnginePlan:
    """Which engine a run will use, known before anything is started."""

    name: str
    version: str


def engine_selected(config: Config, engine: str) -> bool:
    """Whether the selection lets any `proofreading.<engine>.*` finding through."""
    probe = f"proofreading.{engine}.X"
    picked = not config.select or any(matches(probe, s) for s in config.select)
    picked = picked or any(matches(probe, s) for s in config.extend_select)
    blocked = any(
        s.rstrip(".*") in ("proofreading", f"proofreading.{engine}", "ALL", "all")
        for s in config.ignore
    )
    return picked and not blocked


def plan(config: Config) -> EnginePlan | None:
    """Choose the engine without starting it; raise ProofreaderError if a named one cannot run.

    `auto` takes LanguageTool when a server URL is configured, or an install is found and
    Java 17+ is present; otherwise Harper.
    """
    choice = config.proofreader
    if choice == "none":
        return None
    if choice == "auto":
        choice = "languagetool" if _languagetool_available(config) else "harper"
    if not engine_selected(config, choice):
        return None
    if choice == "harper":
        harper_version = installed_version("harper-py", "harper")
        if harper_version is None:
            raise ProofreaderError("harper-py is not installed; run `pip install harper-py`")
        return EnginePlan("harper", harper_version)
    from followlint.proofread import languagetool as lt

    if config.languagetool_url:
        return EnginePlan("languagetool", f"server {config.languagetool_url}")
    install = lt.find_install()
    if install is None:
        raise ProofreaderError(
            "LanguageTool is not installed; run `followlint languagetool install` "
            "(or --maven), or set --languagetool-url"
        )
    version = lt.java_version()
    if version is None:
        raise ProofreaderError(
            "LanguageTool needs Java 17 or newer, and no `java` was found on PATH"
        )
    if version < 17:
        raise ProofreaderError(f"LanguageTool needs Java 17 or newer; found Java {version}")
    return EnginePlan("languagetool", install.name.removeprefix("LanguageTool-"))


def installed_version(distribution: str, package: str) -> str | None:
    """The installed version of `distribution`, whose import package is `package` (None: absent).

    Read from the name of its `.dist-info` folder beside the package: importing
    `importlib.metadata` alone costs 15-35 ms, on the way to starting the engine.
    """
    from importlib import util

    spec = util.find_spec(package)
    if spec is None:
        return None
    prefix = distribution.replace("-", "_") + "-"
    for location in spec.submodule_search_locations or ():
        try:
            names = os.listdir(os.path.dirname(location))
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(".dist-info"):
                return name[len(prefix) : -len(".dist-info")]
    from importlib import metadata  # an egg, a zip or another layout: ask the slow way

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def _languagetool_available(config: Config) -> bool:
    if config.languagetool_url:
        return True
    try:
        from followlint.proofread.languagetool import find_install, java_version
    except ImportError:
        return False
    if find_install() is None:
        return False
    version = java_version()
    return version is not None and version >= 17


class LazyProofreader:
    """Start the planned engine on the first check; describe it without starting it."""

    def __init__(self, engine: EnginePlan, config: Config) -> None:
        self.plan = engine
        self.name = engine.name
        self.version = engine.version
        self._config = config
        self._engine: Proofreader | None = None
        self._failure: ProofreaderError | None = None
        self._lock = threading.Lock()
        self._warming: threading.Thread | None = None
        self._preloading: threading.Thread | None = None
        self._ready = threading.Event()

    def _start(self) -> Proofreader:
        with self._lock:
            if self._failure is not None:
                raise self._failure
            if self._engine is None:
                try:
                    self._engine = _open(self.plan, self._config)
                except ProofreaderError as exc:
                    self._failure = exc
                    raise
            return self._engine

    def warm_up(self) -> None:
        """Start the engine in a background thread, while the caller reads rules and drafts.

        Safe before forking workers: `prepare_for_fork` waits for the build (a worker must
        not inherit a half-built engine). A failure is not reported here: the first check
        meets it.
        """
        if self.plan.name != "harper" and not self._remote():
            return  # a server started here could outlive a run that fails to load its rules
        if self._warming is None and self._engine is None:
            self._warming = threading.Thread(
                target=self._warm, name="followlint-warm-up", daemon=True
            )
            self._warming.start()

    def _remote(self) -> bool:
        """Whether the engine is a LanguageTool server someone else runs (nothing to outlive).

        Opening one is a health check and a probe (~40 ms of round trips before the first
        check), which then overlap reading the rules and drafts.
        """
        if self.plan.name != "languagetool":
            return False
        from followlint.proofread.languagetool import configured_url

        return configured_url(self._config) is not None

    def start_soon(self) -> None:
        """Start the engine in the background, as `warm_up` does.

        The name a run of many files looks for: an engine's own `warm_up` (Harper's) builds
        in the calling thread instead.
        """
        self.warm_up()

    def prepare_for_fork(self, drafts_each: int = 0) -> None:
        """Build the engine here, before worker processes are forked, so they share it.

        Harper's dictionary is built once per process (~0.6 s, ~150 MB); forked workers
        inherit the parent's copy-on-write instead of building one each. `drafts_each`, the
        drafts each process will check, tells the engine how much to prepare for them. A
        server-backed engine is left to start on its first check. Failures surface on the
        first check.
        """
        if self.plan.name != "harper":
            return
        if self._warming is not None:
            self._ready.wait()
        else:
            self._build_now(preload=False)
        if self._preloading is not None:
            # A worker forked while this thread held the word list's lock would wait for
            # that lock forever.
            self._preloading.join()
        prime = getattr(self._engine, "prime", None)
        if prime is not None:
            prime(drafts_each)  # last: it also hands the memory freed so far back

    def _warm(self) -> None:
        try:
            self._build_now(preload=True)
        finally:
            self._ready.set()

    def _build_now(self, preload: bool) -> None:
        """Start the engine and build what its first check needs.

        With `preload` the rest (the spelling word list) loads on the other core meanwhile:
        Harper's build leaves the interpreter free for ~0.6 s. A failure is left for the
        first check to report.
        """
        try:
            engine = self._start()
            load = getattr(engine, "preload", None) if preload else None
            if load is not None:
                self._preloading = threading.Thread(
                    target=load, name="followlint-preload", daemon=True
                )
                self._preloading.start()
            prepare = getattr(engine, "warm_up", None)
            if prepare is not None:
                prepare()
        except Exception:  # the first check starts the engine again and reports the failure
            return

    def check(self, doc: Document) -> list[Finding]:
        """Proofread one document, starting the engine if needed."""
        if self._warming is not None:
            self._ready.wait()
        return self._start().check(doc)

    def describe(self) -> str:
        """The engine and version (of the running engine once started)."""
        if self._engine is not None:
            return self._engine.describe()
        return f"{self.plan.name} {self.plan.version}"

    def close(self) -> None:
        """Stop the engine if it was started."""
        if self._engine is not None:
            self._engine.close()


def _open(engine: EnginePlan, config: Config) -> Proofreader:
    if engine.name == "harper":
        from followlint.proofread.harper import HarperProofreader

        return HarperProofreader(config.dialect, config.words)
    from followlint.proofread.languagetool import open_languagetool

    proofreader: Proofreader = open_languagetool(config)
    return proofreader


def open_proofreader(config: Config, pack: RulePack | None = None) -> LazyProofreader | None:
    """Return a lazily started engine for the configuration (None when proofreading is off)."""
    engine = plan(config)
    return None if engine is None else LazyProofreader(engine, config)
