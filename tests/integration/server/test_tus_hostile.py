"""Hostile tus requests: each gets a clear 4xx JSON error, stores nothing and changes nothing else
(the database rows and every file in the data folder are compared before and after)."""

from __future__ import annotations

import base64

import pytest
import requests

from tests.helpers.server import IntakeServer, b64
from tests.integration.server.conftest import Unchanged

BACKENDS = ("folder", "s3")
OCTET = "application/offset+octet-stream"
PATHS = ["../../etc/passwd", "..", "/etc/passwd", "C:\\Windows\\win.ini", "a\x00b.mp4", "..\\..\\boot.ini"]
GOOD = {
    "filename": "deliverable.mp4",
    "filetype": "video/mp4",
    "sha256": "a" * 64,
    "submission_id": "0b6a4c3e-1f2d-4e5f-8a9b-0c1d2e3f4a5b",
    "take_id": "t20261125T080000-abcdef",
}


def metadata_header(values: dict[str, str]) -> str:
    return ",".join(f"{key} {b64(value)}" for key, value in values.items())


@pytest.mark.parametrize("field", sorted(GOOD))
@pytest.mark.parametrize("value", PATHS)
def test_paths_and_nul_bytes_in_every_metadata_field(
    server: IntakeServer, unchanged: Unchanged, field: str, value: str
) -> None:
    values = {field: value}
    response = requests.post(
        server.files_url,
        headers={**server.tus_headers, "Upload-Length": "10", "Upload-Metadata": metadata_header(values)},
    )
    body = unchanged.check(response, 400, "bad_metadata")
    assert value not in body["error"]["message"]  # never echoed back


@pytest.mark.parametrize(
    "header",
    [
        "filename !!notbase64!!",
        "filename ZGVs=bW8=",  # padding in the middle
        "filename ZGVsaXZlcmFibGU",  # bad length
        "filename " + base64.b64encode(b"\xff\xfe\xfa").decode(),  # not UTF-8
        "filename a b c",
        "file name " + b64("x"),
        "filename " + b64("a") + ",filename " + b64("b"),  # duplicate key
        "fil,ename",
        "filename " + b64("x") + ",,",  # an empty pair
        "path " + b64("../x"),  # a key the contract does not define
        "filename " + b64("x" * 300),
        "filename " + b64("line\r\nInjected: yes"),  # header smuggling attempt
        "x" * 5000,
    ],
)
def test_malformed_metadata(server: IntakeServer, unchanged: Unchanged, header: str) -> None:
    response = requests.post(
        server.files_url, headers={**server.tus_headers, "Upload-Length": "10", "Upload-Metadata": header}
    )
    unchanged.check(response, 400, "bad_metadata")


@pytest.mark.parametrize(
    "length",
    ["-1", "1e3", "0x10", "1 0", "+10", "99999999999999999999", "9223372036854775808", "ten", ""],
)
def test_negative_and_overflowing_upload_lengths(
    server: IntakeServer, unchanged: Unchanged, length: str
) -> None:
    response = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": length})
    unchanged.check(response, 400)


def test_ten_gigabyte_upload_length_is_above_the_maximum(server: IntakeServer, unchanged: Unchanged) -> None:
    response = requests.post(
        server.files_url, headers={**server.tus_headers, "Upload-Length": str(10 * 1000**3)}
    )
    body = unchanged.check(response, 413, "upload_too_large")
    assert "2147483648" in body["error"]["message"]


@pytest.mark.parametrize(
    "offset", ["-1", "99999999999999999999", "9223372036854775808", "1.5", "", "0,0", "3 3", "abc"]
)
def test_negative_and_overflowing_offsets(server: IntakeServer, offset: str) -> None:
    url = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": "10"}).headers[
        "Location"
    ]
    check = Unchanged(server)
    response = requests.patch(
        url, data=b"abc", headers={**server.tus_headers, "Upload-Offset": offset, "Content-Type": OCTET}
    )
    check.check(response, 400)


def test_missing_offset_and_length_headers(server: IntakeServer, unchanged: Unchanged) -> None:
    unchanged.check(requests.post(server.files_url, headers=server.tus_headers), 400, "missing_upload_length")
    url = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": "10"}).headers[
        "Location"
    ]
    check = Unchanged(server)
    response = requests.patch(url, data=b"abc", headers={**server.tus_headers, "Content-Type": OCTET})
    check.check(response, 400, "missing_upload_offset")


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer wrong-key-0123456789",
        "Bearer ' OR 1=1 --",
    ],
)
def test_wrong_or_missing_key(server: IntakeServer, unchanged: Unchanged, authorization: str | None) -> None:
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": "10"}
    if authorization is not None:
        headers["Authorization"] = authorization
    unchanged.check(requests.post(server.files_url, headers=headers), 401)


def test_reviewer_token_cannot_upload(server: IntakeServer) -> None:
    token = server.login()
    check = Unchanged(server)
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": "10", "Authorization": f"Bearer {token}"}
    check.check(requests.post(server.files_url, headers=headers), 403, "reviewer_token_not_allowed")


def test_upload_for_a_submission_that_does_not_exist(server: IntakeServer, unchanged: Unchanged) -> None:
    header = metadata_header({"submission_id": GOOD["submission_id"], "take_id": GOOD["take_id"]})
    response = requests.post(
        server.files_url, headers={**server.tus_headers, "Upload-Length": "10", "Upload-Metadata": header}
    )
    unchanged.check(response, 404, "unknown_submission")
    header = metadata_header({"take_id": GOOD["take_id"]})
    response = requests.post(
        server.files_url, headers={**server.tus_headers, "Upload-Length": "10", "Upload-Metadata": header}
    )
    unchanged.check(response, 400, "bad_metadata")


@pytest.mark.parametrize(
    "upload_id", ["..%2F..%2Fvoicebooth.db", "%2Fetc%2Fpasswd", "A" * 32, "secret.key", "0" * 31]
)
def test_upload_urls_that_are_not_server_ids(
    server: IntakeServer, unchanged: Unchanged, upload_id: str
) -> None:
    url = f"{server.files_url}{upload_id}"
    headers = {**server.tus_headers, "Upload-Offset": "0", "Content-Type": OCTET}
    unchanged.check(requests.patch(url, data=b"x", headers=headers), 404)
    unchanged.check(requests.delete(url, headers=server.tus_headers), 404)
