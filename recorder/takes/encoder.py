"""The live video encoder: raw BGR frames through stdin into an ffmpeg process writing H.264 in Matroska.

Built with ffmpeg-python on the configured ffmpeg binary. Settings are chosen so that a crash loses at most
about half a second (x264 looks 10 frames ahead, half-second Matroska clusters, a flush after every packet)
and so that the live stream is already the size the deliverable should be: finishing copies it (a remux),
so what is encoded live is what is sent. ``veryfast`` with a short look-ahead keeps macroblock-tree rate
control, which stops x264 spending bits on a webcam's sensor noise: on a noisy talking head
(bench/bench_upload_size.py) it is within 1.3x the bytes of x264 ``medium`` at the same VMAF, where
``ultrafast`` with zero latency sent about 7x (issue 16).
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import ffmpeg
import numpy as np

from recorder.media.ffmpeg_binary import FfmpegNotFoundError, ffmpeg_exe
from recorder.ports import Frame

_STDERR_TAIL_BYTES = 4000


@dataclass(frozen=True)
class EncoderSettings:
    """x264 settings of the live encode."""

    preset: str = "veryfast"
    crf: float = 25
    #: Extra x264 options (``key=value:...``): a look-ahead of 10 frames (a third of a second held back) feeds
    #: the macroblock tree; sliced threads and no B-frames hold nothing more back, so frames leave the
    #: encoder in display order. (ultrafast would need ``8x8dct=1`` for the High profile.)
    x264_params: str = "rc-lookahead=10:bframes=0:sliced-threads=1:sync-lookahead=0"
    #: x264 tune, e.g. "zerolatency" (which turns the look-ahead and macroblock tree off); None for none.
    tune: str | None = None
    #: A keyframe every 5 s: one a second doubled the bytes of a noisy talking head (a keyframe carries the
    #: noise afresh); a crash still loses nothing before the last cluster, since later frames decode from it.
    keyframe_s: float = 5.0


class EncoderError(RuntimeError):
    """The encoder could not start or stopped; the message is plain English, ``detail`` is for logs."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


def encoder_command(
    out: Path,
    in_size: tuple[int, int],
    out_size: tuple[int, int],
    fps: int,
    settings: EncoderSettings,
    exe: str,
) -> list[str]:
    """The ffmpeg command line (split out so tests can read it)."""
    stream = ffmpeg.input("pipe:", format="rawvideo", pix_fmt="bgr24", s=f"{in_size[0]}x{in_size[1]}",
                          framerate=fps)  # fmt: skip
    if in_size != out_size:
        stream = stream.filter("scale", out_size[0], out_size[1])
    output = ffmpeg.output(
        stream,
        str(out),
        vcodec="libx264",
        preset=settings.preset,
        crf=settings.crf,
        g=max(1, round(settings.keyframe_s * fps)),
        pix_fmt="yuv420p",
        format="matroska",
        cluster_time_limit=500,
        flush_packets=1,
        **{"profile:v": "high", "fps_mode": "passthrough"},
        **({"x264-params": settings.x264_params} if settings.x264_params else {}),
        **({"tune": settings.tune} if settings.tune else {}),
    )
    args: list[str] = output.global_args("-hide_banner", "-loglevel", "error", "-nostats").compile(cmd=exe)
    return args


class LiveEncoder:
    """One ffmpeg process encoding frames written with :meth:`write` into ``out``.

    Args:
        out: The video.mkv to write.
        in_size: Size of the frames that will be written.
        out_size: Size of the encoded video (scaled by ffmpeg when different).
        fps: Constant frame rate of the written frame sequence.
        settings: x264 settings.
        exe: ffmpeg binary (default: :func:`ffmpeg_exe`).

    Raises:
        EncoderError: ffmpeg could not be started.
    """

    def __init__(
        self,
        out: Path,
        in_size: tuple[int, int],
        out_size: tuple[int, int],
        fps: int,
        settings: EncoderSettings | None = None,
        exe: str | None = None,
    ) -> None:
        try:
            binary = ffmpeg_exe(exe)
        except FfmpegNotFoundError as exc:
            raise EncoderError(str(exc)) from exc
        self.command = encoder_command(out, in_size, out_size, fps, settings or EncoderSettings(), binary)
        self._frame_bytes = in_size[0] * in_size[1] * 3
        try:
            self._proc = subprocess.Popen(
                self.command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        except OSError as exc:
            raise EncoderError("The video tool (ffmpeg) could not be started.", str(exc)) from exc
        self._stderr = b""
        self._drain = threading.Thread(target=self._read_stderr, name="encoder-stderr", daemon=True)
        self._drain.start()
        self.frames_written = 0

    def _read_stderr(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            self._stderr = (self._stderr + line)[-_STDERR_TAIL_BYTES:]

    @property
    def stderr_tail(self) -> str:
        return self._stderr.decode("utf-8", "replace")

    def write(self, frame: Frame) -> None:
        """Sends one frame (blocks while ffmpeg is busy; the pipe holds a little).

        Raises:
            EncoderError: ffmpeg has stopped (crashed, disk full...).
        """
        if frame.nbytes != self._frame_bytes:
            raise ValueError(f"frame of {frame.nbytes} bytes, expected {self._frame_bytes}")
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(np.ascontiguousarray(frame).data.cast("B"))
        except (BrokenPipeError, OSError, ValueError) as exc:
            message = "The video could not be saved: the video tool stopped."
            raise EncoderError(message, self.stderr_tail) from exc
        self.frames_written += 1

    def close(self, timeout_s: float = 30.0) -> None:
        """Ends the stream and waits for ffmpeg to finish the file.

        Raises:
            EncoderError: ffmpeg reported an error or did not finish in time.
        """
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            with contextlib.suppress(OSError):  # ffmpeg already gone: its exit code tells
                self._proc.stdin.close()
        try:
            code = self._proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            self._proc.kill()
            self._proc.wait()
            raise EncoderError("The video tool did not finish saving the video in time.") from exc
        self._drain.join(timeout=2)
        if code != 0:
            raise EncoderError("The video tool reported an error while saving the video.", self.stderr_tail)

    def kill(self) -> None:
        """Stops ffmpeg at once (used when giving up)."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
