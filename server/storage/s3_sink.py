"""Appends a request body to a tus upload on object storage: full parts go to the multipart upload, a short
remainder to a tail object.

The body is cut into parts of the upload's part size as it arrives; while one part uploads (in a worker
thread) the next one fills, so at most two parts are in memory per PATCH. The first part of a body starts
with the bytes of the upload's current tail object, read back first. Each part is committed to the database
as soon as it has landed (number, size, ETag; the tail is then used up), unless the body carries a checksum:
then nothing is committed until the whole body has matched. Part numbers come from the database's count, so
a part that landed but was never committed (a crash, a checksum mismatch) is simply written again under the
same number, and ``CompleteMultipartUpload`` names only the committed parts.

At the end of a kept body: the last bytes of the upload become the last part (any size); 5 MiB or more
become a part; less becomes a new tail object (a new random name; the old one is deleted once the database
points at the new one). Committed offset = committed parts + current tail.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from typing import TYPE_CHECKING

from anyio import to_thread

from server.settings import MIN_PART_BYTES
from server.storage.port import Commit, Part, Progress, StorageError, UploadTarget
from server.storage.s3_client import storage_call

if TYPE_CHECKING:
    from server.storage.s3 import S3Storage


class S3Sink:
    """One body appended to one upload's multipart upload."""

    def __init__(self, store: S3Storage, upload: UploadTarget, deferred: bool, commit: Commit) -> None:
        if upload.multipart_id is None:
            raise StorageError("This upload has no multipart upload on the object store.")
        self._store = store
        self._upload = upload
        self._multipart_id = upload.multipart_id
        self._deferred = deferred
        self._commit = commit
        self._part_bytes = store.part_size_for(upload.length_bytes)
        self._next_number = upload.part_count + 1
        self._parts_bytes = upload.offset_bytes - upload.tail_bytes  # committed in parts
        self._tail_key = upload.tail_key  # the tail the database points at
        self._tail_bytes = upload.tail_bytes
        self._tail_loaded = upload.tail_key is None
        self._stale_tail: str | None = None  # used up by this body; deleted once the database lets go
        self._chunks: list[bytes] = []
        self._buffered = 0
        self._in_flight: asyncio.Task[Part] | None = None
        self._landed: list[Part] = []  # uploaded, not yet committed (deferred bodies)
        self._broken = False  # a part failed: nothing after it may be stored (it would leave a gap)

    @property
    def committed_offset(self) -> int:
        """Committed parts plus the current tail."""
        return self._parts_bytes + self._tail_bytes

    async def write(self, chunk: bytes) -> None:
        """Buffers the chunk; each full part is sent while the next one fills."""
        if self._broken:
            raise StorageError("An earlier part of this body could not be stored.")
        if not self._tail_loaded:
            try:
                await self._load_tail()
            except BaseException:
                self._broken = True
                raise
        self._chunks.append(chunk)
        self._buffered += len(chunk)
        while self._buffered >= self._part_bytes:
            await self._send(self._take(self._part_bytes))

    async def close(self, keep: bool) -> int:
        """Sends or stores what is left when keeping; commits; cleans up."""
        try:
            if not keep or self._broken:
                with contextlib.suppress(StorageError):
                    await self._settle()
                return self.committed_offset
            await self._settle_and_commit()
            rest = self._take(self._buffered)
            done = self._parts_bytes + sum(p.size_bytes for p in self._landed) + len(rest)
            if rest and (done == self._upload.length_bytes or len(rest) >= MIN_PART_BYTES):
                await self._send(rest)
                await self._settle_and_commit(final=True)
            elif rest or self._landed:
                tail = await to_thread.run_sync(self._put_tail, rest) if rest else None
                await to_thread.run_sync(self._record, tuple(self._landed), tail, len(rest))
                self._landed = []
            return self.committed_offset
        finally:
            self._chunks, self._buffered = [], 0
            if self._stale_tail is not None and self._stale_tail != self._tail_key:
                await to_thread.run_sync(self._store.delete_tail, self._stale_tail)
                self._stale_tail = None

    def close_on_shutdown(self, keep: bool) -> None:
        """The server is stopping: parts already committed stay; the rest was never acknowledged."""
        if self._in_flight is not None:
            self._in_flight.cancel()
        self._chunks, self._buffered = [], 0

    # internals ---------------------------------------------------------------------------------------

    async def _load_tail(self) -> None:
        assert self._tail_key is not None
        tail = await to_thread.run_sync(self._get, self._tail_key)
        if len(tail) != self._tail_bytes:
            raise StorageError("The object store returned a short remainder of this upload.")
        self._chunks.insert(0, tail)
        self._buffered += len(tail)
        self._tail_loaded = True
        self._stale_tail = self._tail_key

    def _take(self, size: int) -> bytes:
        """The first ``size`` buffered bytes, as one block (the chunk straddling the end is split)."""
        taken: list[bytes] = []
        need = size
        while need:
            chunk = self._chunks[0]
            if len(chunk) <= need:
                taken.append(self._chunks.pop(0))
                need -= len(chunk)
            else:
                taken.append(chunk[:need])
                self._chunks[0] = chunk[need:]
                need = 0
        self._buffered -= size
        return b"".join(taken)

    async def _send(self, data: bytes) -> None:
        """Starts uploading ``data`` as the next part once the part before it has landed."""
        await self._settle_and_commit()
        number = self._next_number
        self._next_number += 1
        self._in_flight = asyncio.ensure_future(to_thread.run_sync(self._land, number, data))

    async def _settle(self) -> None:
        """Waits for the part in flight (its failure is raised here)."""
        if self._in_flight is None:
            return
        task, self._in_flight = self._in_flight, None
        part = await task
        if self._deferred:
            self._landed.append(part)

    async def _settle_and_commit(self, final: bool = False) -> None:
        try:
            await self._settle()
            if self._landed and final:
                await to_thread.run_sync(self._record, tuple(self._landed), None, 0)
                self._landed = []
        except BaseException:
            self._broken = True  # a part that did not land or commit: nothing after it may be stored
            raise

    def _record(self, parts: tuple[Part, ...], tail_key: str | None, tail_bytes: int) -> None:
        """Commits landed parts and the tail now current (a part always uses up the old tail)."""
        parts_bytes = self._parts_bytes + sum(p.size_bytes for p in parts)
        self._commit(Progress(parts_bytes + tail_bytes, parts, tail_key, tail_bytes))
        self._parts_bytes = parts_bytes
        self._tail_key, self._tail_bytes = tail_key, tail_bytes

    def _land(self, number: int, data: bytes) -> Part:
        """Uploads a part and, unless the body is checksummed, commits it at once (worker thread)."""
        part = self._upload_part(number, data)
        if not self._deferred:
            self._record((part,), None, 0)
        return part

    def _upload_part(self, number: int, data: bytes) -> Part:
        with storage_call("upload_part"):
            answer = self._store.client.upload_part(
                Bucket=self._store.bucket,
                Key=self._store.upload_key(self._upload.id),
                UploadId=self._multipart_id,
                PartNumber=number,
                Body=data,
            )
        return Part(number, len(data), answer["ETag"])

    def _put_tail(self, data: bytes) -> str:
        key = f"{self._store.upload_key(self._upload.id)}.tail.{secrets.token_hex(8)}"
        with storage_call("put_tail"):
            self._store.client.put_object(Bucket=self._store.bucket, Key=key, Body=data)
        return key

    def _get(self, key: str) -> bytes:
        with storage_call("get_tail"):
            return self._store.client.get_object(Bucket=self._store.bucket, Key=key)["Body"].read()
