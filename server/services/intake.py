"""Sending side: create a submission from its manifest and attach finished tus uploads to its takes."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from recorder.contact_details import ContactError, check_contact
from recorder.submission.schema import ManifestError, validate_manifest
from server import crashpoints, statuses
from server.auth import KeyHolder
from server.context import ServerContext
from server.db.models import Submission, Take, Upload
from server.errors import ApiError
from server.services import audit, deletions
from server.storage import is_id, new_id
from server.tus import store


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


MAX_JSON_DEPTH = 32
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _check_shape(value: Any) -> None:
    """Refuses nesting deeper than MAX_JSON_DEPTH and strings with a lone surrogate (``\\ud800``): both
    parse, but a deep value cannot be answered back (review detail) and a surrogate cannot be stored."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE_RE.search(item):
                raise ApiError(400, "invalid_json", "The request body has text that is not valid Unicode.")
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise ApiError(
                    400, "invalid_json", f"The request body nests deeper than {MAX_JSON_DEPTH} levels."
                )
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def parse_json(body: bytes) -> Any:
    """Strict JSON: UTF-8, no NaN/Infinity, no duplicate keys, no lone surrogates, at most 32 levels deep.

    Raises:
        ApiError: 400 invalid_json.
    """
    try:
        value = json.loads(
            body.decode("utf-8"), parse_constant=_reject_constant, object_pairs_hook=_unique_keys
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "invalid_json", "The request body is not valid JSON.") from None
    _check_shape(value)
    return value


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _search_text(manifest: dict[str, Any]) -> str:
    parts = [manifest["submission_id"], manifest["campaign_id"]]
    parts += [field["value"] for field in manifest["person"].values()]
    parts += [take["prompt_text"] for take in manifest["takes"]]
    return "\n".join(parts).lower()


@dataclass(frozen=True)
class Created:
    """The outcome of posting a manifest."""

    submission_id: str
    status: str
    created: bool


def create_submission(ctx: ServerContext, key: KeyHolder, body: bytes) -> Created:
    """Validates the manifest with the shared schema and stores it with its takes.

    Re-posting the same manifest with the same key is idempotent.

    Raises:
        ApiError: 400 bad JSON, 422 invalid manifest, 409 id or take id taken, or the manifest differs.
    """
    manifest = parse_json(body)
    try:
        validate_manifest(manifest)
    except ManifestError as error:
        raise ApiError(422, "invalid_manifest", str(error)) from None
    try:
        check_contact(manifest.get("contact") or {}, manifest["consent"]["choices"])
    except ContactError as error:
        raise ApiError(422, "invalid_contact", str(error)) from None
    take_ids = [take["take_id"] for take in manifest["takes"]]
    if len(set(take_ids)) != len(take_ids):
        raise ApiError(422, "invalid_manifest", "The manifest lists the same take twice.")
    canonical = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    manifest_sha256 = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    submission_id = manifest["submission_id"]
    for _attempt in range(2):
        existing = _existing(ctx, key, submission_id, manifest_sha256)
        if existing is not None:
            return existing
        try:
            _insert(ctx, key, manifest, canonical, manifest_sha256)
        except IntegrityError:
            continue  # raced with an identical post, or a take id is taken: look again
        return Created(submission_id, statuses.OPEN, created=True)
    raise ApiError(409, "take_exists", "A take id in this manifest already belongs to another submission.")


def _existing(ctx: ServerContext, key: KeyHolder, submission_id: str, manifest_sha256: str) -> Created | None:
    with ctx.db.session() as session:
        row = session.get(Submission, submission_id)
        if row is None:
            return None
        if row.upload_key_id != key.id:
            raise ApiError(409, "submission_exists", "A submission with this id already exists.")
        if row.manifest_sha256 != manifest_sha256:
            raise ApiError(
                409, "manifest_differs", "This submission already exists with a different manifest."
            )
        return Created(submission_id, row.status, created=False)


def _insert(
    ctx: ServerContext, key: KeyHolder, manifest: dict[str, Any], canonical: str, manifest_sha256: str
) -> None:
    now = ctx.now()
    consent = manifest["consent"]
    contact = check_contact(manifest.get("contact") or {}, consent["choices"])
    with ctx.db.session() as session:
        if audit.happened(session, manifest["submission_id"], audit.DISCARDED):
            raise ApiError(
                409, "submission_discarded", "This submission was discarded by its sender; it cannot return."
            )
        taken = session.scalar(
            select(Take.take_id).where(Take.take_id.in_(t["take_id"] for t in manifest["takes"]))
        )
        if taken is not None:
            raise ApiError(409, "take_exists", f"Take {taken} already belongs to another submission.")
        submission = Submission(
            id=manifest["submission_id"],
            upload_key_id=key.id,
            status=statuses.OPEN,
            manifest_json=canonical,
            manifest_sha256=manifest_sha256,
            campaign_id=manifest["campaign_id"],
            locale=manifest["locale"],
            app_version=manifest["app_version"],
            person_json=json.dumps(manifest["person"], sort_keys=True, ensure_ascii=False),
            contact_email=contact.get("email") or None,
            contact_phone=contact.get("phone") or None,
            consent_version_id=consent["version_id"],
            consent_text_sha256=consent["text_sha256"],
            consent_choices_json=json.dumps(consent["choices"], sort_keys=True),
            consent_given_utc=_utc(consent["given_utc"]),
            search_text=_search_text(manifest),
            created_utc=_utc(manifest["created_utc"]),
            posted_utc=now,
        )
        session.add(submission)
        for position, take in enumerate(manifest["takes"]):
            session.add(
                Take(
                    take_id=take["take_id"],
                    submission_id=submission.id,
                    position=position,
                    prompt_id=take["prompt_id"],
                    prompt_text=take["prompt_text"],
                    duration_s=float(take["duration_s"]),
                    size_bytes=take["size_bytes"],
                    sha256=take["sha256"],
                    check_json=json.dumps(take["check"], sort_keys=True),
                )
            )
        audit.record(session, now, audit.SUBMITTER, "created", submission.id, {"key": key.label})


