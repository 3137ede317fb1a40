"""Fixtures for the sending fault tests: real intake servers, deliverables made once per session."""

from __future__ import annotations

import os

import pytest

from tests.helpers.sending import MediaCache
from tests.helpers.server import intake_server, module_intake_server

__all__ = ["intake_server", "module_intake_server"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # test_ui_send: real widgets, no display needed


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> MediaCache:
    return MediaCache(tmp_path_factory.mktemp("media"))
