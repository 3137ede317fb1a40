"""Unit tests for the strict tus header parsers."""

from __future__ import annotations

import base64
import hashlib

import pytest

from server.errors import ApiError
from server.tus.headers import (
    content_type_is_offset_stream,
    parse_checksum,
    parse_metadata,
    parse_non_negative,
)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_non_negative_integers() -> None:
    assert parse_non_negative("0", "Upload-Offset") == 0
    assert parse_non_negative("9223372036854775807", "Upload-Length") == 2**63 - 1
    assert parse_non_negative(None, "Upload-Length") is None
    for bad in ("-1", "+1", "1.0", "1e3", "0x1", "", " 1", "9223372036854775808", "١٢", "1_000"):
        with pytest.raises(ApiError) as caught:
            parse_non_negative(bad, "Upload-Offset")
        assert caught.value.status == 400 and "Upload-Offset" in caught.value.message


def test_metadata_known_keys_and_empty_values() -> None:
    header = f"filename {b64('deliverable.mp4')},filetype {b64('video/mp4')},sha256 {b64('a' * 64)}"
    parsed = parse_metadata(header)
    assert parsed.values == {"filename": "deliverable.mp4", "filetype": "video/mp4", "sha256": "a" * 64}
    assert parsed.raw == header and parsed.sha256 == "a" * 64
    assert parse_metadata("filename").values == {"filename": ""}
    assert parse_metadata(None).values == {} and parse_metadata("").raw == ""
    assert parse_metadata(f"filename {b64('Café — take 1.mp4')}").values["filename"] == "Café — take 1.mp4"


@pytest.mark.parametrize(
    "header",
    [
        f"filename {b64('../x')}",
        f"filename {b64('/etc/passwd')}",
        f"filename {b64('C:x')}",
        f"filename {b64('a' + chr(0))}",
        f"filetype {b64('video/mp4; x=' + chr(10))}",
        f"sha256 {b64('A' * 64)}",
        f"submission_id {b64('not-a-uuid')}",
        f"take_id {b64('.hidden')}",
        f"take_id {b64('a/b')}",
        "filename @@@@",
        "filename YQ",
        f"other {b64('x')}",
        f"filename {b64('a')},filename {b64('b')}",
    ],
)
def test_metadata_refusals(header: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_metadata(header)
    assert caught.value.status == 400 and caught.value.code == "bad_metadata"


def test_checksums() -> None:
    digest = base64.b64encode(hashlib.sha256(b"x").digest()).decode()
    checksum = parse_checksum(f"sha256 {digest}")
    assert (
        checksum is not None
        and checksum.algorithm == "sha256"
        and checksum.digest == hashlib.sha256(b"x").digest()
    )
    hasher = checksum.new_hasher()
    hasher.update(b"x")
    assert hasher.digest() == checksum.digest
    assert parse_checksum(None) is None
    for bad in ("crc32 AAAA", "sha1", f"sha1 {digest}", "sha256 ####", "sha1  x"):
        with pytest.raises(ApiError) as caught:
            parse_checksum(bad)
        assert caught.value.status == 400


def test_content_type() -> None:
    assert content_type_is_offset_stream("application/offset+octet-stream")
    assert content_type_is_offset_stream("Application/Offset+Octet-Stream; charset=binary")
    assert not content_type_is_offset_stream("application/octet-stream")
    assert not content_type_is_offset_stream(None)
