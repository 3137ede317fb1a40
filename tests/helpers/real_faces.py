"""Clips of real photographed faces moving over a real photographed background, with the true face path.

The face detector is judged on photographs, not drawn faces: two public-domain portraits (tests/data/README.md
says where each came from) are scaled so the face is a chosen width, pasted onto a public-domain photograph
scaled to the frame, moved at a constant speed (bouncing between the frame's sides) and given webcam-like
sensor noise, then encoded as the live recorder does (libx264 ultrafast, CRF 21, yuv420p, 30 fps).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from recorder.media.ffmpeg_binary import ffmpeg_exe

DATA = Path(__file__).resolve().parents[1] / "data"
BACKGROUND_JPG = DATA / "background_rocket_public_domain.jpg"


@dataclass(frozen=True)
class Portrait:
    """A photograph and where its face is in it (x, y, width, height in the photograph's pixels)."""

    name: str
    path: Path
    face: tuple[int, int, int, int]


#: Eileen Collins (NASA) and Grace Hopper (US Navy); face boxes as OpenCV's frontal cascade finds them.
PORTRAITS = (
    Portrait("collins", DATA / "face_public_domain.jpg", (38, 42, 95, 95)),
    Portrait("hopper", DATA / "face_hopper_public_domain.jpg", (35, 21, 56, 56)),
)


@dataclass(frozen=True)
class RealFaceClip:
    """A clip whose face moves at ``speed_px_s``, ``face_width_px`` wide; :meth:`face_box` is the truth."""

    path: Path
    size: tuple[int, int]
    duration_s: float
    fps: float
    face_width_px: float
    speed_px_s: float
    image_size: tuple[int, int]  # the pasted photograph's (width, height)
    face_in_image: tuple[float, float, float, float]
    x_range: tuple[float, float]
    y_px: float

    def image_x(self, t_s: float) -> float:
        """Left edge of the photograph at ``t_s``: constant speed, bouncing between the ends of x_range."""
        low, high = self.x_range
        span = high - low
        travelled = (self.speed_px_s * t_s) % (2 * span) if span > 0 else 0.0
        return low + (travelled if travelled <= span else 2 * span - travelled)

    def face_box(self, t_s: float) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the face in frame pixels at ``t_s`` (whole-pixel positions, as drawn)."""
        fx, fy, fw, fh = self.face_in_image
        return round(self.image_x(t_s)) + fx, self.y_px + fy, fw, fh


def make_real_face_clip(
    path: Path,
    portrait: Portrait,
    face_width_px: float,
    *,
    speed_px_s: float = 150.0,
    duration_s: float = 6.0,
    size: tuple[int, int] = (1280, 720),
    fps: float = 30.0,
    x_range: tuple[float, float] | None = None,
    y_px: float | None = None,
    noise_sigma: float = 4.0,
    seed: int = 16,
) -> RealFaceClip:
    """Writes the clip (module docstring) and returns its description with the true face path.

    Args:
        path: the MP4 to write.
        portrait: which photograph.
        face_width_px: the face's width in the frame.
        speed_px_s: horizontal speed of the face.
        duration_s / size / fps: the clip's length, frame size and rate.
        x_range: where the photograph's left edge moves between (default: most of the frame's width).
        y_px: the photograph's top edge (default: the face a third of the way down the frame).
        noise_sigma: standard deviation of the Gaussian sensor noise, in 0-255 levels.
        seed: the noise's random seed (the clip is the same every run).
    """
    width, height = size
    photo = cv2.imread(str(portrait.path))
    background_small = cv2.imread(str(BACKGROUND_JPG))
    assert photo is not None and background_small is not None, (portrait.path, BACKGROUND_JPG)
    background = cv2.resize(background_small, size, interpolation=cv2.INTER_CUBIC)
    scale = face_width_px / portrait.face[2]
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    pasted = cv2.resize(photo, None, fx=scale, fy=scale, interpolation=interpolation)
    ph, pw = pasted.shape[:2]
    face_in_image = tuple(v * scale for v in portrait.face)
    if x_range is None:
        x_range = (0.05 * width, width - pw - 0.05 * width)
    if y_px is None:
        y_px = round(height / 3 - face_in_image[1] - face_in_image[3] / 2)
    clip = RealFaceClip(
        path, size, duration_s, fps, face_width_px, speed_px_s, (pw, ph),
        (face_in_image[0], face_in_image[1], face_in_image[2], face_in_image[3]), x_range, float(y_px),
    )  # fmt: skip
    rng = np.random.default_rng(seed)
    # A few noise fields used in turn: fresh noise on every frame costs more than the rest of the clip.
    noises = [rng.normal(0.0, noise_sigma, (height, width, 3)).astype(np.float32) for _ in range(7)]
    cmd = [
        ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "bgr24",
        "-s", f"{width}x{height}", "-r", f"{fps:g}", "-i", "pipe:0",
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "21", "-pix_fmt", "yuv420p", str(path),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    top = int(y_px)
    for n in range(round(duration_s * fps)):
        frame = background.copy()
        left = round(clip.image_x(n / fps))
        frame[top : top + ph, left : left + pw] = pasted
        noisy = np.clip(frame + noises[n % len(noises)], 0, 255).astype(np.uint8)
        proc.stdin.write(noisy.tobytes())
    proc.stdin.close()
    stderr = proc.stderr.read() if proc.stderr else b""
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg could not write {path}: {stderr.decode(errors='replace')[-500:]}")
    return clip


def matches(found: tuple[float, float, float, float], truth: tuple[float, float, float, float]) -> bool:
    """Whether a detected box is the true face: centres within half a face, widths within 0.6-1.6x."""
    fx, fy, fw, fh = found
    tx, ty, tw, th = truth
    close = abs((fx + fw / 2) - (tx + tw / 2)) <= tw / 2 and abs((fy + fh / 2) - (ty + th / 2)) <= th / 2
    return close and 0.6 <= fw / tw <= 1.6
