"""Tests password hashing and reference codes."""

from __future__ import annotations

from server.api.reference import is_reference, new_reference
from server.passwords import hash_password, hash_token, token_matches, verify_password


def test_password_roundtrip_and_wrong_password() -> None:
    stored = hash_password("correct horse")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "correct horse")
    assert not verify_password(stored, "wrong")
    assert not verify_password(None, "correct horse")
    assert not verify_password("not-a-hash", "x")


def test_token_hash() -> None:
    assert token_matches(hash_token("abc"), "abc")
    assert not token_matches(hash_token("abc"), "abd")


def test_reference_codes() -> None:
    codes = {new_reference() for _ in range(200)}
    assert len(codes) == 200
    assert all(is_reference(code) for code in codes)
    assert not is_reference("VB-0000-1111")
    assert not is_reference("../VB-7K3M-Q9XD")
