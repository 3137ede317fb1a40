"""Redaction of secret shapes and registered personal details; and what must survive for support."""

from __future__ import annotations

import threading

import pytest

from recorder.redact import EMAIL_MASK, MASK, PERSONAL_MASK, Redactor

TOKEN = "Zq8xT2vLm9Kp4RwN7sYb3HcJ6dFg1AeU5oQi0tVz"  # shaped like secrets.token_urlsafe(30)


@pytest.fixture
def redactor() -> Redactor:
    return Redactor()


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abc.def-ghi", "abc.def-ghi"),
        ("headers={'Authorization': 'Bearer abc123'}", "abc123"),
        ("proxy-authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"),
        ("sent bearer s3cr3t-token to the server", "s3cr3t-token"),
        ("PATCH https://x.example/files/1?upload_key=k-9981&x=1", "k-9981"),
        ('{"withdrawal_token": "wd 77 secret words"}', "wd 77 secret words"),
        ("password=hunter2", "hunter2"),
        ("Password: 'correct horse'", "correct horse"),
        ("X-Api-Key: abcd1234", "abcd1234"),
        ("session_id=8f8f8f", "8f8f8f"),
        ("proxy http://alice:pa55word@proxy.trust.nhs.example:8080 refused", "pa55word"),
        ("proxy http://alice:pa55word@proxy.trust.nhs.example:8080 refused", "alice"),
        ("write to priya.shah@nhs.net please", "priya.shah@nhs.net"),
        (f"got {TOKEN} back", TOKEN),
    ],
)
def test_secret_shapes_are_removed(redactor: Redactor, text: str, secret: str) -> None:
    out = redactor.redact(text)
    assert secret.lower() not in out.lower(), out
    assert MASK in out or EMAIL_MASK in out


@pytest.mark.parametrize(
    "text",
    [
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "submission 2f1b6c52-0f7e-4a3b-9d0e-6f7d1c2b3a4e reference VB-7K2M-Q9XD",
        "take t20261105T101010-a1b2c3 in /home/nhs/.local/share/Voicebooth/takes",
        "test_log_redaction_with_tokens_in_every_field_2 failed",
        "upload_key = (set) from the IT policy",
        "server https://intake.nhs.example/files/ answered 204",
        "Ignored a setting in the IT policy: server_url must be a web address",
    ],
)
def test_support_details_survive(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text) == text


def test_redacting_twice_changes_nothing_more(redactor: Redactor) -> None:
    once = redactor.redact("token=abc password='x y' Authorization: Bearer q mail a@b.org")
    assert redactor.redact(once) == once


def test_known_values_whole_and_word_by_word_in_every_spelling(redactor: Redactor) -> None:
    redactor.add_value("Siân O'Brien-Jones", words=True)
    redactor.add_value("Leeds Teaching Hospitals")
    for text in (
        "name Siân O'Brien-Jones",
        "hello SIÂN",  # case-insensitive
        "surname O'Brien-Jones only",
        "url ?name=Si%C3%A2n%20O%27Brien-Jones",  # URL-encoded
        "form name=Si%C3%A2n+O%27Brien-Jones",  # form-encoded
        'json {"name": "Si\\u00e2n O\'Brien-Jones"}',  # JSON with ensure_ascii
        "employer leeds teaching hospitals",
    ):
        out = redactor.redact(text)
        assert "si" + "ân" not in out.lower() and "brien" not in out.lower(), out
        assert "leeds teaching" not in out.lower(), out
        assert PERSONAL_MASK in out or MASK in out, out
    # Words of a non-name value are not redacted on their own ("Teaching" is a normal word).
    assert redactor.redact("Teaching") == "Teaching"
    # Whole words only: "Sian" inside another word stays.
    redactor.add_value("Al", words=True)
    assert redactor.redact("Albert met Al") == f"Albert met {PERSONAL_MASK}"


def test_sources_are_read_fresh_and_can_be_removed(redactor: Redactor) -> None:
    model = {"name": ""}
    remove = redactor.add_source(lambda: [model["name"]], words=True)
    assert redactor.redact("Priya Shah") == "Priya Shah"
    model["name"] = "Priya Shah"
    assert redactor.redact("Priya Shah; later just Priya") == f"{PERSONAL_MASK}; later just {PERSONAL_MASK}"
    remove()
    assert redactor.redact("Priya") == "Priya"


def test_a_failing_source_does_not_break_redaction(redactor: Redactor) -> None:
    def broken() -> list[str]:
        raise RuntimeError("model gone")

    redactor.add_source(broken)
    redactor.add_value("Priya")
    assert redactor.redact("Priya here") == f"{PERSONAL_MASK} here"


def test_thread_safe_registration_while_redacting(redactor: Redactor) -> None:
    names = [f"Person{i:03d}" for i in range(200)]
    errors: list[BaseException] = []

    def add() -> None:
        for name in names:
            redactor.add_value(name)

    def use() -> None:
        try:
            for _ in range(200):
                redactor.redact("Person001 and Person199")
        except BaseException as error:  # pragma: no cover - the failure is reported below
            errors.append(error)

    threads = [threading.Thread(target=add), threading.Thread(target=use)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert redactor.redact("Person001 and Person199") == f"{PERSONAL_MASK} and {PERSONAL_MASK}"
