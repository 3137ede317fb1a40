"""Builds take folders for tests directly with ffmpeg, exactly per CONTRACTS.md section 1.

video.mkv: live-style H.264 High yuv420p CFR 30 fps in Matroska (ultrafast + 8x8dct, which keeps the High
profile at ultrafast cost), a full-white frame at each whole second. audio.pcm: s16le 48 kHz, sample 0 = media
time 0, a 50 ms 1 kHz beep at each whole second (shifted by ``audio_offset_ms`` to make a deliberately out of
sync take) over a quiet 220 Hz "voice".
"""

from __future__ import annotations

import json
import secrets
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from recorder.media.ffmpeg_binary import ffmpeg_exe

#: Audio recipes: (voice amplitude, beep amplitude, gain applied before 16-bit clipping).
AUDIO_KINDS: dict[str, tuple[float, float, float]] = {
    "normal": (0.1, 0.5, 1.0),
    "quiet": (0.1, 0.5, 0.11),  # about -40 LUFS
    "loud": (0.6, 0.9, 4.0),  # driven far into clipping
    "silent": (0.0, 0.0, 0.0),
}


def make_take(
    submission_dir: Path,
    *,
    duration_s: float = 3.0,
    size: tuple[int, int] = (1280, 720),
    audio: str = "normal",
    audio_offset_ms: float = 0.0,
    channels: int = 1,
    preset: str = "ultrafast",
    profile_high: bool = True,
    frames_duplicated: int = 0,
    frames_dropped: int = 0,
    audio_duration_s: float | None = None,
) -> Path:
    """Writes a stopped take folder under ``submission_dir/takes/`` and returns it."""
    take_id = "t" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
    take_dir = submission_dir / "takes" / take_id
    take_dir.mkdir(parents=True)
    width, height = size
    fps = 30
    frames = round(duration_s * fps)
    flash = "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(mod(n\\,30)\\,0)'"
    x264 = ["-x264-params", "8x8dct=1"] if profile_high and preset == "ultrafast" else []
    profile = ["-profile:v", "high"] if profile_high else ["-profile:v", "baseline"]
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-y", "-loglevel", "error",
         "-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate={fps}",
         "-vf", flash, "-frames:v", str(frames),
         "-c:v", "libx264", "-preset", preset, *x264, *profile, "-pix_fmt", "yuv420p", "-g", str(fps),
         str(take_dir / "video.mkv")],
        check=True,
    )  # fmt: skip
    voice, beep, gain = AUDIO_KINDS[audio]
    offset_s = audio_offset_ms / 1000.0
    audio_s = duration_s if audio_duration_s is None else audio_duration_s
    expr = (
        f"clip({gain}*({voice}*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*3*t))"
        f"+{beep}*gte(t-{offset_s},0)*lt(mod(t-{offset_s},1),0.05)*sin(2*PI*1000*t)),-1,1)"
    )
    exprs = "|".join([expr] * channels)
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-y", "-loglevel", "error",
         "-f", "lavfi", "-i", f"aevalsrc=exprs='{exprs}':s=48000:d={audio_s}",
         "-f", "s16le", "-ac", str(channels), str(take_dir / "audio.pcm")],
        check=True,
    )  # fmt: skip
    samples = (take_dir / "audio.pcm").stat().st_size // (2 * channels)
    journal = {
        "schema": 1,
        "take_id": take_id,
        "prompt_id": None,
        "state": "stopped",
        "created_utc": datetime.now(UTC).isoformat(),
        "video": {"width": width, "height": height, "fps": fps, "codec": "h264"},
        "audio": {"rate_hz": 48000, "channels": channels},
        "t0_ns": 0,
        "frames_written": frames,
        "frames_duplicated": frames_duplicated,
        "frames_dropped": frames_dropped,
        "audio_samples_written": samples,
        "stop_reason": None,
        "error": None,
    }
    (take_dir / "journal.json").write_text(json.dumps(journal, indent=2), encoding="utf-8")
    return take_dir


def make_sync_clip(path: Path, *, duration_s: float = 6.0, size: tuple[int, int] = (640, 360)) -> Path:
    """An MP4 clip for ``file:`` sources: white frame and 50 ms 1 kHz beep at each whole second, in sync."""
    width, height = size
    flash = "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(mod(n\\,30)\\,0)'"
    beep = "0.5*lt(mod(t\\,1)\\,0.05)*sin(2*PI*1000*t)"
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-y", "-loglevel", "error",
         "-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate=30:duration={duration_s}",
         "-f", "lavfi", "-i", f"aevalsrc=exprs='{beep}':s=48000:d={duration_s}",
         "-vf", flash, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "128k", "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path
