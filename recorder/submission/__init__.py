"""Submission packaging: the versioned manifest schema, building a manifest, the --details file."""

from recorder.submission.details import Details, parse_details, read_details
from recorder.submission.manifest import (
    MANIFEST_NAME,
    SubmissionError,
    TakeEntry,
    build_manifest,
    consent_record,
    finished_takes,
    person_record,
    read_manifest,
    write_manifest,
)
from recorder.submission.schema import ManifestError, validate_manifest
from recorder.takes.files import sha256_file

__all__ = [
    "MANIFEST_NAME",
    "Details",
    "ManifestError",
    "SubmissionError",
    "TakeEntry",
    "build_manifest",
    "consent_record",
    "finished_takes",
    "parse_details",
    "person_record",
    "read_details",
    "read_manifest",
    "sha256_file",
    "validate_manifest",
    "write_manifest",
]
