"""Fixtures for all UI tests: ``strict_logs`` (fail on unexpected warnings), ``english_afterwards``."""

import pytest

from tests.helpers.qt import english_afterwards, strict_logs

__all__ = ["english_afterwards", "strict_logs"]


@pytest.fixture(autouse=True)
def _strict_logs_everywhere(strict_logs: object) -> None:
    """Every UI test fails on unexpected Qt warnings or warnings our code logs (DESIGN.md "Testing")."""
