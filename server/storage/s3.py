"""S3-compatible object storage (AWS S3, MinIO, Ceph, SeaweedFS) for uploads and media, as tusd's s3store.

Keys, under the prefix of ``storage = "s3://bucket/prefix"``:

* ``uploads/<id>``: the multipart upload a tus upload is written into (one part per full ``s3_part_bytes``
  of body, 5 MiB at least), and once whole the completed object;
* ``uploads/<id>.tail.<random>``: bytes that arrived but do not make a part yet (a short remainder kept
  until more bytes come; a new name each time, the database says which one is current);
* ``media/<media_id>.mp4`` and ``.jpg``: an attached take (copied from its upload on the store itself) and
  its poster frame.

The upload's offset is the sum of its committed parts plus its tail, recorded in the database as each part
lands (see :mod:`server.storage.s3_sink`). Deleting an upload aborts every multipart upload of its key and
deletes its objects, whatever the database says, so it can be run again after a crash.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from botocore.exceptions import ClientError

from server.settings import MIN_PART_BYTES, Settings, parse_storage_url
from server.storage.ids import is_id
from server.storage.port import (
    Commit,
    LiveObjects,
    Part,
    StorageError,
    StoredMedia,
    UploadSink,
    UploadTarget,
)
from server.storage.s3_client import is_missing, make_client, storage_call
from server.storage.s3_media import OpenedObject
from server.storage.s3_sink import S3Sink

if TYPE_CHECKING:
    from types_boto3_s3 import S3Client
    from types_boto3_s3.type_defs import ObjectIdentifierTypeDef

log = logging.getLogger(__name__)

MAX_PARTS = 10_000
READ_BLOCK_BYTES = 1024 * 1024
#: How long ffprobe/ffmpeg may read a video through its presigned URL.
PRESIGNED_URL_S = 15 * 60


class S3Storage:
    """Uploads and media in one bucket (and prefix) of an S3-compatible store."""

    kind = "s3"

    def __init__(self, settings: Settings, client: S3Client | None = None) -> None:
        url = parse_storage_url(settings.storage)
        self.bucket = url.bucket
        self.prefix = url.prefix
        self.part_bytes = settings.s3_part_bytes
        self.client: S3Client = client or make_client(settings)

    # keys ------------------------------------------------------------------------------------------

    def upload_key(self, upload_id: str) -> str:
        """The key of an upload's multipart upload and, once whole, of its object."""
        if not is_id(upload_id):
            raise ValueError("not a server id")
        return f"{self.prefix}uploads/{upload_id}"

    def media_key(self, media_id: str, kind: str = "video") -> str:
        """The key of a take's video or poster."""
        if not is_id(media_id):
            raise ValueError("not a server id")
        return f"{self.prefix}media/{media_id}.{'mp4' if kind == 'video' else 'jpg'}"

    def part_size_for(self, length_bytes: int) -> int:
        """Bytes per part for an upload of ``length_bytes`` (more than S3's 10,000 parts never needed)."""
        needed = math.ceil(length_bytes / MAX_PARTS)
        return max(self.part_bytes, MIN_PART_BYTES, math.ceil(needed / 1024**2) * 1024**2)

    # readiness ---------------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Checks the bucket answers; a missing bucket or refused credentials stop the start-up."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as error:
            raise StorageError(
                f"The bucket {self.bucket} cannot be used ({_code(error)}): create it first and check the "
                "credentials."
            ) from None
        except Exception as error:  # unreachable now: start anyway, /api/v1/ready says not ready
            log.warning("The object store is not reachable yet (%s): not ready", type(error).__name__)

    def check_ready(self) -> None:
        """The bucket answers."""
        with storage_call("ready"):
            self.client.head_bucket(Bucket=self.bucket)

    def has_room_for(self, size_bytes: int, reserved_bytes: int = 0) -> bool:
        """Always True: an object store shows no free-space figure (quotas are per key, in the database)."""
        return True

    # uploads -----------------------------------------------------------------------------------------

    def create_upload(self, upload_id: str, length_bytes: int) -> str | None:
        """Starts the multipart upload (an empty upload is an empty object at once)."""
        key = self.upload_key(upload_id)
        with storage_call("create_upload"):
            if length_bytes == 0:
                self.client.put_object(Bucket=self.bucket, Key=key, Body=b"")
                return None
            return self.client.create_multipart_upload(Bucket=self.bucket, Key=key)["UploadId"]

    def open_sink(self, upload: UploadTarget, deferred: bool, commit: Commit) -> UploadSink:
        """Appends as parts of the upload's multipart upload (see :class:`S3Sink`)."""
        return S3Sink(self, upload, deferred, commit)

    def finish_upload(self, upload: UploadTarget, parts: Sequence[Part]) -> None:
        """Completes the multipart upload; one completed before (a crash after it) is recognised."""
        key = self.upload_key(upload.id)
        if upload.multipart_id is None:
            return  # an empty upload: already an object
        with storage_call("complete_upload"):
            try:
                self.client.complete_multipart_upload(
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload.multipart_id,
                    MultipartUpload={"Parts": [{"PartNumber": p.number, "ETag": p.etag} for p in parts]},
                )
            except ClientError as error:
                if not is_missing(error) or self._size(key) != upload.length_bytes:
                    raise

    def delete_upload(self, upload_id: str) -> None:
        """Aborts every multipart upload of the key and deletes the upload's objects (tails included)."""
        key = self.upload_key(upload_id)
        with storage_call("delete_upload"):
            listed = self.client.list_multipart_uploads(Bucket=self.bucket, Prefix=key)
            for upload in listed.get("Uploads", []):
                if upload.get("Key") == key:
                    with contextlib.suppress(ClientError):  # aborted meanwhile
                        self.client.abort_multipart_upload(
                            Bucket=self.bucket, Key=key, UploadId=upload["UploadId"]
                        )
            self._delete_keys(self._keys_with_prefix(key))

    def delete_tail(self, key: str) -> None:
        """Deletes a tail object that is no longer current (best effort: the sweep catches a failure)."""
        with contextlib.suppress(StorageError), storage_call("delete_tail"):
            self.client.delete_object(Bucket=self.bucket, Key=key)

    def adopt_upload(self, upload_id: str, media_id: str) -> None:
        """Copies the completed upload to ``media/`` on the store (in parts when large), then deletes it;
        when the upload is gone but the media is there, it was done before.

        Raises:
            FileNotFoundError: neither the upload nor the media is there.
        """
        source = self.upload_key(upload_id)
        with storage_call("adopt_upload"):
            try:
                self.client.copy(
                    {"Bucket": self.bucket, "Key": source}, self.bucket, self.media_key(media_id)
                )
            except ClientError as error:
                if not is_missing(error):
                    raise
                if self._size(self.media_key(media_id)) is None:
                    raise FileNotFoundError(source) from None
            self.client.delete_object(Bucket=self.bucket, Key=source)

    # media -------------------------------------------------------------------------------------------

    def delete_media(self, media_id: str) -> None:
        """Deletes the video and poster objects."""
        with storage_call("delete_media"):
            self._delete_keys([self.media_key(media_id), self.media_key(media_id, "poster")])

    def media_size(self, media_id: str) -> int | None:
        """The video's size from the store, or None."""
        with storage_call("media_size"):
            return self._size(self.media_key(media_id))

    def read_media(self, media_id: str) -> Iterator[bytes]:
        """Streams the video in 1 MiB blocks."""
        with storage_call("read_media"):
            body = self.client.get_object(Bucket=self.bucket, Key=self.media_key(media_id))["Body"]
            try:
                yield from body.iter_chunks(READ_BLOCK_BYTES)
            finally:
                body.close()

    @contextlib.contextmanager
    def media_location(self, media_id: str) -> Iterator[str]:
        """A presigned GET URL (15 minutes): ffprobe and ffmpeg read the object with HTTP Range requests."""
        with storage_call("presign"):
            url = self.client.generate_presigned_url(
                "get_object",
                Params={"Bucket": self.bucket, "Key": self.media_key(media_id)},
                ExpiresIn=PRESIGNED_URL_S,
            )
        yield url

    def put_poster(self, media_id: str, jpeg: bytes) -> None:
        """Uploads the poster (an object is whole or absent: never half-written)."""
        with storage_call("put_poster"):
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.media_key(media_id, "poster"),
                Body=jpeg,
                ContentType="image/jpeg",
            )

    def delete_poster(self, media_id: str) -> None:
        """Deletes the poster object."""
        with storage_call("delete_poster"):
            self.client.delete_object(Bucket=self.bucket, Key=self.media_key(media_id, "poster"))

    def open_media(self, media_id: str, kind: str) -> OpenedObject:
        """Looks the object up (size, ETag, date); the response proxies it with Range.

        Raises:
            FileNotFoundError: no such object (e.g. withdrawn a moment ago).
        """
        key = self.media_key(media_id, kind)
        with storage_call("open_media"):
            try:
                head = self.client.head_object(Bucket=self.bucket, Key=key)
            except ClientError as error:
                if is_missing(error):
                    raise FileNotFoundError(key) from None
                raise
        return OpenedObject(self, key, head["ContentLength"], head.get("ETag", ""), head["LastModified"])

    # sweeping ----------------------------------------------------------------------------------------

    def has_media(self, media_id: str) -> bool:
        """True when the video object is there."""
        with storage_call("has_media"):
            return self._size(self.media_key(media_id)) is not None

    def has_upload(self, upload_id: str) -> bool:
        """True when the upload is a whole object (its multipart upload completed)."""
        with storage_call("has_upload"):
            return self._size(self.upload_key(upload_id)) is not None

    def upload_size(self, upload: UploadTarget) -> int | None:
        """The completed object's size; else the committed parts the multipart upload still holds plus the
        tail object if it is there. None when the multipart upload or any committed part is gone."""
        key = self.upload_key(upload.id)
        with storage_call("upload_size"):
            whole = self._size(key)
            if whole is not None or upload.multipart_id is None:
                return whole
            sizes: dict[int, int] = {}
            paginator = self.client.get_paginator("list_parts")
            try:
                for page in paginator.paginate(Bucket=self.bucket, Key=key, UploadId=upload.multipart_id):
                    sizes.update((part["PartNumber"], part["Size"]) for part in page.get("Parts", []))
            except ClientError as error:
                if is_missing(error):
                    return None
                raise
            if any(number not in sizes for number in range(1, upload.part_count + 1)):
                return None
            held = sum(sizes[number] for number in range(1, upload.part_count + 1))
            tail = self._size(upload.tail_key) if upload.tail_key else None
            return held + (tail or 0)

    def stored_media(self) -> StoredMedia:
        """Ids of the takes with a video, and with a poster, under ``media/``."""
        videos: set[str] = set()
        posters: set[str] = set()
        with storage_call("list_media"):
            for key, _modified in self._objects(f"{self.prefix}media/"):
                media_id, _, ext = key.rsplit("/", 1)[-1].partition(".")
                if is_id(media_id) and ext == "mp4":
                    videos.add(media_id)
                elif is_id(media_id) and ext == "jpg":
                    posters.add(media_id)
        return StoredMedia(frozenset(videos), frozenset(posters))

    def sweep(
        self, live: Callable[[], LiveObjects], busy: Callable[[str], bool], min_upload_age_s: float
    ) -> list[str]:
        """Objects and multipart uploads no row points at: media at once; under ``uploads/`` completed
        objects, tails that are not an upload's current one and unfinished multipart uploads once untouched
        for ``min_upload_age_s`` and not busy."""
        cutoff = datetime.now(UTC) - timedelta(seconds=min_upload_age_s)
        stray: list[str] = []
        with storage_call("sweep"):
            media = list(self._objects(f"{self.prefix}media/"))
            videos = {_id_of(key) for key, _ in media if key.endswith(".mp4")}
            uploads = [(key, m) for key, m in self._objects(f"{self.prefix}uploads/") if m < cutoff]
            multiparts = [
                (k, i)
                for k, i, started in self._multipart_uploads(f"{self.prefix}uploads/")
                if started < cutoff
            ]
            now_live = live()
            stray += [key for key, _ in media if _id_of(key) not in now_live.media_ids]
            for key, _modified in uploads:
                name = key.rsplit("/", 1)[-1]
                upload_id = _id_of(key)
                media_id = now_live.attached.get(upload_id)
                if upload_id in now_live.uploads:
                    if "." not in name or name == _tail_name(now_live.uploads[upload_id]):
                        continue
                elif "." not in name and media_id is not None and media_id not in videos:
                    continue  # attached, its take's media not there yet: the object is still to be copied
                if not busy(upload_id):
                    stray.append(key)
            self._delete_keys(stray)
            for key, multipart_id in multiparts:
                upload_id = _id_of(key)
                if upload_id not in now_live.uploads and not busy(upload_id):
                    with contextlib.suppress(ClientError):
                        self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=multipart_id)
                    stray.append(f"{key} (unfinished multipart upload)")
        return [key.removeprefix(self.prefix) for key in stray]

    # helpers -----------------------------------------------------------------------------------------

    def _size(self, key: str) -> int | None:
        try:
            return self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"]
        except ClientError as error:
            if is_missing(error):
                return None
            raise

    def _keys_with_prefix(self, prefix: str) -> list[str]:
        return [key for key, _modified in self._objects(prefix)]

    def _objects(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                yield item["Key"], item["LastModified"]

    def _multipart_uploads(self, prefix: str) -> Iterator[tuple[str, str, datetime]]:
        """(key, upload id, initiated) of each unfinished multipart upload under ``prefix``."""
        paginator = self.client.get_paginator("list_multipart_uploads")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            for upload in page.get("Uploads", []):
                yield upload["Key"], upload["UploadId"], upload["Initiated"]

    def _delete_keys(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):  # DeleteObjects takes 1000 keys at most
            batch: list[ObjectIdentifierTypeDef] = [{"Key": key} for key in keys[start : start + 1000]]
            result = self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
            failed = [e for e in result.get("Errors", []) if e.get("Code") not in ("NoSuchKey",)]
            if failed:
                raise StorageError(f"The object store kept {len(failed)} object(s) it was told to delete.")


def _id_of(key: str) -> str:
    """The server id an object is named by (``…/<id>``, ``…/<id>.mp4``, ``…/<id>.tail.<random>``)."""
    return key.rsplit("/", 1)[-1].split(".", 1)[0]


def _tail_name(tail_key: str | None) -> str | None:
    return None if tail_key is None else tail_key.rsplit("/", 1)[-1]


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", "error"))
