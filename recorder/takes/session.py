"""Records one take: capture threads → a small queue → the writer thread → ffmpeg, plus audio.pcm and journal.

State diagram (:class:`RecordingState`)::

    READY --start()--> RECORDING --stop() / time limit / a source ends or fails--> STOPPING
    STOPPING --writer drained, ffmpeg closed, journal written--> STOPPED   (frames were recorded)
                                                              \\-> FAILED  (nothing usable was recorded)

Threads: the video source is iterated on ``take-video`` (it only stamps media time 0, calls the preview
callback and queues frames), the audio source on ``take-audio`` (aligns and appends audio.pcm), and
``take-writer`` places frames on the constant-frame-rate timeline and feeds ffmpeg
(:class:`~recorder.takes.frame_writer.FrameWriter`), rewrites the journal about once a second and, when
capture has ended, finishes the files. Whatever ends a take, what was recorded is
kept and the journal says why it ended (``stop_reason``) in plain English.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from errno import ENOSPC
from pathlib import Path
from typing import Any

from recorder.messages import MessageCode
from recorder.ports import AudioSource, Clock, Frame, SourceError, VideoSource
from recorder.private import FOLDER_MODE
from recorder.takes.audio_track import AudioTrack, peak_dbfs
from recorder.takes.encoder import EncoderError, EncoderSettings, LiveEncoder
from recorder.takes.folder import TakeLock, new_take_id, takes_root
from recorder.takes.frame_writer import FrameWriter
from recorder.takes.journal import new_journal, read_journal, write_journal
from recorder.takes.preflight import RecordingError, check_folder, needed_bytes
from recorder.takes.status import (
    ERROR_NO_PICTURE,
    REASON_AUDIO_ENDED,
    REASON_TIME_LIMIT,
    REASON_VIDEO_ENDED,
    RecordingState,
    RecordingStatus,
    TakeResult,
    encoder_stop_reason,
    plain_os_error,
    utc_now,
)

__all__ = [
    "REASON_AUDIO_ENDED",
    "REASON_TIME_LIMIT",
    "REASON_VIDEO_ENDED",
    "RecordingError",
    "RecordingState",
    "RecordingStatus",
    "TakeRecorder",
    "TakeResult",
]

log = logging.getLogger(__name__)

JOURNAL_EVERY_S = 1.0


class TakeRecorder:
    """One take; owns the capture and writer threads and the ffmpeg process (CONTRACTS.md section 4).

    Args:
        submission_dir: The submission folder; the take goes into ``takes/<take_id>/``.
        video: An opened camera (the recorder closes it).
        audio: An opened microphone (the recorder closes it).
        clock: The clock both sources stamp with.
        prompt_id: The prompt answered, for the journal.
        size: Size of the recorded video; camera frames of another size are scaled.
        fps: Constant frame rate of the recording.
        max_duration_s: Stop by itself after this long (None: only on :meth:`stop`).
        on_preview: Called with every captured frame on the capture thread (must only store it).
        on_audio_level: Called with each audio block's peak in dBFS on the audio thread.
        encoder: x264 settings of the live encode.
        ffmpeg: ffmpeg binary to use (default: configured/imageio-ffmpeg, see ``ffmpeg_exe``).
    """

    def __init__(
        self,
        submission_dir: Path,
        video: VideoSource,
        audio: AudioSource,
        *,
        clock: Clock,
        prompt_id: str | None = None,
        size: tuple[int, int] = (1280, 720),
        fps: int = 30,
        max_duration_s: float | None = None,
        on_preview: Callable[[Frame], None] | None = None,
        on_audio_level: Callable[[float], None] | None = None,
        encoder: EncoderSettings | None = None,
        ffmpeg: str | None = None,
    ) -> None:
        self.submission_dir = Path(submission_dir)
        self.take_id = new_take_id()
        self.take_dir = takes_root(self.submission_dir) / self.take_id
        self._video = video
        self._audio = audio
        self._clock = clock
        self._prompt_id = prompt_id
        self._size = size
        self._fps = int(fps)
        self._max_duration_s = max_duration_s
        self._on_preview = on_preview
        self._on_level = on_audio_level
        self._encoder_settings = encoder or EncoderSettings()
        self._ffmpeg = ffmpeg

        self._lock = threading.Lock()
        self._state = RecordingState.READY
        self._stop_reason: str | None = None
        self._stop_requested = threading.Event()
        self._finished = threading.Event()
        self._t0_ns: int | None = None
        self._stop_request_ns: int | None = None
        self._writer = FrameWriter(self._fps, max_duration_s)
        self._threads: list[threading.Thread] = []
        self._take_lock: TakeLock | None = None
        self._encoder: LiveEncoder | None = None
        self._track: AudioTrack | None = None
        self._journal: dict[str, Any] = {}
        self._result: TakeResult | None = None
        self._timings: dict[str, float] = {}
        self._last_journal_s = 0.0

    # -- public API --------------------------------------------------------------------------------
    @property
    def status(self) -> RecordingStatus:
        """The current state and counts (a frozen snapshot)."""
        counts = self._writer.counts()
        with self._lock:
            return RecordingStatus(
                state=self._state,
                elapsed_s=self._elapsed_s(counts.written),
                frames_written=counts.written,
                frames_duplicated=counts.duplicated,
                frames_dropped=counts.dropped,
                stop_reason=self._stop_reason,
            )

    def preflight(self) -> None:
        """Checks the folder can be written and has room for the whole take.

        Raises:
            RecordingError: in plain English, before anything is recorded.
        """
        need_bytes = needed_bytes(self._size, self._fps, self._max_duration_s)
        check_folder(takes_root(self.submission_dir), need_bytes)

    def start(self) -> None:
        """Creates the take folder and journal, starts ffmpeg and the capture threads.

        Raises:
            RecordingError: the take could not start (nothing is left behind).
        """
        with self._lock:
            if self._state is not RecordingState.READY:
                raise RecordingError(
                    "This recording has already been started.", code=MessageCode.RECORDING_ALREADY_STARTED
                )
        self.preflight()
        try:
            self.take_dir.mkdir(mode=FOLDER_MODE)  # owner-only (recorder.private); its parent was checked
            self._take_lock = TakeLock(self.take_dir)
            self._take_lock.acquire()
            audio_format = self._audio.format
            self._journal = new_journal(
                self.take_id, self._prompt_id, self._size, self._fps, audio_format.rate_hz,
                audio_format.channels, encoder={"preset": self._encoder_settings.preset,
                                                "crf": self._encoder_settings.crf},
            )  # fmt: skip
            write_journal(self.take_dir, self._journal)
            self._track = AudioTrack(self.take_dir / "audio.pcm", audio_format.rate_hz, audio_format.channels)
            video_format = self._video.format
            self._encoder = LiveEncoder(
                self.take_dir / "video.mkv", (video_format.width, video_format.height), self._size,
                self._fps, self._encoder_settings, self._ffmpeg,
            )  # fmt: skip
        except (OSError, EncoderError) as exc:
            self._abandon_start()
            if isinstance(exc, EncoderError):
                raise RecordingError(
                    f"The recording could not start. {exc}", code=MessageCode.RECORDING_NOT_STARTED
                ) from exc
            raise RecordingError(
                f"The recording could not start: {plain_os_error(exc)}",
                code=MessageCode.RECORDING_DISK_FULL
                if exc.errno == ENOSPC
                else MessageCode.RECORDING_NOT_STARTED,
            ) from exc
        with self._lock:
            self._state = RecordingState.RECORDING
        for target, name in ((self._capture_video, "take-video"), (self._capture_audio, "take-audio"),
                             (self._write_loop, "take-writer")):  # fmt: skip
            thread = threading.Thread(target=target, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout_s: float = 60.0) -> TakeResult:
        """Stops (if still recording), waits until the files are complete and returns the take.

        Safe to call more than once and after the take stopped by itself.
        """
        with self._lock:
            never_started = self._state is RecordingState.READY
        if never_started:
            self._video.close()
            self._audio.close()
            return TakeResult(self.take_dir, {}, None)
        self._request_stop(None)
        if not self._finished.wait(timeout_s):
            raise RecordingError(
                "The recording did not finish saving in time.", code=MessageCode.RECORDING_NOT_SAVED_IN_TIME
            )
        for thread in self._threads:
            thread.join(timeout=5)
        assert self._result is not None
        return self._result

    # -- capture threads ---------------------------------------------------------------------------
    def _capture_video(self) -> None:
        # A source may say in its own words why it ended (a file source: "The video file ended.").
        reason = str(getattr(self._video, "end_reason", "") or REASON_VIDEO_ENDED)
        try:
            for t_ns, frame in self._video.frames():
                if self._stop_requested.is_set():
                    break
                if self._t0_ns is None:
                    self._start_media_time(t_ns)
                if self._on_preview is not None:
                    try:
                        self._on_preview(frame)
                    except Exception:  # a preview problem must never cost a frame of the take
                        log.exception("The preview callback failed")
                self._writer.offer(t_ns, frame)
            else:
                self._request_stop(reason)
        except SourceError as exc:
            self._request_stop(str(exc) or reason)
        except Exception as exc:
            log.exception("The camera failed")
            self._request_stop(f"{reason} ({type(exc).__name__})")
        finally:
            self._writer.end()

    def _capture_audio(self) -> None:
        assert self._track is not None
        reason = str(getattr(self._audio, "end_reason", "") or REASON_AUDIO_ENDED)
        try:
            for t_ns, pcm in self._audio.blocks():
                if self._on_level is not None:
                    try:
                        self._on_level(peak_dbfs(pcm))
                    except Exception:
                        log.exception("The audio level callback failed")
                self._track.add(t_ns, pcm)
                if self._stop_requested.is_set() and self._capture_video_done():
                    break
            else:
                self._request_stop(reason)
        except SourceError as exc:
            self._request_stop(str(exc) or reason)
        except OSError as exc:
            self._request_stop(f"The sound could not be saved: {plain_os_error(exc)}")
        except Exception as exc:
            log.exception("The microphone failed")
            self._request_stop(f"{reason} ({type(exc).__name__})")

    def _capture_video_done(self) -> bool:
        return not self._threads[0].is_alive()

    def _start_media_time(self, t_ns: int) -> None:
        assert self._track is not None
        with self._lock:
            self._t0_ns = t_ns
        self._writer.start_media_time(t_ns)
        self._journal["t0_ns"] = t_ns
        self._track.set_t0(t_ns)

    # -- writer thread -----------------------------------------------------------------------------
    def _write_loop(self) -> None:
        assert self._encoder is not None
        self._writer.run(
            self._encoder,
            on_encoder_failed=lambda _error: self._request_stop(encoder_stop_reason(self.take_dir)),
            on_time_limit=lambda: self._request_stop(REASON_TIME_LIMIT),
            on_idle=self._maybe_journal,
        )
        self._finish()

    def _maybe_journal(self) -> None:
        now = time.monotonic()
        if now - self._last_journal_s >= JOURNAL_EVERY_S:
            self._last_journal_s = now
            try:
                self._write_progress("recording")
            except OSError as exc:
                log.info("Could not update the journal: %s", exc)

    def _write_progress(self, state: str) -> None:
        assert self._track is not None
        status = self.status
        self._journal.update(
            state=state,
            frames_written=status.frames_written,
            frames_duplicated=status.frames_duplicated,
            frames_dropped=status.frames_dropped,
            audio_samples_written=self._track.samples_written,
            av_offset_ms=self._av_offset_ms(),
        )
        write_journal(self.take_dir, self._journal)

    def _finish(self) -> None:
        """After capture ended: close ffmpeg and audio.pcm, write the final journal, release the lock."""
        started = time.perf_counter()
        assert self._encoder is not None and self._track is not None
        error: str | None = None
        try:
            self._encoder.close()
        except EncoderError as exc:
            log.info("Live encoder: %s %s", exc, exc.detail)
            self._set_reason(encoder_stop_reason(self.take_dir))
        self._timings["encoder_close"] = time.perf_counter() - started
        audio_thread = self._threads[1]
        self._audio.close()
        audio_thread.join(timeout=5)
        try:
            self._track.close()
        except OSError as exc:
            self._set_reason(f"The sound could not be saved: {plain_os_error(exc)}")
        status = self.status
        if status.frames_written == 0:
            error = ERROR_NO_PICTURE
        final_state = RecordingState.FAILED if error else RecordingState.STOPPED
        self._journal.update(stop_reason=self._stop_reason, error=error, stopped_utc=utc_now())
        try:
            self._write_progress(final_state.value)
        except OSError as exc:
            log.info("Could not write the final journal: %s", exc)
        if self._take_lock is not None:
            self._take_lock.release()
        self._timings["finish_files"] = time.perf_counter() - started
        if self._stop_request_ns is not None:
            self._timings["stop"] = round((self._clock.now_ns() - self._stop_request_ns) / 1e9, 3)
        try:
            journal = read_journal(self.take_dir)
        except (OSError, ValueError):
            journal = dict(self._journal)
        with self._lock:
            self._state = final_state
            self._result = TakeResult(
                self.take_dir, journal, self._stop_reason, {k: round(v, 3) for k, v in self._timings.items()}
            )
        self._finished.set()

    # -- stopping ----------------------------------------------------------------------------------
    def _request_stop(self, reason: str | None) -> None:
        """Asks every thread to wind down; the first reason given is kept. Never blocks for long."""
        with self._lock:
            if self._stop_requested.is_set():
                return
            self._stop_reason = reason
            self._stop_request_ns = self._clock.now_ns()
            if self._state is RecordingState.RECORDING:
                self._state = RecordingState.STOPPING
            self._stop_requested.set()
        if reason:
            log.info("Take %s stopping: %s", self.take_id, reason)
        # Video first: audio keeps running a moment longer, so it never ends before the picture.
        for source in (self._video, self._audio):
            try:
                source.close()
            except Exception:
                log.exception("Closing a source failed")

    def _set_reason(self, reason: str) -> None:
        with self._lock:
            if self._stop_reason is None:
                self._stop_reason = reason

    def _abandon_start(self) -> None:
        """Undo a start that failed half-way: nothing of it stays on disk."""
        import shutil

        if self._take_lock is not None:
            self._take_lock.release()
        shutil.rmtree(self.take_dir, ignore_errors=True)
        self._video.close()
        self._audio.close()

    # -- figures -----------------------------------------------------------------------------------
    def _elapsed_s(self, frames_written: int) -> float:
        if self._state in (RecordingState.STOPPED, RecordingState.FAILED) or self._t0_ns is None:
            return frames_written / self._fps
        end_ns = self._stop_request_ns if self._stop_request_ns is not None else self._clock.now_ns()
        elapsed = max(0.0, (end_ns - self._t0_ns) / 1e9)
        if self._max_duration_s is not None:
            elapsed = min(elapsed, self._max_duration_s)
        return round(elapsed, 3)

    def _av_offset_ms(self) -> float | None:
        """Estimated audio-minus-video display delay (ms): >0 means the sound plays late."""
        video_delay_ms = self._writer.video_delay_ms()
        if self._track is None or video_delay_ms is None or self._track.samples_written == 0:
            return None
        return round(self._track.delay_ms - video_delay_ms, 2)