def upload_id_from_url(upload_url: str) -> str:
    """The server id at the end of a tus upload URL or path (``…/files/<id>``).

    Raises:
        ApiError: 400 when it is not one of our upload URLs.
    """
    path = urlsplit(upload_url).path if "://" in upload_url else upload_url.split("?")[0]
    head, _, upload_id = path.rstrip("/").rpartition("/")
    if not head.endswith("/files") or not is_id(upload_id):
        raise ApiError(
            400, "bad_upload_url", "upload_url must be the URL of an upload on this server (…/files/<id>)."
        )
    return upload_id


def own_submission(session: Session, key: KeyHolder, submission_id: str) -> Submission:
    """The submission, row-locked, if it belongs to this key (404 otherwise)."""
    submission = session.get(Submission, submission_id, with_for_update=True)
    if submission is None or submission.upload_key_id != key.id:
        raise ApiError(404, "unknown_submission", "There is no such submission for this key.")
    return submission


def attach_take(
    ctx: ServerContext, key: KeyHolder, submission_id: str, take_id: str, upload_url: str
) -> dict[str, Any]:
    """Attaches a finished upload to a take: its bytes become media under a new server id.

    The database is committed first and the bytes moved after: a crash in between leaves the take pointing
    at a media id whose bytes are still the upload's, which the repeat of this call, the start-up check and
    the purge move (:mod:`server.services.consistency`). A take attached before has its old media
    scheduled for deletion in the same transaction.

    Raises:
        ApiError: 400 bad URL; 404 unknown submission, take or upload; 409 not open, upload unfinished or
            used elsewhere; 410 upload gone; 422 size or SHA-256 differs from the manifest.
    """
    upload_id = upload_id_from_url(upload_url)
    with ctx.db.session() as session:
        submission = own_submission(session, key, submission_id)
        if submission.status != statuses.OPEN:
            raise ApiError(409, "submission_closed", "This submission is complete; its takes cannot change.")
        take = session.scalar(
            select(Take).where(Take.submission_id == submission_id, Take.take_id == take_id)
        )
        if take is None:
            raise ApiError(404, "unknown_take", "This take is not in the submission's manifest.")
        upload = session.get(Upload, upload_id, with_for_update=True)
        if upload is None or upload.upload_key_id != key.id:
            raise ApiError(404, "unknown_upload", "There is no such upload for this key.")
        result = {"submission_id": submission_id, "take_id": take_id, "size_bytes": take.size_bytes}
        if take.upload_id == upload_id and take.media_id is not None:
            media_id = take.media_id  # attached already: idempotent (and finishes a move a crash cut off)
        else:
            _check_upload_fits(upload, take, submission_id)
            if take.media_id is not None:
                deletions.schedule(session, ctx.now(), deletions.MEDIA, [take.media_id])
            media_id = new_id()
            take.upload_id, take.media_id, take.verified = upload_id, media_id, False
            upload.state = store.ATTACHED
            audit.record(
                session, ctx.now(), audit.SUBMITTER, "take_attached", submission_id, {"take_id": take_id}
            )
    crashpoints.crash_point(crashpoints.ATTACH_COMMITTED)
    try:
        ctx.storage.adopt_upload(upload_id, media_id)
    except FileNotFoundError:  # lost from storage: the start-up check detaches it
        raise ApiError(
            410, "upload_gone", "The upload's file is no longer on the server; send it again."
        ) from None
    deletions.carry_out(ctx)
    return result


def _check_upload_fits(upload: Upload, take: Take, submission_id: str) -> None:
    if upload.state in store.GONE_STATES:
        raise ApiError(410, "upload_gone", f"This upload was {upload.state}; upload the take again.")
    if upload.state == store.ATTACHED:
        raise ApiError(409, "upload_in_use", "This upload is already attached to another take.")
    if upload.state != store.FINISHED:
        raise ApiError(409, "upload_incomplete", "This upload has not received all its bytes yet.")
    if upload.length_bytes != take.size_bytes:
        message = (
            f"Take {take.take_id} is {take.size_bytes} bytes in the manifest, not {upload.length_bytes}."
        )
        raise ApiError(422, "size_mismatch", message)
    if upload.sha256 is not None and upload.sha256 != take.sha256:
        message = f"The upload's SHA-256 is not the one the manifest gives for take {take.take_id}."
        raise ApiError(422, "sha256_mismatch", message)
    if (upload.submission_id not in (None, submission_id)) or (upload.take_id not in (None, take.take_id)):
        raise ApiError(
            422, "upload_for_other_take", "This upload was made for a different submission or take."
        )
