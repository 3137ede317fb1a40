"""Backoff with jitter, progress snapshots (bytes, rate, ETA) and the chunk reader/body of the tus client."""

from __future__ import annotations

import base64
import hashlib
import os
import random
import threading
from pathlib import Path

import pytest

from recorder.upload import ProgressMeter, RetryPolicy, TransferProgress, UploadCancelled
from recorder.upload.chunks import SLICE_BYTES, ChunkBody, ChunkReader
from recorder.upload.retry import backoff, parse_retry_after
from recorder.upload.tus import encode_metadata


def test_backoff_grows_exponentially_with_equal_jitter_and_a_cap() -> None:
    policy = RetryPolicy(base_delay_s=0.5, max_delay_s=8.0, rng=random.Random(7))
    for failures in range(1, 10):
        step = min(8.0, 0.5 * 2 ** (failures - 1))
        delays = [policy.delay_s(failures) for _ in range(200)]
        assert all(step / 2 <= d <= step for d in delays), failures
        assert max(delays) - min(delays) > step / 4  # jitter actually spreads clients out


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    policy = RetryPolicy(base_delay_s=0.5, max_delay_s=10.0)
    assert policy.delay_s(1, retry_after_s=4.0) == 4.0
    assert policy.delay_s(1, retry_after_s=100.0) == 10.0
    assert parse_retry_after("3") == 3.0 and parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") is None


def test_backoff_wait_cancelled_raises() -> None:
    with pytest.raises(UploadCancelled):
        backoff(RetryPolicy(), 1, lambda _delay: True)


def test_progress_reports_bytes_rate_and_eta_from_the_clock() -> None:
    now = [100.0]
    seen: list[TransferProgress] = []
    meter = ProgressMeter("s1", 10_000_000, seen.append, clock=lambda: now[0], interval_s=0.0)
    for _ in range(10):
        now[0] += 1.0
        meter.add_sent(500_000)
    snap = seen[-1]
    assert snap.bytes_sent == 5_000_000 and snap.bytes_total == 10_000_000
    assert snap.rate_bytes_s == pytest.approx(500_000, rel=0.01)
    assert snap.eta_s == pytest.approx(10.0, rel=0.02)
    meter.set_confirmed(4_000_000)  # the server kept less than was sent: progress follows the server
    assert seen[-1].bytes_sent == 4_000_000
    meter.finish("done")
    assert seen[-1].stage == "done"


def test_chunk_reader_reads_ahead_and_checksums(tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 123)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    with ChunkReader(path, "sha256") as reader:
        offset, chunks = 0, []
        while offset < len(data):
            chunk = reader.get(offset, 1024 * 1024)
            assert chunk.data == data[offset : offset + 1024 * 1024]
            digest = base64.b64encode(hashlib.sha256(chunk.data).digest()).decode()
            assert chunk.checksum == f"sha256 {digest}"
            chunks.append(chunk)
            offset += len(chunk.data)
        # Asking for a different offset than the one read ahead (after a 409) still gives the right bytes.
        assert reader.get(17, 100).data == data[17:117]
    assert len(chunks) == 4


def test_chunk_body_streams_slices_and_cancels_inside_a_chunk() -> None:
    data = os.urandom(SLICE_BYTES * 4)
    sent: list[int] = []
    body = ChunkBody(data, None, sent.append)
    assert len(body) == len(data) and b"".join(bytes(p) for p in body) == data
    assert sent == [SLICE_BYTES] * 4
    cancel = threading.Event()
    body = ChunkBody(data, cancel, lambda _n: cancel.set())
    pieces = iter(body)
    next(pieces)
    with pytest.raises(UploadCancelled):
        next(pieces)


def test_metadata_encoding() -> None:
    assert encode_metadata({"filename": "a b.mp4", "sha256": "ab"}) == "filename YSBiLm1wNA==,sha256 YWI="
    with pytest.raises(ValueError):
        encode_metadata({"bad key": "x"})
