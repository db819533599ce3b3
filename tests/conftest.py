from __future__ import annotations

import os
import tempfile

import pytest

from followlint.registry import RulePack, load_pack


def pytest_configure(config: pytest.Config) -> None:
    """Keep the compiled-rules cache of test runs out of the user's own cache folder."""
    if "FOLLOWLINT_CACHE_DIR" not in os.environ:
        os.environ["FOLLOWLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="followlint-pack-")


@pytest.fixture(scope="session")
def rule_pack() -> RulePack:
    return load_pack()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/formats/*.golden")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
