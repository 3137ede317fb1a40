"""Parses and checks tus request headers strictly; anything odd becomes a 400 with a plain message."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from server.errors import ApiError

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,creation-with-upload,termination,checksum,expiration"
CHECKSUM_ALGORITHMS = ("sha1", "sha256")
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"

MAX_METADATA_HEADER_CHARS = 4096
MAX_METADATA_VALUE_CHARS = 255
_DIGITS_RE = re.compile(r"^[0-9]{1,19}$")
_KEY_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_B64_RE = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_UUID4_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_TAKE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_MIME_RE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$")
MAX_INT64 = 2**63 - 1
#: The keys CONTRACTS.md section 3 defines; anything else is refused rather than stored unread.
METADATA_KEYS = frozenset({"filename", "filetype", "sha256", "submission_id", "take_id"})


def bad(message: str, code: str = "bad_tus_header") -> ApiError:
    """A 400 for a malformed tus header."""
    return ApiError(400, code, message)


def parse_non_negative(value: str | None, name: str) -> int | None:
    """Parses ``Upload-Length`` / ``Upload-Offset``: digits only (no sign, no spaces), within 64 bits."""
    if value is None:
        return None
    if not _DIGITS_RE.fullmatch(value) or int(value) > MAX_INT64:
        raise bad(f"The {name} header must be a whole number of bytes, 0 or more.")
    return int(value)


@dataclass(frozen=True)
class UploadMetadata:
    """The checked ``Upload-Metadata`` header: its raw text (echoed on HEAD) and the known keys decoded."""

    raw: str
    values: dict[str, str]

    @property
    def sha256(self) -> str | None:
        """The SHA-256 hex of the whole file, when the client sent it."""
        return self.values.get("sha256")


def _check_value(key: str, text: str) -> None:
    if len(text) > MAX_METADATA_VALUE_CHARS:
        raise bad(f"The upload metadata value for {key!r} is too long.", "bad_metadata")
    if _CONTROL_RE.search(text):
        raise bad(f"The upload metadata value for {key!r} contains control characters.", "bad_metadata")
    if key == "filename":
        if "/" in text or "\\" in text or text in (".", "..") or (len(text) > 1 and text[1] == ":"):
            raise bad("The upload metadata filename must be a plain file name, not a path.", "bad_metadata")
    elif key == "sha256" and not _SHA256_RE.fullmatch(text):
        raise bad("The upload metadata sha256 must be 64 lowercase hex characters.", "bad_metadata")
    elif key == "submission_id" and not _UUID4_RE.fullmatch(text):
        raise bad("The upload metadata submission_id must be a UUID.", "bad_metadata")
    elif key == "take_id" and not _TAKE_ID_RE.fullmatch(text):
        raise bad("The upload metadata take_id is not a valid take id.", "bad_metadata")
    elif key == "filetype" and not _MIME_RE.fullmatch(text):
        raise bad("The upload metadata filetype must be a media type such as video/mp4.", "bad_metadata")


def parse_metadata(header: str | None) -> UploadMetadata:
    """Parses ``Upload-Metadata``: ``key base64,key base64,…``; every value checked, keys unique."""
    if header is None or header == "":
        return UploadMetadata("", {})
    if len(header) > MAX_METADATA_HEADER_CHARS:
        raise bad("The Upload-Metadata header is too long.", "bad_metadata")
    values: dict[str, str] = {}
    seen: set[str] = set()
    for pair in header.split(","):
        parts = pair.strip().split(" ")
        if len(parts) > 2 or not _KEY_RE.fullmatch(parts[0]):
            raise bad("The Upload-Metadata header is not a list of 'key base64-value' pairs.", "bad_metadata")
        key = parts[0]
        if key not in METADATA_KEYS:
            known = ", ".join(sorted(METADATA_KEYS))
            raise bad(f"The Upload-Metadata key {key!r} is not accepted; use: {known}.", "bad_metadata")
        if key in seen:
            raise bad(f"The Upload-Metadata key {key!r} appears twice.", "bad_metadata")
        seen.add(key)
        encoded = parts[1] if len(parts) == 2 else ""
        if not _B64_RE.fullmatch(encoded) or len(encoded) % 4:
            raise bad(f"The Upload-Metadata value for {key!r} is not valid base64.", "bad_metadata")
        try:
            text = base64.b64decode(encoded, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise bad(
                f"The Upload-Metadata value for {key!r} is not valid base64 text.", "bad_metadata"
            ) from None
        _check_value(key, text)
        values[key] = text
    return UploadMetadata(header.strip(), values)


@dataclass(frozen=True)
class Checksum:
    """A parsed ``Upload-Checksum``: the algorithm and the expected digest bytes."""

    algorithm: str
    digest: bytes

    def new_hasher(self) -> hashlib._Hash:
        """A fresh hasher for the algorithm."""
        return hashlib.new(self.algorithm)


def parse_checksum(header: str | None) -> Checksum | None:
    """Parses ``Upload-Checksum: <algorithm> <base64 digest>``; 400 for an unsupported algorithm."""
    if header is None:
        return None
    parts = header.strip().split(" ")
    if len(parts) != 2:
        raise bad("The Upload-Checksum header must be '<algorithm> <base64 digest>'.", "bad_checksum")
    algorithm, encoded = parts
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise bad(
            f"The checksum algorithm is not supported; use one of: {', '.join(CHECKSUM_ALGORITHMS)}.",
            "checksum_algorithm_unsupported",
        )
    try:
        digest = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise bad("The Upload-Checksum digest is not valid base64.", "bad_checksum") from None
    if len(digest) != hashlib.new(algorithm).digest_size:
        raise bad("The Upload-Checksum digest has the wrong length for its algorithm.", "bad_checksum")
    return Checksum(algorithm, digest)


def content_type_is_offset_stream(header: str | None) -> bool:
    """True for ``application/offset+octet-stream`` (parameters ignored, case-insensitive)."""
    if header is None:
        return False
    return header.split(";")[0].strip().lower() == OFFSET_CONTENT_TYPE
