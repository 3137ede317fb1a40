"""The outbox learns the person's details from every manifest it handles, so they are never logged.

The app sends at start-up what an earlier session queued: that person's details are in no form of this
session, only in the queued manifest. The outbox registers them with the log redactor when it reads it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from recorder.logs import RedactingFilter
from recorder.redact import PERSONAL_MASK, REDACTOR
from tests.helpers.sending import MediaCache, details, make_outbox, make_submission
from tests.helpers.sending import folder_manifest as manifest_for
from tests.helpers.server import IntakeServer


def test_a_submission_queued_by_another_run_has_its_details_redacted(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    name = details()["person"]["name"]["value"]
    folder = make_submission(tmp_path / "sub", media)
    earlier = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    sid = earlier.queue(folder, manifest_for(folder))
    earlier.close()
    REDACTOR.clear()  # a new process: nobody has told the redactor anything yet
    assert REDACTOR.redact(f"about {name}") == f"about {name}"

    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    assert outbox.send_pending()[0].submission_id == sid
    assert REDACTOR.redact(f"about {name}") == f"about {PERSONAL_MASK}"
    first_word = name.split()[0]
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "%s sent", (first_word,), None)
    RedactingFilter().filter(record)
    assert first_word not in record.getMessage()  # the name word by word, as in a log record
