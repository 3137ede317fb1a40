"""tus 1.0.0 against the real server: every MUST and SHOULD of core, creation, creation-with-upload,
termination, checksum and expiration headers, method override, each status code the spec names."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
from email.utils import parsedate_to_datetime

import requests

from tests.helpers.server import IntakeServer, b64
from tests.helpers.stored import upload_gone, upload_holds
from tests.integration.server.conftest import Unchanged

OCTET = "application/offset+octet-stream"


def create(server: IntakeServer, length: int, **headers: str) -> str:
    response = requests.post(
        server.files_url, headers={**server.tus_headers, "Upload-Length": str(length), **headers}
    )
    assert response.status_code == 201, response.text
    return response.headers["Location"]


def patch(server: IntakeServer, url: str, offset: int, body: bytes, **headers: str) -> requests.Response:
    return requests.patch(
        url,
        data=body,
        headers={**server.tus_headers, "Upload-Offset": str(offset), "Content-Type": OCTET, **headers},
    )


def head(server: IntakeServer, url: str, **headers: str) -> requests.Response:
    return requests.head(url, headers={**server.tus_headers, **headers})


BACKENDS = ("folder", "s3")


def test_options_advertises_version_extensions_max_size_and_checksums(server: IntakeServer) -> None:
    # OPTIONS: no Tus-Resumable needed (the server MUST ignore it), no key needed.
    response = requests.options(server.files_url, headers={"Tus-Resumable": "0.0.1"})
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == "1.0.0"
    extensions = response.headers["Tus-Extension"].split(",")
    assert set(extensions) == {"creation", "creation-with-upload", "termination", "checksum", "expiration"}
    assert int(response.headers["Tus-Max-Size"]) == 2 * 1024**3
    assert response.headers["Tus-Checksum-Algorithm"].split(",") == ["sha1", "sha256"]


def test_creation_head_patch_roundtrip(server: IntakeServer) -> None:
    data = os.urandom(100_000)
    metadata = f"filetype {b64('video/mp4')},filename"  # an empty value may drop the space
    response = requests.post(
        server.files_url,
        headers={**server.tus_headers, "Upload-Length": str(len(data)), "Upload-Metadata": metadata},
    )
    assert response.status_code == 201
    url = response.headers["Location"]
    assert url.startswith(f"{server.url}/files/")  # absolute URL
    assert response.headers["Tus-Resumable"] == "1.0.0"
    # Expiration: MUST be in the POST response when known, RFC 7231 format.
    expires = parsedate_to_datetime(response.headers["Upload-Expires"])
    assert expires.tzinfo is not None
    # The file is named by the server's id only.
    assert not upload_gone(server, url)

    first = head(server, url)
    assert first.status_code == 200
    assert first.headers["Upload-Offset"] == "0"  # MUST even when 0
    assert first.headers["Upload-Length"] == str(len(data))  # MUST when known
    assert first.headers["Upload-Metadata"] == metadata  # MUST echo as sent
    assert first.headers["Cache-Control"] == "no-store"  # MUST
    assert first.headers["Tus-Resumable"] == "1.0.0"

    done = patch(server, url, 0, data[:60_000])
    assert done.status_code == 204
    assert done.headers["Upload-Offset"] == "60000"
    assert "Upload-Expires" in done.headers  # MUST on every PATCH while the upload can expire
    done = patch(server, url, 60_000, data[60_000:])
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    after = head(server, url)
    assert after.headers["Upload-Offset"] == str(len(data))  # MUST even when complete
    assert upload_holds(server, url, data)


def test_every_response_carries_tus_resumable(server: IntakeServer) -> None:
    url = create(server, 10)
    responses = [
        head(server, url),
        patch(server, url, 0, b"12345"),
        patch(server, url, 0, b"12345"),  # 409
        requests.head(f"{server.files_url}{'0' * 32}", headers=server.tus_headers),  # 404
        requests.post(server.files_url, headers=server.tus_headers),  # 400
    ]
    assert [r.status_code for r in responses] == [200, 204, 409, 404, 400]
    assert all(r.headers["Tus-Resumable"] == "1.0.0" for r in responses)


def test_unsupported_version_412_with_tus_version_and_upload_untouched(
    server: IntakeServer, unchanged: Unchanged
) -> None:
    unchanged.before = server.snapshot()
    url = create(server, 10)
    patch(server, url, 0, b"abc")
    unchanged.before = server.snapshot()
    for method in ("PATCH", "HEAD", "DELETE", "POST"):
        for version in ("0.2.2", None):
            headers = {
                **server.key_headers,
                "Upload-Offset": "3",
                "Content-Type": OCTET,
                "Upload-Length": "5",
            }
            if version:
                headers["Tus-Resumable"] = version
            target = server.files_url if method == "POST" else url
            response = requests.request(
                method, target, headers=headers, data=b"defg" if method == "PATCH" else None
            )
            assert response.status_code == 412
            assert response.headers["Tus-Version"] == "1.0.0"
            if method != "HEAD":
                unchanged.check(response, 412, "tus_version_unsupported")
    assert head(server, url).headers["Upload-Offset"] == "3"


def test_wrong_content_type_415_upload_untouched(server: IntakeServer) -> None:
    url = create(server, 10)
    patch(server, url, 0, b"abc")
    check = Unchanged(server)
    for content_type in ("application/octet-stream", "text/plain", "", "application/offset+octet-streamx"):
        response = requests.patch(
            url,
            data=b"defg",
            headers={**server.tus_headers, "Upload-Offset": "3", "Content-Type": content_type},
        )
        check.check(response, 415, "unsupported_media_type")
    assert head(server, url).headers["Upload-Offset"] == "3"


def test_offset_mismatch_409_upload_untouched(server: IntakeServer) -> None:
    url = create(server, 10)
    patch(server, url, 0, b"abc")
    check = Unchanged(server)
    for offset in (0, 2, 4, 9):
        response = patch(server, url, offset, b"x")
        check.check(response, 409, "offset_mismatch")
        assert response.headers["Upload-Offset"] == "3"
    assert upload_holds(server, url, b"abc")


def test_body_past_upload_length_413_untouched(server: IntakeServer) -> None:
    url = create(server, 10)
    check = Unchanged(server)
    check.check(patch(server, url, 0, b"x" * 11), 413, "upload_too_large")


def test_upload_length_above_max_413_nothing_stored(server: IntakeServer, unchanged: Unchanged) -> None:
    response = requests.post(
        server.files_url, headers={**server.tus_headers, "Upload-Length": str(10 * 1000**3)}
    )
    unchanged.check(response, 413, "upload_too_large")
    response = requests.post(
        server.files_url, headers={**server.tus_headers, "Upload-Length": str(2 * 1024**3 + 1)}
    )
    unchanged.check(response, 413, "upload_too_large")


def test_missing_upload_404_without_offset(server: IntakeServer) -> None:
    for url in (
        f"{server.files_url}{'a' * 32}",
        f"{server.files_url}nope",
        f"{server.files_url}..%2f..%2fetc",
    ):
        response = head(server, url)
        assert response.status_code == 404 and "Upload-Offset" not in response.headers
        assert patch(server, url, 0, b"x").status_code == 404  # SHOULD 404 for PATCH on a missing upload


def test_other_keys_upload_is_not_found(server: IntakeServer) -> None:
    from server.services.admin import add_upload_key

    ctx = server.context()
    other_key = add_upload_key(ctx, "other ward")
    ctx.db.dispose()
    url = create(server, 10)
    other = {"Authorization": f"Bearer {other_key}", "Tus-Resumable": "1.0.0"}
    assert requests.head(url, headers=other).status_code == 404
    check = Unchanged(server)
    response = requests.patch(url, data=b"x", headers={**other, "Upload-Offset": "0", "Content-Type": OCTET})
    check.check(response, 404, "unknown_upload")
    check.check(requests.delete(url, headers=other), 404, "unknown_upload")


def test_termination_204_then_410(server: IntakeServer) -> None:
    url = create(server, 10)
    patch(server, url, 0, b"abc")
    response = requests.delete(url, headers=server.tus_headers)
    assert response.status_code == 204 and response.headers["Tus-Resumable"] == "1.0.0"
    assert upload_gone(server, url)  # freed (on object storage: the multipart upload aborted)
    assert head(server, url).status_code == 410
    assert patch(server, url, 3, b"d").status_code == 410
    assert requests.delete(url, headers=server.tus_headers).status_code == 410


def test_method_override_patch_delete_head(server: IntakeServer) -> None:
    url = create(server, 6)
    override = {**server.tus_headers, "Content-Type": OCTET}
    response = requests.post(
        url, data=b"abc", headers={**override, "X-HTTP-Method-Override": "PATCH", "Upload-Offset": "0"}
    )
    assert response.status_code == 204 and response.headers["Upload-Offset"] == "3"
    response = requests.post(url, headers={**server.tus_headers, "X-HTTP-Method-Override": "HEAD"})
    assert response.status_code == 200 and response.headers["Upload-Offset"] == "3"
    assert response.headers["Cache-Control"] == "no-store"
    # The actual method MUST be ignored: a GET carrying the override is a PATCH too.
    response = requests.get(
        url, data=b"de", headers={**override, "X-HTTP-Method-Override": "PATCH", "Upload-Offset": "3"}
    )
    assert response.status_code == 204 and response.headers["Upload-Offset"] == "5"
    response = requests.post(url, headers={**server.tus_headers, "X-HTTP-Method-Override": "DELETE"})
    assert response.status_code == 204
    assert head(server, url).status_code == 410
    check = Unchanged(server)
    bad = requests.post(server.files_url, headers={**server.tus_headers, "X-HTTP-Method-Override": "TRACE"})
    check.check(bad, 400, "bad_method_override")


def test_checksums_sha1_and_sha256_accepted(server: IntakeServer) -> None:
    url = create(server, 22)
    sha1 = base64.b64encode(hashlib.sha1(b"hello world").digest()).decode()
    assert sha1 == "Kq5sNclPz7QV2+lfQIuc6R7oRu0="  # the spec's own example
    response = patch(server, url, 0, b"hello world", **{"Upload-Checksum": f"sha1 {sha1}"})
    assert response.status_code == 204 and response.headers["Upload-Offset"] == "11"
    sha256 = base64.b64encode(hashlib.sha256(b"HELLO WORLD").digest()).decode()
    response = patch(server, url, 11, b"HELLO WORLD", **{"Upload-Checksum": f"sha256 {sha256}"})
    assert response.status_code == 204 and response.headers["Upload-Offset"] == "22"
    assert upload_holds(server, url, b"hello worldHELLO WORLD")


def test_checksum_mismatch_460_chunk_discarded(server: IntakeServer) -> None:
    url = create(server, 2_000_000)
    patch(server, url, 0, b"abc")
    check = Unchanged(server)
    wrong = base64.b64encode(hashlib.sha256(b"something else").digest()).decode()
    body = os.urandom(1_500_000)  # several receive chunks: written, then discarded
    response = patch(server, url, 3, body, **{"Upload-Checksum": f"sha256 {wrong}"})
    check.check(response, 460, "checksum_mismatch")
    assert head(server, url).headers["Upload-Offset"] == "3"
    assert upload_holds(server, url, b"abc")


def test_unsupported_checksum_algorithm_400_chunk_discarded(server: IntakeServer) -> None:
    url = create(server, 10)
    check = Unchanged(server)
    md5 = base64.b64encode(hashlib.md5(b"abc").digest()).decode()
    for header in (
        f"md5 {md5}",
        "SHA1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=",
        "sha1 not-base64!",
        "sha1 YWJj",
        "sha1",
    ):
        response = patch(server, url, 0, b"abc", **{"Upload-Checksum": header})
        check.check(response, 400)


def test_creation_with_upload(server: IntakeServer) -> None:
    data = os.urandom(50_000)
    response = requests.post(
        server.files_url,
        data=data[:20_000],
        headers={**server.tus_headers, "Upload-Length": str(len(data)), "Content-Type": OCTET},
    )
    assert response.status_code == 201
    assert response.headers["Upload-Offset"] == "20000"  # MUST: offset after the accepted bytes
    url = response.headers["Location"]
    assert patch(server, url, 20_000, data[20_000:]).status_code == 204
    assert upload_holds(server, url, data)


def test_creation_with_upload_bad_checksum_stores_nothing(server: IntakeServer, unchanged: Unchanged) -> None:
    wrong = base64.b64encode(hashlib.sha1(b"other").digest()).decode()
    response = requests.post(
        server.files_url,
        data=b"hello",
        headers={
            **server.tus_headers,
            "Upload-Length": "10",
            "Content-Type": OCTET,
            "Upload-Checksum": f"sha1 {wrong}",
        },
    )
    unchanged.check(response, 460, "checksum_mismatch")


def test_creation_with_a_body_of_another_type_415(server: IntakeServer, unchanged: Unchanged) -> None:
    response = requests.post(
        server.files_url,
        data=b"hello",
        headers={**server.tus_headers, "Upload-Length": "10", "Content-Type": "text/plain"},
    )
    unchanged.check(response, 415)


def test_zero_length_upload_is_complete_at_once(server: IntakeServer) -> None:
    url = create(server, 0)
    response = head(server, url)
    assert response.headers["Upload-Offset"] == "0" and response.headers["Upload-Length"] == "0"
    assert "Upload-Expires" not in response.headers  # finished uploads do not expire as unfinished ones
    assert patch(server, url, 0, b"").status_code == 204


def test_complete_upload_refuses_more_bytes(server: IntakeServer) -> None:
    url = create(server, 3)
    patch(server, url, 0, b"abc")
    check = Unchanged(server)
    check.check(patch(server, url, 3, b"d"), 413, "upload_too_large")
    assert patch(server, url, 3, b"").status_code == 204  # an empty PATCH at the end is fine


def test_defer_length_and_concatenation_are_refused_plainly(
    server: IntakeServer, unchanged: Unchanged
) -> None:
    response = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Defer-Length": "1"})
    unchanged.check(response, 400)
    response = requests.post(
        server.files_url, headers={**server.tus_headers, "Upload-Concat": "partial", "Upload-Length": "5"}
    )
    unchanged.check(response, 400)


def _raw_post(server: IntakeServer, length: int, body: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(
        (
            f"POST /files/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
            f"Authorization: Bearer {server.upload_key}\r\nUpload-Length: {length}\r\n"
            f"Content-Type: {OCTET}\r\n"
            f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n"
        ).encode()
    )
    return sock


def test_expect_100_continue_gets_early_feedback(server: IntakeServer) -> None:
    # Refused creation: the final status comes at once, no "100 Continue", so the client never sends the body.
    check = Unchanged(server)
    sock = _raw_post(server, 10 * 1000**3, b"hello")
    assert sock.recv(65536).startswith(b"HTTP/1.1 413 ")
    sock.close()
    check.check(requests.get(f"{server.url}/api/v1/status/VB-7K3M-Q9XD"), 404)
    # Accepted creation: "100 Continue", then the body, then 201 with the offset.
    sock = _raw_post(server, 10, b"hello")
    assert sock.recv(65536).startswith(b"HTTP/1.1 100 ")
    sock.sendall(b"hello")
    reply = sock.recv(65536)
    sock.close()
    assert reply.startswith(b"HTTP/1.1 201 ") and b"upload-offset: 5\r\n" in reply.lower()


def test_other_methods_and_paths_get_json_errors(server: IntakeServer, unchanged: Unchanged) -> None:
    url = f"{server.files_url}{'b' * 32}"
    response = requests.get(url, headers=server.tus_headers)
    unchanged.check(response, 405, "method_not_allowed")
    assert response.headers["Tus-Resumable"] == "1.0.0"
    unchanged.check(requests.put(server.files_url, headers=server.tus_headers), 405, "method_not_allowed")
    unchanged.check(requests.get(f"{server.url}/nothing/here"), 404, "not_found")
