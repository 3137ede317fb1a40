"""Builds test clips for export tests: a face moving across a plain background, with a known path."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg

FACE_JPG = Path(__file__).resolve().parents[3] / "data" / "face_public_domain.jpg"
#: The face image is shown at twice its size; Haar finds its face at (38, 42, 95, 95) in the original.
SCALE = 2
FACE_IN_IMAGE = (38 * SCALE, 42 * SCALE, 95 * SCALE, 95 * SCALE)
IMAGE_Y_PX = 150


@dataclass(frozen=True)
class MovingFace:
    """A clip whose face moves right for half the clip, then back left (a triangle path)."""

    path: Path
    duration_s: float
    x_from_px: float
    x_to_px: float

    def image_x(self, t_s: float) -> float:
        half = self.duration_s / 2
        progress = t_s / half if t_s <= half else (self.duration_s - t_s) / half
        return self.x_from_px + (self.x_to_px - self.x_from_px) * max(0.0, min(1.0, progress))

    def face_box(self, t_s: float) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the face in source pixels at ``t_s``."""
        fx, fy, fw, fh = FACE_IN_IMAGE
        return self.image_x(t_s) + fx, IMAGE_Y_PX + fy, fw, fh


def make_moving_face_clip(
    path: Path, duration_s: float = 4.0, x_from_px: float = 20.0, x_to_px: float = 920.0
) -> MovingFace:
    """Composites the public-domain face over a grey 1280x720 background, moving on a triangle path."""
    half = duration_s / 2
    x_expr = f"{x_from_px}+({x_to_px}-{x_from_px})*if(lte(t,{half}),t/{half},({duration_s}-t)/{half})"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error",
         "-f", "lavfi", "-i", f"color=c=0x6a7a86:s=1280x720:r=30:d={duration_s}",
         "-loop", "1", "-framerate", "30", "-i", str(FACE_JPG),
         "-f", "lavfi", "-i", f"sine=frequency=330:sample_rate=48000:duration={duration_s}",
         "-filter_complex",
         f"[1:v]scale=iw*{SCALE}:ih*{SCALE}[f];[0:v][f]overlay=x='{x_expr}':y={IMAGE_Y_PX}:shortest=1[v]",
         "-map", "[v]", "-map", "2:a", "-c:v", "libx264", "-preset", "superfast", "-profile:v", "high",
         "-pix_fmt", "yuv420p", "-r", "30", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
         "-t", str(duration_s), "-movflags", "+faststart", str(path)],
        check=True,
    )  # fmt: skip
    return MovingFace(path, duration_s, x_from_px, x_to_px)
