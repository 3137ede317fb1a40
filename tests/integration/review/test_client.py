"""The review client against a real intake server on 127.0.0.1: sign-in, keyring, list filters, decisions,
comments, downloads with Range resume, and each failure for real (wrong password, expired token, server
down, clip withdrawn, damaged download)."""

from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path

import keyring
import pytest
import requests
from keyring.backends import fail

from recorder.consent_rules import Use
from recorder.review import (
    ClipMissingError,
    ClipProxy,
    ListFilter,
    NotFoundError,
    RefusedError,
    ReviewClient,
    ServerFailedError,
    ServerUnreachableError,
    SignedOutError,
    SignInError,
    TokenStore,
)
from recorder.review.token_store import SERVICE
from tests.helpers.server import IntakeServer
from tests.integration.review.seed import (
    MemoryKeyring,
    Seeded,
    audit_actions,
    decide_directly,
    deliverable,
    expire_sign_ins,
    seed,
    sha256_hex,
    withdraw,
)


def _client(server: IntakeServer) -> ReviewClient:
    return ReviewClient(server.url, requests.Session(), TokenStore())


def _signed_in(server: IntakeServer) -> ReviewClient:
    client = _client(server)
    client.sign_in(*server.reviewer)
    return client


def test_wrong_password_is_refused_and_nothing_is_stored(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring
) -> None:
    client = _client(intake_server)
    with pytest.raises(SignInError, match="user name or password is not right"):
        client.sign_in("reviewer", "not the password")
    assert not client.signed_in
    assert memory_keyring.secrets == {}
    with pytest.raises(SignedOutError):
        client.list_submissions()


def test_token_lives_in_the_keyring_and_a_new_client_resumes_with_it(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring
) -> None:
    _signed_in(intake_server)
    stored = json.loads(memory_keyring.secrets[(SERVICE, intake_server.url)])
    assert stored["username"] == "reviewer" and stored["expires_utc"] and len(stored["token"]) > 20
    again = _client(intake_server)
    assert again.resume()
    assert again.list_submissions().total == 0


