"""``file:PATH`` camera and microphone: decode a media file with ffmpeg and deliver it paced in real time.

The file is checked when it is opened (missing, not a video, no sound, unreadable → :class:`SourceError`
with a plain message, and nothing else happens). Frames and blocks are stamped ``epoch + media time`` on the
shared clock. A video and an audio source opened on the same file share one epoch, so the pair keeps the
file's own A/V sync, whichever of the two decoders starts first. When the file ends the iterator ends; when
it is damaged part-way (decoder errors, or much shorter than it claims) a :class:`SourceError` says so.
"""

from __future__ import annotations

import io
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import numpy as np

from recorder.devices.clock import wait_until_ns
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.probe import ProbeError, has_audio_stream, parse_banner, read_banner
from recorder.messages import MessageCode
from recorder.ports import AUDIO_RATE_HZ, AudioFormat, Clock, Frame, Pcm, SourceError, VideoFormat

_NS_PER_S = 1_000_000_000
#: Time given to both decoders to start before media time 0 is due.
START_LEAD_NS = 250_000_000
AUDIO_BLOCK_SAMPLES = 960  # 20 ms
#: A file that ends this much earlier than its header says is treated as damaged.
_SHORT_BY_S = 0.5
_DAMAGE_WORDS = ("invalid data", "partial file", "corrupt", "error while decoding", "truncat", "moov atom")
_STDERR_TAIL_CHARS = 4000


class _SharedEpoch:
    """Clock time of media time 0 shared by the open sources of one file (see module docstring)."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _epochs: ClassVar[dict[str, list[int]]] = {}  # path -> [epoch_ns or -1, number of open sources]

    @classmethod
    def join(cls, key: str) -> None:
        with cls._lock:
            entry = cls._epochs.setdefault(key, [-1, 0])
            entry[1] += 1

    @classmethod
    def leave(cls, key: str) -> None:
        with cls._lock:
            entry = cls._epochs.get(key)
            if entry is not None:
                entry[1] -= 1
                if entry[1] <= 0:
                    del cls._epochs[key]

    @classmethod
    def start(cls, key: str, clock: Clock) -> int:
        """The shared epoch, fixing it now (plus a start lead) when this is the first source to start."""
        with cls._lock:
            entry = cls._epochs.setdefault(key, [-1, 1])
            if entry[0] < 0:
                entry[0] = clock.now_ns() + START_LEAD_NS
            return entry[0]


def file_path_from_uri(uri: str) -> Path:
    """``file:PATH`` or ``file:///PATH`` to a path."""
    rest = uri.removeprefix("file:")
    if rest.startswith("//"):
        rest = rest[2:]
    return Path(rest).expanduser()


