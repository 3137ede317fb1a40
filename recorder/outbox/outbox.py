"""The outbox: queue a submission, send it (resuming where it stopped), confirm, then delete local files.

Nothing is lost: the upload URL of each file is stored before its first byte is sent and the confirmed
offset after each chunk, so a killed process resumes from the server's offset (the transfer itself is
:mod:`recorder.outbox.transfer`); local media and the manifest are deleted only after the server has
confirmed the whole submission (reference code stored first), and the deletion is verified. Any thread may
call; one sender runs at a time per outbox file.

Example::

    outbox = Outbox(data_dir / "outbox.sqlite3", network=NetworkSettings.from_config(config))
    submission_id = outbox.queue(folder, manifest)
    reference = outbox.send(submission_id, progress=print, cancel=threading.Event())
"""

from __future__ import annotations

import builtins
import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import requests

from recorder.logs import register_person_details
from recorder.messages import MessageCode, code_of, params_of
from recorder.net import NetworkSettings, TrustError
from recorder.outbox.cleanup import CleanupError, delete_local_files
from recorder.outbox.lock import SendLock
from recorder.outbox.outcome import ProgressCallback, SendError, SendResult
from recorder.outbox.states import WAITING, Discard, FileState, SubmissionState
from recorder.outbox.store import AlreadyConfirmed, OutboxStore, SubmissionRecord
from recorder.outbox.transfer import LinkedEvent, Transfer
from recorder.outbox.versions import files_for, renumber_takes, same_content, taken_ids
from recorder.submission.manifest import SubmissionError, write_manifest
from recorder.upload import RetryPolicy
from recorder.upload.errors import UploadCancelled, UploadError
from recorder.upload.retry import Wait

log = logging.getLogger(__name__)

CANCELLED = "This submission was cancelled."


def _cancelled(submission_id: str) -> SendError:
    """The error for sending a submission its owner cancelled (or a newer version superseded)."""
    return SendError(CANCELLED, submission_id, permanent=True, code=MessageCode.SUBMISSION_CANCELLED)


