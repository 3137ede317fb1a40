"""Fixtures for all UI tests: ``strict_logs`` (fail on unexpected warnings), ``english_afterwards``."""

from tests.helpers.qt import english_afterwards, strict_logs

__all__ = ["english_afterwards", "strict_logs"]
