"""The outbox: queue a submission, send it (resuming where it stopped), confirm, then delete local files.

Nothing is lost: the upload URL of each file is stored before its first byte is sent and the confirmed
offset after each chunk, so a killed process resumes from the server's offset; local media and the
manifest are deleted only after the server has confirmed the whole submission (reference code stored
first), and the deletion is verified. Any thread may call; one sender runs at a time per outbox file.

Example::

    outbox = Outbox(data_dir / "outbox.sqlite3", network=NetworkSettings.from_config(config))
    submission_id = outbox.queue(folder, manifest)
    reference = outbox.send(submission_id, progress=print, cancel=threading.Event())
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from recorder.net import NetworkSettings, TrustError, build_session
from recorder.outbox.api import ApiError, IntakeApi
from recorder.outbox.cleanup import CleanupError, delete_submission_files
from recorder.outbox.lock import SendLock
from recorder.outbox.store import AlreadyConfirmed, OutboxStore, SubmissionRecord, utc_now
from recorder.outbox.versions import files_for, renumber_takes, taken_ids
from recorder.submission.manifest import SubmissionError, read_manifest, write_manifest
from recorder.upload import ProgressMeter, RetryPolicy, TransferProgress, TusClient, UploadHooks
from recorder.upload.errors import UploadCancelled, UploadError
from recorder.upload.retry import Wait

log = logging.getLogger(__name__)

ProgressCallback = Callable[[TransferProgress], None]
#: meta key: the chunk size a 413 taught us (a proxy on this network caps request bodies)
LEARNED_CHUNK_KEY = "learned_chunk_size_bytes"


class SendError(Exception):
    """A submission was not sent in this run; ``str(error)`` is plain English.

    Attributes:
        submission_id: which one.
        permanent: True when it was marked failed (a person must act); otherwise it stays queued.
    """

    def __init__(self, message: str, submission_id: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.submission_id = submission_id
        self.permanent = permanent


@dataclass(frozen=True)
class SendResult:
    """The outcome of one submission in :meth:`Outbox.send_pending`."""

    submission_id: str
    reference: str | None
    error: str | None


class _LinkedEvent(threading.Event):
    """Set when itself or the caller's event is set (so one submission can be cancelled alone)."""

    def __init__(self, parent: threading.Event | None) -> None:
        super().__init__()
        self._parent = parent

    def is_set(self) -> bool:
        return super().is_set() or (self._parent is not None and self._parent.is_set())

    def wait(self, timeout: float | None = None) -> bool:
        if self._parent is None:
            return super().wait(timeout)
        remaining = timeout
        while remaining is None or remaining > 0:
            step = 0.1 if remaining is None else min(0.1, remaining)
            if super().wait(step) or self._parent.is_set():
                return True
            if remaining is not None:
                remaining -= step
        return self.is_set()


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
        self._wait = wait
        self._session = session
        self.store = OutboxStore(self.path)
        self._send_lock = SendLock(self.path.with_name(self.path.name + ".lock"))
        self._active: dict[str, threading.Event] = {}
        self._active_lock = threading.Lock()
        self._queue_lock = threading.Lock()

    def close(self) -> None:
        self.store.close()
        if self._session is not None:
            self._session.close()

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
        same files (paths and SHA-256) and server is reused. Otherwise the new version supersedes every
        waiting one in one transaction: they are cancelled without deleting files, so exactly one version
        of a folder is ever sent, and it is the newest. Takes whose ids an earlier attempt may have
        registered on the server get a new id in the manifest (``<take id>.2``...), because the server
        keeps a take id for the submission that first used it.

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
        folder = Path(folder).resolve()
        server = (server_url or self.network.server_url).rstrip("/")
        submission_id = str(manifest["submission_id"])
        if not server:
            raise SendError("No intake server address is set (ask IT to set server_url).", submission_id)
        files = files_for(folder, manifest, take_dirs)
        wanted = {(f["path"], f["sha256"]) for f in files}
        with self._queue_lock:
            earlier = self.store.by_folder(folder)
            waiting = [r for r in earlier if r.pending or r.state == "failed"]
            for existing in waiting:
                if {(f.path, f.sha256) for f in existing.files} == wanted and existing.server_url == server:
                    if existing.state == "failed":
                        self.store.update_submission(existing.submission_id, state="queued")
                    return existing.submission_id
            if replace_only and not waiting:
                raise SendError(
                    "This submission is no longer waiting to be sent.", submission_id, permanent=True
                )
            manifest, files = renumber_takes(manifest, files, taken_ids(earlier))
            write_manifest(folder, manifest)
            try:
                self.store.insert(
                    submission_id, folder, server, files, supersedes=[r.submission_id for r in waiting]
                )
            except AlreadyConfirmed as confirmed:
                raise SendError(
                    "An earlier version of this submission was sent meanwhile.", submission_id, permanent=True
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
            if record.state != "cancelled":
                return record
        return None

    def withdrawal_token(self, submission_id: str) -> str | None:
        """The token that lets the person withdraw a confirmed submission (keep it private)."""
        return self.store.withdrawal_token(submission_id)

    def cancel(self, submission_id: str) -> bool:
        """Cancel a submission before the server confirms it: stop sending, delete its local files.

        Uploads already on the server are removed (tus termination) when it can be reached.

        A version that a newer one superseded (the person changed an answer) stands for the newer one: it
        is cancelled instead.

        Returns:
            True when cancelled; False when it was already confirmed (use the withdrawal instead), already
            cancelled, or unknown.
        """
        record = self.store.get(submission_id)
        if record is not None and record.state == "cancelled":
            newer = self.find_by_folder(record.folder)
            if newer is not None and newer.submission_id != submission_id and newer.state != "confirmed":
                return self.cancel(newer.submission_id)
        if record is None or not self.store.set_state_unless(
            submission_id, "cancelled", ("confirmed", "cancelled")
        ):
            return False
        with self._active_lock:
            active = self._active.get(submission_id)
        if active is not None:
            active.set()
        log.info("Submission %s cancelled by its owner", submission_id)
        for f in record.files:
            if f.upload_url and self.network.upload_key:
                with contextlib.suppress(TrustError, requests.RequestException):
                    self._tus(record, threading.Event()).terminate(f.upload_url)
        self._delete_local(record)
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
            for record in self.store.all():
                if cancel is not None and cancel.is_set():
                    break
                if record.state == "confirmed" and record.deleted_utc is None:
                    self._delete_local(record)
                if not record.pending:
                    continue
                try:
                    reference = self._send_locked(record.submission_id, progress, cancel)
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
            raise SendError("This submission is not in the outbox.", submission_id, permanent=True)
        if record.state == "confirmed" and record.reference:
            if record.deleted_utc is None:
                self._delete_local(record)
            return record.reference
        if record.state == "cancelled":
            raise SendError("This submission was cancelled.", submission_id, permanent=True)
        if record.state == "failed":
            self.store.update_submission(submission_id, state="queued")
        configured = self.network.server_url.rstrip("/")
        if configured and configured != record.server_url:
            # IT changed the server address (or the command line names another): send it there instead.
            log.info("Submission %s goes to the newly configured intake server", submission_id)
            self.store.retarget(submission_id, configured)
            record = self.store.get(submission_id) or record
        if not self.network.upload_key:
            message = "No upload key is set on this computer (ask IT to set upload_key)."
            self._settle(submission_id, message)
            raise SendError(message, submission_id)
        stop = _LinkedEvent(cancel)
        with self._active_lock:
            self._active[submission_id] = stop
        try:
            return self._run(record, progress, stop)
        except UploadCancelled:
            if self.store.get(submission_id) is not None and self._state(submission_id) == "cancelled":
                raise SendError("This submission was cancelled.", submission_id, permanent=True) from None
            self._settle(submission_id, None)
            raise
        except (UploadError, SubmissionError, TrustError, CleanupError) as error:
            permanent = isinstance(error, SubmissionError) or getattr(error, "permanent", False)
            self._settle(submission_id, str(error), failed=permanent)
            raise SendError(str(error), submission_id, permanent=permanent) from error
        finally:
            with self._active_lock:
                self._active.pop(submission_id, None)

    def _state(self, submission_id: str) -> str | None:
        record = self.store.get(submission_id)
        return None if record is None else record.state

    def _settle(self, submission_id: str, error: str | None, *, failed: bool = False) -> None:
        """After a run that did not confirm: pending (resumable) or failed, with the reason."""
        record = self.store.get(submission_id)
        if record is None or record.state in ("confirmed", "cancelled"):
            return
        if failed:
            state = "failed"
        else:
            state = "uploaded" if all(f.state == "attached" for f in record.files) else "queued"
        self.store.update_submission(submission_id, state=state, last_error=error)
        if error:
            log.warning("Submission %s not sent yet: %s", submission_id, error)

    def _run(self, record: SubmissionRecord, progress: ProgressCallback | None, stop: _LinkedEvent) -> str:
        sid = record.submission_id
        manifest = read_manifest(record.folder)
        if manifest.get("submission_id") != sid:
            # The folder holds another version now (queueing it was interrupted): never send a mix.
            raise SubmissionError("The submission folder holds a different version of this submission.")
        api = self._api(record, stop)
        self.store.bump_attempts(sid)
        meter = ProgressMeter(sid, record.bytes_total, progress)
        meter.set_confirmed(record.bytes_confirmed)
        if record.state != "uploaded":
            self.store.update_submission(sid, state="uploading", last_error=None)
            api.create_submission(manifest)
            self._upload_files(record, api, meter, stop)
            if not self.store.set_state_unless(sid, "uploaded", ("cancelled",), last_error=None):
                raise UploadCancelled()
        if stop.is_set():
            raise UploadCancelled()
        meter.finish("confirming")
        receipt = api.complete(sid)
        confirmed = self.store.set_state_unless(
            sid,
            "confirmed",
            ("cancelled",),
            reference=receipt.reference,
            withdrawal_token=receipt.withdrawal_token,
            confirmed_utc=utc_now(),
            last_error=None,
        )
        if not confirmed:
            # Cancelled while the server was confirming: it has it now, so withdraw it there too.
            log.info("Submission %s was cancelled during confirmation; withdrawing it", sid)
            api.withdraw(receipt.reference, receipt.withdrawal_token)
            raise UploadCancelled()
        log.info("Submission %s confirmed by the server", sid)
        meter.finish("done")
        fresh = self.store.get(sid)
        if fresh is not None:
            self._delete_local(fresh)
        return receipt.reference

    def _upload_files(
        self, record: SubmissionRecord, api: IntakeApi, meter: ProgressMeter, stop: _LinkedEvent
    ) -> None:
        sid = record.submission_id
        tus = self._tus(record, stop)
        done_before = 0
        for f in record.files:
            if f.state == "attached":
                done_before += f.size_bytes
                continue
            base = done_before
            url = f.upload_url
            if f.state != "uploaded" or not url:

                def store_url(new_url: str | None, take_id: str = f.take_id) -> None:
                    self.store.update_file(
                        sid, take_id, upload_url=new_url, state="uploading", offset_bytes=0
                    )

                def store_offset(offset: int, take_id: str = f.take_id, base: int = base) -> None:
                    self.store.update_file(sid, take_id, offset_bytes=offset)
                    meter.set_confirmed(base + offset)
                    if self._state(sid) == "cancelled":  # cancelled by another process: stop here
                        stop.set()

                def store_chunk_size(size: int) -> None:
                    self.store.update_submission(sid, chunk_size_bytes=size)
                    # This network caps request size: later submissions start at the lower size too.
                    self.store.set_meta(LEARNED_CHUNK_KEY, str(size))

                url = tus.upload(
                    f.path,
                    size_bytes=f.size_bytes,
                    metadata={
                        "filename": f.path.name,
                        "filetype": "video/mp4",
                        "sha256": f.sha256,
                        "submission_id": sid,
                        "take_id": f.take_id,
                    },
                    upload_url=f.upload_url,
                    hooks=UploadHooks(
                        on_url=store_url,
                        on_offset=store_offset,
                        on_sent=meter.add_sent,
                        on_chunk_size=store_chunk_size,
                    ),
                    cancel=stop,
                    wait=self._wait,
                )
                self.store.update_file(
                    sid, f.take_id, state="uploaded", offset_bytes=f.size_bytes, upload_url=url
                )
            try:
                api.attach(sid, f.take_id, url)
            except ApiError as error:
                if error.status != 404:
                    raise
                # The server lost the upload (expired): send this file again next time round.
                self.store.update_file(sid, f.take_id, state="queued", upload_url=None, offset_bytes=0)
                raise ApiError(
                    "The server no longer had one of the videos; it will be sent again."
                ) from error
            self.store.update_file(sid, f.take_id, state="attached")
            done_before += f.size_bytes
            meter.set_confirmed(done_before)

    # -- helpers ----------------------------------------------------------------------------------------
    def _session_for(self) -> requests.Session:
        if self._session is None:
            self._session = build_session(self.network)
        return self._session

    def _api(self, record: SubmissionRecord, stop: _LinkedEvent) -> IntakeApi:
        return IntakeApi(
            self._session_for(),
            record.server_url,
            self.network.upload_key,
            self.retry,
            self._wait or stop.wait,
        )

    def _tus(self, record: SubmissionRecord, stop: threading.Event) -> TusClient:
        learned = self.store.get_meta(LEARNED_CHUNK_KEY)
        chunk = min(
            self.network.chunk_size_bytes,
            record.chunk_size_bytes or self.network.chunk_size_bytes,
            int(learned) if learned and learned.isdigit() else self.network.chunk_size_bytes,
        )
        key = self.network.upload_key
        return TusClient(
            session=self._session_for(),
            endpoint_url=f"{record.server_url}/files/",
            headers={"Authorization": f"Bearer {key}"} if key else {},
            chunk_size_bytes=chunk,
            method_override=self.network.http_method_override,
            retry=self.retry,
        )

    def _delete_local(self, record: SubmissionRecord) -> None:
        try:
            delete_submission_files(record.folder, [f.path.parent for f in record.files])
        except CleanupError as error:
            self.store.update_submission(record.submission_id, last_error=str(error))
            log.warning("Submission %s: %s", record.submission_id, error)
            return
        self.store.update_submission(record.submission_id, deleted_utc=utc_now())
        log.info("Local files of submission %s deleted", record.submission_id)
