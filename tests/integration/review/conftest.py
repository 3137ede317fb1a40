"""Fixtures for review integration tests: the real intake server and an in-memory keyring."""

from collections.abc import Iterator

import pytest

from recorder.redact import REDACTOR
from tests.helpers.server import intake_server, module_intake_server
from tests.integration.review.seed import memory_keyring

__all__ = ["intake_server", "memory_keyring", "module_intake_server"]


@pytest.fixture(autouse=True)
def _forget_the_people_reviewed() -> Iterator[None]:
    """The review client registers every person it receives with the process-wide log redactor (as it must);
    forget them after each test, so no name leaks into another test's expectations in this worker."""
    yield
    REDACTOR.clear()
