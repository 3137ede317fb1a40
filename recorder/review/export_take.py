"""Exports one take of a submission from the server: fresh consent check, download, export, metadata CSV.

The consent gate runs on the submission's state fetched *now*, not on what the list showed when the
dialog opened, so a withdrawal that arrived in between stops the export; the server applies the same rule
again before it hands out the video (:mod:`recorder.consent_rules`). An export for internal use only is
labelled ``INTERNAL-ONLY`` in every file name and in the metadata sheet. The video is downloaded (Range
resume, SHA-256 checked against the manifest) into a private temporary folder that is deleted afterwards:
personal videos do not linger on a shared PC. The suggested posts (:mod:`recorder.share_post`), as the
reviewer left them, are saved beside the videos (``<stem>_post_<locale>.txt``) and in the metadata sheet.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recorder.consent_rules import Use
from recorder.export import (
    ConsentState,
    Cue,
    EndCardSpec,
    ExportRefusedError,
    ExportRequest,
    ExportResult,
    Shape,
    check_exportable,
    export_clip,
)
from recorder.export.job import export_stem, safe_stem
from recorder.messages import MessageCode
from recorder.review.client import ReviewClient
from recorder.review.errors import NotFoundError, RefusedError
from recorder.review.metadata_csv import metadata_rows, write_metadata_csv
from recorder.share_post import write_posts

#: Share of the progress bar for the download (the export gets the rest).
_DOWNLOAD_WEIGHT = 0.2


@dataclass(frozen=True)
class TakeExport:
    """What one export produced."""

    result: ExportResult
    csv_path: Path | None
    post_paths: dict[str, Path] = field(default_factory=dict)  # the suggested posts by locale


def export_take(
    client: ReviewClient,
    submission_id: str,
    take_id: str,
    out_dir: Path,
    shapes: Sequence[Shape],
    *,
    use: Use = Use.SOCIAL,
    captions: Sequence[Cue] = (),
    end_card: EndCardSpec | None = None,
    tag: str = "",
    write_csv: bool = True,
    posts: Mapping[str, str] | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> TakeExport:
    """Export ``take_id`` of ``submission_id`` into ``out_dir`` in ``shapes`` for ``use``, with ``posts``
    (suggested post text by locale) saved beside the videos and in the metadata sheet.

    Raises:
        ExportRefusedError: withdrawn, expired, not approved, wording not verified, or a use the person did
            not agree to (checked against the server now, before anything is downloaded or written).
        ReviewError: the server could not be asked, or the take is missing.
        ExportError / CancelledError: from the export itself.
    """
    report = progress or (lambda _f: None)
    detail = client.detail(submission_id)
    consent = ConsentState(
        status=detail.status,
        choices=detail.consent.choices,
        wording_known=detail.consent.wording.known,
        expires_utc=detail.consent.expires_utc,
        expired=detail.consent.expired,
    )
    check_exportable(consent, use=use, shapes=shapes)
    take = next((t for t in detail.summary.takes if t.take_id == take_id), None)
    if take is None:
        raise NotFoundError(
            "This answer is not part of the submission any more.", code=MessageCode.ANSWER_NOT_IN_SUBMISSION
        )
    stem = safe_stem(f"{detail.summary.reference or submission_id[:8]}_{take.prompt_id or take.take_id}")
    with tempfile.TemporaryDirectory(prefix="voicebooth-review-") as tmp:
        try:
            clip = client.download_take(
                take_id,
                Path(tmp) / "clip.mp4",
                use=use,
                expected_sha256=take.sha256,
                progress=lambda f: report(f * _DOWNLOAD_WEIGHT),
                cancel=cancel,
            )
        except RefusedError as error:
            if error.code == "export_refused":  # the server's own check of the same rule
                raise ExportRefusedError(str(error), error.reason or "refused") from error
            raise
        request = ExportRequest(
            clip=clip, out_dir=out_dir, base_name=stem, shapes=shapes, consent=consent,
            captions=captions, end_card=end_card, use=use, tag=tag,
        )  # fmt: skip
        result = export_clip(
            request, progress=lambda f: report(_DOWNLOAD_WEIGHT + f * (1 - _DOWNLOAD_WEIGHT)), cancel=cancel
        )
    out_stem = export_stem(stem, use)
    post_paths = write_posts(out_dir, out_stem, posts or {})
    csv_path = None
    if write_csv:
        rows = metadata_rows(detail, take, result, use, posts=posts or {})
        csv_path = write_metadata_csv(out_dir / f"{out_stem}_metadata.csv", rows)
    return TakeExport(result, csv_path, post_paths)
