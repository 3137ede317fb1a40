"""Exports one approved clip in the chosen shapes: consent gate, face analysis once, one render per shape.

State of a job::

    check consent and use ──refused──> ExportRefusedError (nothing written)
         │
    probe the clip ──unreadable──> ExportError
         │
    find faces (only when a shape needs a crop) ──> plan a crop path per shape
         │
    render each shape (.part file, renamed when complete) ──cancel──> CancelledError, no outputs left
         │
    ExportResult (files by shape, whether a face was found, timings)

Progress is one fraction 0..1 for the whole job; cancel is a :class:`threading.Event` checked throughout.
"""

from __future__ import annotations

import logging
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from recorder.consent_rules import INTERNAL_ONLY, Use
from recorder.export.consent import ConsentState, check_exportable
from recorder.export.crop_path import CropPath, plan_crop
from recorder.export.faces import DEFAULT_SAMPLE_FPS, FaceFinder, FaceTrack, track_faces
from recorder.export.render import EndCardSpec, RenderError, ShapeJob, render_shape
from recorder.export.shapes import Shape, Size, crop_window, output_size
from recorder.export.srt import Cue
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.probe import ProbeError, probe_video
from recorder.media.run import CancelledError, FfmpegError

__all__ = ["CancelledError", "ExportError", "ExportRequest", "ExportResult", "export_clip", "export_stem"]

log = logging.getLogger(__name__)

#: Share of the progress bar given to face analysis when it runs (the renders share the rest).
_ANALYSIS_WEIGHT = 0.15


class ExportError(RuntimeError):
    """The export failed; ``str(error)`` is plain English."""


@dataclass(frozen=True)
class ExportRequest:
    """What to export and how.

    Attributes:
        clip: the take's deliverable MP4 (downloaded from the server).
        out_dir: where the exported files go (created if missing).
        base_name: file name stem, e.g. the reference code and prompt id (made safe for file names).
        shapes: the shapes wanted, each exported once.
        consent: the submission's status and consent, fetched just before exporting.
        captions: burned-in captions (none when empty).
        tag: the campaign's hashtags, drawn in a corner for as long as burned-in captions are (when any).
        end_card: the campaign end card in the export's language (None: no card).
        sample_fps: frames a second analysed for faces.
        now_utc: the time consent expiry is judged at (None: now).
        use: what the export is for: public social media (needs the person's Yes), or internal
            communications only (16:9; every file name says ``INTERNAL-ONLY``).
    """

    clip: Path
    out_dir: Path
    base_name: str
    shapes: Sequence[Shape]
    consent: ConsentState
    captions: Sequence[Cue] = ()
    tag: str = ""
    end_card: EndCardSpec | None = None
    sample_fps: float = DEFAULT_SAMPLE_FPS
    now_utc: datetime | None = None
    use: Use = Use.SOCIAL


@dataclass(frozen=True)
class ExportResult:
    """The exported files and what happened on the way."""

    files: dict[Shape, Path]
    face_found: bool | None  # None: no shape needed a crop, so no face analysis ran
    crop_paths: dict[Shape, CropPath]
    timings_s: dict[str, float] = field(default_factory=dict)


