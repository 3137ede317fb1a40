"""Session-scoped real engines for the scale tests: one PostgreSQL cluster and one SeaweedFS per test session
(per xdist worker; the tests that use them share an ``xdist_group`` so only one worker starts them).

Import the fixtures into a conftest: ``from tests.helpers.engines import postgres_cluster, seaweed``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import seaweedfs
from tests.helpers.postgres import PostgresCluster
from tests.helpers.seaweedfs import SeaweedS3

#: The xdist group of every test that uses these engines.
GROUP = "engines"


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster for the whole session (skips with the reason when none can start here)."""
    reason = PostgresCluster.unavailable()
    if reason:
        pytest.skip(reason)
    cluster = PostgresCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def seaweed() -> Iterator[SeaweedS3]:
    """SeaweedFS with its S3 gateway for the whole session (skips with the reason when it cannot run)."""
    reason = seaweedfs.unavailable()
    if reason:
        pytest.skip(reason)
    store = SeaweedS3.start()
    try:
        yield store
    finally:
        store.stop()
