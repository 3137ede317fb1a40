"""``voicebooth --self-test --devices``: record 3 s from the real camera and microphone, report the figures.

The configured camera and microphone (``video_uri`` / ``audio_uri``, or ``--video`` / ``--audio``) are opened
through the :class:`recorder.ports.Devices` port and read at the same time, as a recording does: the camera on
a worker thread, the microphone on this one (QtMultimedia wants the main thread). Nothing is written to disk.

Reported, so IT can tell whether a PC will do:

* camera: frames per second against what the camera promised, and dropped frames (counted from gaps in the
  capture timestamps: a gap of about two frame periods is one dropped frame);
* microphone: how much sound arrived against the time, the sound level (RMS and peak, dBFS), and whether it
  heard anything at all (a muted or unplugged microphone gives silence).

A device that cannot be opened, or delivers nothing, is a FAIL with the source's own plain-English reason;
too few frames, many dropped, lost sound or silence is a WARN.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field

import numpy as np

from recorder.ports import AUDIO_RATE_HZ, AudioSource, Clock, Devices, Pcm, SourceError, VideoSource
from recorder.selftest.report import CheckResult, Status

CAPTURE_S = 3.0
#: Below this share of the promised frame rate, or above this share of dropped frames, IT is warned.
LOW_FPS_SHARE = 0.8
MANY_DROPPED_SHARE = 0.05
#: Peak level under which the microphone is taken to hear nothing (a quiet room still reaches about -60).
SILENCE_DBFS = -70.0
#: Less sound than this share of the time means the microphone lost audio.
AUDIO_SHARE_MIN = 0.9
_NS = 1_000_000_000


@dataclass
class VideoFigures:
    """What the camera delivered in the capture window."""

    promised_fps: float = 0.0
    timestamps_ns: list[int] = field(default_factory=list)
    size: tuple[int, int] = (0, 0)
    error: str | None = None

    @property
    def frames(self) -> int:
        return len(self.timestamps_ns)

    @property
    def fps(self) -> float:
        if self.frames < 2:
            return 0.0
        span_s = (self.timestamps_ns[-1] - self.timestamps_ns[0]) / _NS
        return (self.frames - 1) / span_s if span_s > 0 else 0.0

    @property
    def dropped(self) -> int:
        """Frames missing from the promised rhythm (a gap of k periods hides k - 1 frames)."""
        if self.frames < 2 or self.promised_fps <= 0:
            return 0
        period_ns = _NS / self.promised_fps
        gaps = np.diff(np.asarray(self.timestamps_ns, dtype=np.int64))
        return int(sum(max(0, round(gap / period_ns) - 1) for gap in gaps))


@dataclass
class AudioFigures:
    """What the microphone delivered in the capture window."""

    samples: int = 0
    sum_squares: float = 0.0
    peak: int = 0
    elapsed_s: float = 0.0
    error: str | None = None

    def add(self, pcm: Pcm) -> None:
        mono = pcm.astype(np.float64)
        self.samples += len(pcm)
        self.sum_squares += float(np.sum(mono * mono))
        if mono.size:
            self.peak = max(self.peak, int(np.max(np.abs(mono))))

    @property
    def seconds(self) -> float:
        return self.samples / AUDIO_RATE_HZ

    @property
    def rms_dbfs(self) -> float:
        if self.samples == 0 or self.sum_squares == 0:
            return -math.inf
        return 20 * math.log10(math.sqrt(self.sum_squares / self.samples) / 32768)

    @property
    def peak_dbfs(self) -> float:
        return 20 * math.log10(self.peak / 32768) if self.peak else -math.inf


def capture(
    devices: Devices,
    clock: Clock,
    video_uri: str,
    audio_uri: str,
    *,
    size: tuple[int, int] = (1280, 720),
    seconds: float = CAPTURE_S,
) -> tuple[VideoFigures, AudioFigures]:
    """Read the camera and the microphone together for ``seconds``; the figures (errors inside them)."""
    video, audio = VideoFigures(), AudioFigures()
    video_source: VideoSource | None = None
    audio_source: AudioSource | None = None
    try:
        video_source = devices.open_video_source(video_uri, clock, size=size)
        video.promised_fps = video_source.format.fps
        video.size = (video_source.format.width, video_source.format.height)
    except SourceError as error:
        video.error = str(error)
    try:
        audio_source = devices.open_audio_source(audio_uri, clock)
    except SourceError as error:
        audio.error = str(error)
    deadline = time.monotonic() + seconds
    reader = None
    if video_source is not None:
        reader = threading.Thread(
            target=_read_video, args=(video_source, video, deadline), name="self-test camera", daemon=True
        )
        reader.start()
    if audio_source is not None:
        started: float | None = None  # from the first sound: opening a device takes its own time
        try:
            for _t_ns, pcm in audio_source.blocks():
                if started is None:
                    started = time.monotonic() - len(pcm) / AUDIO_RATE_HZ
                audio.add(pcm)
                if time.monotonic() >= deadline:
                    break
        except SourceError as error:
            audio.error = str(error)
        finally:
            audio.elapsed_s = 0.0 if started is None else time.monotonic() - started
            audio_source.close()
    if reader is not None:
        reader.join(seconds + 5.0)
        if video_source is not None:
            video_source.close()
    return video, audio


def _read_video(source: VideoSource, video: VideoFigures, deadline: float) -> None:
    try:
        for t_ns, _frame in source.frames():
            video.timestamps_ns.append(t_ns)
            if time.monotonic() >= deadline:
                break
    except SourceError as error:
        video.error = str(error)


def camera_result(video: VideoFigures, uri: str) -> CheckResult:
    """The camera's line of the report."""
    name = f"Camera capture ({uri})"
    if video.error is not None:
        return CheckResult(name, Status.FAIL, f"No camera could be used: {video.error}")
    if video.frames == 0:
        return CheckResult(name, Status.FAIL, "The camera opened but sent no picture in 3 seconds.")
    share = video.dropped / max(1, video.frames + video.dropped)
    summary = (
        f"{video.frames} frames in {CAPTURE_S:.0f} s: {video.fps:.1f} frames per second "
        f"(the camera promised {video.promised_fps:.0f}), {video.dropped} dropped."
    )
    details = (f"Picture size {video.size[0]}x{video.size[1]}.",)
    if video.fps < LOW_FPS_SHARE * video.promised_fps or share > MANY_DROPPED_SHARE:
        advice = "Videos may look jerky: close other programs using the camera, or try another USB port."
        return CheckResult(name, Status.WARN, summary, (*details, advice))
    return CheckResult(name, Status.PASS, summary, details)


