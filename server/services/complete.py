"""Completes a submission: each take attached, re-hashed and probed, then a reference and withdrawal token.

Completes of one submission run one at a time (its lock: in this process, or across replicas on
PostgreSQL), so a client that retries while the first call is still hashing waits and then gets the same
answer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from server import statuses
from server.api.reference import new_reference
from server.auth import KeyHolder
from server.context import ServerContext
from server.errors import ApiError
from server.metrics import COMPLETES
from server.services import audit
from server.services.consent_texts import check_wording_published
from server.services.intake import own_submission
from server.services.verify import TakeCheckError, verify_take, write_poster

log = logging.getLogger(__name__)
REFERENCE_ATTEMPTS = 20


@dataclass(frozen=True)
class _TakeToCheck:
    take_id: str
    media_id: str
    size_bytes: int
    sha256: str
    duration_s: float


@dataclass(frozen=True)
class Completed:
    """What the sending side gets back (the same every time complete is called)."""

    reference: str
    withdrawal_token: str
    status: str


def complete_submission(ctx: ServerContext, key: KeyHolder, submission_id: str) -> Completed:
    """Checks every take and marks the submission received (idempotent).

    Raises:
        ApiError: 404 unknown; 409 withdrawn or changed meanwhile; 422 ``consent_wording_unknown`` (the
            campaign's consent texts are published and this wording is not one of them), or naming the
            first take with a problem.
    """
    with ctx.locks.submission(submission_id):
        return _complete(ctx, key, submission_id)


def _complete(ctx: ServerContext, key: KeyHolder, submission_id: str) -> Completed:
    with ctx.db.session() as session:
        submission = own_submission(session, key, submission_id)
        if submission.status in statuses.CLOSED:
            raise ApiError(
                409, f"submission_{submission.status}", f"This submission was {submission.status}."
            )
        if submission.reference is not None:
            return Completed(submission.reference, ctx.withdrawal_code(submission_id), submission.status)
        check_wording_published(session, submission)
        takes: list[_TakeToCheck] = []
        for take in submission.takes:
            if take.media_id is None:
                message = f"Take {take.take_id} has not been uploaded and attached yet."
                raise ApiError(422, "take_missing", message, extra={"take_id": take.take_id})
            takes.append(
                _TakeToCheck(take.take_id, take.media_id, take.size_bytes, take.sha256, take.duration_s)
            )
    # Hashing and probing take time: done outside any transaction, then re-checked before committing.
    for item in takes:
        try:
            verify_take(ctx.storage, item.media_id, item.size_bytes, item.sha256, item.duration_s)
        except TakeCheckError as problem:
            raise ApiError(
                422, "take_invalid", f"Take {item.take_id} {problem}.", extra={"take_id": item.take_id}
            ) from None
    made: list[str] = []
    try:
        for item in takes:
            write_poster(ctx.storage, item.media_id, item.duration_s)
            made.append(item.media_id)
        return _mark_received(ctx, key, submission_id, takes)
    except TakeCheckError as problem:
        _remove_posters(ctx, made)
        raise ApiError(422, "take_invalid", f"A take {problem}.") from None
    except BaseException:
        _remove_posters(ctx, made)
        raise


def _remove_posters(ctx: ServerContext, media_ids: list[str]) -> None:
    for media_id in media_ids:
        ctx.storage.delete_poster(media_id)


def _mark_received(
    ctx: ServerContext, key: KeyHolder, submission_id: str, takes: list[_TakeToCheck]
) -> Completed:
    for _attempt in range(REFERENCE_ATTEMPTS):
        try:
            with ctx.db.session() as session:
                submission = own_submission(session, key, submission_id)
                if submission.reference is not None:  # a concurrent complete finished first
                    return Completed(
                        submission.reference, ctx.withdrawal_code(submission_id), submission.status
                    )
                if submission.status != statuses.OPEN:
                    raise ApiError(
                        409, f"submission_{submission.status}", f"This submission was {submission.status}."
                    )
                if [t.media_id for t in submission.takes] != [t.media_id for t in takes]:
                    raise ApiError(
                        409, "changed_meanwhile", "A take was re-attached while completing; try again."
                    )
                reference = new_reference()
                now = ctx.now()
                submission.reference = reference
                submission.status = statuses.RECEIVED
                submission.received_utc = now
                submission.search_text = f"{reference.lower()}\n{submission.search_text}"
                for take in submission.takes:
                    take.verified = True
                audit.record(
                    session, now, audit.SUBMITTER, "received", submission_id, {"reference": reference}
                )
            COMPLETES.inc()
            log.info("Submission %s received with %d take(s)", reference, len(takes))
            return Completed(reference, ctx.withdrawal_code(submission_id), statuses.RECEIVED)
        except IntegrityError:
            continue  # reference clash (1 in 1.5e11): draw another
    raise ApiError(503, "no_reference", "The server could not make a reference code. Try again.")
