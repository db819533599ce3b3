"""Proofreading engines behind one interface; chosen by `proofreader` (auto, languagetool, harper, none).

Engines are imported and started only when proofreading is on.
"""

from __future__ import annotations

from followlint.config import Config
from followlint.registry import RulePack


class ProofreaderError(RuntimeError):
    """An engine that was asked for cannot run; the message says why in one line."""


def open_proofreader(config: Config, pack: RulePack) -> None:
    """Return the engine the configuration asks for (None when proofreading is off)."""
    return None
