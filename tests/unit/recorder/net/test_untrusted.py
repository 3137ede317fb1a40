"""What the client checks in a server's answers: escaped text, the codes' shapes, one origin."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recorder.codes import withdrawal_code_from_secret
from recorder.net.untrusted import UntrustedAnswerError, checked_receipt, printable, same_origin

INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


@given(st.text())
def test_printable_text_has_no_control_or_invisible_characters(text: str) -> None:
    assert not any(unicodedata.category(ch) in INVISIBLE for ch in printable(text))


@given(st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))))
def test_printable_keeps_ordinary_text_of_any_script(text: str) -> None:
    assert printable(text) == text


def test_printable_names_each_escape() -> None:
    assert printable("a\x1b[2J\u202eb\r\n") == "a\\x1b[2J\\u202eb\\x0d\\x0a"
    assert printable("Croeso, Siân — 7K3M") == "Croeso, Siân — 7K3M"


@pytest.mark.parametrize(
    ("reference", "code"),
    [
        ("VB-7K3M-Q9XD\n", None),
        ("VB-\x1b[2J-Q9XD", None),
        ("VB-0000-1111", None),  # look-alike characters the alphabet leaves out
        ("vb-7k3m-q9xd", None),
        ("VB-7K3M-Q9XD", "K7M3Q-9XDAB"),
        ("VB-7K3M-Q9XD", ""),
        (None, None),
    ],
)
def test_a_receipt_must_have_the_documented_shapes(reference: object, code: object) -> None:
    with pytest.raises(UntrustedAnswerError) as caught:
        checked_receipt(reference, code if code is not None else "K7M3Q-9XDAB-4TRWH")
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)


def test_a_receipt_of_the_server_is_accepted() -> None:
    code = withdrawal_code_from_secret(bytes(range(16)))
    assert checked_receipt("VB-7K3M-Q9XD", code) == ("VB-7K3M-Q9XD", code)


@pytest.mark.parametrize(
    ("url", "same"),
    [
        ("https://intake.nhs.example/files/abc", True),
        ("https://INTAKE.nhs.example:443/files/abc", True),
        ("http://intake.nhs.example/files/abc", False),  # the key in clear
        ("https://intake.nhs.example:8443/files/abc", False),
        ("https://intake.nhs.example.evil.example/files/abc", False),
        ("https://intake.nhs.example@evil.example/files/abc", False),
        ("https://evil.example/https://intake.nhs.example/", False),
        ("https://intake.nhs.example:notaport/files/abc", False),
    ],
)
def test_one_origin(url: str, same: bool) -> None:
    assert same_origin(url, "https://intake.nhs.example") is same
