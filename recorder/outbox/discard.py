"""Removes a cancelled or superseded version from the intake server: the submission with its uploads.

A version that was tried may be on the server as an ``open`` submission: its manifest with the person's
details and consent, and uploads, full or partial. When the person records an answer again after a failed
send (the version is superseded) or takes their submission back, none of that should stay there until the
server's purge. So the outbox keeps such a version ``discard = 'pending'`` (in the same transaction as the
cancellation) and calls :func:`discard_on_server` when it can: right away, before the next send, and at
every start, until the server has said it is gone.

The server may have *received* the version (it was confirmed there, but the answer never reached this
computer, e.g. the app was killed at that moment). It cannot be discarded then; it is withdrawn instead,
with the reference and withdrawal token that completing it again returns (complete is idempotent), so
the older answers are never kept on the server as a submission of their own.
"""

from __future__ import annotations

import logging

from recorder.outbox.api import IntakeApi
from recorder.outbox.store import SubmissionRecord

log = logging.getLogger(__name__)

#: What the server may answer for a version that is no longer open and needs nothing more from us.
_ALREADY_GONE = frozenset({"unknown", "withdrawn", "expired"})


def discard_on_server(api: IntakeApi, record: SubmissionRecord, *, via_post: bool) -> str:
    """Discard the submission with its uploads (the server terminates them), or withdraw a received one.

    Args:
        api: the intake API on the version's server, with the upload key.
        record: the cancelled version.
        via_post: the network blocks DELETE (use ``POST …/discard``).

    Returns:
        What happened, for the log: ``discarded``, ``unknown`` (the server never had it, or no longer
        has it), ``withdrawn`` or ``expired``.

    Raises:
        ApiError: the server could not be reached or refused; the discard stays pending (try later).
    """
    outcome = api.discard(record.submission_id, via_post=via_post)
    if outcome == "discarded" or outcome in _ALREADY_GONE:
        return outcome
    # Received (or reviewed since): completed there before it was cancelled here. Withdraw it.
    log.info("Submission %s was received before it was cancelled; withdrawing it", record.submission_id)
    receipt = api.complete(record.submission_id)
    api.withdraw(receipt.reference, receipt.withdrawal_token)
    return "withdrawn"
