"""Fixtures for review integration tests: the real intake server and an in-memory keyring."""

from tests.helpers.server import intake_server, module_intake_server
from tests.integration.review.seed import memory_keyring

__all__ = ["intake_server", "memory_keyring", "module_intake_server"]
