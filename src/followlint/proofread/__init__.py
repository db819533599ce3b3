"""Proofreading engines behind one interface; chosen by `proofreader` (auto, languagetool, harper, none).

Engines are imported and started only when proofreading is on and selected: `--select pushy`
or `ignore = ["proofreading"]` never loads Harper or starts a JVM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followlint.config import Config
from followlint.registry import RulePack, matches

if TYPE_CHECKING:
    from followlint.runner import Proofreader


class ProofreaderError(RuntimeError):
    """An engine that was asked for cannot run; the message says why in one line."""


def engine_selected(config: Config, engine: str) -> bool:
    """Whether the selection lets any `proofreading.<engine>.*` finding through."""
    probe = f"proofreading.{engine}.X"
    picked = not config.select or any(matches(probe, s) for s in config.select)
    picked = picked or any(matches(probe, s) for s in config.extend_select)
    blocked = any(
        s.rstrip(".*") in ("proofreading", f"proofreading.{engine}", "ALL", "all") for s in config.ignore
    )
    return picked and not blocked


def open_proofreader(config: Config, pack: RulePack) -> Proofreader | None:
    """Return the engine the configuration asks for (None when proofreading is off).

    `auto` takes LanguageTool when a server URL is configured, or an install is found and
    Java 17+ is present; otherwise Harper. An engine asked for by name that cannot run raises
    ProofreaderError instead of being skipped silently.
    """
    choice = config.proofreader
    if choice == "none":
        return None
    if choice == "auto":
        choice = "languagetool" if _languagetool_available(config) else "harper"
    if not engine_selected(config, choice):
        return None
    if choice == "harper":
        try:
            from followlint.proofread.harper import HarperProofreader

            return HarperProofreader(config.dialect, config.words)
        except ImportError as exc:
            raise ProofreaderError(f"harper-py is not installed ({exc}); pip install harper-py") from None
    from followlint.proofread.languagetool import open_languagetool

    return open_languagetool(config)


def _languagetool_available(config: Config) -> bool:
    if config.languagetool_url:
        return True
    try:
        from followlint.proofread.languagetool import find_install, java_version
    except ImportError:
        return False
    version = java_version()
    return find_install() is not None and version is not None and version >= 17
