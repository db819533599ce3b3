from __future__ import annotations

import pytest

from followlint.registry import RulePack, load_pack


@pytest.fixture(scope="session")
def rule_pack() -> RulePack:
    return load_pack()