def microphone_result(audio: AudioFigures, uri: str) -> CheckResult:
    """The microphone's line of the report."""
    name = f"Microphone capture ({uri})"
    if audio.error is not None and audio.samples == 0:
        return CheckResult(name, Status.FAIL, f"No microphone could be used: {audio.error}")
    if audio.samples == 0:
        return CheckResult(name, Status.FAIL, "The microphone opened but sent no sound in 3 seconds.")
    summary = (
        f"{audio.seconds:.1f} s of sound in {audio.elapsed_s:.1f} s; level {audio.rms_dbfs:.0f} dBFS "
        f"(peak {audio.peak_dbfs:.0f} dBFS)."
    )
    if audio.peak_dbfs < SILENCE_DBFS:
        return CheckResult(
            name, Status.WARN, summary, ("It heard nothing: check the microphone is not muted or unplugged.",)
        )
    if audio.elapsed_s > 0 and audio.seconds < AUDIO_SHARE_MIN * audio.elapsed_s:
        return CheckResult(
            name, Status.WARN, summary, ("Some sound was lost on the way from the microphone.",)
        )
    return CheckResult(name, Status.PASS, summary)


def device_capture_results(
    devices: Devices, clock: Clock, video_uri: str, audio_uri: str, *, size: tuple[int, int] = (1280, 720)
) -> list[CheckResult]:
    """Record 3 s from both devices; the two report lines."""
    started = time.monotonic()
    video, audio = capture(devices, clock, video_uri, audio_uri, size=size)
    took = time.monotonic() - started
    results = [camera_result(video, video_uri), microphone_result(audio, audio_uri)]
    return [CheckResult(r.name, r.status, r.summary, r.details, took) for r in results]
