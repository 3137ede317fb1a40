"""A real intake server (``server.app``) under uvicorn on 127.0.0.1 for tests; HTTPS with a throwaway cert.

Use the ``intake_server`` fixture (import it into the test module); parametrize it indirectly with
``"https"`` for TLS: ``@pytest.mark.parametrize("intake_server", ["https"], indirect=True)``.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.server import free_port

__all__ = ["RunningServer", "free_port", "intake_server"]


@dataclass
class RunningServer:
    url: str
    cert: Path | None


@pytest.fixture
def intake_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """The real intake server (server.app) under uvicorn on 127.0.0.1; HTTPS when the test asks."""
    import uvicorn

    from server.app import create_app
    from server.settings import Settings

    tls = getattr(request, "param", "http") == "https"
    cert = key = None
    if tls:
        cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True, capture_output=True,
        )  # fmt: skip
    app = create_app(Settings(data_dir=tmp_path / "server"))
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ssl_certfile=str(cert) if cert else None,
        ssl_keyfile=str(key) if key else None,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise AssertionError("the intake server did not start")
        threading.Event().wait(0.02)
    try:
        yield RunningServer(f"{'https' if tls else 'http'}://127.0.0.1:{port}", cert)
    finally:
        server.should_exit = True
        thread.join(10)
