"""Fixtures for every test."""

from collections.abc import Iterator

import pytest

from recorder.redact import REDACTOR


@pytest.fixture(autouse=True)
def _forget_registered_people() -> Iterator[None]:
    """The app registers people and secrets with the process-wide log redactor (as it must); forget them
    after each test, so no name leaks into another test's expectations in the same worker."""
    yield
    REDACTOR.clear()
