"""Builds and runs the one ffmpeg command that renders one shape: crop, scale, captions, end card, encode.

Filter graph (``-filter_complex``)::

    [0:v] setpts → crop (x, y follow the face path) → scale → setsar → fps → [captions] → yuv420p  [v0]
    [0:a] asetpts → 48 kHz stereo                                                                  [a0]
    color (campaign background) → end-card text → yuv420p                                         [v1]
    anullsrc (silence for the card)                                                                [a1]
    [v0][a0][v1][a1] concat                                                                        [v][a]

Text is drawn by the ``subtitles`` filter from ASS files written into the job's work folder; their paths go
through both levels of ffmpeg's filtergraph escaping (:func:`filter_path`), because Windows drive
letters, backslashes and names like O'Brien in a user folder would otherwise break the graph.
Output: H.264 High yuv420p 30 fps, AAC-LC 48 kHz 128 kb/s, ``+faststart`` (the deliverable's spec),
written to a ``.part`` file and renamed only when complete, so a cancelled or failed export leaves
nothing half-written.
"""

from __future__ import annotations

import functools
import os
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from recorder.export.ass import captions_document, end_card_document
from recorder.export.crop_path import CropPath
from recorder.export.shapes import Shape, Size
from recorder.export.srt import Cue
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.run import run_ffmpeg

FPS = 30
#: x264 speed/quality trade-off for exports: "veryfast" at CRF 20 looks clean at 720p on a phone.
PRESET = "veryfast"
CRF = 20


class RenderError(RuntimeError):
    """The export cannot be rendered; the message is plain English."""


@dataclass(frozen=True)
class EndCardSpec:
    """The end card in one language: text (``\\n`` between lines), length and colours (``#RRGGBB``)."""

    text: str
    duration_s: float
    background: str = "#005EB8"
    text_colour: str = "#FFFFFF"


@dataclass(frozen=True)
class ShapeJob:
    """Everything needed to render one shape of one clip."""

    clip: Path
    has_audio: bool
    duration_s: float
    shape: Shape
    crop: CropPath | None  # None: the source already has the shape's aspect
    size: Size
    captions: Sequence[Cue] = ()
    end_card: EndCardSpec | None = None
    tag: str = ""  # the campaign's hashtags, drawn with burned-in captions


@functools.lru_cache(maxsize=4)
def draws_text(exe: str) -> bool:
    """Whether the ffmpeg at ``exe`` has the ``subtitles`` filter (built with libass)."""
    try:
        listing = subprocess.run(
            [exe, "-hide_banner", "-filters"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(line.split()[1:2] == ["subtitles"] for line in listing.splitlines())


def filter_path(path: Path) -> str:
    """``path`` escaped for use as a filter option value inside ``-filter_complex``.

    Level 1 (the filter's own option parser): the value in single quotes, a quote written ``'\\''``.
    Level 2 (the graph parser): a backslash before each of ``\\ ' [ ] , ;``.
    """
    quoted = "'" + str(path).replace("'", "'\\''") + "'"
    return "".join("\\" + ch if ch in "\\'[],;" else ch for ch in quoted)


def filter_graph(job: ShapeJob, captions_file: Path | None, card_file: Path | None) -> str:
    """The ``-filter_complex`` text for ``job``."""
    out = job.size
    video = ["setpts=PTS-STARTPTS"]
    if job.crop is not None:
        window = job.crop.window
        video.append(
            f"crop=w={window.width_px}:h={window.height_px}"
            f":x='{job.crop.x_expression()}':y='{job.crop.y_expression()}'"
        )
    video += [f"scale={out.width_px}:{out.height_px}:flags=bicubic", "setsar=1", f"fps={FPS}"]
    if captions_file is not None:
        video.append(f"subtitles=filename={filter_path(captions_file)}")
    video.append("format=yuv420p")
    audio_format = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo"
    if job.has_audio:
        audio = f"[0:a]asetpts=PTS-STARTPTS,{audio_format}[a0]"
    else:
        audio = f"anullsrc=r=48000:cl=stereo,atrim=duration={job.duration_s:.3f},{audio_format}[a0]"
    parts = [f"[0:v]{','.join(video)}[v0]", audio]
    if job.end_card is None:
        parts.append("[v0]null[v];[a0]anull[a]")
        return ";".join(parts)
    card = job.end_card
    colour = "0x" + card.background[1:]
    card_video = [f"color=c={colour}:s={out.width_px}x{out.height_px}:r={FPS}:d={card.duration_s:.3f}"]
    if card_file is not None:
        card_video.append(f"subtitles=filename={filter_path(card_file)}")
    card_video += ["setsar=1", "format=yuv420p"]
    parts.append(f"{','.join(card_video)}[v1]")
    parts.append(f"anullsrc=r=48000:cl=stereo,atrim=duration={card.duration_s:.3f},{audio_format}[a1]")
    parts.append("[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]")
    return ";".join(parts)


def render_shape(
    job: ShapeJob,
    out_path: Path,
    work_dir: Path,
    *,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Renders ``job`` to ``out_path`` (atomically).

    Raises:
        RenderError: text was asked for but this ffmpeg cannot draw it.
        recorder.media.run.CancelledError: ``cancel`` was set (no output left behind).
        recorder.media.run.FfmpegError: ffmpeg failed (plain English; stderr tail for logs).
    """
    exe = ffmpeg_exe()
    wants_text = bool(job.captions) or (job.end_card is not None and job.end_card.text.strip() != "")
    if wants_text and not draws_text(exe):
        raise RenderError(
            "This copy of the video tool cannot draw text (it was built without libass), so captions "
            "and the end card cannot be added. Export without them, or ask IT for the standard build."
        )
    work_dir.mkdir(parents=True, exist_ok=True)
    captions_file = card_file = None
    if job.captions:
        captions_file = work_dir.resolve() / f"captions-{job.shape.slug}.ass"
        captions_file.write_text(
            captions_document(job.captions, job.shape, job.size, tag=job.tag, duration_s=job.duration_s),
            encoding="utf-8",
        )
    if job.end_card is not None and job.end_card.text.strip():
        card_file = work_dir.resolve() / f"card-{job.shape.slug}.ass"
        card_file.write_text(
            end_card_document(job.end_card.text, job.size, job.end_card.duration_s, job.end_card.text_colour),
            encoding="utf-8",
        )
    part = out_path.with_name(out_path.stem + ".part" + out_path.suffix)
    total_s = job.duration_s + (job.end_card.duration_s if job.end_card else 0.0)
    args = [
        "-y", "-loglevel", "error", "-i", str(job.clip.resolve()),
        "-filter_complex", filter_graph(job, captions_file, card_file),
        "-map", "[v]", "-map", "[a]",
        "-c:v", "libx264", "-preset", PRESET, "-crf", str(CRF), "-profile:v", "high", "-pix_fmt", "yuv420p",
        "-r", str(FPS), "-c:a", "aac", "-b:a", "128k", "-ar", "48000",
        "-movflags", "+faststart", str(part.resolve()),
    ]  # fmt: skip
    try:
        run_ffmpeg(
            args,
            duration_s=total_s,
            progress=progress,
            cancel=cancel,
            what=f"export the {job.shape.value} video",
        )
        os.replace(part, out_path)
    finally:
        part.unlink(missing_ok=True)
    return out_path