class _Decoder:
    """One ffmpeg decoding process writing raw media to its stdout; stderr kept for diagnosis."""

    def __init__(self, args: list[str]) -> None:
        try:
            self.proc = subprocess.Popen(
                [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as exc:
            raise SourceError(
                "The video tool (ffmpeg) could not be started to read the file.",
                code=MessageCode.FILE_TOOL_MISSING,
            ) from exc
        self._stderr = b""
        self._drain = threading.Thread(target=self._read_stderr, name="file-source-stderr", daemon=True)
        self._drain.start()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._stderr = (self._stderr + line)[-_STDERR_TAIL_CHARS:]

    def read_exact(self, size_bytes: int) -> bytearray | None:
        """The next ``size_bytes`` bytes, or None at the end of the stream."""
        stdout = self.proc.stdout
        assert isinstance(stdout, io.BufferedReader)
        buf = bytearray(size_bytes)
        view = memoryview(buf)
        got = 0
        while got < size_bytes:
            n = stdout.readinto(view[got:])
            if not n:
                return None
            got += n
        return buf

    def finish(self) -> tuple[int, str]:
        """Waits for the process; returns its exit code and the tail of its errors."""
        code = self.proc.wait()
        self._drain.join(timeout=2)
        return code, self._stderr.decode("utf-8", "replace")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def _damage_error(path: Path, code: int, stderr: str, media_s: float, expected_s: float | None) -> None:
    """Raises SourceError when decoding ended because the file is damaged."""
    lowered = stderr.lower()
    short = expected_s is not None and media_s < expected_s - _SHORT_BY_S
    if code != 0 or short or any(word in lowered for word in _DAMAGE_WORDS):
        raise SourceError(
            f"The file {path.name} is damaged: it could only be read up to {media_s:.1f} seconds"
            + (f" of {expected_s:.1f}." if expected_s else "."),
            code=MessageCode.FILE_DAMAGED,
            params={"name": path.name},
        )


class FileVideo:
    """Frames of ``path`` converted to ``fps`` and ``size``, delivered at their media time."""

    end_reason = "The video file ended."

    def __init__(
        self, path: Path, clock: Clock, size: tuple[int, int] = (1280, 720), fps: float = 30.0
    ) -> None:
        if not path.is_file():
            raise SourceError(
                f"The video file {path} does not exist.",
                code=MessageCode.VIDEO_FILE_MISSING,
                params={"path": str(path)},
            )
        try:
            info = parse_banner(read_banner(path), path.name)
        except ProbeError as exc:
            raise SourceError(
                f"The file {path.name} is not a video we can play.",
                code=MessageCode.FILE_NOT_VIDEO,
                params={"name": path.name},
            ) from exc
        if info.duration_s is None or info.duration_s < 0.2 or info.width == 0:
            raise SourceError(
                f"The file {path.name} is a picture or too short; a video is needed.",
                code=MessageCode.FILE_TOO_SHORT,
                params={"name": path.name},
            )
        self._path = path
        self._key = str(path.resolve())
        self._clock = clock
        self._width, self._height = size
        self._fps = fps
        self._expected_s = info.duration_s
        self._closed = threading.Event()
        self._decoder: _Decoder | None = None
        self._lock = threading.Lock()
        _SharedEpoch.join(self._key)
        self._joined = True

    @property
    def format(self) -> VideoFormat:
        return VideoFormat(self._width, self._height, self._fps)

    def frames(self) -> Iterator[tuple[int, Frame]]:
        """Frames until the file ends (or :meth:`close`).

        Raises:
            SourceError: the file turned out to be damaged part-way.
        """
        vf = f"fps={self._fps}:start_time=0,scale={self._width}:{self._height},setsar=1"
        args = ["-i", str(self._path), "-map", "0:v:0", "-vf", vf, "-f", "rawvideo", "-pix_fmt", "bgr24", "-"]
        with self._lock:
            if self._closed.is_set():
                return
            decoder = self._decoder = _Decoder(args)
        frame_bytes = self._width * self._height * 3
        epoch = _SharedEpoch.start(self._key, self._clock)
        index = 0
        try:
            while not self._closed.is_set():
                buf = decoder.read_exact(frame_bytes)
                if buf is None:
                    break
                t_ns = epoch + round(index * _NS_PER_S / self._fps)
                if not wait_until_ns(self._clock, t_ns, self._closed):
                    return
                yield t_ns, np.frombuffer(buf, np.uint8).reshape(self._height, self._width, 3)
                index += 1
            if self._closed.is_set():
                return
            code, stderr = decoder.finish()
            _damage_error(self._path, code, stderr, index / self._fps, self._expected_s)
        finally:
            decoder.kill()

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            if self._decoder is not None:
                self._decoder.kill()
            if self._joined:
                self._joined = False
                _SharedEpoch.leave(self._key)


class FileAudio:
    """The first audio stream of ``path`` as mono 48 kHz s16, delivered at its media time."""

    end_reason = "The sound file ended."

    def __init__(self, path: Path, clock: Clock) -> None:
        if not path.is_file():
            raise SourceError(
                f"The sound file {path} does not exist.",
                code=MessageCode.SOUND_FILE_MISSING,
                params={"path": str(path)},
            )
        banner = read_banner(path)
        if not has_audio_stream(banner):
            raise SourceError(
                f"The file {path.name} has no sound we can play.",
                code=MessageCode.FILE_NO_SOUND,
                params={"name": path.name},
            )
        try:
            self._expected_s: float | None = parse_banner(banner, path.name).duration_s
        except ProbeError:  # a sound-only file has no video stream: its length is still in the banner
            self._expected_s = None
        self._path = path
        self._key = str(path.resolve())
        self._clock = clock
        self._closed = threading.Event()
        self._decoder: _Decoder | None = None
        self._lock = threading.Lock()
        _SharedEpoch.join(self._key)
        self._joined = True

    @property
    def format(self) -> AudioFormat:
        return AudioFormat(AUDIO_RATE_HZ, 1)

    def blocks(self) -> Iterator[tuple[int, Pcm]]:
        """20 ms blocks until the file ends (or :meth:`close`).

        Raises:
            SourceError: the file turned out to be damaged part-way.
        """
        # first_pts=0 pads (or trims) so that the first sample is media time 0, like the video's start_time=0.
        args = ["-i", str(self._path), "-map", "0:a:0", "-af", "aresample=first_pts=0", "-ac", "1",
                "-ar", str(AUDIO_RATE_HZ), "-f", "s16le", "-"]  # fmt: skip
        with self._lock:
            if self._closed.is_set():
                return
            decoder = self._decoder = _Decoder(args)
        block_bytes = AUDIO_BLOCK_SAMPLES * 2
        epoch = _SharedEpoch.start(self._key, self._clock)
        sample = 0
        try:
            while not self._closed.is_set():
                buf = decoder.read_exact(block_bytes)
                if buf is None:
                    break
                start_ns = epoch + sample * _NS_PER_S // AUDIO_RATE_HZ
                end_ns = epoch + (sample + AUDIO_BLOCK_SAMPLES) * _NS_PER_S // AUDIO_RATE_HZ
                if not wait_until_ns(self._clock, end_ns, self._closed):
                    return
                yield start_ns, np.frombuffer(buf, "<i2").reshape(-1, 1)
                sample += AUDIO_BLOCK_SAMPLES
            if self._closed.is_set():
                return
            code, stderr = decoder.finish()
            _damage_error(self._path, code, stderr, sample / AUDIO_RATE_HZ, self._expected_s)
        finally:
            decoder.kill()

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            if self._decoder is not None:
                self._decoder.kill()
            if self._joined:
                self._joined = False
                _SharedEpoch.leave(self._key)
