"""Several intake server replicas sharing nothing but one PostgreSQL database and one object-store bucket,
behind HAProxy: the national-scale set-up, on 127.0.0.1, for tests and the scale benchmark.

``Replicas.start(root, store, database_url, count=2)`` prepares the database once (an upload key and the
reviewer), starts each replica with its own data folder and port, then HAProxy over them. ``front`` is an
``IntakeServer`` whose address is HAProxy's, so every helper taking a server (``send_submission``,
``tus_upload``, ``login``) goes through the load balancer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.haproxy import HAProxy
from tests.helpers.seaweedfs import SeaweedS3
from tests.helpers.server import IntakeServer, free_port


@dataclass
class Replicas:
    """Running replicas and the load balancer in front of them."""

    replicas: list[IntakeServer]
    proxy: HAProxy

    @classmethod
    def start(
        cls,
        root: Path,
        store: SeaweedS3,
        database_url: str,
        count: int = 2,
        settings: dict[str, object] | None = None,
    ) -> Replicas:
        """Starts ``count`` replicas (``a``, ``b``, …) and HAProxy over them; the replicas trust HAProxy's
        ``X-Forwarded-For`` (``forwarded_allow_ips``), as a deployment's do."""
        settings = {"forwarded_allow_ips": "127.0.0.1", **(settings or {})}
        first = IntakeServer.start(root / "a", settings=settings, database_url=database_url, store=store)
        replicas = [first]
        try:
            for index in range(1, count):
                name = chr(ord("a") + index)
                replica = dataclasses.replace(
                    first, data_dir=root / name / "data", port=free_port(), process=None
                )
                replica.data_dir.mkdir(parents=True)
                replica.launch()
                replicas.append(replica)
            proxy = HAProxy.start([(chr(ord("a") + i), r.port) for i, r in enumerate(replicas)])
        except BaseException:
            for replica in replicas:
                replica.stop()
            raise
        return cls(replicas, proxy)

    @property
    def front(self) -> IntakeServer:
        """The set as one server: HAProxy's address, the replicas' key, database and bucket."""
        return dataclasses.replace(self.replicas[0], port=self.proxy.port, process=None)

    def by_name(self, name: str) -> IntakeServer:
        """The replica HAProxy calls ``name`` (``a``, ``b``, …)."""
        return self.replicas[ord(name) - ord("a")]

    def stop(self) -> None:
        """Stops HAProxy and every replica."""
        self.proxy.stop()
        for replica in self.replicas:
            replica.stop()
