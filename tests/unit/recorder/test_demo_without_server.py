"""The installed package has no intake server: ``--demo`` says so plainly and leaves nothing behind."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

import pytest

from recorder.demo.server import DemoError, DemoServer


def test_demo_without_the_server_package_is_a_plain_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "server" else real_find_spec(name, *a)
    )
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # a demo folder would be made here
    with pytest.raises(DemoError, match=r"does not include .*developer install"):
        DemoServer.start()
    assert list(tmp_path.iterdir()) == []
