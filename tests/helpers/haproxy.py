"""A real HAProxy (Debian's ``haproxy``) in front of intake server replicas on 127.0.0.1 (tests, benchmark).

Round robin with no stickiness: every request (each PATCH of one upload too) may go to another replica.
Replicas are health-checked on ``/api/v1/ready`` every 300 ms and taken out after two failures; a request
whose connection is refused is sent to another replica (``option redispatch``). Each answer says which
replica gave it in ``X-Served-By``. Bodies are streamed, not buffered. The client's address goes to the
replicas in ``X-Forwarded-For``, which they trust from 127.0.0.1 only (``forwarded_allow_ips``, set by
:class:`tests.helpers.replicas.Replicas`).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers.processes import stop_process
from tests.helpers.server import free_port

CONFIG = """global
    maxconn 2000
    tune.bufsize 65536

defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    timeout http-request 30s
    option forwardfor
    option redispatch
    retries 3

frontend intake
    bind 127.0.0.1:{port}
    default_backend replicas

backend replicas
    balance roundrobin
    option httpchk GET /api/v1/ready
    http-check expect status 200
    default-server inter 300ms fastinter 200ms fall 2 rise 1
    http-response set-header X-Served-By %s
{servers}
"""


def unavailable() -> str | None:
    """Why HAProxy cannot run here, or None."""
    return None if shutil.which("haproxy") else "haproxy is not installed (Debian package haproxy)"


@dataclass
class HAProxy:
    """A running HAProxy; ``url`` is its frontend."""

    port: int
    folder: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @classmethod
    def start(cls, backends: Sequence[tuple[str, int]], timeout_s: float = 15.0) -> HAProxy:
        """Starts HAProxy balancing over ``(name, port)`` replicas; waits until it accepts connections."""
        folder = Path(tempfile.mkdtemp(prefix="voicebooth-haproxy-"))
        port = free_port()
        servers = "\n".join(f"    server {name} 127.0.0.1:{p} check" for name, p in backends)
        config = folder / "haproxy.cfg"
        config.write_text(CONFIG.format(port=port, servers=servers), encoding="utf-8")
        check = subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"HAProxy refused its configuration:\n{check.stdout}{check.stderr}")
        with (folder / "haproxy.log").open("ab") as log:
            process = subprocess.Popen(
                ["haproxy", "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
            )
        proxy = cls(port, folder, process)
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return proxy
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    proxy.stop()
                    raise RuntimeError("HAProxy did not start") from None
                time.sleep(0.05)

    @property
    def url(self) -> str:
        """The frontend's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stops HAProxy and deletes its folder."""
        stop_process(self.process)
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)
