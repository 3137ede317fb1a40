"""Prometheus metrics for ``/metrics``: uploads in progress, bytes received, PATCH latency, completes,
refusals by code, storage errors.

With several uvicorn workers (``serve --workers N``) each process writes its samples to the folder named by
``PROMETHEUS_MULTIPROC_DIR`` (set by the CLI before the workers start) and ``/metrics`` adds them up, so any
worker answers for the whole host. Labels never carry ids, names or tokens: only error codes and storage
operation names, a fixed, small set.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

UPLOADS_IN_PROGRESS = Gauge(
    "voicebooth_uploads_in_progress",
    "tus PATCH (and creation-with-upload) bodies being received now.",
    multiprocess_mode="livesum",
)
BYTES_RECEIVED = Counter(
    "voicebooth_upload_bytes_received", "Upload bytes received and committed to storage."
)
PATCH_SECONDS = Histogram(
    "voicebooth_patch_seconds",
    "Time to receive and store one tus PATCH body.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
COMPLETES = Counter("voicebooth_submissions_completed", "Submissions checked and marked received.")
REFUSALS = Counter("voicebooth_refusals", "Requests answered with an error, by error code.", ["code"])
STORAGE_ERRORS = Counter(
    "voicebooth_storage_errors", "Storage operations that failed, by operation.", ["operation"]
)


def render() -> tuple[bytes, str]:
    """The text for ``/metrics`` and its content type (summed over the workers when there are several)."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(DEFAULT_REGISTRY), CONTENT_TYPE_LATEST