class Outbox:
    """Submissions waiting to be sent, in one SQLite file.

    Args:
        path: the SQLite file (the app uses ``<data dir>/outbox.sqlite3``).
        network: server, key, proxies, trust, chunk size and timeouts (needed to send, not to queue).
        session: a ready Session (default: built from ``network`` on first use).
        retry: backoff policy for transient failures.
        wait: sleeps between retries (default: waits on the cancel event); tests record the delays.
    """

    def __init__(
        self,
        path: Path,
        *,
        network: NetworkSettings | None = None,
        session: requests.Session | None = None,
        retry: RetryPolicy | None = None,
        wait: Wait | None = None,
    ) -> None:
        self.path = Path(path)
        self.network = network or NetworkSettings()
        self.retry = retry or RetryPolicy()
        self.store = OutboxStore(self.path)
        self._transfer = Transfer(self.store, self.network, self.retry, wait, session)
        self._send_lock = SendLock(self.path.with_name(self.path.name + ".lock"))
        self._active: dict[str, threading.Event] = {}
        self._active_lock = threading.Lock()
        self._queue_lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Close the file, erasing first any withdrawal code nobody took (a command-line send)."""
        if not self._closed:
            self._closed = True
            self.store.forget_withdrawal_codes()
            self.store.close()
        self._transfer.close()

    # -- queue, list, cancel ----------------------------------------------------------------------------
    def queue(
        self,
        folder: Path,
        manifest: Mapping[str, Any],
        *,
        server_url: str | None = None,
        take_dirs: Mapping[str, Path] | None = None,
        replace_only: bool = False,
    ) -> str:
        """Write ``manifest.json`` into ``folder`` and add the submission (idempotent per folder and takes).

        A version of the same folder waiting to be sent (queued, uploading, uploaded or failed) with the
        same files (paths and SHA-256), server, details, consent and prompts is reused. Otherwise the new
        version supersedes every waiting one in one transaction: they are cancelled without deleting files,
        so exactly one version of a folder is ever sent, and it is the newest; one the server may already
        hold is discarded there (before the next send, or at the next start). Takes whose ids an earlier
        attempt may have registered on the server get a new id in the manifest (``<take id>.2``...),
        because the server keeps a take id for the submission that first used it.

        Args:
            folder: the submission folder (``manifest.json`` goes here).
            manifest: a validated manifest.
            server_url: where to send it (default: the configured server).
            take_dirs: take id -> take folder holding ``deliverable.mp4`` (default: ``folder/takes/<id>``).
                The take folders are deleted once the server confirms.
            replace_only: only replace a version that is still waiting (the person changed an answer after
                a send failed): when none is waiting any more (sent or cancelled meanwhile), nothing is
                queued and SendError is raised.

        Returns:
            The submission id to send.

        Raises:
            SendError: no intake server is configured; with ``replace_only``, nothing is waiting; an
                earlier version of the folder was confirmed while this one was being queued.
        """
        register_person_details(manifest.get("person"))
        folder = Path(folder).resolve()
        server = (server_url or self.network.server_url).rstrip("/")
        submission_id = str(manifest["submission_id"])
        if not server:
            raise SendError(
                "No intake server address is set (ask IT to set server_url).",
                submission_id,
                code=MessageCode.NO_SERVER_ADDRESS,
            )
        files = files_for(folder, manifest, take_dirs)
        wanted = {(f["path"], f["sha256"]) for f in files}
        with self._queue_lock:
            earlier = self.store.by_folder(folder)
            waiting = [r for r in earlier if r.state in WAITING]
            for existing in waiting:
                if (
                    {(f.path, f.sha256) for f in existing.files} == wanted
                    and existing.server_url == server
                    and same_content(folder, existing.submission_id, manifest)
                ):
                    if existing.state is SubmissionState.FAILED:
                        self.store.update_submission(existing.submission_id, state=SubmissionState.QUEUED)
                    return existing.submission_id
            if replace_only and not waiting:
                raise SendError(
                    "This submission is no longer waiting to be sent.",
                    submission_id,
                    permanent=True,
                    code=MessageCode.SUBMISSION_NOT_WAITING,
                )
            manifest, files = renumber_takes(manifest, files, taken_ids(earlier))
            write_manifest(folder, manifest)
            try:
                self.store.insert(
                    submission_id, folder, server, files, supersedes=[r.submission_id for r in waiting]
                )
            except AlreadyConfirmed as confirmed:
                raise SendError(
                    "An earlier version of this submission was sent meanwhile.",
                    submission_id,
                    permanent=True,
                    code=MessageCode.EARLIER_VERSION_SENT,
                ) from confirmed
        for old in waiting:
            with self._active_lock:
                active = self._active.get(old.submission_id)
            if active is not None:
                active.set()  # being sent right now: stop between chunks
            log.info("Submission %s replaced by a newer version (%s)", old.submission_id, submission_id)
        log.info("Queued submission %s (%d files)", submission_id, len(files))
        return submission_id

    def list(self) -> list[SubmissionRecord]:
        """Every submission the outbox knows, oldest first."""
        return self.store.all()

    def get(self, submission_id: str) -> SubmissionRecord | None:
        return self.store.get(submission_id)

    def find_by_folder(self, folder: Path) -> SubmissionRecord | None:
        """The newest submission queued from ``folder`` that was not cancelled."""
        for record in self.store.by_folder(Path(folder).resolve()):
            if record.state is not SubmissionState.CANCELLED:
                return record
        return None

    def take_withdrawal_code(self, submission_id: str) -> str | None:
        """The person's withdrawal code for a submission :meth:`send` confirmed, handed over once.

        The Done screen calls this once and shows the code (text, QR code of
        :func:`recorder.codes.withdrawal_page_url`, print); the outbox erases its copy as it hands it over,
        so the app keeps no withdrawal secret afterwards. None when there is none any more: taken already,
        confirmed by :meth:`send_pending` (nobody was there to be shown it), or left from an earlier run.
        """
        return self.store.take_withdrawal_code(submission_id)

    def cancel(self, submission_id: str) -> bool:
        """Cancel a submission before the server confirms it: stop sending, delete its local files.

        A version the server may know (it was tried) is discarded there too: its uploads and the
        submission with the person's details (:mod:`recorder.outbox.discard`). That is owed from the
        moment of cancelling (stored with it); when the server cannot be reached it is done later, before
        the next send and at every start (:meth:`discard_pending`).

        A version that a newer one superseded (the person changed an answer) stands for the newer one: it
        is cancelled instead.

        Args:
            submission_id: the submission (or a superseded version of it).

        Returns:
            True when cancelled; False when it was already confirmed (use the withdrawal instead), already
            cancelled, or unknown.
        """
        record = self.store.get(submission_id)
        if record is not None and record.state is SubmissionState.CANCELLED:
            newer = self.find_by_folder(record.folder)
            if (
                newer is not None
                and newer.submission_id != submission_id
                and newer.state is not SubmissionState.CONFIRMED
            ):
                return self.cancel(newer.submission_id)
        if record is None or not self.store.cancel(submission_id):
            return False
        with self._active_lock:
            active = self._active.get(submission_id)
        if active is not None:
            active.set()
        log.info("Submission %s cancelled by its owner", submission_id)
        delete_local_files(self.store, record)
        fresh = self.store.get(submission_id)
        if fresh is not None and fresh.discard is Discard.PENDING:
            self._discard(fresh, None)
        return True

    def discard_pending(self, *, cancel: threading.Event | None = None) -> builtins.list[str]:
        """Remove from the server every cancelled or superseded version it may still hold.

        Each is tried once per call (with the usual short retries); one that fails stays pending for the
        next call, which the outbox makes before every send and :meth:`send_pending` at every start: no loop
        waits for the server here.

        Returns:
            The ids the server no longer holds now.
        """
        done: builtins.list[str] = []
        for record in self.store.discard_pending():
            if cancel is not None and cancel.is_set():
                break
            if self._discard(record, cancel):
                done.append(record.submission_id)
        return done

    def _discard(self, record: SubmissionRecord, cancel: threading.Event | None) -> bool:
        sid = record.submission_id
        if not self.network.upload_key:
            return False  # without a key the server cannot be asked; kept pending
        try:
            outcome = self._transfer.discard(record, cancel)
        except UploadCancelled:
            return False
        except (UploadError, TrustError) as error:
            reason = f"Not yet removed from the intake server: {error}"
            self.store.update_submission(sid, last_error=reason)
            log.info("Cancelled submission %s: %s", sid, reason)
            return False
        self.store.update_submission(sid, discard=Discard.DONE, last_error=None)
        log.info("Cancelled submission %s removed from the intake server (%s)", sid, outcome)
        return True

    # -- sending ----------------------------------------------------------------------------------------
    def send(
        self,
        submission_id: str,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> str:
        """Send (or resume, or just confirm) one submission; returns its reference code.

        Raises:
            SendError: not sent in this run (it stays queued unless ``permanent``).
            UploadCancelled: ``cancel`` was set; it stays queued and resumes next time.
        """
        self._send_lock.acquire(cancel)
        try:
            self.discard_pending(cancel=cancel)  # older versions leave the server before this one arrives
            if cancel is not None and cancel.is_set():
                raise UploadCancelled()
            return self._send_locked(submission_id, progress, cancel)
        finally:
            self._send_lock.release()

    def send_pending(
        self, *, progress: ProgressCallback | None = None, cancel: threading.Event | None = None
    ) -> builtins.list[SendResult]:
        """Send every pending submission (oldest first) and finish deleting confirmed ones.

        A submission that fails is left queued with its reason and the next one is tried. Stops early when
        ``cancel`` is set (what was sent stays sent; the rest resumes next time).
        """
        results: builtins.list[SendResult] = []
        try:
            self._send_lock.acquire(cancel)
        except UploadCancelled:
            return results
        try:
            self.discard_pending(cancel=cancel)
            for record in self.store.all():
                if cancel is not None and cancel.is_set():
                    break
                if record.state is SubmissionState.CONFIRMED and record.deleted_utc is None:
                    delete_local_files(self.store, record)
                if not record.pending:
                    continue
                try:
                    reference = self._send_locked(record.submission_id, progress, cancel)
                    self.store.forget_withdrawal_codes(record.submission_id)  # nobody is here to see it
                    results.append(SendResult(record.submission_id, reference, None))
                except SendError as error:
                    results.append(SendResult(record.submission_id, None, str(error)))
                except UploadCancelled:
                    break
        finally:
            self._send_lock.release()
        return results

    def _send_locked(
        self, submission_id: str, progress: ProgressCallback | None, cancel: threading.Event | None
    ) -> str:
        record = self.store.get(submission_id)
        if record is None:
            raise SendError(
                "This submission is not in the outbox.",
                submission_id,
                permanent=True,
                code=MessageCode.NOT_IN_OUTBOX,
            )
        if record.state is SubmissionState.CONFIRMED and record.reference:
            if record.deleted_utc is None:
                delete_local_files(self.store, record)
            return record.reference
        if record.state is SubmissionState.CANCELLED:
            raise _cancelled(submission_id)
        if record.state is SubmissionState.FAILED:
            self.store.update_submission(submission_id, state=SubmissionState.QUEUED)
        configured = self.network.server_url.rstrip("/")
        if configured and configured != record.server_url:
            # IT changed the server address (or the command line names another): send it there instead.
            log.info("Submission %s goes to the newly configured intake server", submission_id)
            self.store.retarget(submission_id, configured)
            record = self.store.get(submission_id) or record
        if not self.network.upload_key:
            message = "No upload key is set on this computer (ask IT to set upload_key)."
            self._settle(submission_id, message)
            raise SendError(message, submission_id, code=MessageCode.NO_UPLOAD_KEY)
        stop = LinkedEvent(cancel)
        with self._active_lock:
            self._active[submission_id] = stop
        try:
            return self._transfer.run(record, progress, stop)
        except UploadCancelled:
            if self._state(submission_id) is SubmissionState.CANCELLED:
                raise _cancelled(submission_id) from None
            self._settle(submission_id, None)
            raise
        except (UploadError, SubmissionError, TrustError, CleanupError) as error:
            # the failure came from being cancelled meanwhile
            if self._state(submission_id) is SubmissionState.CANCELLED:
                raise _cancelled(submission_id) from error
            permanent = isinstance(error, SubmissionError) or getattr(error, "permanent", False)
            self._settle(submission_id, str(error), failed=permanent)
            raise SendError(
                str(error),
                submission_id,
                permanent=permanent,
                code=code_of(error),
                params=params_of(error),
            ) from error
        finally:
            with self._active_lock:
                self._active.pop(submission_id, None)

    def _state(self, submission_id: str) -> SubmissionState | None:
        record = self.store.get(submission_id)
        return None if record is None else record.state

    def _settle(self, submission_id: str, error: str | None, *, failed: bool = False) -> None:
        """After a run that did not confirm: pending (resumable) or failed, with the reason."""
        record = self.store.get(submission_id)
        if record is None or record.state in (SubmissionState.CONFIRMED, SubmissionState.CANCELLED):
            return
        if failed:
            state = SubmissionState.FAILED
        elif all(f.state is FileState.ATTACHED for f in record.files):
            state = SubmissionState.UPLOADED
        else:
            state = SubmissionState.QUEUED
        self.store.update_submission(submission_id, state=state, last_error=error)
        if error:
            log.warning("Submission %s not sent yet: %s", submission_id, error)
