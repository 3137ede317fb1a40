"""Fixtures for review integration tests: the real intake server (with the default campaign's consent wording
published) and an in-memory keyring."""

from tests.helpers.server import module_published_intake_server as module_intake_server
from tests.helpers.server import published_intake_server as intake_server
from tests.integration.review.seed import memory_keyring

__all__ = ["intake_server", "memory_keyring", "module_intake_server"]
