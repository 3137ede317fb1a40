"""Fixtures for all UI tests: ``strict_logs`` (fail on unexpected warnings), ``english_afterwards``.

Widgets are real but the screen is Qt's offscreen platform unless the caller chose one (the machines that
run these tests have no display; ``scripts/test.sh`` sets the same default).
"""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.helpers.qt import english_afterwards, strict_logs

__all__ = ["english_afterwards", "strict_logs"]


@pytest.fixture(autouse=True)
def _strict_logs_everywhere(strict_logs: object) -> None:
    """Every UI test fails on unexpected Qt warnings or warnings our code logs (DESIGN.md "Testing")."""
