"""Sending side against the real server: create, attach, complete (re-hash + ffprobe), status, withdraw,
and the hostile inputs of issue 3 (each a clear 4xx JSON error that changes nothing)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import requests

from recorder.codes import is_withdrawal_code
from tests.helpers.media import make_png, make_random_bytes
from tests.helpers.server import IntakeServer, manifest_for, send_submission, tus_upload
from tests.integration.server.conftest import Unchanged, api


def post_manifest(
    server: IntakeServer, manifest: dict[str, Any], key: str | None = None
) -> requests.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else server.key_headers
    return requests.post(f"{api(server)}/submissions", json=manifest, headers=headers)


def attach(server: IntakeServer, manifest: dict[str, Any], index: int, url: str) -> requests.Response:
    take_id = manifest["takes"][index]["take_id"]
    return requests.put(
        f"{api(server)}/submissions/{manifest['submission_id']}/takes/{take_id}",
        json={"upload_url": url},
        headers=server.key_headers,
    )


def complete(server: IntakeServer, submission_id: str) -> requests.Response:
    return requests.post(f"{api(server)}/submissions/{submission_id}/complete", headers=server.key_headers)


def second_key(server: IntakeServer) -> str:
    from server.app import open_context
    from server.services.admin import add_upload_key
    from server.settings import load_settings

    ctx = open_context(load_settings(server.data_dir, environ={}))
    try:
        return add_upload_key(ctx, "another ward")
    finally:
        ctx.db.dispose()


def test_whole_send_then_status_and_idempotent_complete(server: IntakeServer, deliverable: Path) -> None:
    manifest, done = send_submission(server, [deliverable, deliverable])
    assert done["status"] == "received"
    assert done["reference"].startswith("VB-") and is_withdrawal_code(done["withdrawal_token"])
    again = complete(server, manifest["submission_id"])
    assert again.status_code == 200 and again.json() == done  # same reference and token
    status = requests.get(f"{api(server)}/status/{done['reference']}")
    assert status.json() == {"reference": done["reference"], "status": "received"}
    assert requests.get(f"{api(server)}/status/{done['reference'].lower()}").status_code == 200
    # Media named by server ids only: nothing the client sent (file name, take id) appears on disk.
    names = [p.name for p in server.data_dir.rglob("*")]
    assert not any("take.mp4" in n or manifest["takes"][0]["take_id"] in n for n in names)
    assert len([n for n in names if n.endswith(".jpg")]) == 2  # posters made by the server


def test_create_is_idempotent_and_guards_its_id(server: IntakeServer, deliverable: Path) -> None:
    manifest = manifest_for([deliverable])
    assert post_manifest(server, manifest).status_code == 201
    repeat = post_manifest(server, manifest)
    assert repeat.status_code == 200 and repeat.json() == {
        "submission_id": manifest["submission_id"],
        "status": "open",
    }
    other_key = second_key(server)
    check = Unchanged(server)
    changed = copy.deepcopy(manifest)
    changed["locale"] = "cy"
    check.check(post_manifest(server, changed), 409, "manifest_differs")
    check.check(post_manifest(server, manifest, key=other_key), 409, "submission_exists")
    check = Unchanged(server)
    stolen = manifest_for([deliverable])
    stolen["takes"][0]["take_id"] = manifest["takes"][0]["take_id"]
    check.check(post_manifest(server, stolen), 409, "take_exists")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda m: m.pop("consent"),
        lambda m: m.update(schema=2),
        lambda m: m.update(submission_id="../../etc/passwd"),
        lambda m: m["takes"][0].update(take_id="../escape"),
        lambda m: m["takes"][0].update(take_id="/abs/path"),
        lambda m: m["takes"][0].update(size_bytes=-5),
        lambda m: m["takes"][0].update(size_bytes=10**20),
        lambda m: m["takes"][0].update(duration_s=float("inf")),
        lambda m: m["person"].update(name={"value": "Sam\x00Jones", "show": True}),
        lambda m: m["takes"][0].update(prompt_text="a\x00b"),
        lambda m: m.update(takes=[m["takes"][0], m["takes"][0]]),
        lambda m: m.update(extra="field"),
    ],
)
def test_invalid_manifests_are_refused(
    server: IntakeServer, unchanged: Unchanged, deliverable: Path, mutate: Any
) -> None:
    manifest = manifest_for([deliverable])
    mutate(manifest)
    response = requests.post(
        f"{api(server)}/submissions",
        data=json.dumps(manifest, allow_nan=True),
        headers={**server.key_headers, "Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)
    unchanged.check(response, response.status_code)


@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"[1,2]", b"\xff\xfe", b'{"a": NaN}', b'{"a": 1, "a": 2}', b"[" * 100_000, b"null"],
)
def test_bodies_that_are_not_json_objects(server: IntakeServer, unchanged: Unchanged, body: bytes) -> None:
    response = requests.post(
        f"{api(server)}/submissions",
        data=body,
        headers={**server.key_headers, "Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)
    unchanged.check(response, response.status_code)


def test_a_fifty_megabyte_manifest_is_refused_unread(
    server: IntakeServer, unchanged: Unchanged, deliverable: Path
) -> None:
    manifest = manifest_for([deliverable])
    manifest["padding"] = "x" * (50 * 1000 * 1000)
    body = json.dumps(manifest).encode()
    response = requests.post(
        f"{api(server)}/submissions",
        data=body,
        headers={**server.key_headers, "Content-Type": "application/json"},
    )
    unchanged.check(response, 413, "body_too_large")

    def chunks() -> Any:  # no Content-Length: the limit is enforced while it streams
        for start in range(0, len(body), 1 << 20):
            yield body[start : start + (1 << 20)]

    try:
        response = requests.post(
            f"{api(server)}/submissions",
            data=chunks(),
            headers={**server.key_headers, "Content-Type": "application/json"},
        )
    except requests.ConnectionError:
        pass  # the server may close before the client has finished sending: also a refusal
    else:
        unchanged.check(response, 413, "body_too_large")
    unchanged.check(requests.get(f"{server.url}/api/v1/status/VB-7K3M-Q9XD"), 404)


@pytest.mark.parametrize(
    "name", ["Robert'); DROP TABLE submissions;--", "<script>alert(1)</script>", "O'Brien"]
)
def test_sql_and_html_looking_names_are_inert_data(
    server: IntakeServer, deliverable: Path, name: str
) -> None:
    manifest = manifest_for([deliverable])
    manifest["person"]["name"] = {"value": name, "show": True}
    assert post_manifest(server, manifest).status_code == 201
    token = server.login()
    detail = requests.get(
        f"{api(server)}/review/submissions/{manifest['submission_id']}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert detail.headers["Content-Type"] == "application/json"
    assert detail.headers["X-Content-Type-Options"] == "nosniff"
    assert detail.json()["person"]["name"]["value"] == name  # stored and returned exactly, never run
    listed = requests.get(
        f"{api(server)}/review/submissions",
        params={"status": "open", "q": name},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert [item["submission_id"] for item in listed.json()["items"]] == [manifest["submission_id"]]


def test_attach_rules(server: IntakeServer, deliverable: Path) -> None:
    manifest = manifest_for([deliverable, deliverable])
    post_manifest(server, manifest)
    data = deliverable.read_bytes()
    sid = manifest["submission_id"]
    check = Unchanged(server)
    # Not a URL of ours, or not a server id.
    for bad_url in (
        "/etc/passwd",
        "http://evil.example/files/../../voicebooth.db",
        "../files/x",
        "",
        "x" * 3000,
    ):
        response = attach(server, manifest, 0, bad_url)
        check.check(response, response.status_code)
        assert response.status_code in (400, 422)
    check.check(attach(server, manifest, 0, f"{server.files_url}{'a' * 32}"), 404, "unknown_upload")
    # An unfinished upload cannot be attached.
    partial = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": str(len(data))})
    check = Unchanged(server)
    check.check(attach(server, manifest, 0, partial.headers["Location"]), 409, "upload_incomplete")
    # Size and SHA-256 must be the manifest's.
    wrong_size = tus_upload(server, data[:-1])
    check = Unchanged(server)
    check.check(attach(server, manifest, 0, wrong_size), 422, "size_mismatch")
    wrong_hash = tus_upload(server, data, {"sha256": "0" * 64})
    check = Unchanged(server)
    check.check(attach(server, manifest, 0, wrong_hash), 422, "sha256_mismatch")
    # Unknown take, unknown submission, another key's submission.
    good = tus_upload(server, data)
    other = {"Authorization": f"Bearer {second_key(server)}"}
    check = Unchanged(server)
    response = requests.put(
        f"{api(server)}/submissions/{sid}/takes/nope", json={"upload_url": good}, headers=server.key_headers
    )
    check.check(response, 404, "unknown_take")
    take_id = manifest["takes"][0]["take_id"]
    response = requests.put(
        f"{api(server)}/submissions/{sid}/takes/{take_id}", json={"upload_url": good}, headers=other
    )
    check.check(response, 404, "unknown_submission")
    # A good one attaches (idempotently), and cannot then be deleted through tus or attached twice.
    assert attach(server, manifest, 0, good).status_code == 200
    assert attach(server, manifest, 0, good).status_code == 200
    check = Unchanged(server)
    check.check(requests.delete(good, headers=server.tus_headers), 409, "upload_attached")
    check.check(attach(server, manifest, 1, good), 409, "upload_in_use")


def test_complete_needs_every_take(server: IntakeServer, deliverable: Path) -> None:
    manifest = manifest_for([deliverable, deliverable])
    post_manifest(server, manifest)
    attach(server, manifest, 0, tus_upload(server, deliverable.read_bytes()))
    check = Unchanged(server)
    body = check.check(complete(server, manifest["submission_id"]), 422, "take_missing")
    assert body["error"]["take_id"] == manifest["takes"][1]["take_id"]
    assert manifest["takes"][1]["take_id"] in body["error"]["message"]


@pytest.mark.parametrize("maker", [make_png, make_random_bytes])
def test_png_or_random_bytes_completed_as_video(server: IntakeServer, tmp_path: Path, maker: Any) -> None:
    fake = maker(tmp_path / "fake.mp4")
    manifest = manifest_for([fake])
    post_manifest(server, manifest)
    assert attach(server, manifest, 0, tus_upload(server, fake.read_bytes())).status_code == 200
    check = Unchanged(server)
    body = check.check(complete(server, manifest["submission_id"]), 422, "take_invalid")
    assert manifest["takes"][0]["take_id"] in body["error"]["message"]
    status = requests.get(
        f"{api(server)}/review/submissions/{manifest['submission_id']}",
        headers={"Authorization": f"Bearer {server.login()}"},
    ).json()["status"]
    assert status == "open"


def test_file_changed_on_disk_fails_the_rehash(server: IntakeServer, deliverable: Path) -> None:
    manifest = manifest_for([deliverable])
    post_manifest(server, manifest)
    attach(server, manifest, 0, tus_upload(server, deliverable.read_bytes()))
    media = sorted((server.data_dir / "media").glob("*.mp4"), key=lambda p: p.stat().st_ctime)[-1]
    raw = bytearray(media.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # a bit flipped at rest (same size)
    media.write_bytes(bytes(raw))
    check = Unchanged(server)
    body = check.check(complete(server, manifest["submission_id"]), 422, "take_invalid")
    assert "SHA-256" in body["error"]["message"]


def test_withdraw_deletes_media_at_once_and_keeps_a_tombstone(
    server: IntakeServer, deliverable: Path
) -> None:
    manifest, done = send_submission(server, [deliverable])
    media_before = set((server.data_dir / "media").iterdir())
    check = Unchanged(server)
    # Wrong token, another submission's token, unknown reference, malformed bodies.
    _, other = send_submission(server, [deliverable])
    check = Unchanged(server)
    url = f"{api(server)}/withdraw"
    check.check(
        requests.post(url, json={"reference": done["reference"], "withdrawal_token": "0" * 40}),
        403,
        "wrong_withdrawal_token",
    )
    check.check(
        requests.post(
            url, json={"reference": done["reference"], "withdrawal_token": other["withdrawal_token"]}
        ),
        403,
        "wrong_withdrawal_token",
    )
    check.check(requests.post(url, json={"reference": "VB-7K3M-Q9XD", "withdrawal_token": "x"}), 404)
    check.check(requests.post(url, json={"reference": "../../etc", "withdrawal_token": "x"}), 404)
    check.check(requests.post(url, json={"reference": done["reference"]}), 422, "invalid_request")
    check.check(requests.post(url, json={"reference": 5, "withdrawal_token": []}), 422, "invalid_request")
    # The right token withdraws.
    response = requests.post(
        url, json={"reference": done["reference"], "withdrawal_token": done["withdrawal_token"]}
    )
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    media_after = set((server.data_dir / "media").iterdir())
    assert len(media_before - media_after) == 2  # video and poster gone at once
    assert requests.get(f"{api(server)}/status/{done['reference']}").json()["status"] == "withdrawn"
    token = server.login()
    detail = requests.get(
        f"{api(server)}/review/submissions/{manifest['submission_id']}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert (
        detail["status"] == "withdrawn"
        and detail["person"] == {}
        and detail["reference"] == done["reference"]
    )
    assert detail["consent"]["version_id"] == "consent-v1"  # the tombstone keeps the consent record
    assert detail["audit"][-1]["action"] == "withdrawn"
    # The other submission is untouched; withdrawing again is harmless.
    assert requests.get(f"{api(server)}/status/{other['reference']}").json()["status"] == "received"
    again = requests.post(
        url, json={"reference": done["reference"], "withdrawal_token": done["withdrawal_token"]}
    )
    assert again.status_code == 200
    check = Unchanged(server)
    check.check(complete(server, manifest["submission_id"]), 409, "submission_withdrawn")


def test_upload_key_limits(server: IntakeServer, unchanged: Unchanged) -> None:
    sid = "0b6a4c3e-1f2d-4e5f-8a9b-0c1d2e3f4a5b"
    for method, path in [
        ("POST", "/submissions"),
        ("POST", f"/submissions/{sid}/complete"),
        ("PUT", f"/submissions/{sid}/takes/t1"),
    ]:
        for auth in ({}, {"Authorization": "Bearer not-a-real-key-0000000000"}):
            response = requests.request(method, f"{api(server)}{path}", json={}, headers=auth)
            unchanged.check(response, 401)
    unchanged.check(complete(server, sid), 404, "unknown_submission")
    unchanged.check(
        requests.post(f"{api(server)}/submissions/../../complete", headers=server.key_headers), 404
    )


def test_reattaching_replaces_the_earlier_upload(
    server: IntakeServer, deliverable: Path, tmp_path: Path
) -> None:
    manifest = manifest_for([deliverable])
    post_manifest(server, manifest)
    media = server.data_dir / "media"
    before = set(media.iterdir())
    attach(server, manifest, 0, tus_upload(server, deliverable.read_bytes()))
    first = set(media.iterdir()) - before
    assert attach(server, manifest, 0, tus_upload(server, deliverable.read_bytes())).status_code == 200
    second = set(media.iterdir()) - before
    assert len(first) == len(second) == 1 and first != second  # the earlier file was deleted
    assert complete(server, manifest["submission_id"]).status_code == 200


def test_concurrent_completes_give_one_reference(server: IntakeServer, deliverable: Path) -> None:
    import threading

    manifest = manifest_for([deliverable])
    post_manifest(server, manifest)
    attach(server, manifest, 0, tus_upload(server, deliverable.read_bytes()))
    results: list[requests.Response] = []
    threads = [
        threading.Thread(target=lambda: results.append(complete(server, manifest["submission_id"])))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in results] == [200] * 4
    assert len({r.json()["reference"] for r in results}) == 1
