"""Scale tests: replicas behind HAProxy on one PostgreSQL and one SeaweedFS (engines started once per session,
every test here in the engines' xdist group so one worker starts them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import haproxy
from tests.helpers.engines import GROUP, postgres_cluster, seaweed
from tests.helpers.media import make_deliverable_mp4
from tests.helpers.postgres import PostgresCluster
from tests.helpers.replicas import Replicas
from tests.helpers.seaweedfs import SeaweedS3

__all__ = ["postgres_cluster", "seaweed"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.xdist_group(GROUP))


@pytest.fixture(scope="module")
def replicas(
    tmp_path_factory: pytest.TempPathFactory, postgres_cluster: PostgresCluster, seaweed: SeaweedS3
) -> Iterator[Replicas]:
    """Two replicas (``a``, ``b``) behind HAProxy on a fresh database and bucket."""
    reason = haproxy.unavailable()
    if reason:
        pytest.skip(reason)
    started = Replicas.start(tmp_path_factory.mktemp("replicas"), seaweed, postgres_cluster.new_database())
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def deliverable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real 2 s spec deliverable MP4."""
    return make_deliverable_mp4(tmp_path_factory.mktemp("media") / "take.mp4", duration_s=2.0)


#: The 100-submission test's clip: a real deliverable, as short as the checks allow, so 100 completes
#: (each re-hashes, probes and makes a poster) cost the run as little as they honestly can.
SHORT_CLIP_S = 0.5


@pytest.fixture(scope="module")
def short_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real 0.5 s spec deliverable MP4."""
    return make_deliverable_mp4(tmp_path_factory.mktemp("media") / "short.mp4", duration_s=SHORT_CLIP_S)
