"""A throw-away PostgreSQL 15 cluster for the server's tests (initdb + pg_ctl on a free port).

Started once per test session (``postgres_cluster`` in ``tests/helpers/engines.py``); ``new_database()``
gives each server a database of its own.

initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` user (``runuser``).
``PostgresCluster.unavailable()`` says why one cannot start here (so the test can skip with that reason).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.server import free_port

PG_BIN = Path(os.environ.get("VOICEBOOTH_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class PostgresCluster:
    """A running cluster; ``url`` is a SQLAlchemy URL for its ``postgres`` database."""

    root: Path
    port: int

    @staticmethod
    def unavailable() -> str | None:
        """Why no cluster can be started here, or None."""
        if not (PG_BIN / "initdb").is_file():
            return f"PostgreSQL binaries not found in {PG_BIN}"
        if os.geteuid() == 0 and shutil.which("runuser") is None:
            return "running as root without runuser, and initdb refuses root"
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return "psycopg is not installed"
        return None

    @classmethod
    def start(cls) -> PostgresCluster:
        """initdb in a fresh temporary folder and start the server on a free port (waits until ready)."""
        root = Path(tempfile.mkdtemp(prefix="voicebooth-pg-"))
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
        data = root / "data"
        subprocess.run(
            _as_owner(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(data),
                    "--auth=trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--no-instructions",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        port = free_port()
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_owner(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(root / "log"),
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=90,
        )
        return cls(root, port)

    @property
    def url(self) -> str:
        """SQLAlchemy URL (psycopg 3 driver)."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        """Creates an empty database; returns its SQLAlchemy URL."""
        import secrets

        import psycopg

        name = f"vb_{secrets.token_hex(6)}"
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        """Stops the cluster and deletes its folder."""
        subprocess.run(
            _as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)
