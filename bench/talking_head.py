"""A realistic talking-head source for size and quality benchmarks: what a laptop webcam in a dim room gives.

A real photograph of a person (public domain, tests/data/README.md) sways slowly over a real photographed
background, the whole picture jitters by a pixel or two as a hand-held or wobbly laptop camera does, and every
frame gets fresh Gaussian sensor noise (sigma 4 levels). The sound is speech-like noise bursts with pauses.
Written losslessly (H.264 qp 0, yuv420p; FLAC) so that it is both the camera's frames for ``file:`` sources
and the reference VMAF is measured against.
"""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import cv2
import numpy as np

from recorder.media.ffmpeg_binary import ffmpeg_exe

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
PERSON_JPG = DATA / "astronaut_portrait_public_domain.jpg"
BACKGROUND_JPG = DATA / "background_rocket_public_domain.jpg"
FPS = 30
SPEECH = (
    "anoisesrc=c=pink:a=0.25:seed=11:d={d},"
    "lowpass=f=3400,highpass=f=120,"
    "volume='if(lt(mod(t\\,3.1)\\,0.7)\\,0.02\\,0.3+abs(sin(7*t)*sin(2.3*t)))':eval=frame"
)


def make_talking_head(
    path: Path,
    duration_s: float,
    *,
    size: tuple[int, int] = (1280, 720),
    noise_sigma: float = 4.0,
    seed: int = 6,
) -> Path:
    """Writes the lossless source (module docstring) to ``path`` (.mkv) and returns it."""
    width, height = size
    person = cv2.imread(str(PERSON_JPG))
    background_small = cv2.imread(str(BACKGROUND_JPG))
    if person is None or background_small is None:
        raise FileNotFoundError(f"{PERSON_JPG} or {BACKGROUND_JPG}")
    margin = 8  # room for the camera's jitter
    background = cv2.resize(
        background_small, (width + 2 * margin, height + 2 * margin), interpolation=cv2.INTER_CUBIC
    )
    scale = 0.95 * height / person.shape[0]
    person = cv2.resize(person, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    ph, pw = person.shape[:2]
    rng = np.random.default_rng(seed)
    # Fresh-looking noise every frame at a fraction of the cost: random windows into a larger noise field.
    field = rng.normal(0.0, noise_sigma, (height + 64, width + 64, 3)).astype(np.float32)
    cmd = [
        ffmpeg_exe(), "-nostdin", "-y", "-loglevel", "error",
        "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{width}x{height}", "-r", str(FPS), "-i", "pipe:0",
        "-f", "lavfi", "-i", SPEECH.format(d=duration_s),
        "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0",
        "-pix_fmt", "yuv420p", "-c:a", "flac", "-ar", "48000", "-ac", "1",
        "-t", f"{duration_s:.3f}", str(path),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    jitter = np.zeros(2)
    canvas = np.empty_like(background)
    try:
        for n in range(round(duration_s * FPS)):
            t = n / FPS
            canvas[:] = background
            # Slow sway and nod of someone talking.
            x = round(
                margin + width / 2 - pw / 2 + 70 * math.sin(2 * math.pi * 0.21 * t) + 20 * math.sin(4.1 * t)
            )
            y = round(margin + height - ph + 12 + 10 * math.sin(2 * math.pi * 0.37 * t))
            canvas[y : y + ph, x : x + pw] = person[: height + 2 * margin - y]
            jitter = np.clip(jitter * 0.8 + rng.normal(0.0, 0.6, 2), -margin + 1, margin - 1)
            jx, jy = (round(float(v)) + margin for v in jitter)
            frame = canvas[jy : jy + height, jx : jx + width].astype(np.float32)
            ox, oy = rng.integers(0, 64, 2)
            frame += field[oy : oy + height, ox : ox + width]
            proc.stdin.write(np.clip(frame, 0, 255).astype(np.uint8).tobytes())
        proc.stdin.close()
    except BrokenPipeError:
        pass
    stderr = proc.stderr.read() if proc.stderr else b""
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg could not write {path}: {stderr.decode(errors='replace')[-500:]}")
    return path
