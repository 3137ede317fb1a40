"""Preview sources outside recording: a camera and a microphone opened and read on their own threads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from recorder.ports import AudioSource, Frame, Pcm, SourceError, VideoSource

log = logging.getLogger(__name__)


class SourcePump:
    """Opens a video and an audio source on their own threads and hands what they yield to callbacks.

    Used for previews outside recording (the device check, the prompt before recording). Opening happens
    on the pump threads too, because opening a camera can take a moment. Callbacks run on the pump threads:
    they must only store values (e.g. :meth:`ui.widgets.preview.VideoPreview.offer`), never touch widgets.
    Errors are kept in :attr:`video_error` / :attr:`audio_error` (plain English) for the UI to poll, the
    exceptions themselves in :attr:`video_failure` / :attr:`audio_failure` (set first; their message codes
    let the UI translate them, see :mod:`ui.core_messages`).

    Args:
        open_video: returns an opened VideoSource (may raise SourceError), or None for no video.
        open_audio: returns an opened AudioSource (may raise SourceError), or None for no audio.
        on_frame: called with each frame.
        on_pcm: called with each PCM block.
    """

    def __init__(
        self,
        open_video: Callable[[], VideoSource] | None,
        open_audio: Callable[[], AudioSource] | None,
        on_frame: Callable[[Frame], None],
        on_pcm: Callable[[Pcm], None],
    ) -> None:
        self.video_error: str | None = None
        self.audio_error: str | None = None
        self.video_failure: BaseException | None = None
        self.audio_failure: BaseException | None = None
        self.video_running = False
        self.audio_running = False
        #: True once the source opened (an error after that is "in use" or "stopped", not "not found")
        self.video_opened = False
        self.audio_opened = False
        #: frames / blocks delivered so far
        self.video_frames = 0
        self.audio_blocks = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._sources: list[VideoSource | AudioSource] = []
        self._threads: list[threading.Thread] = []
        if open_video is not None:
            self._threads.append(
                threading.Thread(
                    target=self._run_video, args=(open_video, on_frame), name="preview-video", daemon=True
                )
            )
        if open_audio is not None:
            self._threads.append(
                threading.Thread(
                    target=self._run_audio, args=(open_audio, on_pcm), name="preview-audio", daemon=True
                )
            )
        for thread in self._threads:
            thread.start()

    def _keep(self, source: VideoSource | AudioSource) -> bool:
        with self._lock:
            if self._stop.is_set():
                source.close()
                return False
            self._sources.append(source)
            return True

    def _run_video(self, open_video: Callable[[], VideoSource], on_frame: Callable[[Frame], None]) -> None:
        try:
            source = open_video()
            if not self._keep(source):
                return
            self.video_opened = self.video_running = True
            for _t_ns, frame in source.frames():
                if self._stop.is_set():
                    break
                self.video_frames += 1
                on_frame(frame)
        except SourceError as error:
            self.video_failure = error
            self.video_error = str(error)
        except Exception as error:  # a broken driver must not kill the app silently
            log.exception("Video preview failed")
            self.video_failure = error
            self.video_error = str(error) or type(error).__name__
        finally:
            self.video_running = False

    def _run_audio(self, open_audio: Callable[[], AudioSource], on_pcm: Callable[[Pcm], None]) -> None:
        try:
            source = open_audio()
            if not self._keep(source):
                return
            self.audio_opened = self.audio_running = True
            for _t_ns, pcm in source.blocks():
                if self._stop.is_set():
                    break
                self.audio_blocks += 1
                on_pcm(pcm)
        except SourceError as error:
            self.audio_failure = error
            self.audio_error = str(error)
        except Exception as error:
            log.exception("Audio preview failed")
            self.audio_failure = error
            self.audio_error = str(error) or type(error).__name__
        finally:
            self.audio_running = False

    def stop(self, timeout_s: float = 5.0) -> None:
        """Close the sources and wait for the threads, so the devices are free for the recorder."""
        with self._lock:
            self._stop.set()
            sources, self._sources = self._sources, []
        for source in sources:
            try:
                source.close()
            except Exception:
                log.exception("Closing a preview source failed")
        for thread in self._threads:
            thread.join(timeout_s)
