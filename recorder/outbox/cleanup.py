"""Deletes a sent (or cancelled) submission's local files and verifies that they are gone."""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Iterable
from pathlib import Path

from recorder.messages import CodedError, MessageCode
from recorder.outbox.store import OutboxStore, SubmissionRecord, utc_now
from recorder.submission.manifest import MANIFEST_NAME, SubmissionError, read_manifest

log = logging.getLogger(__name__)


class CleanupError(CodedError):
    """Some files could not be deleted; ``str(error)`` is plain English (no personal data, a message code)."""


def delete_submission_files(
    folder: Path, take_dirs: Iterable[Path], submission_id: str | None = None
) -> None:
    """Delete each take folder (deliverable, raw capture, poster) and ``folder/manifest.json``, then the
    ``takes`` folder and ``folder`` itself when they are left empty.

    Other files in ``folder`` are left alone (the folder may have been chosen by a person on the command
    line), and so is a ``manifest.json`` of another ``submission_id`` (a newer version of a folder recorded
    into again after this one was sent). Deletion is then verified by looking again.

    Raises:
        CleanupError: something is still there afterwards.
    """
    manifest = folder / MANIFEST_NAME
    targets = [*take_dirs, *([manifest] if _belongs(manifest, submission_id) else [])]
    for target in targets:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # verified below
                target.unlink(missing_ok=True)
    for parent in (folder / "takes", folder):
        with contextlib.suppress(OSError):
            parent.rmdir()  # only when empty
    left = [t for t in targets if t.exists() or t.is_symlink()]
    if left:
        raise CleanupError(
            f"{len(left)} of the sent recordings could not be deleted from {folder}; "
            "Voicebooth will try again at the next start.",
            code=MessageCode.LOCAL_FILES_NOT_DELETED,
            params={"count": len(left), "folder": str(folder)},
        )


def _belongs(manifest: Path, submission_id: str | None) -> bool:
    """True when ``manifest`` is this submission's (or any: no id given, or unreadable)."""
    if submission_id is None:
        return True
    try:
        return read_manifest(manifest.parent).get("submission_id") in (submission_id, None)
    except SubmissionError:
        return True


def delete_local_files(store: OutboxStore, record: SubmissionRecord) -> None:
    """Delete a confirmed or cancelled submission's local files and record when (or why not) in ``store``.

    A failure is stored as the submission's ``last_error`` (the next run tries again); it never raises.
    """
    try:
        delete_submission_files(record.folder, [f.path.parent for f in record.files], record.submission_id)
    except CleanupError as error:
        store.update_submission(record.submission_id, last_error=str(error))
        log.warning("Submission %s: %s", record.submission_id, error)
        return
    store.update_submission(record.submission_id, deleted_utc=utc_now())
    log.info("Local files of submission %s deleted", record.submission_id)
