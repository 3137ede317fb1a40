"""Benchmark: exporting a 60 s 720p clip in 16:9, 9:16 and 1:1 vs a plain ffmpeg re-encode at the same size.

Ours: :func:`recorder.export.export_clip` for all three shapes with captions and the default campaign's end
card (face analysis once, then one render per shape). Reference, run in the same script on the same clip:
for each shape one plain ffmpeg command that centre-crops and scales to the same output size with the
same encoder settings (libx264 veryfast CRF 20, AAC 128k, +faststart) — no face tracking, captions or
card. The clip is a moving face over a plain background, so the face tracker has real work to do.

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_export.py [--duration 60]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recorder.campaign import load_campaign
from recorder.export import EndCardSpec, ExportRequest, Shape, export_clip, parse_srt
from recorder.export.render import CRF, PRESET
from recorder.export.shapes import Size, crop_window, output_size
from recorder.media.ffmpeg_binary import ffmpeg_exe
from tests.unit.recorder.export.consent_states import approved_consent
from tests.unit.recorder.export.moving_face import make_moving_face_clip


def reference_encode(clip: Path, out: Path, shape: Shape, source: Size) -> None:
    """A plain centre crop + scale + re-encode at the export's size and settings."""
    window, size = crop_window(shape, source), output_size(shape, source)
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-y", "-loglevel", "error", "-i", str(clip),
         "-vf", f"crop={window.width_px}:{window.height_px},scale={size.width_px}:{size.height_px}",
         "-c:v", "libx264", "-preset", PRESET, "-crf", str(CRF), "-profile:v", "high", "-pix_fmt", "yuv420p",
         "-r", "30", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-movflags", "+faststart", str(out)],
        check=True,
    )  # fmt: skip


def captions_for(duration_s: float) -> str:
    """One caption every 3 seconds, like a typed transcript."""
    lines = []
    for i, start in enumerate(range(0, int(duration_s) - 1, 3)):
        lines.append(
            f"{i + 1}\n00:{start // 60:02d}:{start % 60:02d},000 --> 00:{(start + 2) // 60:02d}:"
            f"{(start + 2) % 60:02d},900\nThis is caption number {i + 1} of the transcript.\n"
        )
    return "\n".join(lines)


def main() -> None:
    """Builds the clip, times ours and the reference, prints both and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="clip length in seconds")
    args = parser.parse_args()
    campaign = load_campaign()
    assert campaign.end_card is not None
    card = campaign.end_card
    end_card = EndCardSpec(card.text.get("en"), card.duration_s, card.background, card.text_colour)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        clip = make_moving_face_clip(Path(tmp) / "clip.mp4", duration_s=args.duration).path
        built_s = time.perf_counter() - started
        print(f"built a {args.duration:.0f} s 1280x720 moving-face clip in {built_s:.1f} s")
        source = Size(1280, 720)

        request = ExportRequest(
            clip, Path(tmp) / "ours", "bench", list(Shape), approved_consent(),
            captions=parse_srt(captions_for(args.duration)), end_card=end_card,
        )  # fmt: skip
        started = time.perf_counter()
        result = export_clip(request)
        ours_s = time.perf_counter() - started
        steps = ", ".join(f"{k} {v:.2f} s" for k, v in result.timings_s.items())
        print(f"ours:      {ours_s:6.2f} s  all three shapes, captions, end card ({steps}); face found: "
              f"{result.face_found}")  # fmt: skip

        ref_total_s = 0.0
        for shape in Shape:
            started = time.perf_counter()
            reference_encode(clip, Path(tmp) / f"ref_{shape.slug}.mp4", shape, source)
            took_s = time.perf_counter() - started
            ref_total_s += took_s
            ours_shape_s = result.timings_s[f"render_{shape.slug}"]
            print(f"  {shape.value:>5}: ours render {ours_shape_s:6.2f} s, plain re-encode {took_s:6.2f} s, "
                  f"ratio {ours_shape_s / took_s:4.2f}x")  # fmt: skip
        print(f"reference: {ref_total_s:6.2f} s  three plain centre-crop re-encodes at the same sizes")
        print(f"ratio:     {ours_s / ref_total_s:6.2f}x the reference's time (ours includes face analysis, "
              "captions and a 3 s end card per shape)")  # fmt: skip
        load = re.sub(r"\s+", " ", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
        print(f"machine:   {load}")


if __name__ == "__main__":
    main()
