"""Sends one queued submission over the network: register the manifest, upload, attach, confirm.

The upload URL of each file is stored before its first byte is sent and the confirmed offset after each
chunk (:class:`~recorder.upload.UploadHooks`), so a killed process resumes from the server's offset. The
submission is marked confirmed (reference code stored) before its local files are deleted. A state of
``cancelled`` seen in the store between chunks (another thread or process cancelled it, or a newer version
superseded it) stops the transfer; cancelled during confirmation, the submission is withdrawn at once.
"""

from __future__ import annotations

import logging
import threading

import requests

from recorder.logs import register_person_details
from recorder.messages import MessageCode
from recorder.net import NetworkSettings, build_session
from recorder.net.intake import FILES_PATH, IntakeHttp, bearer
from recorder.outbox.api import ApiError, IntakeApi
from recorder.outbox.cleanup import delete_local_files
from recorder.outbox.discard import discard_on_server
from recorder.outbox.outcome import ProgressCallback
from recorder.outbox.states import FileState, SubmissionState
from recorder.outbox.store import OutboxStore, SubmissionRecord, utc_now
from recorder.submission.manifest import SubmissionError, read_manifest
from recorder.upload import ProgressMeter, RetryPolicy, Stage, TusClient, UploadHooks
from recorder.upload.errors import UploadCancelled
from recorder.upload.retry import Wait

log = logging.getLogger(__name__)

#: meta key: the chunk size a 413 taught us (a proxy on this network caps request bodies)
LEARNED_CHUNK_KEY = "learned_chunk_size_bytes"


class LinkedEvent(threading.Event):
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


class Transfer:
    """The network side of one outbox: a shared Session, the intake API and the tus client.

    Args:
        store: the outbox's database.
        network: server, key, proxies, trust, chunk size and timeouts.
        retry: backoff policy for transient failures.
        wait: sleeps between retries (default: waits on the stop event); tests record the delays.
        session: a ready Session (default: built from ``network`` on first use).
    """

    def __init__(
        self,
        store: OutboxStore,
        network: NetworkSettings,
        retry: RetryPolicy,
        wait: Wait | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.store = store
        self.network = network
        self.retry = retry
        self._wait = wait
        self._session = session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def discard(self, record: SubmissionRecord, cancel: threading.Event | None = None) -> str:
        """Remove a cancelled version from its server (:func:`recorder.outbox.discard.discard_on_server`).

        Raises:
            UploadError, TrustError: not removed in this run (it stays pending).
            UploadCancelled: ``cancel`` was set while waiting to retry.
        """
        stop = LinkedEvent(cancel)  # network failures arrive as ApiError (IntakeApi)
        return discard_on_server(self._api(record, stop), record, via_post=self.network.http_method_override)

    def run(self, record: SubmissionRecord, progress: ProgressCallback | None, stop: LinkedEvent) -> str:
        """Send (or resume, or just confirm) ``record``; returns the reference code.

        Raises:
            UploadCancelled: ``stop`` was set, or the submission was cancelled meanwhile.
            UploadError, SubmissionError, TrustError, CleanupError: not sent in this run.
        """
        sid = record.submission_id
        manifest = read_manifest(record.folder)
        register_person_details(manifest.get("person"))  # queued by another run: never log them either
        if manifest.get("submission_id") != sid:
            # The folder holds another version now (queueing it was interrupted): never send a mix.
            raise SubmissionError(
                "The submission folder holds a different version of this submission.",
                code=MessageCode.SUBMISSION_FOLDER_CHANGED,
            )
        api = self._api(record, stop)
        self.store.bump_attempts(sid)
        meter = ProgressMeter(sid, record.bytes_total, progress)
        meter.set_confirmed(record.bytes_confirmed)
        cancelled = (SubmissionState.CANCELLED,)
        if record.state is not SubmissionState.UPLOADED:
            if not self.store.set_state_unless(
                sid, SubmissionState.UPLOADING, (*cancelled, SubmissionState.CONFIRMED), last_error=None
            ):
                raise UploadCancelled()  # cancelled (or superseded) since it was read: send nothing
            api.create_submission(manifest)
            self._upload_files(record, api, meter, stop)
            if not self.store.set_state_unless(sid, SubmissionState.UPLOADED, cancelled, last_error=None):
                raise UploadCancelled()
        if stop.is_set():
            raise UploadCancelled()
        meter.finish(Stage.CONFIRMING)
        receipt = api.complete(sid)
        confirmed = self.store.set_state_unless(
            sid,
            SubmissionState.CONFIRMED,
            cancelled,
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
        meter.finish(Stage.DONE)
        fresh = self.store.get(sid)
        if fresh is not None:
            delete_local_files(self.store, fresh)
        return receipt.reference

    def _upload_files(
        self, record: SubmissionRecord, api: IntakeApi, meter: ProgressMeter, stop: LinkedEvent
    ) -> None:
        sid = record.submission_id
        tus = self._tus(record, stop)
        done_before = 0
        for f in record.files:
            if f.state is FileState.ATTACHED:
                done_before += f.size_bytes
                continue
            base = done_before
            url = f.upload_url
            if f.state is not FileState.UPLOADED or not url:

                def store_url(new_url: str | None, take_id: str = f.take_id) -> None:
                    self.store.update_file(
                        sid, take_id, upload_url=new_url, state=FileState.UPLOADING, offset_bytes=0
                    )

                def store_offset(offset: int, take_id: str = f.take_id, base: int = base) -> None:
                    self.store.update_file(sid, take_id, offset_bytes=offset)
                    meter.set_confirmed(base + offset)
                    current = self.store.get(sid)
                    # cancelled elsewhere: stop here
                    if current is None or current.state is SubmissionState.CANCELLED:
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
                    sid, f.take_id, state=FileState.UPLOADED, offset_bytes=f.size_bytes, upload_url=url
                )
            try:
                api.attach(sid, f.take_id, url)
            except ApiError as error:
                if error.status != 404:
                    raise
                # The server lost the upload (expired): send this file again next time round.
                self.store.update_file(
                    sid, f.take_id, state=FileState.QUEUED, upload_url=None, offset_bytes=0
                )
                raise ApiError(
                    "The server no longer had one of the videos; it will be sent again.",
                    message_code=MessageCode.VIDEO_SENT_AGAIN,
                ) from error
            self.store.update_file(sid, f.take_id, state=FileState.ATTACHED)
            done_before += f.size_bytes
            meter.set_confirmed(done_before)

    def _session_for(self) -> requests.Session:
        if self._session is None:
            self._session = build_session(self.network)
        return self._session

    def _api(self, record: SubmissionRecord, stop: LinkedEvent) -> IntakeApi:
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
        session = self._session_for()
        return TusClient(
            session=session,
            endpoint_url=IntakeHttp(record.server_url, session).url(FILES_PATH),
            headers=bearer(self.network.upload_key),
            chunk_size_bytes=chunk,
            method_override=self.network.http_method_override,
            retry=self.retry,
        )
