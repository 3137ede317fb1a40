"""Tests password hashing and reference codes."""

from __future__ import annotations

import pytest

from server.api.reference import is_reference, new_reference, reference_from_text
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VB-7K3M-Q9XD", "VB-7K3M-Q9XD"),
        ("vb-7k3m-q9xd", "VB-7K3M-Q9XD"),
        ("vb 7k3m q9xd", "VB-7K3M-Q9XD"),
        ("  7K3M Q9XD ", "VB-7K3M-Q9XD"),
        ("7k3mq9xd", "VB-7K3M-Q9XD"),
        ("V.B. 7K3M\u2013Q9XD", "VB-7K3M-Q9XD"),
        ("7K3M", None),  # a part is matched as text by the list, not as a whole code
        ("VB-7K3M-Q9X0", None),  # 0 is never in a code
        ("Sam Jones", None),
        ("", None),
        ("VB-7K3M-Q9XD-7K3M", None),
    ],
)
def test_reference_read_out(text: str, expected: str | None) -> None:
    assert reference_from_text(text) == expected
