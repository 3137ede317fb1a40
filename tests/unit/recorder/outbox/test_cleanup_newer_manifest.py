"""Finishing the deletion of a sent version never deletes the manifest of a newer version of its folder."""

from __future__ import annotations

from pathlib import Path

from recorder.outbox.cleanup import delete_submission_files
from recorder.submission.manifest import MANIFEST_NAME, read_manifest, write_manifest
from tests.helpers.sending import MediaCache, add_take, folder_manifest, make_submission


def test_a_newer_versions_manifest_is_left_alone(tmp_path: Path, media: MediaCache) -> None:
    folder = make_submission(tmp_path / "sub", media)
    old_takes = sorted((folder / "takes").iterdir())
    add_take(folder, media.small())  # recorded into again; the new version is queued with its manifest
    newer = folder_manifest(folder)
    write_manifest(folder, newer)

    delete_submission_files(folder, old_takes, "the-sent-version")

    assert read_manifest(folder)["submission_id"] == newer["submission_id"]
    assert not any(t.exists() for t in old_takes) and len(list((folder / "takes").iterdir())) == 1

    delete_submission_files(folder, list((folder / "takes").iterdir()), newer["submission_id"])
    assert not (folder / MANIFEST_NAME).exists() and not folder.exists()
