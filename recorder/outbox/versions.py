"""Versions of one submission folder: the files a manifest names, and take ids the server has not seen.

A person can change an answer after a send failed or was stopped, so one folder may be queued more than
once. The outbox keeps only the newest version waiting (see :meth:`recorder.outbox.Outbox.queue`). The
intake server, though, keeps a take id for the submission that first registered it (409 ``take_exists``),
and an earlier version may have registered its takes before failing. So a take that the new version
shares with an earlier *attempted* version is sent under a new id, ``<take id>.<n>``; the file on disk
and its folder stay as they are.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from recorder.outbox.store import SubmissionRecord
from recorder.submission.manifest import DELIVERABLE_NAME, SubmissionError, read_manifest
from recorder.submission.schema import ManifestError, validate_manifest


def files_for(
    folder: Path, manifest: Mapping[str, Any], take_dirs: Mapping[str, Path] | None
) -> list[dict[str, Any]]:
    """The outbox's file rows for ``manifest``: take id, deliverable path, size and SHA-256.

    Args:
        folder: the submission folder (resolved).
        manifest: the manifest to queue.
        take_dirs: take id -> take folder (default: ``folder/takes/<take id>``).
    """
    chosen = take_dirs or {}
    return [
        {
            "take_id": take["take_id"],
            "path": Path(chosen.get(take["take_id"]) or folder / "takes" / take["take_id"]).resolve()
            / DELIVERABLE_NAME,
            "size_bytes": take["size_bytes"],
            "sha256": take["sha256"],
        }
        for take in manifest["takes"]
    ]


def taken_ids(records: Iterable[SubmissionRecord]) -> set[str]:
    """Take ids the server may know: those of every version that was tried at least once."""
    return {f.take_id for record in records if record.attempts > 0 for f in record.files}


def renumber_takes(
    manifest: Mapping[str, Any], files: list[dict[str, Any]], taken: set[str]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``manifest`` and ``files`` with every take id in ``taken`` replaced by ``<id>.<n>`` (n = 2, 3...).

    Returns:
        Copies; the arguments are not changed. Without a clash they are equal to the arguments.

    Raises:
        SubmissionError: a renamed manifest no longer matches the schema (an id near the length limit).
    """
    out = copy.deepcopy(dict(manifest))
    new_files = [dict(f) for f in files]
    used = set(taken) | {take["take_id"] for take in out["takes"]}
    renamed = False
    for take, row in zip(out["takes"], new_files, strict=True):
        if take["take_id"] not in taken:
            continue
        number = 2
        while f"{take['take_id']}.{number}" in used:
            number += 1
        new_id = f"{take['take_id']}.{number}"
        used.add(new_id)
        take["take_id"] = row["take_id"] = new_id
        renamed = True
    if renamed:
        try:
            validate_manifest(out)
        except ManifestError as error:
            raise SubmissionError(str(error)) from error
    return out, new_files


def _content(manifest: Mapping[str, Any]) -> tuple[Any, ...]:
    """What a person can change between two versions besides the files: details, consent, prompts shown."""
    return (
        manifest.get("campaign_id"),
        manifest.get("locale"),
        manifest.get("person"),
        manifest.get("consent"),
        [(take.get("prompt_id"), take.get("prompt_text"), take.get("sha256")) for take in manifest["takes"]],
    )


def same_content(folder: Path, submission_id: str, manifest: Mapping[str, Any]) -> bool:
    """True when the queued version ``submission_id`` (its ``manifest.json`` in ``folder``) says the same as
    ``manifest``: the same details, consent, language and prompts (ids and times aside).

    After a failed send the person may go back and change their details or consent choices; the queued
    manifest must then be replaced, never sent as it was. An unreadable manifest counts as different.
    """
    try:
        queued = read_manifest(folder)
    except SubmissionError:
        return False
    return queued.get("submission_id") == submission_id and _content(queued) == _content(manifest)
