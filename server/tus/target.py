"""Checks what an upload's metadata says it is for: an open submission of this key and one of its takes."""

from __future__ import annotations

from sqlalchemy import select

from server.context import ServerContext
from server.db.models import Submission, Take
from server.errors import ApiError


def check_upload_target(
    ctx: ServerContext, upload_key_id: int, metadata: dict[str, str], length: int
) -> None:
    """Refuses an upload whose ``submission_id``/``take_id`` metadata does not fit (both are optional).

    Raises:
        ApiError: 400 take without submission, 404 unknown submission or take, 409 submission no longer
            open, 422 length differs from the manifest's size for that take.
    """
    submission_id = metadata.get("submission_id")
    take_id = metadata.get("take_id")
    if submission_id is None:
        if take_id is not None:
            raise ApiError(
                400, "bad_metadata", "The upload metadata names a take_id without a submission_id."
            )
        return
    with ctx.db.session() as session:
        submission = session.get(Submission, submission_id)
        if submission is None or submission.upload_key_id != upload_key_id:
            raise ApiError(
                404, "unknown_submission", "The upload names a submission this server does not have."
            )
        if submission.status != "open":
            raise ApiError(
                409, "submission_closed", "The submission named by the upload is already complete."
            )
        if take_id is None:
            return
        take = session.scalar(
            select(Take).where(Take.take_id == take_id, Take.submission_id == submission_id)
        )
        if take is None:
            raise ApiError(
                404, "unknown_take", "The upload names a take that is not in the submission's manifest."
            )
        if take.size_bytes != length:
            raise ApiError(
                422,
                "size_mismatch",
                f"Take {take_id} is {take.size_bytes} bytes in the manifest, not {length}.",
            )