def test_sign_out_forgets_the_token_here_and_on_the_server(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring
) -> None:
    client = _signed_in(intake_server)
    token = client.http.token
    client.sign_out()
    assert memory_keyring.secrets == {}
    assert not _client(intake_server).resume()
    old = requests.get(
        f"{intake_server.url}/api/v1/review/submissions",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert old.status_code == 401


def test_without_a_password_store_the_sign_in_lasts_this_session_only(intake_server: IntakeServer) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        tokens = TokenStore()
        assert not tokens.persistent
        client = ReviewClient(intake_server.url, requests.Session(), tokens)
        client.sign_in(*intake_server.reviewer)
        assert client.list_submissions().total == 0
        assert not ReviewClient(intake_server.url, requests.Session(), TokenStore()).resume()
    finally:
        keyring.set_keyring(previous)


def test_an_expired_token_is_reported_as_signed_out(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring
) -> None:
    client = _signed_in(intake_server)
    assert _client(intake_server).resume()  # kept in the password store
    expire_sign_ins(intake_server)  # the server's own clock now finds the sign-in expired (no sleeping)
    with pytest.raises(SignedOutError) as caught:
        client.list_submissions()
    assert caught.value.status == 401 and caught.value.retryable
    client.forget_expired_sign_in()
    assert not client.signed_in and not _client(intake_server).resume()


def test_forgetting_an_expired_sign_in_late_keeps_the_new_one(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring
) -> None:
    client = _signed_in(intake_server)
    expired = client.http.token
    expire_sign_ins(intake_server)
    client.sign_in(*intake_server.reviewer)  # signed in again before the worker got round to forgetting
    renewed = client.http.token
    assert renewed is not None and renewed != expired
    client.forget_expired_sign_in(expired)
    assert client.http.token == renewed
    again = _client(intake_server)
    assert again.resume() and again.http.token == renewed  # still in the password store


def test_list_filters_by_status_prompt_text_and_date(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    clip = deliverable(tmp_path)
    priya = seed(intake_server, clip, name="Priya Shah", prompt_id="love-role")
    owen = seed(intake_server, clip, name="Owen Price", prompt_id="nhs-better")
    seed(intake_server, clip, name="Mair Evans", prompt_id="love-role")
    client = _signed_in(intake_server)
    client.decide(owen.submission_id, "approved", "Lovely")

    def names(filters: ListFilter) -> set[str]:
        return {s.display_name for s in client.list_submissions(filters).items}

    everything = client.list_submissions()
    assert everything.total == 3
    assert everything.counts["received"] == 2 and everything.counts["approved"] == 1
    assert names(ListFilter(status="approved")) == {"Owen Price"}
    assert names(ListFilter(prompt_id="love-role")) == {"Priya Shah", "Mair Evans"}
    assert names(ListFilter(q="priya")) == {"Priya Shah"}
    assert names(ListFilter(q=priya.reference)) == {"Priya Shah"}
    today = date.today().isoformat()
    assert len(names(ListFilter(since=today, until=today))) == 3
    assert names(ListFilter(until="2000-01-01")) == set()
    assert client.list_submissions(ListFilter(per_page=2)).items.__len__() == 2


def test_detail_decision_and_comment_reach_the_audit_trail(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path), name="Priya Shah", show_job=True)
    client = _signed_in(intake_server)
    detail = client.detail(seeded.submission_id)
    assert detail.status == "received" and detail.summary.reference == seeded.reference
    assert [(f.key, f.value, f.show) for f in detail.summary.person] == [
        ("name", "Priya Shah", True),
        ("job_title", "Nurse", True),
    ]
    assert detail.consent.choices == {"record_and_use": True, "social_media": True, "contact_me": False}
    assert detail.consent.expires_utc is not None and not detail.consent.expired
    client.decide(seeded.submission_id, "changes_requested", "Please trim the start")
    client.comment(seeded.take_ids[0], 1200, "Smile here")
    after = client.detail(seeded.submission_id)
    assert after.status == "changes_requested"
    assert after.decisions[-1].note == "Please trim the start" and after.decisions[-1].reviewer == "reviewer"
    assert [(c.take_id, c.at_ms, c.text) for c in after.comments] == [
        (seeded.take_ids[0], 1200, "Smile here")
    ]
    actions = [(a["actor"], a["action"]) for a in audit_actions(intake_server, seeded.submission_id)]
    assert ("reviewer", "decision") in actions and ("reviewer", "comment") in actions


def test_download_resumes_with_range_and_checks_the_hash(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    clip = deliverable(tmp_path / "src")
    seeded = seed(intake_server, clip, name="A")
    decide_directly(intake_server, seeded, "approved")  # downloads are for exports: approved only
    client = _signed_in(intake_server)
    take = client.detail(seeded.submission_id).summary.takes[0]
    data = clip.read_bytes()
    dest = tmp_path / "got.mp4"
    part = dest.with_name(dest.name + ".part")
    part.write_bytes(data[:300_000])  # an earlier download stopped here
    seen: list[float] = []
    client.download_take(
        take.take_id, dest, use=Use.SOCIAL, expected_sha256=take.sha256, progress=seen.append
    )
    assert dest.read_bytes() == data and not part.exists()
    assert seen[-1] == 1.0
    assert seen[0] > 300_000 / len(data), "resumed from the partial file, not from the start"

    bad_part = tmp_path / "bad.mp4.part"
    bad_part.write_bytes(b"\0" * 1000)  # a damaged partial file: the whole result fails its check
    with pytest.raises(ServerFailedError, match="damaged"):
        client.download_take(take.take_id, tmp_path / "bad.mp4", use=Use.SOCIAL, expected_sha256=take.sha256)
    assert not (tmp_path / "bad.mp4").exists() and not bad_part.exists()


def test_withdrawn_clip_is_missing_everywhere(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded: Seeded = seed(intake_server, deliverable(tmp_path), name="Gone")
    client = _signed_in(intake_server)
    withdraw(intake_server, seeded)
    take_id = seeded.take_ids[0]
    with pytest.raises(ClipMissingError):
        client.download_take(take_id, tmp_path / "x.mp4", use=Use.INTERNAL)
    with pytest.raises(ClipMissingError):
        client.poster(take_id)
    detail = client.detail(seeded.submission_id)
    assert detail.status == "withdrawn" and detail.summary.person == ()
    with pytest.raises(NotFoundError):
        client.decide(seeded.submission_id, "approved")
    proxy = ClipProxy(client.http)
    proxy.start()
    try:
        response = requests.get(proxy.url_for(take_id), timeout=10)
        assert response.status_code == 410
        assert isinstance(proxy.problem(take_id), ClipMissingError)
    finally:
        proxy.stop()


def test_proxy_streams_ranges_with_the_bearer_and_refuses_strangers(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    clip = deliverable(tmp_path)
    seeded = seed(intake_server, clip, name="B")
    client = _signed_in(intake_server)
    proxy = ClipProxy(client.http)
    proxy.start()
    try:
        url = proxy.url_for(seeded.take_ids[0])
        assert url.startswith("http://127.0.0.1:")
        part = requests.get(url, headers={"Range": "bytes=1000-1999"}, timeout=10)
        assert part.status_code == 206
        assert part.content == clip.read_bytes()[1000:2000]
        assert part.headers["Content-Range"].endswith(f"/{clip.stat().st_size}")
        whole = requests.get(url, timeout=10)
        assert sha256_hex(whole.content) == sha256_hex(clip.read_bytes())
        secret = url.split("/")[3]
        wrong = url.replace(secret, "x" * len(secret))
        assert requests.get(wrong, timeout=10).status_code == 404
        client.http.token = "not-a-token"
        assert requests.get(url, timeout=10).status_code == 401
        assert isinstance(proxy.problem(seeded.take_ids[0]), SignedOutError)
    finally:
        proxy.stop()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_server_is_a_plain_retryable_error(memory_keyring: MemoryKeyring) -> None:
    client = ReviewClient(f"http://127.0.0.1:{_closed_port()}", requests.Session(), TokenStore())
    with pytest.raises(ServerUnreachableError) as caught:
        client.sign_in("reviewer", "x")
    assert caught.value.retryable
    assert "not accepting connections" in str(caught.value)


def test_server_going_down_and_coming_back(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring
) -> None:
    client = _signed_in(intake_server)
    intake_server.stop()
    with pytest.raises(ServerUnreachableError):
        client.list_submissions()
    intake_server.launch()
    assert client.list_submissions().total == 0


def test_withdraw_at_the_persons_request_found_by_the_code_read_out(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path), name="Sam Jones")
    client = _signed_in(intake_server)
    spoken = seeded.reference.lower().replace("-", " ")  # "vb 7k3m q9xd", as read over the phone
    found = client.list_submissions(ListFilter(q=spoken))
    assert [s.submission_id for s in found.items] == [seeded.submission_id]
    with pytest.raises(RefusedError, match="Write a note"):
        client.withdraw(seeded.submission_id, "  ")
    assert audit_actions(intake_server, seeded.submission_id)[-1]["action"] == "received"  # nothing sent
    done = client.withdraw(seeded.submission_id, "Phoned the comms team on Monday")
    assert (done.submission_id, done.reference, done.already) == (
        seeded.submission_id,
        seeded.reference,
        False,
    )
    assert done.withdrawn_utc is not None
    assert client.detail(seeded.submission_id).status == "withdrawn"
    assert not list((intake_server.data_dir / "media").iterdir())
    last = audit_actions(intake_server, seeded.submission_id)[-1]
    assert (last["actor"], last["action"], last["detail"]["note"]) == (
        "reviewer", "withdrawn", "Phoned the comms team on Monday"
    )  # fmt: skip
    again = client.withdraw(seeded.submission_id, "Asked twice")  # a retry after a lost answer is harmless
    assert again.already and again.withdrawn_utc == done.withdrawn_utc
    with pytest.raises(ClipMissingError):
        client.download_take(seeded.take_ids[0], tmp_path / "x.mp4", use=Use.INTERNAL)
    with pytest.raises(NotFoundError):
        client.withdraw("00000000-0000-4000-8000-000000000000", "x")


def test_withdraw_when_the_server_is_down_is_retryable(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path), name="Sam Jones")
    client = _signed_in(intake_server)
    intake_server.stop()
    with pytest.raises(ServerUnreachableError) as caught:
        client.withdraw(seeded.submission_id, "Asked in person")
    assert caught.value.retryable
    intake_server.launch()
    assert not client.withdraw(seeded.submission_id, "Asked in person").already