def safe_stem(name: str) -> str:
    """``name`` reduced to letters, digits, ``-`` and ``_`` (never empty, never a path)."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")
    return stem[:80] or "export"


def export_stem(base_name: str, use: Use) -> str:
    """The file name stem of an export: ``base_name`` made safe, labelled ``INTERNAL-ONLY`` for that use."""
    stem = safe_stem(base_name)
    return f"{stem}_{INTERNAL_ONLY}" if use is Use.INTERNAL else stem


def export_clip(
    request: ExportRequest,
    *,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Runs the whole export (module docstring). Safe to call from any thread.

    Raises:
        ExportRefusedError: consent is withdrawn or expired, the submission is not approved, its wording
            is not verified, or the use is not one the person agreed to (:mod:`recorder.consent_rules`).
        ExportError: the clip cannot be read, or a shape cannot be rendered (plain English).
        CancelledError: ``cancel`` was set; no exported file is left behind.
    """
    check_exportable(request.consent, request.now_utc, use=request.use, shapes=request.shapes)
    if not request.shapes:
        raise ExportError("Choose at least one shape to export.")
    shapes = list(dict.fromkeys(request.shapes))
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        info = probe_video(request.clip)
    except ProbeError as error:
        raise ExportError(f"The video cannot be exported: {error}") from error
    if not info.duration_s or info.width < 2 or info.height < 2:
        raise ExportError("The video cannot be exported: its length or picture size cannot be read.")
    source = Size(info.width, info.height)
    has_audio = _has_audio(request.clip)
    timings["probe"] = time.perf_counter() - started
    report = progress or (lambda _fraction: None)
    needs_crop = [s for s in shapes if crop_window(s, source) != source]
    analysis_weight = _ANALYSIS_WEIGHT if needs_crop else 0.0
    track: FaceTrack | None = None
    if needs_crop:
        started = time.perf_counter()
        try:
            track = track_faces(
                request.clip,
                source,
                info.duration_s,
                source_fps=info.fps or 30.0,
                sample_fps=request.sample_fps,
                finder=FaceFinder(),
                progress=lambda f: report(f * analysis_weight),
                cancel=cancel,
            )
        except FfmpegError as error:
            raise ExportError(str(error)) from error
        timings["faces"] = time.perf_counter() - started
    crops = {s: plan_crop(track, crop_window(s, source)) for s in needs_crop if track is not None}
    request.out_dir.mkdir(parents=True, exist_ok=True)
    stem = export_stem(request.base_name, request.use)
    done: dict[Shape, Path] = {}
    share = (1.0 - analysis_weight) / len(shapes)
    try:
        with tempfile.TemporaryDirectory(prefix="voicebooth-export-") as work:
            for index, shape in enumerate(shapes):
                started = time.perf_counter()
                base = analysis_weight + index * share
                job = ShapeJob(
                    clip=request.clip,
                    has_audio=has_audio,
                    duration_s=info.duration_s,
                    shape=shape,
                    crop=crops.get(shape),
                    size=output_size(shape, source),
                    captions=tuple(request.captions),
                    tag=request.tag,
                    end_card=request.end_card,
                )
                out = request.out_dir / f"{stem}_{shape.slug}.mp4"
                done[shape] = render_shape(
                    job, out, Path(work), progress=_scaled(report, base, share), cancel=cancel
                )
                timings[f"render_{shape.slug}"] = time.perf_counter() - started
    except BaseException as error:
        for path in done.values():  # all or nothing: a cancelled or failed export leaves no files
            path.unlink(missing_ok=True)
        if isinstance(error, FfmpegError | RenderError):
            log.warning("Export failed: %s %s", error, getattr(error, "stderr_tail", ""))
            raise ExportError(str(error)) from error
        if isinstance(error, OSError):
            raise ExportError(
                f"The exported files could not be written: {error.strerror or error}."
            ) from error
        raise
    report(1.0)
    return ExportResult(
        files=done,
        face_found=track.found_any if track is not None else None,
        crop_paths=crops,
        timings_s=timings,
    )


def _scaled(report: Callable[[float], None], base: float, share: float) -> Callable[[float], None]:
    """A progress function mapping 0..1 onto ``base .. base + share`` of ``report``."""
    return lambda fraction: report(base + fraction * share)


def _has_audio(clip: Path) -> bool:
    """Whether ``clip`` has an audio stream (from ffmpeg's banner; imageio-ffmpeg has no ffprobe)."""
    banner = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-hide_banner", "-i", str(clip)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stderr
    return re.search(r"Stream #\d+:\d+.*: Audio:", banner) is not None
