"""Review mode never logs the people it shows: the review client registers every person's details (and the
list's search text) with the log redactor as soon as an answer arrives, so no log line can carry them.
Through the real client and its real session, against a real intake server, with the log at DEBUG (where
urllib3 writes every request's URL, search included)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder import logs
from recorder.net import NetworkSettings, build_session
from recorder.redact import PERSONAL_MASK, REDACTOR
from recorder.review import ListFilter, ReviewClient, TokenStore
from tests.helpers.server import IntakeServer
from tests.integration.review.seed import MemoryKeyring, Seeded, deliverable, seed

NAME = "Zebedee Quartermaine"
JOB = "Theatre Porter"
EMPLOYER = "Ysbyty Gwynedd"
PLANTED = (NAME, *NAME.split(), JOB, EMPLOYER)


@pytest.fixture
def fresh_redactor() -> Iterator[None]:
    """A redactor that knows nobody yet (as in a new process)."""
    REDACTOR.clear()
    assert REDACTOR.redact(f"{NAME} {JOB} {EMPLOYER}") == f"{NAME} {JOB} {EMPLOYER}"
    yield
    REDACTOR.clear()


@pytest.fixture
def person(intake_server: IntakeServer, tmp_path: Path) -> Seeded:
    return seed(intake_server, deliverable(tmp_path), name=NAME, job_title=JOB, employer=EMPLOYER)


def client_for(server: IntakeServer) -> ReviewClient:
    """The app's client: a session from recorder.net, signed in."""
    session = build_session(
        NetworkSettings(server_url=server.url, connect_timeout_s=3.0, read_timeout_s=30.0)
    )
    client = ReviewClient(server.url, session, TokenStore())
    client.sign_in(*server.reviewer)
    return client


def all_hidden() -> bool:
    return all(REDACTOR.redact(f"about {value}") == f"about {PERSONAL_MASK}" for value in PLANTED)


def test_the_list_registers_everyone_it_lists(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, person: Seeded, fresh_redactor: None
) -> None:
    page = client_for(intake_server).list_submissions()
    assert [item.display_name for item in page.items] == [NAME]
    assert all_hidden()


def test_the_detail_registers_the_person(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, person: Seeded, fresh_redactor: None
) -> None:
    detail = client_for(intake_server).detail(person.submission_id)
    assert {f.key: f.value for f in detail.summary.person} == {
        "name": NAME,
        "job_title": JOB,
        "employer": EMPLOYER,
    }
    assert all_hidden()


def test_no_log_line_carries_a_name_at_debug(
    intake_server: IntakeServer,
    memory_keyring: MemoryKeyring,
    person: Seeded,
    fresh_redactor: None,
    tmp_path: Path,
) -> None:
    path = logs.setup_logging(log_dir=tmp_path / "logs", console=False, level=logging.DEBUG)
    assert path is not None
    log = logging.getLogger("ui.review.test_privacy")
    try:
        client = client_for(intake_server)
        # The reviewer searches for the person by first name: the search goes out in the URL.
        page = client.list_submissions(ListFilter(q=NAME.split()[0]))
        detail = client.detail(page.items[0].submission_id)
        # Whatever code logs later about what it shows, the details stay out of the file.
        log.debug("Showing %s, %s at %s", detail.summary.display_name, JOB, EMPLOYER)
        log.info("Decision for %s", NAME.split()[1].upper())
        try:
            raise RuntimeError(f"could not play the clip of {NAME} ({EMPLOYER})")
        except RuntimeError:
            log.exception("Playing failed")
    finally:
        logs.teardown_logging()
    text = path.read_text(encoding="utf-8")
    assert [value for value in PLANTED if value.lower() in text.lower()] == []
    # The DEBUG lines really were written (urllib3's request lines, the search among them) and redacted.
    assert "GET /api/v1/review/submissions?" in text and f"q={PERSONAL_MASK}" in text
    assert f"Showing {PERSONAL_MASK}, {PERSONAL_MASK} at {PERSONAL_MASK}" in text
    assert f"could not play the clip of {PERSONAL_MASK}" in text
