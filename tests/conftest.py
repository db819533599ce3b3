from __future__ import annotations

import pytest

from followlint.registry import RulePack, load_pack


@pytest.fixture(scope="session")
def rule_pack() -> RulePack:
    return load_pack()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/formats/*.golden")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
