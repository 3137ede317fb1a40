"""Fixtures for the sending fault tests: real intake servers, deliverables made once per session."""

from __future__ import annotations

import pytest

from tests.helpers.sending import MediaCache
from tests.helpers.server import intake_server, module_intake_server

__all__ = ["intake_server", "module_intake_server"]


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> MediaCache:
    return MediaCache(tmp_path_factory.mktemp("media"))
