"""Exports one take of a submission from the server: fresh consent check, download, export, metadata CSV.

The consent gate runs on the submission's state fetched *now*, not on what the list showed when the
dialog opened, so a withdrawal that arrived in between stops the export. The video is downloaded (Range
resume, SHA-256 checked against the manifest) into a private temporary folder that is deleted afterwards:
personal videos do not linger on a shared PC.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from recorder.export import (
    ConsentState,
    Cue,
    EndCardSpec,
    ExportRequest,
    ExportResult,
    Shape,
    check_exportable,
    export_clip,
)
from recorder.export.job import safe_stem
from recorder.review.client import ReviewClient
from recorder.review.errors import NotFoundError
from recorder.review.metadata_csv import metadata_rows, write_metadata_csv

#: Share of the progress bar for the download (the export gets the rest).
_DOWNLOAD_WEIGHT = 0.2


@dataclass(frozen=True)
class TakeExport:
    """What one export produced."""

    result: ExportResult
    csv_path: Path | None


def export_take(
    client: ReviewClient,
    submission_id: str,
    take_id: str,
    out_dir: Path,
    shapes: Sequence[Shape],
    *,
    captions: Sequence[Cue] = (),
    end_card: EndCardSpec | None = None,
    write_csv: bool = True,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> TakeExport:
    """Export ``take_id`` of ``submission_id`` into ``out_dir`` in ``shapes``.

    Raises:
        ExportRefusedError: withdrawn, expired, or not approved (checked against the server now).
        ReviewError: the server could not be asked, or the take is missing.
        ExportError / CancelledError: from the export itself.
    """
    report = progress or (lambda _f: None)
    detail = client.detail(submission_id)
    status = "expired" if detail.consent.expired and detail.status != "withdrawn" else detail.status
    consent = ConsentState(status, detail.consent.expires_utc)
    check_exportable(consent)
    take = next((t for t in detail.summary.takes if t.take_id == take_id), None)
    if take is None:
        raise NotFoundError("This answer is not part of the submission any more.")
    stem = safe_stem(f"{detail.summary.reference or submission_id[:8]}_{take.prompt_id or take.take_id}")
    with tempfile.TemporaryDirectory(prefix="voicebooth-review-") as tmp:
        clip = client.download_take(
            take_id,
            Path(tmp) / "clip.mp4",
            expected_sha256=take.sha256,
            progress=lambda f: report(f * _DOWNLOAD_WEIGHT),
            cancel=cancel,
        )
        request = ExportRequest(
            clip=clip, out_dir=out_dir, base_name=stem, shapes=shapes, consent=consent,
            captions=captions, end_card=end_card,
        )  # fmt: skip
        result = export_clip(
            request, progress=lambda f: report(_DOWNLOAD_WEIGHT + f * (1 - _DOWNLOAD_WEIGHT)), cancel=cancel
        )
    csv_path = None
    if write_csv:
        csv_path = write_metadata_csv(out_dir / f"{stem}_metadata.csv", metadata_rows(detail, take, result))
    return TakeExport(result, csv_path)
